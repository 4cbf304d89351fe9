package dev.clickupsync.budget;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * ClickUp's request limit for the configured token, and how much of it clickup-sync may use.
 *
 * <p>ClickUp allows 100 requests per minute per token on Free, Unlimited and Business plans,
 * 1,000 on Business Plus and 10,000 on Enterprise. The budget is shared by every instance through
 * one DynamoDB item per token (see {@link SharedRateBudget}).
 */
@ConfigMapping(prefix = "clickup.rate-limit")
public interface BudgetConfig {

    /** Requests ClickUp allows per {@link #window()} for this token (the plan's limit). */
    @WithDefault("100")
    int limit();

    /**
     * The period the limit applies to. One minute on ClickUp; tests and the bench shrink it to run
     * the same algorithm in seconds.
     */
    @WithDefault("60s")
    Duration window();

    /**
     * Share of the limit left unused, as headroom for clock skew between instances and for other
     * clients of the same token (0.1 = use at most 90 %). Part of it becomes burst allowance.
     */
    @WithDefault("0.1")
    double safetyMargin();

    /**
     * Longest a blocking caller waits for a slot. A drain invocation should rather defer work than
     * sleep, so this stays short; longer waits fail fast with {@link BudgetExhaustedException}
     * carrying the wait, which callers use to defer.
     */
    @WithDefault("2s")
    Duration maxWait();

    /**
     * A call refused a slot that is at least this far away counts {@code ClickUpBudgetClosed}
     * (alarm {@code ClickUpBudgetClosed}). Pacing alone never pushes the next slot further than
     * about {@link #maxWait()} plus one request interval; a slot this far away means ClickUp's
     * headers or 429s closed the budget (at most one {@link #window()} at a time), and one that stays
     * closed for many minutes means something else spends the token's limit.
     */
    @WithDefault("10s")
    Duration closedAfter();
}
