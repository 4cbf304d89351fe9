package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.testkit.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconcile's share of the token's budget: its size, its key, and that it holds across a minute. */
class ReconcileBudgetTest {
    private static final String TABLE = "reconcile-budget-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
    }

    @Test
    void theShareIsAFractionOfThePlanLimitOnItsOwnKey() {
        assertThat(ReconcileBudget.limit(100, 0.3)).isEqualTo(30);
        assertThat(ReconcileBudget.limit(1_000, 0.3)).isEqualTo(300);
        assertThat(ReconcileBudget.limit(100, 0.001)).as("never zero").isEqualTo(1);
        Gcra share = ReconcileBudget.gcra(100, Duration.ofMinutes(1), 0.1, 0.3);
        assertThat(share.rate()).isEqualTo(27);
        assertThat(share.burst()).isEqualTo(2);
        assertThat(ReconcileBudget.key("pk_token")).isEqualTo("reconcile#" + BudgetKey.of("pk_token"))
                .doesNotContain("pk_token");
    }

    @Test
    void overAnyMinuteTheShareAdmitsAtMostShareTimesLimit() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SharedRateBudget share = new SharedRateBudget(dynamo, TABLE, "reconcile#" + UUID.randomUUID(),
                ReconcileBudget.gcra(100, Duration.ofMinutes(1), 0.1, 0.3), clock, clock::advance);
        int admitted = 0;
        // A greedy caller asking every 100 ms for two minutes.
        int inFirstMinute = 0;
        for (int tick = 0; tick < 1_200; tick++) {
            if (share.tryAcquire().isZero()) {
                admitted++;
                if (tick < 600) {
                    inFirstMinute++;
                }
            }
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(inFirstMinute).isLessThanOrEqualTo(30).isGreaterThanOrEqualTo(27);
        assertThat(admitted).isLessThanOrEqualTo(60);
    }
}
