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
     * The answer to one ask: the delay until the slot, and whether the slot is now the caller's.
     * Only a reserved slot may be used for a call; an unreserved answer says how long to wait
     * (or defer) before asking again.
     */
    record Reservation(Duration delay, boolean reserved) {
        static Reservation of(Duration delay) {
            return new Reservation(delay, true);
        }

        /** Nothing reserved; the wait is never zero, so no caller can mistake it for a slot. */
        static Reservation none(Duration delay) {
            return new Reservation(delay.isZero() ? Duration.ofNanos(1_000) : delay, false);
        }
    }

    /**
     * Reserves the next slot if it is at most {@code maxWait} away; otherwise, or when the slot
     * could not be secured, reserves nothing and says how long to wait.
     */
    abstract Reservation reserve(Duration maxWait);

    @Override
    public Duration tryAcquire() {
        return reserve(Duration.ZERO).delay(); // zero only when reserved (Reservation#none)
    }

    @Override
    public Duration acquire(Duration maxWait) {
        Reservation reservation = reserve(maxWait);
        Duration wait = reservation.delay();
        if (!reservation.reserved() || wait.compareTo(maxWait) > 0) {
            // No slot is ours: calling ClickUp now would be a call outside the budget.
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
