package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.SharedRateBudget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Reconcile's own slice of the token's ClickUp budget: a second {@link SharedRateBudget}, keyed
 * {@code reconcile#<token hash>} (item {@code budget#reconcile#<hash>}), whose limit is
 * {@code share x clickup.rate-limit.limit} over the same window and safety margin. Reconcile takes
 * a slot here before every call, and the call then takes its slot of the token's budget as any
 * call does; so reconcile can never use more than its share, and live events keep the rest.
 */
public final class ReconcileBudget {
    private ReconcileBudget() {
    }

    /** The reconcile cell's key (the token itself never appears). */
    public static String key(String token) {
        return keyOf(BudgetKey.of(token));
    }

    /** The cell's key for the token whose {@link BudgetKey} is {@code tokenKey}. */
    public static String keyOf(String tokenKey) {
        return "reconcile#" + tokenKey;
    }

    /** The share's limit: {@code floor(share x limit)}, at least 1. */
    public static int limit(int tokenLimit, double share) {
        return Math.max(1, (int) Math.floor(tokenLimit * share + 1e-9));
    }

    /** The GCRA of the share: same window and margin as the token's budget, limit scaled down. */
    public static Gcra gcra(BudgetConfig budget, double share) {
        return gcra(budget.limit(), budget.window(), budget.safetyMargin(), share);
    }

    public static Gcra gcra(int tokenLimit, Duration window, double safetyMargin, double share) {
        return new Gcra(limit(tokenLimit, share), window, safetyMargin);
    }

    public static RateBudget shared(DynamoDbClient dynamo, String controlTable, String token, BudgetConfig budget,
                                    double share, Clock clock) {
        return sharedByKey(dynamo, controlTable, BudgetKey.of(token), budget, share, clock);
    }

    /** The share of the token whose {@link BudgetKey} is {@code tokenKey}: another workspace's token's cell. */
    public static RateBudget sharedByKey(DynamoDbClient dynamo, String controlTable, String tokenKey, BudgetConfig budget,
                                         double share, Clock clock) {
        return new SharedRateBudget(dynamo, controlTable, keyOf(tokenKey), gcra(budget, share), clock,
                duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }
}
