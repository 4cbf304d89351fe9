package dev.clickupsync.queue;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpDisabledException;
import dev.clickupsync.clickup.ClickUpFailures;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The timing rules both queue consumers settle by; plain values, no emulator needed. */
class ReceivePolicyTest {
    private final ReceivePolicy policy = new ReceivePolicy(Duration.ofSeconds(60), Duration.ofSeconds(3),
            Duration.ofSeconds(30), Duration.ofSeconds(15), 5);

    @Test
    void aLockNeverOutlivesTheInvocationMinusTheMargin() {
        Duration lock = policy.lockFor(Instant.now().plusSeconds(13));

        assertThat(lock).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
    }

    @Test
    void aLockIsAtMostMaxLockWhenTheInvocationHasLongLeft() {
        assertThat(policy.lockFor(Instant.now().plusSeconds(900))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aLockTakenPastTheMarginIsOneSecondNotZeroOrNegative() {
        assertThat(policy.lockFor(Instant.now().plusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.lockFor(Instant.now().minusSeconds(10))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void callsEndTheMarginBeforeTheDeadlineAndWorkStopsWithinIt() {
        Instant deadline = Instant.now().plusSeconds(2);

        assertThat(policy.callDeadline(deadline)).isEqualTo(deadline.minusSeconds(3));
        assertThat(policy.outOfTime(deadline)).isTrue();
        assertThat(policy.outOfTime(Instant.now().plusSeconds(60))).isFalse();
    }

    @Test
    void theKillSwitchAndAnOpenBreakerWaitTheirConfiguredTimes() {
        assertThat(policy.deferral(ClickUpFailures.classify(new ClickUpDisabledException())))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.deferral(ClickUpFailures.classify(new CircuitBreakerOpenException("clickup"))))
                .isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aFailureThatSaysHowLongToWaitIsWaitedOutInsteadOfTheConfiguredTime() {
        assertThat(policy.deferral(ClickUpFailures.classify(new BudgetExhaustedException(Duration.ofMillis(2500)))))
                .isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void theMaxReceiveCountThReceiveIsTheLastBeforeTheDlq() {
        assertThat(policy.lastReceive(new QueuedEvent("m", "{}", Map.of(), 4))).isFalse();
        assertThat(policy.lastReceive(new QueuedEvent("m", "{}", Map.of(), 5))).isTrue();
    }
}
