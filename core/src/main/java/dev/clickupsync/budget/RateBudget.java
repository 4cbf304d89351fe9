package dev.clickupsync.budget;

import java.time.Duration;

/**
 * Paces calls to ClickUp under one token's limit. Two ways to ask:
 * {@link #tryAcquire()} never waits (a Lambda can defer instead of sleeping), {@link #acquire}
 * reserves the next slot and sleeps until it when that is within the caller's patience.
 */
public interface RateBudget {

    /** Takes a slot if one is free now; otherwise returns how long until one is, taking nothing. */
    Duration tryAcquire();

    /**
     * Reserves the next slot and waits for it.
     *
     * @return how long it waited
     * @throws BudgetExhaustedException when the slot is more than {@code maxWait} away (nothing is reserved)
     */
    Duration acquire(Duration maxWait);

    /** What ClickUp's {@code X-RateLimit-Remaining} / {@code X-RateLimit-Reset} said; only ever slows down. */
    void observe(int remaining, long resetEpochMillis);

    /** ClickUp answered 429: nothing more until its reset time. */
    void onRateLimited(long resetEpochMillis);
}
