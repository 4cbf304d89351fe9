package dev.clickupsync.timesync;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryUpserts;
import dev.clickupsync.store.BackfillRuns;
import dev.clickupsync.store.Watermarks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reconcile's walk of a workspace's time entries ({@code GET /team/{id}/time_entries}), for time
 * tracked without a webhook or before the mirror existed. The endpoint filters by entry start between
 * {@code start_date} and {@code end_date}, does not page, and shows only the caller's entries unless
 * {@code assignee} lists users: the walk asks for every member (or the configured users).
 *
 * <h2>Windows and the watermark</h2>
 * The walk covers {@code [from, now]} in windows of {@code window}, one call each, and after each
 * window saves how far it got: a {@link Watermarks} record per workspace, scope {@value #SCOPE}
 * ({@code cursor_ms} = the end of the last completed window, {@code in_progress} while the walk is
 * behind {@code now}, {@code backfill} during the first walk, {@code high_water_ms} = where the last
 * walk that caught up ended; compare-and-set on {@code version}, so a concurrent run stops instead of
 * overwriting). {@code from} is:
 * <ul>
 *   <li>no record: the backfill start ({@code backfill-from}, else {@code backfill-days} ago);</li>
 *   <li>a walk in progress (stopped by the deadline, the budget share, a 429/5xx, a crash): its cursor,
 *       exactly, so a backfill resumes at the window it stopped and nothing is skipped;</li>
 *   <li>else the cursor minus {@code overlap}: every run walks the trailing overlap again, which is
 *       how edits to past entries and deletions are seen;</li>
 *   <li>and never after the start of the oldest timer the mirror holds as running (looked up in the
 *       mirror over {@code running-lookback}), so a long timer is seen when it stops.</li>
 * </ul>
 * The cursor only moves forward; a window inside what was already walked saves nothing.
 *
 * <h2>One window</h2>
 * {@link WindowApply}: every element is checked ({@link TeamEntryShape}; a malformed one is skipped and
 * counted, never half stored), each entry is written newer-wins through {@link TimeEntryUpserts} (the
 * same item the task path writes, so one row per entry), and an entry the mirror holds in the window
 * that ClickUp no longer lists is tombstoned.
 *
 * <p>A backfill (the first walk, or one {@code POST /admin/backfill} rewound: {@code reconcile.WatermarkRewind}
 * moves every watermark of the workspace, this one included) reports its windows to
 * {@link TimeBackfillProgress} for {@code GET /admin/status}.
 *
 * <p>{@code beforeCall} runs before every ClickUp call: reconcile's deadline and budget share, throwing
 * to stop. A ClickUp failure propagates after the completed windows were saved.
 */
@ApplicationScoped
public class TimeWalk {
    /** The watermark's scope key in the workspace's reconcile partition. */
    public static final String SCOPE = "time_entries";
    private static final Logger LOG = Logger.getLogger(TimeWalk.class);

    private final TimeEntrySource source;
    private final TimeEntryUpserts store;
    private final Watermarks watermarks;
    private final TimeBackfillProgress progress;
    private final Metrics metrics;
    private final TimeWalkSettings settings;
    private final Clock clock;
    private final TeamEntryShape shape = new TeamEntryShape();

    @Inject
    public TimeWalk(TimeEntrySource source, TimeEntryUpserts store, DynamoDbClient dynamo, SyncConfig sync,
                    Metrics metrics, TimeWalkConfig config) {
        this(source, store, new Watermarks(dynamo, sync.tables().control()),
                new BackfillRuns(dynamo, sync.tables().control()), metrics, TimeWalkSettings.of(config), Clock.systemUTC());
    }

    /** @param runs where a backfill's progress is recorded for {@code GET /admin/status} (the control table) */
    public TimeWalk(TimeEntrySource source, TimeEntryUpserts store, Watermarks watermarks, BackfillRuns runs,
                    Metrics metrics, TimeWalkSettings settings, Clock clock) {
        this.source = source;
        this.store = store;
        this.watermarks = watermarks;
        this.progress = new TimeBackfillProgress(runs, metrics, clock);
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What one run did.
     *
     * @param caughtUp      the walk reached the run's {@code now}
     * @param walkedThrough the saved cursor after the run (null: nothing saved yet)
     */
    public record Result(int windows, int seen, int written, int deleted, int skipped, boolean caughtUp,
                         Instant walkedThrough) {
        static final Result DISABLED = new Result(0, 0, 0, 0, 0, true, null);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Walks the workspace from its watermark to now (see the class comment). */
    public Result run(String teamId, Runnable beforeCall) {
        if (!settings.enabled()) {
            return Result.DISABLED;
        }
        // ms, as ClickUp's dates and the stored cursor are: a finer now would never count as reached
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Watermarks.Stored> mark = watermarks.load(teamId, SCOPE);
        Instant from = start(teamId, mark, now);
        boolean backfill = mark.map(Watermarks.Stored::backfill).orElse(true);
        List<Long> users = settings.assignees();
        if (users.isEmpty()) {
            beforeCall.run();
            users = source.members(teamId);
        }
        WindowApply apply = new WindowApply(store, metrics, teamId, Set.copyOf(users));
        Watermarks.Stored saved = mark.orElse(null);
        Optional<String> run = backfill ? progress.adopt(teamId, from) : Optional.empty();
        int windows = 0;
        while (from.isBefore(now)) {
            Instant to = min(from.plus(settings.window()), now);
            beforeCall.run();
            Instant asked = clock.instant();
            int seen = apply.seen;
            int written = apply.written;
            apply.apply(shape, source.entries(teamId, from, to, users), from, to, asked);
            windows++;
            if (saved == null || to.toEpochMilli() > saved.cursorMillis()) {
                saved = save(teamId, saved, to, now, backfill);
                if (saved == null) {
                    metrics.increment("ReconcileTimeWalkSuperseded");
                    StructuredLog.log(LOG, Logger.Level.WARN, "reconcile time walk superseded", "team", teamId);
                    break;
                }
            }
            Instant through = to;
            run.ifPresent(id -> progress.window(teamId, id, apply.seen - seen, apply.written - written, through,
                    !through.isBefore(now)));
            from = to;
        }
        Instant through = saved == null ? null : Instant.ofEpochMilli(saved.cursorMillis());
        Result result = new Result(windows, apply.seen, apply.written, apply.deleted, apply.skipped,
                through != null && !through.isBefore(now), through);
        metrics.increment("ReconcileTimeWalk", "Outcome", result.caughtUp() ? "complete" : "incomplete");
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile time walk", "team", teamId, "windows", windows,
                "seen", result.seen(), "written", result.written(), "deleted", result.deleted(),
                "skipped", result.skipped(), "backfill", backfill, "walked_through", through == null ? "-" : through);
        return result;
    }

    /** Where this run starts (the class comment's rules). */
    private Instant start(String teamId, Optional<Watermarks.Stored> mark, Instant now) {
        Instant from;
        if (mark.isEmpty()) {
            from = settings.backfillFrom() != null ? settings.backfillFrom()
                    : now.minus(Duration.ofDays(settings.backfillDays()));
        } else {
            Instant cursor = Instant.ofEpochMilli(mark.get().cursorMillis());
            from = mark.get().inProgress() ? cursor : cursor.minus(settings.overlap());
        }
        from = min(from, now.minus(settings.overlap()));
        Instant lookFrom = now.minus(settings.runningLookback());
        if (lookFrom.isBefore(from)) {
            for (TimeEntryRecord e : store.indexed(teamId, lookFrom, from)) {
                if (e.running() && e.start() != null && e.start().isBefore(from)) {
                    from = e.start();
                }
            }
        }
        return from;
    }

    /** The cursor moved to {@code to}; null when another run or a rewind wrote the record meanwhile. */
    private Watermarks.Stored save(String teamId, Watermarks.Stored previous, Instant to, Instant now, boolean backfill) {
        boolean behind = to.isBefore(now);
        Long high = behind ? (previous == null ? null : previous.highWaterMillis()) : Long.valueOf(to.toEpochMilli());
        Watermarks.Stored next = new Watermarks.Stored(teamId, SCOPE, high, to.toEpochMilli(), Set.of(), behind,
                behind && backfill, previous == null ? 1 : previous.version() + 1, clock.instant());
        return watermarks.save(next) ? next : null;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
