package dev.clickupsync.clickup;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour that leaves lasting state (an open breaker, a budget pushed a window ahead), so it
 * runs in its own profile: its own application and its own emulators.
 */
@QuarkusTest
@TestProfile(ClickUpCircuitAndBudgetTest.SmallBreaker.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ClickUpCircuitAndBudgetTest {

    /** A breaker that opens after 4 attempts with half of them failing and probes after 300 ms; one retry. */
    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Breakers.small("300ms", Map.of());
        }
    }

    @Inject
    ClickUpClient client;

    FakeClickUp clickUp;

    @Test
    void breakerOpensOnSustainedFailureAndClosesAfterAProbe() throws Exception {
        String task = DemoWorkspace.TASK_LOGIN_BUG;
        clickUp.faults().failNext(100, 503, "/task/" + task);
        for (int i = 0; i < 2; i++) { // two calls, two attempts each
            assertThatThrownBy(() -> client.task(task)).isInstanceOf(ClickUpException.Server.class);
        }
        int before = clickUp.count("GET", "/task/" + task);
        assertThatThrownBy(() -> client.task(task)).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(clickUp.count("GET", "/task/" + task)).as("an open breaker makes no call").isEqualTo(before);

        clickUp.faults().clear();
        Thread.sleep(400);
        assertThat(client.task(task).id()).as("half-open probe").isEqualTo(task);
        assertThat(client.task(task).id()).as("closed again").isEqualTo(task);
        // Leave the budget alone after the breaker test; the next step pushes it ahead. The fake's reset
        // is ten minutes away, more than ClickUp's one-minute window can mean: the budget waits one
        // window (it used to wait all ten, for every instance on the token).
        clickUp.setRateLimit(100, Duration.ofMinutes(10));
        clickUp.faults().failNext(1, 429, "/task/" + DemoWorkspace.TASK_RELEASE_NOTES);
        assertThatThrownBy(() -> client.task(DemoWorkspace.TASK_RELEASE_NOTES))
                .as("a 429 whose reset is beyond the patience fails fast with the wait instead of sleeping")
                .isInstanceOf(BudgetExhaustedException.class)
                .satisfies(e -> assertThat(((BudgetExhaustedException) e).retryAfter())
                        .isGreaterThan(Duration.ofSeconds(30)).isLessThanOrEqualTo(Duration.ofMinutes(1)));
        int calls = clickUp.count("GET", "/task/");
        assertThatThrownBy(() -> client.task(task)).isInstanceOf(BudgetExhaustedException.class);
        assertThat(clickUp.count("GET", "/task/")).as("a spent budget makes no call").isEqualTo(calls);
    }
}
