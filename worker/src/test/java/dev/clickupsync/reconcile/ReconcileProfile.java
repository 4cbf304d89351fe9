package dev.clickupsync.reconcile;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The one profile of every reconcile test (one application, one set of emulators): the drain
 * artifact with the {@code reconcile} handler selected, a token budget far above what the tests
 * need (the share itself is tested with its own cell), and the scheduled run scoped to one list so
 * the handler test does not walk what the other tests created.
 */
public class ReconcileProfile implements QuarkusTestProfile {
    /** The list {@code sync.reconcile.list-ids} names for the scheduled run. */
    public static final String HANDLER_LIST = "reconcile-handler-list";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.lambda.handler", "reconcile",
                "clickup.rate-limit.limit", "100000",
                "sync.reconcile.list-ids", HANDLER_LIST,
                "sync.metrics.emf", "false");
    }
}
