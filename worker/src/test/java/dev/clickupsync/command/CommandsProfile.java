package dev.clickupsync.command;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The drain application running the {@code commands} handler. {@code sync.fields.min-refresh-interval=0s}:
 * the scenarios change a field right after its definitions were cached, which in production would be
 * older than the interval.
 */
public class CommandsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "commands", "sync.fields.min-refresh-interval", "0s");
    }
}
