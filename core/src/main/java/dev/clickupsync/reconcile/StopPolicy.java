package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.reconcile.ReconcileReport.Stop;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When reconcile stops early instead of waiting: before every ClickUp call, the invocation's
 * deadline minus {@code safety-margin} must not have passed, and reconcile's own budget share
 * ({@link ReconcileBudget}; the current team's token's cell, {@link ReconcileBudgets}) must give a slot within {@code budget-max-wait}. Either missing throws
 * {@link Stopped}, which the walk and the sweep turn into a result with {@code complete=false}:
 * the saved cursor (or the list's unrecorded sweep) makes the next run continue, so stopping never
 * loses work, while sleeping would eat the invocation and starve live events.
 */
record StopPolicy(ReconcileBudgets budgets, ReconcileSettings settings, Metrics metrics, Clock clock) {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** Stops (throws {@link Stopped}) when the deadline is near or reconcile's share has no slot soon. */
    void checkDeadlineAndBudget(Instant deadline) {
        checkDeadline(deadline);
        try {
            budgets.current().acquire(settings.budgetMaxWait());
        } catch (BudgetExhaustedException spent) {
            metrics.increment("ReconcileBudgetStop");
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile budget share spent", "retry_after_ms",
                    spent.retryAfter().toMillis());
            throw new Stopped(Stop.BUDGET);
        }
    }

    /** {@code work} checking the budget share of this thread's team wherever it runs (see {@link ReconcileBudgets#carried}). */
    <T> java.util.function.Supplier<T> carried(java.util.function.Supplier<T> work) {
        return budgets.carried(work);
    }

    /** Stops (throws {@link Stopped}) when the deadline minus {@code safety-margin} has passed: before work that makes no ClickUp call. */
    void checkDeadline(Instant deadline) {
        if (clock.instant().plus(settings.safetyMargin()).isAfter(deadline)) {
            metrics.increment("ReconcileDeadlineStop");
            throw new Stopped(Stop.DEADLINE);
        }
    }

    /**
     * The end of the first of {@code shares} equal slices of the time left before the deadline's safety
     * margin, as a deadline for {@link #checkSlice}: the last share's slice ends at the deadline. A step
     * that must not starve the ones after it (each workspace's comment repair) takes one slice each.
     */
    Instant slice(Instant deadline, int shares) {
        Duration left = Duration.between(clock.instant(), deadline.minus(settings.safetyMargin()));
        if (shares <= 1 || left.isNegative()) {
            return deadline;
        }
        return deadline.minus(left.multipliedBy(shares - 1).dividedBy(shares));
    }

    /**
     * Stops (throws {@link Stopped} with {@code deadline}) once {@code sliceEnd} minus the safety margin has
     * passed. Not counted as {@code ReconcileDeadlineStop}: a slice's end is the step's own limit, and what
     * it leaves the step reports ({@code ReconcileCommentDeferred}).
     */
    void checkSlice(Instant sliceEnd) {
        if (clock.instant().plus(settings.safetyMargin()).isAfter(sliceEnd)) {
            throw new Stopped(Stop.DEADLINE);
        }
    }

    /** Whether a result's stop code ends the whole run: the deadline or the budget hold for what follows too. */
    static boolean endsRun(String stopCode) {
        return Stop.DEADLINE.code().equals(stopCode) || Stop.BUDGET.code().equals(stopCode);
    }

    /** Ends a walk or sweep early with a reason; never escapes the reconcile package. */
    static final class Stopped extends RuntimeException {
        final Stop stop;

        Stopped(Stop stop) {
            super(stop.code(), null, false, false);
            this.stop = stop;
        }
    }
}
