package dev.clickupsync.budget;

import java.time.Duration;

/**
 * The next request slot is further away than the caller is willing to wait. Not a failure of
 * ClickUp or of the event: callers defer the work by {@link #retryAfter()} instead of sleeping.
 */
public class BudgetExhaustedException extends RuntimeException {
    private final Duration retryAfter;

    public BudgetExhaustedException(Duration retryAfter) {
        super("ClickUp request budget spent; next slot in " + retryAfter.toMillis() + " ms");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
