package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.Pages;
import dev.clickupsync.clickup.TaskQuery;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.reconcile.ReconcileReport.Stop;
import dev.clickupsync.reconcile.ReconcileReport.SweepResult;
import dev.clickupsync.store.ListMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reconcile and backfill: brings the mirror back to ClickUp's truth for whatever webhooks missed.
 * See the package comment for the design; in short, per workspace and scope:
 *
 * <ol>
 *   <li>start at the stored watermark minus the overlap (or, for a walk that stopped early, exactly
 *       at its saved cursor; or, the first time, {@code backfill-days} ago);</li>
 *   <li>list {@code GET /team/{id}/task} oldest update first, closed tasks and subtasks included,
 *       one page per query: after each page query again from page 0 with
 *       {@code date_updated_gt} = the newest {@code date_updated} done minus 1 ms (a keyset, see
 *       {@link KeysetCursor}), so a task updated mid-walk is never skipped;</li>
 *   <li>write every listed task the mirror does not already hold at that version through the
 *       mirror's guarded write (an older {@code date_updated} never wins), and record it in its
 *       list's membership (for the deletion sweep). A listing is ClickUp's answer that the task
 *       exists, so it also replaces a tombstone a {@code 404} left before the page was asked for,
 *       whatever its version ({@link MirrorStore}'s rule 5, counted as
 *       {@code MirrorTombstoneHealed{Source=reconcile}});</li>
 *   <li>save the cursor after each page (compare-and-set), so a crash, a timeout or a spent budget
 *       resumes where it stopped; at the end, raise the watermark to the newest {@code date_updated}
 *       processed (ClickUp's clock, never ours).</li>
 * </ol>
 *
 * <p>The next page is requested while the current one is written ({@link PageAhead}): its keyset
 * depends only on the listing, so a page costs the longer of the two, not their sum.
 *
 * <p>Before every ClickUp call: the invocation's deadline minus {@code safety-margin}, then a slot
 * of reconcile's own budget share ({@link ReconcileBudget}); either missing stops the run with
 * {@code complete=false} rather than sleeping.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final int PAGE_SIZE = Pages.PAGE_SIZE;
    private static final int SAVE_ATTEMPTS = 5;
    private static final int GROUP_PASSES = 3;
    /** Concurrent conditional writes per page (see {@link #write}); the threads are daemons, shared by runs. */
    private static final int WRITE_CONCURRENCY = 8;
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(WRITE_CONCURRENCY, runnable -> {
        Thread thread = new Thread(runnable, "reconcile-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final ClickUpClient clickUp;
    private final MirrorStore mirror;
    private final WatermarkStore watermarks;
    private final ListMembership membership;
    private final Metrics metrics;
    private final ReconcileSettings settings;
    private final RateBudget budget;
    private final Clock clock;

    @Inject
    public Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                      Metrics metrics, ReconcileConfig config, BudgetConfig budgetConfig, ClickUpConfig clickUpConfig,
                      SyncConfig sync, DynamoDbClient dynamo) {
        this(clickUp, mirror, watermarks, membership, metrics, ReconcileSettings.of(config),
                ReconcileBudget.shared(dynamo, sync.tables().control(), clickUpConfig.token(), budgetConfig,
                        config.budgetShare(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    /**
     * @param reconcileBudget reconcile's share of the token's budget (see {@link ReconcileBudget})
     */
    public Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                      Metrics metrics, ReconcileSettings settings, RateBudget reconcileBudget, Clock clock) {
        this.clickUp = clickUp;
        this.mirror = mirror;
        this.watermarks = watermarks;
        this.membership = membership;
        this.metrics = metrics;
        this.settings = settings;
        this.budget = reconcileBudget;
        this.clock = clock;
    }

    public ReconcileSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------------------------- run

    /** One scheduled run: every configured workspace and scope, then the deletion sweep if due. */
    public ReconcileReport run(Instant deadline) {
        return run(deadline, ReconcileListener.NONE);
    }

    public ReconcileReport run(Instant deadline, ReconcileListener listener) {
        Instant started = clock.instant();
        List<ScopeResult> scopes = new ArrayList<>();
        List<SweepResult> sweeps = new ArrayList<>();
        Stop stop = null;
        List<String> teams = List.of();
        try {
            teams = teams(deadline);
        } catch (Stopped stopped) {
            stop = stopped.stop;
        }
        outer:
        for (String team : teams) {
            for (Scope scope : scopesOf(team)) {
                ScopeResult result = reconcile(scope, deadline, listener);
                scopes.add(result);
                if (Stop.DEADLINE.code().equals(result.stop()) || Stop.BUDGET.code().equals(result.stop())) {
                    stop = Stop.valueOf(result.stop().toUpperCase());
                    break outer;
                }
            }
        }
        if (stop == null && settings.sweepEnabled()) {
            outer:
            for (String team : teams) {
                for (String listId : dueLists(team)) {
                    SweepResult result = sweepList(team, listId, deadline);
                    sweeps.add(result);
                    if (Stop.DEADLINE.code().equals(result.stop()) || Stop.BUDGET.code().equals(result.stop())) {
                        stop = Stop.valueOf(result.stop().toUpperCase());
                        break outer;
                    }
                }
            }
        }
        if (stop == null) {
            stop = firstStop(scopes, sweeps);
        }
        ReconcileReport report = report(started, stop, scopes, sweeps);
        metrics.increment("ReconcileRun", "Outcome", report.complete() ? "complete" : "incomplete");
        oldestWatermark(scopes).ifPresent(w -> metrics.record("ReconcileWatermarkAge",
                Math.max(0, Duration.between(w, clock.instant()).toSeconds()), "Seconds"));
        StructuredLog.log(LOG, report.complete() ? Logger.Level.INFO : Logger.Level.WARN, "reconcile run",
                "complete", report.complete(), "stop", report.stop() == null ? "-" : report.stop(),
                "teams", teams.size(), "scopes", scopes.size(), "pages", report.pages(),
                "tasks_seen", report.tasksSeen(), "tasks_written", report.tasksWritten(),
                "lists_swept", sweeps.size(), "deletions", report.deletionsFound(),
                "backfill", scopes.stream().anyMatch(ScopeResult::backfill),
                "watermark", oldestWatermark(scopes).map(Instant::toString).orElse("-"),
                "duration_ms", report.durationMs());
        return report;
    }

    /** The scopes a run walks for one workspace: live tasks, and archived ones when configured. */
    public List<Scope> scopesOf(String teamId) {
        Scope live = new Scope(teamId, settings.spaceIds(), settings.listIds(), false);
        return settings.includeArchived() ? List.of(live, live.withArchived(true)) : List.of(live);
    }

    // ------------------------------------------------------------------------------ one walk

    /** Walks one scope from its watermark until the end, the deadline or the budget share. */
    public ScopeResult reconcile(Scope scope, Instant deadline) {
        return reconcile(scope, deadline, ReconcileListener.NONE);
    }

    public ScopeResult reconcile(Scope scope, Instant deadline, ReconcileListener listener) {
        Walk walk = new Walk(scope);
        Optional<Watermark> stored;
        try {
            stored = watermarks.load(scope.teamId(), scope.key());
        } catch (SdkException e) {
            return walk.failed(e);
        }
        Watermark current = stored.orElseGet(() -> Watermark.initial(scope.teamId(), scope.key(),
                clock.instant().minus(Duration.ofDays(settings.backfillDays()))));
        walk.backfill = current.inProgress() && current.backfill();
        KeysetCursor cursor = current.startFor(settings.overlap());
        walk.current = current;
        try (PageAhead<Listed> ahead = new PageAhead<>()) {
            while (true) {
                Listed listed = ahead.pending() ? ahead.take() : page(scope, cursor, deadline);
                List<ClickUpTask> page = listed.tasks();
                walk.pages++;
                List<ClickUpTask> pending = pending(page, cursor);
                KeysetCursor next = cursor.advance(items(page));
                boolean last = page.size() < PAGE_SIZE;
                if (!last && !next.equals(cursor)) {
                    KeysetCursor from = next;
                    ahead.start(() -> page(scope, from, deadline)); // overlaps this page's mirror work
                }
                int written = write(pending, listed.askedAt());
                if (!last && next.equals(cursor)) {
                    next = readMillisecondGroup(walk, cursor, deadline);
                }
                walk.seen += pending.size();
                walk.written += written;
                Watermark saved = last ? current.finished(next, clock.instant()) : current.progressed(next, clock.instant());
                if (!watermarks.save(saved)) {
                    throw new Stopped(Stop.SUPERSEDED);
                }
                current = saved;
                walk.current = saved;
                cursor = next;
                metrics.increment("ReconcilePages");
                metrics.record("ReconcileTasksSeen", pending.size(), "Count");
                metrics.record("ReconcileTasksWritten", written, "Count");
                progress(walk, page.size(), pending.size(), written, cursor);
                listener.pageDone(new ReconcileListener.PageProgress(scope, walk.pages, page.size(), pending.size(),
                        written, cursor));
                if (last) {
                    return walk.complete();
                }
            }
        } catch (Stopped stopped) {
            return walk.stopped(stopped.stop);
        } catch (RuntimeException e) {
            return walk.failed(e);
        }
    }

    /** One page of the walk from {@code cursor}, after the deadline check and a budget slot. */
    private Listed page(Scope scope, KeysetCursor cursor, Instant deadline) {
        checkDeadlineAndBudget(deadline);
        return Listed.next(new PagedReader(clickUp.teamTasks(scope.teamId(), scope.query(cursor.queryGt()))), mirror);
    }

    /**
     * One page of a listing and when it was asked for ({@link MirrorStore#beforeFetch()}): a listing
     * is ClickUp's answer that these tasks exist, so it heals a tombstone a 404 left before that
     * instant (the mirror's rule 5).
     */
    private record Listed(List<ClickUpTask> tasks, Instant askedAt) {
        static Listed next(PagedReader reader, MirrorStore mirror) {
            Instant asked = mirror.beforeFetch();
            return new Listed(reader.next(), asked);
        }
    }

    /**
     * A full page of tasks all updated in the cursor's millisecond and all done: more tasks share
     * that millisecond than a page holds, so the keyset cannot move past them. Reads that
     * millisecond alone by page numbers (the only place page numbers are used) and moves the cursor
     * past it. A member updated meanwhile leaves the group (the keyset meets it later with its new
     * date) and shifts the others up, which can hide one from this pass; so passes repeat until one
     * finds nothing new (at most {@value #GROUP_PASSES}).
     */
    private KeysetCursor readMillisecondGroup(Walk walk, KeysetCursor cursor, Instant deadline) {
        metrics.increment("ReconcileSameMillisecondOverflow");
        StructuredLog.log(LOG, Logger.Level.WARN, "reconcile millisecond group larger than a page",
                "team", walk.scope.teamId(), "scope", walk.scope.key(), "millis", cursor.millis());
        Set<String> done = new HashSet<>(cursor.ids());
        for (int pass = 0; pass < GROUP_PASSES; pass++) {
            int found = 0;
            PagedReader reader = new PagedReader(clickUp.teamTasks(walk.scope.teamId(),
                    walk.scope.queryMillisecond(cursor.millis())));
            while (!reader.exhausted()) {
                checkDeadlineAndBudget(deadline);
                Listed listed = Listed.next(reader, mirror);
                walk.pages++;
                metrics.increment("ReconcilePages");
                List<ClickUpTask> pending = listed.tasks().stream().filter(t -> t.id() != null && t.dateUpdated() != null
                        && t.dateUpdated().toEpochMilli() == cursor.millis() && !done.contains(t.id())).toList();
                walk.written += write(pending, listed.askedAt());
                walk.seen += pending.size();
                pending.forEach(t -> done.add(t.id()));
                found += pending.size();
            }
            if (found == 0) {
                break;
            }
        }
        return KeysetCursor.after(cursor.millis());
    }

    private List<ClickUpTask> pending(List<ClickUpTask> page, KeysetCursor cursor) {
        List<ClickUpTask> pending = new ArrayList<>();
        for (ClickUpTask task : page) {
            if (task.id() == null || task.dateUpdated() == null) {
                metrics.increment("ReconcileTaskUnusable");
                continue;
            }
            if (!cursor.done(new KeysetCursor.Item(task.id(), task.dateUpdated().toEpochMilli()))) {
                pending.add(task);
            }
        }
        return pending;
    }

    private static List<KeysetCursor.Item> items(List<ClickUpTask> page) {
        return page.stream().filter(t -> t.id() != null && t.dateUpdated() != null)
                .map(t -> new KeysetCursor.Item(t.id(), t.dateUpdated().toEpochMilli())).toList();
    }

    /**
     * Writes what is newer than the mirror, and what heals a tombstone a 404 left before the listing
     * was asked for ({@code askedAt}); records membership. Returns how many were written.
     * One batch read decides which tasks are newer, then their conditional writes run
     * {@link #WRITE_CONCURRENCY} at a time: written one after another, a page of 100 tasks took
     * longer than a budget slot at full share (measured by the bench's backfill), so the walk was
     * bound by its own writes instead of by ClickUp's limit. Each write stays a conditional put, so
     * their order does not matter.
     */
    private int write(List<ClickUpTask> tasks, Instant askedAt) {
        List<TaskSnapshot> snapshots = tasks.stream().map(TaskSnapshot::of).toList();
        Map<String, MirrorStore.Entry> stored = mirror.findEntries(snapshots.stream().map(TaskSnapshot::id).toList());
        List<TaskSnapshot> newer = snapshots.stream()
                .filter(snapshot -> !stored.containsKey(snapshot.id()) || wanted(snapshot, stored.get(snapshot.id()), askedAt))
                .toList();
        int written = writeAll(newer, askedAt);
        membership.record(TaskSnapshot.placements(snapshots));
        return written;
    }

    private int writeAll(List<TaskSnapshot> snapshots, Instant askedAt) {
        if (snapshots.size() <= 1) {
            return (int) snapshots.stream().filter(snapshot -> apply(snapshot, askedAt)).count();
        }
        List<Future<Boolean>> writes = snapshots.stream()
                .map(snapshot -> WRITERS.submit(() -> apply(snapshot, askedAt))).toList();
        int written = 0;
        RuntimeException failure = null;
        for (Future<Boolean> write : writes) {
            try {
                if (write.get()) {
                    written++;
                }
            } catch (ExecutionException e) {
                // Wait for every write before failing, so none is still running when the walk stops.
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the mirror", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return written;
    }

    /**
     * The guarded write, skipped when the mirror already holds this version as fetched (one read
     * instead of a failing conditional write: cheaper, and most re-listed tasks are current).
     */
    private boolean applyIfNewer(TaskSnapshot snapshot, Instant askedAt) {
        Optional<MirrorStore.Entry> stored = mirror.findEntry(snapshot.id());
        return (stored.isEmpty() || wanted(snapshot, stored.get(), askedAt)) && apply(snapshot, askedAt);
    }

    /** The guarded write of a snapshot found wanted; a lost race is counted, not an error. */
    private boolean apply(TaskSnapshot snapshot, Instant askedAt) {
        MirrorStore.Write write = mirror.upsertFetched(snapshot, askedAt);
        if (write == MirrorStore.Write.HEALED) {
            metrics.increment("MirrorTombstoneHealed", "Source", "reconcile");
            StructuredLog.log(LOG, Logger.Level.INFO, "mirror tombstone healed", "task", snapshot.id(),
                    "source", "reconcile");
        }
        if (write.written()) {
            return true;
        }
        metrics.increment("MirrorStaleWrite");
        return false;
    }

    /** Worth a write: newer than the stored entry, or it heals the 404's tombstone stored (rule 5 of {@link MirrorStore}). */
    static boolean wanted(TaskSnapshot fetched, MirrorStore.Entry stored, Instant askedAt) {
        return newer(fetched, stored) || stored.healableBy(askedAt);
    }

    /** A fetched snapshot beats a stored one that is older, or as old but only verified through an earlier version. */
    static boolean newer(TaskSnapshot fetched, MirrorStore.Entry stored) {
        Instant storedVersion = stored.snapshot().dateUpdated();
        if (storedVersion == null || storedVersion.isBefore(fetched.dateUpdated())) {
            return true;
        }
        return storedVersion.equals(fetched.dateUpdated()) && stored.verifiedThrough() != null
                && stored.verifiedThrough().isBefore(fetched.dateUpdated());
    }

    private void progress(Walk walk, int listed, int pending, int written, KeysetCursor cursor) {
        StructuredLog.log(LOG, walk.backfill ? Logger.Level.INFO : Logger.Level.DEBUG,
                walk.backfill ? "reconcile backfill progress" : "reconcile progress",
                "team", walk.scope.teamId(), "scope", walk.scope.key(), "pages", walk.pages, "listed", listed,
                "pending", pending, "written", written, "tasks", walk.seen, "tasks_written", walk.written,
                "watermark", Instant.ofEpochMilli(cursor.highWater()));
    }

    // ------------------------------------------------------------------------------ backfill

    /**
     * Rewinds the workspace's watermarks (every scope stored for it, and the configured ones) to
     * {@code from}, never forward: the next run walks from there, resumably, with the same guarded
     * writes. Returns at once; the admin API's {@code POST /admin/backfill} calls this.
     *
     * @throws IllegalArgumentException for a blank team, a workspace outside {@code sync.reconcile.team-ids},
     *                                  or {@code from} in the future
     */
    public void backfill(String teamId, Instant from) {
        if (teamId == null || teamId.isBlank()) {
            throw new IllegalArgumentException("team_id is required");
        }
        if (from == null || from.isAfter(clock.instant())) {
            throw new IllegalArgumentException("from must be a past instant");
        }
        if (!settings.teamIds().isEmpty() && !settings.teamIds().contains(teamId)) {
            throw new IllegalArgumentException("workspace " + teamId + " is not reconciled (sync.reconcile.team-ids)");
        }
        Set<String> keys = new LinkedHashSet<>();
        scopesOf(teamId).forEach(s -> keys.add(s.key()));
        watermarks.forTeam(teamId).forEach(w -> keys.add(w.scopeKey()));
        int rewound = 0;
        for (String key : keys) {
            if (rewind(teamId, key, from)) {
                rewound++;
            }
        }
        metrics.increment("ReconcileBackfillRequested");
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile backfill requested", "team", teamId, "from", from,
                "scopes", keys.size(), "rewound", rewound);
    }

    private boolean rewind(String teamId, String key, Instant from) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            Optional<Watermark> stored = watermarks.load(teamId, key);
            Watermark next;
            if (stored.isEmpty()) {
                // No run yet: the first run backfills anyway; start at the earlier of the two.
                Instant firstRun = clock.instant().minus(Duration.ofDays(settings.backfillDays()));
                Instant start = from.isBefore(firstRun) ? from : firstRun;
                next = Watermark.initial(teamId, key, start).rewound(start.toEpochMilli(), clock.instant());
            } else {
                if (from.toEpochMilli() >= stored.get().startFor(settings.overlap()).millis()) {
                    return false; // never forward
                }
                next = stored.get().rewound(from.toEpochMilli(), clock.instant());
            }
            if (watermarks.save(next)) {
                return true;
            }
        }
        throw new IllegalStateException("could not rewind the watermark of " + teamId + " " + key + ": it keeps changing");
    }

    // -------------------------------------------------------------------------- deletion sweep

    /** Sweeps these lists now, whatever their last sweep (the scheduled run sweeps only due lists). */
    public List<SweepResult> sweepDeletions(String teamId, Collection<String> listIds, Instant deadline) {
        List<SweepResult> results = new ArrayList<>();
        for (String listId : listIds) {
            SweepResult result = sweepList(teamId, listId, deadline);
            results.add(result);
            if (Stop.DEADLINE.code().equals(result.stop()) || Stop.BUDGET.code().equals(result.stop())) {
                break;
            }
        }
        return results;
    }

    /** Registered lists of the workspace, narrowed to the configured scope, not swept within the interval. */
    List<String> dueLists(String teamId) {
        Instant dueBefore = clock.instant().minus(settings.sweepInterval());
        return membership.lists(teamId).stream()
                .filter(l -> settings.listIds().isEmpty() || settings.listIds().contains(l.listId()))
                .filter(l -> settings.spaceIds().isEmpty() || l.spaceId() == null || settings.spaceIds().contains(l.spaceId()))
                .filter(l -> l.lastSweepAt() == null || l.lastSweepAt().isBefore(dueBefore))
                .map(ListMembership.KnownList::listId)
                .toList();
    }

    /**
     * One list: ClickUp's ids (live and archived, closed and subtasks included) against the
     * mirror's membership; a mirrored id ClickUp no longer lists is confirmed with
     * {@code GET /task}: 404 tombstones it, an answer from another list moves its membership.
     */
    public SweepResult sweepList(String teamId, String listId, Instant deadline) {
        int clickUpCount = 0;
        int mirroredCount = 0;
        int checked = 0;
        int deletions = 0;
        int moved = 0;
        int repaired = 0;
        try {
            Set<String> inClickUp = new HashSet<>();
            boolean listGone = false;
            for (boolean archived : new boolean[] {false, true}) {
                if (listGone) {
                    break;
                }
                PagedReader reader = new PagedReader(clickUp.listTasks(listId,
                        new TaskQuery(null, null, true, true, archived, null, null, null, null, null)));
                while (!reader.exhausted()) {
                    checkDeadlineAndBudget(deadline);
                    Listed page;
                    try {
                        page = Listed.next(reader, mirror);
                    } catch (ClickUpException.NotFound gone) {
                        listGone = true; // the list itself is gone: confirm each mirrored task below
                        break;
                    }
                    for (ClickUpTask task : page.tasks()) {
                        inClickUp.add(task.id());
                        // The listing carries full tasks: repair on the way (archived ones included,
                        // which the team walk may not see), and heal what a 404 hid.
                        if (task.dateUpdated() != null && applyIfNewer(TaskSnapshot.of(task), page.askedAt())) {
                            repaired++;
                        }
                    }
                    metrics.increment("ReconcileSweepPages");
                }
            }
            clickUpCount = inClickUp.size();
            Set<String> mirrored = membership.taskIds(listId);
            mirroredCount = mirrored.size();
            Set<String> unrecorded = new LinkedHashSet<>(inClickUp);
            unrecorded.removeAll(mirrored);
            membership.add(listId, unrecorded);
            List<String> missing = mirrored.stream().filter(id -> !inClickUp.contains(id)).sorted().toList();
            for (String taskId : missing) {
                Optional<MirrorStore.Entry> entry = mirror.findEntry(taskId);
                if (entry.isPresent() && entry.get().snapshot().deleted()) {
                    membership.remove(listId, List.of(taskId)); // already a tombstone: nothing to ask
                    continue;
                }
                checkDeadlineAndBudget(deadline);
                checked++;
                Instant asked = mirror.beforeFetch();
                try {
                    ClickUpTask task = clickUp.task(taskId);
                    TaskSnapshot snapshot = TaskSnapshot.of(task);
                    if (snapshot.dateUpdated() != null) {
                        applyIfNewer(snapshot, asked);
                    }
                    if (!listId.equals(snapshot.listId())) {
                        membership.remove(listId, List.of(taskId));
                        membership.record(TaskSnapshot.placements(List.of(snapshot)));
                        moved++;
                    }
                } catch (ClickUpException.NotFound gone) {
                    mirror.notFound(taskId, asked);
                    membership.remove(listId, List.of(taskId));
                    deletions++;
                    metrics.increment("ReconcileDeletionsFound");
                    StructuredLog.log(LOG, Logger.Level.INFO, "reconcile found missed deletion", "team", teamId,
                            "list", listId, "task", taskId);
                }
            }
            membership.swept(teamId, listId, clock.instant());
            metrics.increment("ReconcileSweepLists");
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile deletion sweep", "team", teamId, "list", listId,
                    "clickup_tasks", clickUpCount, "mirrored", mirroredCount, "checked", checked,
                    "deletions", deletions, "moved", moved, "repaired", repaired);
            return new SweepResult(teamId, listId, true, null, clickUpCount, mirroredCount, checked, deletions, moved,
                    repaired, null);
        } catch (Stopped stopped) {
            return new SweepResult(teamId, listId, false, stopped.stop.code(), clickUpCount, mirroredCount, checked,
                    deletions, moved, repaired, null);
        } catch (RuntimeException e) {
            String reason = failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile deletion sweep failed", "team", teamId,
                    "list", listId, "reason", reason, "error", e.getMessage());
            return new SweepResult(teamId, listId, false, Stop.ERROR.code(), clickUpCount, mirroredCount, checked,
                    deletions, moved, repaired, reason);
        }
    }

    // ------------------------------------------------------------------------------ helpers

    private List<String> teams(Instant deadline) {
        if (!settings.teamIds().isEmpty()) {
            return settings.teamIds();
        }
        checkDeadlineAndBudget(deadline);
        try {
            return clickUp.teams().stream().map(Teams.Team::id).toList();
        } catch (BudgetExhaustedException e) {
            metrics.increment("ReconcileBudgetStop");
            throw new Stopped(Stop.BUDGET);
        } catch (RuntimeException e) {
            String reason = failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile could not list workspaces", "reason", reason,
                    "error", e.getMessage());
            throw new Stopped(Stop.ERROR);
        }
    }

    /** Stops (throws {@link Stopped}) when the deadline is near or reconcile's share has no slot soon. */
    private void checkDeadlineAndBudget(Instant deadline) {
        if (clock.instant().plus(settings.safetyMargin()).isAfter(deadline)) {
            metrics.increment("ReconcileDeadlineStop");
            throw new Stopped(Stop.DEADLINE);
        }
        try {
            budget.acquire(settings.budgetMaxWait());
        } catch (BudgetExhaustedException spent) {
            metrics.increment("ReconcileBudgetStop");
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile budget share spent", "retry_after_ms",
                    spent.retryAfter().toMillis());
            throw new Stopped(Stop.BUDGET);
        }
    }

    static String failureReason(RuntimeException e) {
        return ClickUpFailures.reason(e);
    }

    private static Stop firstStop(List<ScopeResult> scopes, List<SweepResult> sweeps) {
        for (ScopeResult s : scopes) {
            if (s.stop() != null) {
                return Stop.valueOf(s.stop().toUpperCase());
            }
        }
        for (SweepResult s : sweeps) {
            if (s.stop() != null) {
                return Stop.valueOf(s.stop().toUpperCase());
            }
        }
        return null;
    }

    private ReconcileReport report(Instant started, Stop stop, List<ScopeResult> scopes, List<SweepResult> sweeps) {
        return new ReconcileReport(stop == null, stop == null ? null : stop.code(), started.toString(),
                Duration.between(started, clock.instant()).toMillis(),
                scopes.stream().mapToInt(ScopeResult::pages).sum(),
                scopes.stream().mapToInt(ScopeResult::tasksSeen).sum(),
                scopes.stream().mapToInt(ScopeResult::tasksWritten).sum(),
                sweeps.stream().mapToInt(SweepResult::deletionsFound).sum(),
                List.copyOf(scopes), List.copyOf(sweeps));
    }

    private static Optional<Instant> oldestWatermark(List<ScopeResult> scopes) {
        return scopes.stream().map(ScopeResult::watermark).filter(w -> w != null).map(Instant::parse)
                .min(Instant::compareTo);
    }

    /** Ends a walk or sweep early with a reason; never escapes this class. */
    private static final class Stopped extends RuntimeException {
        final Stop stop;

        Stopped(Stop stop) {
            super(stop.code(), null, false, false);
            this.stop = stop;
        }
    }

    /** One walk's counters and outcome. */
    private final class Walk {
        final Scope scope;
        Watermark current;
        boolean backfill;
        int pages;
        int seen;
        int written;

        Walk(Scope scope) {
            this.scope = scope;
        }

        ScopeResult complete() {
            return result(true, null, null);
        }

        ScopeResult stopped(Stop stop) {
            if (stop == Stop.SUPERSEDED) {
                metrics.increment("ReconcileSuperseded");
            }
            return result(false, stop, null);
        }

        ScopeResult failed(RuntimeException e) {
            if (e instanceof BudgetExhaustedException) {
                metrics.increment("ReconcileBudgetStop");
                return result(false, Stop.BUDGET, null);
            }
            String reason = failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile walk failed", "team", scope.teamId(),
                    "scope", scope.key(), "pages", pages, "reason", reason, "error", e.getMessage());
            return result(false, Stop.ERROR, reason);
        }

        private ScopeResult result(boolean complete, Stop stop, String error) {
            Watermark w = current;
            String watermark = w == null || w.highWater() == null ? null : w.highWater().toString();
            String cursor = w == null ? null : Instant.ofEpochMilli(w.cursor().millis()).toString();
            StructuredLog.log(LOG, Logger.Level.DEBUG, "reconcile walk", "team", scope.teamId(), "scope", scope.key(),
                    "complete", complete, "stop", stop == null ? "-" : stop.code(), "pages", pages, "tasks", seen,
                    "tasks_written", written, "watermark", watermark == null ? "-" : watermark);
            return new ScopeResult(scope.teamId(), scope.key(), complete, stop == null ? null : stop.code(), backfill,
                    pages, seen, written, watermark, cursor, error);
        }
    }
}
