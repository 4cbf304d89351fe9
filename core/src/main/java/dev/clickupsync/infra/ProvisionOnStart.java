package dev.clickupsync.infra;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Runs the {@link Provisioner} at start-up when {@code sync.provision.on-start=true} (local run, tests). */
@ApplicationScoped
public class ProvisionOnStart {

    void onStart(@Observes @Priority(1) StartupEvent event, SyncConfig config, DynamoDbClient dynamo, SqsClient sqs) {
        if (config.provision().onStart()) {
            new Provisioner(dynamo, sqs).ensure(config);
        }
    }
}
