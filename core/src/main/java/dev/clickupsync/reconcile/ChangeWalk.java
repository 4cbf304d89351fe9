package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.Pages;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.reconcile.ReconcileReport.Stop;
import dev.clickupsync.reconcile.StopPolicy.Stopped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The change walk of one scope: from the stored watermark minus the overlap (a stopped walk exactly
 * from its saved cursor; the first one {@code backfill-days} ago), page by page of
 * {@code GET /team/{id}/task} oldest update first, by keyset ({@link KeysetCursor}), so a task
 * updated mid-walk is met again later and never skipped. Each page's tasks go through
 * {@link MirrorWrites}, then the cursor is saved by compare-and-set: a crash or an early stop
 * resumes there, and a save that loses to another run or a rewind ends the walk as
 * {@code superseded}. The last page raises the watermark to the newest {@code date_updated}
 * processed (ClickUp's clock, never ours). The next page is listed while this one is written
 * ({@link PageAhead}): its keyset depends only on the listing. A backfilling walk also reports each
 * page to {@link BackfillProgress} (one write per page, after the cursor's save). Before a page is
 * written, {@link PageNotes} notes its tasks for the repairs after the walks (status transitions,
 * comments); a scope's first walk imports tasks without their past.
 */
record ChangeWalk(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, MirrorWrites writes,
                  StopPolicy stops, BackfillProgress backfills, Metrics metrics, ReconcileSettings settings, Clock clock,
                  PageNotes notes) {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final int PAGE_SIZE = Pages.PAGE_SIZE;
    private static final int GROUP_PASSES = 3;

    /** Walks one scope from its watermark until the end, the deadline or the budget share. */
    ScopeResult walk(Scope scope, Instant deadline, ReconcileListener listener) {
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
        if (walk.backfill) {
            walk.runId = backfills.adopt(scope, cursor).orElse(null);
        }
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
                    ahead.start(stops.carried(() -> page(scope, from, deadline))); // overlaps this page's mirror work
                }
                noteRepairs(scope, pending, current);
                int written = writes.write(pending, listed.askedAt());
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
                walk.reported(cursor, last);
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
        stops.checkDeadlineAndBudget(deadline);
        return Listed.next(new PagedReader(clickUp.teamTasks(scope.teamId(), scope.query(cursor.queryGt()))), mirror);
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
                stops.checkDeadlineAndBudget(deadline);
                Listed listed = Listed.next(reader, mirror);
                walk.pages++;
                metrics.increment("ReconcilePages");
                List<ClickUpTask> pending = listed.tasks().stream().filter(t -> t.id() != null && t.dateUpdated() != null
                        && t.dateUpdated().toEpochMilli() == cursor.millis() && !done.contains(t.id())).toList();
                noteRepairs(walk.scope, pending, walk.current);
                walk.written += writes.write(pending, listed.askedAt());
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

    private void noteRepairs(Scope scope, List<ClickUpTask> tasks, Watermark current) {
        notes.note(scope.teamId(), tasks, current.highWater());
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

    private void progress(Walk walk, int listed, int pending, int written, KeysetCursor cursor) {
        StructuredLog.log(LOG, walk.backfill ? Logger.Level.INFO : Logger.Level.DEBUG,
                walk.backfill ? "reconcile backfill progress" : "reconcile progress",
                "team", walk.scope.teamId(), "scope", walk.scope.key(), "pages", walk.pages, "listed", listed,
                "pending", pending, "written", written, "tasks", walk.seen, "tasks_written", walk.written,
                "watermark", Instant.ofEpochMilli(cursor.highWater()));
    }

    /** One walk's counters and outcome. */
    private final class Walk {
        final Scope scope;
        Watermark current;
        boolean backfill;
        /** The backfill run this walk reports to; null when not backfilling (or the record failed). */
        String runId;
        int pages;
        int seen;
        int written;
        /** What was already reported to the run, so each page reports only its own counts. */
        private int pagesReported;
        private int seenReported;
        private int writtenReported;

        Walk(Scope scope) {
            this.scope = scope;
        }

        ScopeResult complete() {
            return result(true, null, null);
        }

        void reported(KeysetCursor cursor, boolean last) {
            if (runId == null) {
                return;
            }
            backfills.page(scope, runId, pages - pagesReported, seen - seenReported, written - writtenReported, cursor, last);
            pagesReported = pages;
            seenReported = seen;
            writtenReported = written;
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
            String reason = Reconciler.failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile walk failed", "team", scope.teamId(),
                    "scope", scope.key(), "pages", pages, "reason", reason, "error", e.getMessage());
            return result(false, Stop.ERROR, reason);
        }

        private ScopeResult result(boolean complete, Stop stop, String error) {
            if (stop != null && runId != null) {
                backfills.stopped(scope, runId, stop);
            }
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
