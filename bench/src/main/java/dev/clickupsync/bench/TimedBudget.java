package dev.clickupsync.bench;

import dev.clickupsync.budget.RateBudget;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RateBudget} that adds up how long its callers slept in {@link #acquire} waiting for their
 * slot: the backfill's idle time (the budget's own DynamoDB write is work, not idle time).
 */
final class TimedBudget implements RateBudget {
    private final RateBudget delegate;
    private final AtomicLong waitedNanos = new AtomicLong();

    TimedBudget(RateBudget delegate) {
        this.delegate = delegate;
    }

    long waitedNanos() {
        return waitedNanos.get();
    }

    @Override
    public Duration tryAcquire() {
        return delegate.tryAcquire();
    }

    @Override
    public Duration acquire(Duration maxWait) {
        Duration waited = delegate.acquire(maxWait);
        waitedNanos.addAndGet(waited.toNanos());
        return waited;
    }

    @Override
    public void observe(int remaining, long resetEpochMillis) {
        delegate.observe(remaining, resetEpochMillis);
    }

    @Override
    public void onRateLimited(long resetEpochMillis) {
        delegate.onRateLimited(resetEpochMillis);
    }
}
