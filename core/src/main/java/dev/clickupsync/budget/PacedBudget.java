package dev.clickupsync.budget;

import java.time.Duration;

/**
 * What every {@link RateBudget} shares: a non-blocking ask is a reservation with no patience, and a
 * blocking ask reserves the next slot and sleeps until it. Subclasses only say how a slot is
 * reserved ({@link #reserve}), in memory or in DynamoDB.
 */
abstract class PacedBudget implements RateBudget {
    private final SharedRateBudget.Sleeper sleeper;

    PacedBudget(SharedRateBudget.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /**
     * Reserves the next slot if it is at most {@code maxWait} away and returns its wait; otherwise
     * reserves nothing and returns the (longer) wait.
     */
    abstract Duration reserve(Duration maxWait);

    @Override
    public Duration tryAcquire() {
        return reserve(Duration.ZERO);
    }

    @Override
    public Duration acquire(Duration maxWait) {
        Duration wait = reserve(maxWait);
        if (wait.compareTo(maxWait) > 0) {
            throw new BudgetExhaustedException(wait);
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BudgetExhaustedException(wait);
            }
        }
        return wait;
    }
}
