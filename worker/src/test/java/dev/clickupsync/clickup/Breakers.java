package dev.clickupsync.clickup;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening the application's circuit breaker on purpose, for tests of what waits behind it. */
public final class Breakers {
    private Breakers() {
    }

    /**
     * Overrides for a breaker that opens after 4 failed attempts (two calls of two attempts each)
     * and stays open for {@code delay}, plus {@code extra}.
     */
    public static Map<String, String> small(String delay, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "clickup.api.circuit-breaker.request-volume", "4",
                "clickup.api.circuit-breaker.failure-ratio", "0.5",
                "clickup.api.circuit-breaker.delay", delay,
                "clickup.api.circuit-breaker.success-threshold", "1",
                "clickup.api.retry.max-retries", "1"));
        config.putAll(extra);
        return config;
    }

    /** ClickUp fails until the breaker opens, then answers again: the breaker does not know yet. */
    public static void trip(FakeClickUp clickUp, ClickUpClient client) {
        clickUp.faults().failNext(100, 503, "/task/");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.task(DemoWorkspace.TASK_LOGIN_BUG)).isInstanceOf(ClickUpException.Server.class);
        }
        assertThatThrownBy(() -> client.task(DemoWorkspace.TASK_LOGIN_BUG)).isInstanceOf(CircuitBreakerOpenException.class);
        clickUp.faults().clear();
    }
}
