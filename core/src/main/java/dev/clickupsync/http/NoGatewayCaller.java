package dev.clickupsync.http;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Outside Lambda no gateway authorizes anybody: never an IAM caller. */
@DefaultBean
@ApplicationScoped
public class NoGatewayCaller implements GatewayCaller {

    @Override
    public Optional<String> iamCaller() {
        return Optional.empty();
    }
}
