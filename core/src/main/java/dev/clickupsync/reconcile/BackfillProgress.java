package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.BackfillRuns;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records what a backfill has done, for {@code GET /admin/status}: one {@link BackfillRuns} item per
 * scope. A rewind ({@link WatermarkRewind}) starts a run as {@value #REQUESTED}; the walk that
 * finds its watermark in a backfill ({@link ChangeWalk}) adopts that run, or starts one for a first
 * run that no rewind announced, and then writes once per page: {@value #RUNNING} with the page's
 * counts, {@value #DONE} on the last page, {@value #PAUSED} when the deadline or the budget stopped
 * it (the next run resumes it and keeps counting), {@value #FAILED} on an error (likewise retried).
 *
 * <p>Progress is a report, never a precondition: a failed progress write is counted
 * ({@code BackfillProgressError{Reason}}) and logged, and the walk goes on. ClickUp's task listing
 * gives no total, so the expected total stays unknown ({@code null}).
 */
record BackfillProgress(BackfillRuns runs, Metrics metrics, Clock clock) {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    static final String REQUESTED = "requested";
    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    static final String FAILED = "failed";
    static final String DONE = "done";

    /** A rewind of the scope to {@code from}: a new run replaces the scope's previous one. */
    void requested(String teamId, String scopeKey, Instant from) {
        Instant now = clock.instant();
        quietly("request", () -> {
            runs.start(new BackfillRuns.Run(UUID.randomUUID().toString(), teamId, scopeKey, REQUESTED, from, now,
                    null, now, null, 0, 0, 0, from.toEpochMilli(), null));
            return null;
        });
    }

    /**
     * The run a backfilling walk of {@code scope} reports to: the recorded one unless it is finished
     * (then this walk is a backfill no rewind announced, e.g. a scope's first run, and gets its own).
     */
    Optional<String> adopt(Scope scope, KeysetCursor start) {
        return Optional.ofNullable(quietly("adopt", () -> {
            Optional<BackfillRuns.Run> recorded = runs.load(scope.teamId(), scope.key());
            if (recorded.isPresent() && !DONE.equals(recorded.get().state())) {
                return recorded.get().runId();
            }
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            runs.start(new BackfillRuns.Run(id, scope.teamId(), scope.key(), REQUESTED, Instant.ofEpochMilli(start.millis()),
                    now, null, now, null, 0, 0, 0, start.millis(), null));
            return id;
        }));
    }

    /** One page of the run written and its cursor saved. */
    void page(Scope scope, String runId, int pages, int seen, int written, KeysetCursor cursor, boolean last) {
        quietly("page", () -> runs.progressed(scope.teamId(), scope.key(), runId, pages, seen, written, cursor.millis(),
                last ? DONE : RUNNING, last, clock.instant()));
    }

    /** The walk ended before the end of the run: {@code paused} for a deadline or budget, {@code failed} for an error. */
    void stopped(Scope scope, String runId, ReconcileReport.Stop stop) {
        if (stop == ReconcileReport.Stop.SUPERSEDED) {
            return; // a newer run (a rewind) or another walk owns the record now
        }
        String state = stop == ReconcileReport.Stop.ERROR ? FAILED : PAUSED;
        quietly("stop", () -> runs.stopped(scope.teamId(), scope.key(), runId, state, stop.code(), clock.instant()));
    }

    private <T> T quietly(String step, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            String reason = ClickUpFailures.reason(e);
            metrics.increment("BackfillProgressError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.WARN, "backfill progress not recorded", "step", step, "reason", reason,
                    "error", e.getClass().getSimpleName());
            return null;
        }
    }
}
