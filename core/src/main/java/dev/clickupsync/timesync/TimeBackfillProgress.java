package dev.clickupsync.timesync;

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
 * The time walk's backfill as a {@link BackfillRuns} record (scope {@value TimeWalk#SCOPE}), so
 * {@code GET /admin/status} shows it like the task walk's: a run requested by {@code POST /admin/backfill}
 * (whose rewind moves this watermark too) or started by a first walk, then one update per window
 * ({@code pages} = windows, {@code tasks_seen}/{@code tasks_written} = entries listed/written),
 * {@code running} until the walk catches up ({@code done}). The state names are reconcile's
 * ({@code reconcile.BackfillProgress}). A report, never a precondition: a failed write is counted
 * ({@code BackfillProgressError{Reason}}) and the walk goes on.
 */
final class TimeBackfillProgress {
    private static final Logger LOG = Logger.getLogger(TimeWalk.class);
    static final String REQUESTED = "requested";
    static final String RUNNING = "running";
    static final String DONE = "done";

    private final BackfillRuns runs;
    private final Metrics metrics;
    private final Clock clock;

    TimeBackfillProgress(BackfillRuns runs, Metrics metrics, Clock clock) {
        this.runs = runs;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The run this backfilling walk reports to: the recorded one unless finished, else a new one from {@code from}. */
    Optional<String> adopt(String teamId, Instant from) {
        return Optional.ofNullable(quietly("adopt", () -> {
            Optional<BackfillRuns.Run> recorded = runs.load(teamId, TimeWalk.SCOPE);
            if (recorded.isPresent() && !DONE.equals(recorded.get().state())) {
                return recorded.get().runId();
            }
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            runs.start(new BackfillRuns.Run(id, teamId, TimeWalk.SCOPE, REQUESTED, from, now, null, now, null, 0, 0, 0,
                    from.toEpochMilli(), null));
            return id;
        }));
    }

    /** One window walked and saved. */
    void window(String teamId, String runId, int seen, int written, Instant to, boolean caughtUp) {
        quietly("page", () -> runs.progressed(teamId, TimeWalk.SCOPE, runId, 1, seen, written, to.toEpochMilli(),
                caughtUp ? DONE : RUNNING, caughtUp, clock.instant()));
    }

    private <T> T quietly(String step, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            String reason = ClickUpFailures.reason(e);
            metrics.increment("BackfillProgressError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.WARN, "backfill progress not recorded", "scope", TimeWalk.SCOPE,
                    "step", step, "reason", reason, "error", e.getClass().getSimpleName());
            return null;
        }
    }
}
