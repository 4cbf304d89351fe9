package dev.clickupsync.comment;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.history.HeardSince;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.store.PendingTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reconcile's comment repair for one workspace: the comments of tasks that changed without their
 * webhook, re-read from {@code GET /task/{id}/comment} so the mirror holds what ClickUp lists (a dropped
 * taskCommentPosted or taskCommentUpdated added or updated, a comment ClickUp no longer lists tombstoned).
 *
 * <p><b>Which tasks.</b> The change walk hands each page to {@link #note} before it writes it, with the
 * page's mirror entries (read once for every repair that notes the page) and the scope's high water
 * before the walk. A listed task is noted when:
 * <ul>
 *   <li>ClickUp lists it newer than the mirror holds ({@link MirrorStore.Entry#behind}, the rule the
 *       transition restore uses too): a change was not heard, and a comment moves the task;</li>
 *   <li>with {@code sync.reconcile.comments.check=changed}, it is listed as changed after the scope's
 *       previous high water ({@link ClickUpTask#changedAfter}, the transition restore's {@code changed}
 *       rule), level with the mirror or not: a dropped comment followed by a change of the same task
 *       whose webhook the drain applied leaves nothing behind (that event's {@code GET /task} brings the
 *       mirror level), and only this rule sees it, at one call per changed task;</li>
 *   <li>the mirror does not hold it and its listing shows activity after its creation
 *       ({@link ClickUpTask#changedSinceCreation}: {@code date_updated} after {@code date_created}). A
 *       task untouched since its creation has no comment (a comment would have moved it), so the tasks
 *       created while webhooks were suspended cost nothing here; the walk imports them. ClickUp's
 *       documented examples and the fake list such a task with the two dates equal; were ClickUp to stamp
 *       them apart, every task the mirror lacks would be noted: calls, not a loss.</li>
 * </ul>
 * A scope's first walk (no high water) imports tasks without their past: the last two rules apply there
 * only to tasks created since the mirror began to hear the workspace ({@link HeardSince}, as the
 * transition restore does), whose every change should have been heard. Each task is judged once per
 * version: a task listed again within the walk's overlap was written by the walk that first listed it
 * (so it is neither behind nor absent) and is not after the previous high water. Noted
 * tasks go to a {@link PendingTasks} set ({@code comments#<teamId>} in the control table), so the walk's
 * watermark may move on before the repair has run.
 *
 * <p><b>What it can see.</b> The repair relies on a comment making its task newer. The fake ClickUp
 * moves a task's {@code date_updated} when a comment is posted or edited, as any activity does there;
 * ClickUp's documentation does not say either way. If ClickUp does not, a dropped comment webhook on a
 * task that changes in no other way is repaired only at the task's next change (or a comment webhook
 * that makes the drain re-read). A comment deleted in ClickUp makes no event and (in the fake) does not
 * touch the task: it is tombstoned when the task is next repaired or re-read. A comment webhook the
 * drain applied moves the mirrored task's {@code date_updated} with it (a delta), so under {@code behind}
 * a task whose webhooks all arrived is not noted; one whose webhook is still queued is, and costs a call
 * that the version guard makes harmless.
 *
 * <p><b>A run</b> ({@link #run}) is a run's last step, after every workspace's walks, transition restore
 * and due deletion sweeps, each workspace's repair in a slice of the time left (the reconcile package's
 * {@code TeamPasses}), so it never keeps another step or workspace from running. It takes the noted
 * tasks longest waiting first, at most {@code sync.reconcile.comments.max-tasks}; the rest, and what a
 * stop or a 429 leaves, stay for the next run ({@code ReconcileCommentDeferred}). A task the mirror holds
 * as deleted is dropped without a call ({@code ReconcileCommentSkipped{Reason=task_deleted}}). Each other
 * task costs one call, the first page (the 25 newest comments, {@link CommentReread} with one page):
 * every comment on it is stored at the instant before the call, and a stored comment newer than the
 * oldest one listed (all of them, when the page is short) that ClickUp no longer lists is tombstoned. An
 * edit of a comment older than the 25 newest is not seen. Idempotent: one item per comment id, and the
 * store's version guard refuses a late webhook of a change made before the call (a newer edit wins).
 *
 * <p><b>Failures.</b> {@code 404}: the task is gone, nothing stored or tombstoned, it leaves the set
 * ({@code ReconcileCommentSkipped{Reason=clickup_not_found}}). Any other failure (429, 5xx, timeout, an
 * answer without {@code comments}, a mirror write) leaves the task for the next run, counted as
 * {@code ReconcileCommentFailed{Reason}} with {@link ClickUpFailures#reason}'s name; a 429 or an open
 * circuit also ends the pass. A stop ({@code beforeCall} throws at the end of the repair's slice or on
 * the budget share, or the token's budget is spent) ends the pass with the tasks not done still
 * pending; tasks done leave the set even then.
 */
@ApplicationScoped
public class CommentRepair {
    private static final Logger LOG = Logger.getLogger(CommentRepair.class);
    static final String PARTITION_PREFIX = "comments#";
    static final String DELETED = "task_deleted";

    private final CommentReread reread;
    private final MirrorStore mirror;
    private final PendingTasks pending;
    private final Metrics metrics;
    private final boolean enabled;
    private final int maxTasks;
    private final CommentRepairConfig.Check check;
    private final HeardSince heardSince;

    @Inject
    public CommentRepair(ClickUpClient clickUp, CommentStore store, MirrorStore mirror, DynamoDbClient dynamo,
                         SyncConfig sync, CommentRepairConfig config, HeardSince heardSince, Metrics metrics) {
        this(clickUp, store, mirror, new PendingTasks(dynamo, sync.tables().control(), PARTITION_PREFIX, Clock.systemUTC()),
                heardSince, metrics, config.enabled(), config.maxTasks(), config.check(), Clock.systemUTC());
    }

    public CommentRepair(ClickUpClient clickUp, CommentStore store, MirrorStore mirror, PendingTasks pending,
                         HeardSince heardSince, Metrics metrics, boolean enabled, int maxTasks,
                         CommentRepairConfig.Check check, Clock clock) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("sync.reconcile.comments.max-tasks must be at least 1, was " + maxTasks);
        }
        this.reread = new CommentReread(clickUp, store, clock);
        this.mirror = mirror;
        this.pending = pending;
        this.metrics = metrics;
        this.enabled = enabled;
        this.maxTasks = maxTasks;
        this.check = check;
        this.heardSince = heardSince;
    }

    /** What one pass did: calls made, tasks repaired, comments written and tombstoned, tasks skipped, failed, left over. */
    public record Result(int calls, int repaired, int applied, int deleted, int skipped, int failed, int deferred) {
        static final Result NONE = new Result(0, 0, 0, 0, 0, 0, 0);
    }

    /** The tasks still to repair in the workspace, in key order. */
    public List<String> pending(String teamId) {
        return pending.taskIds(teamId);
    }

    /**
     * Notes the tasks of a walk page whose comments may have changed unheard; {@code stored} holds the
     * mirror's entries of (at least) the listed tasks it has. Returns how many were noted. No ClickUp call.
     *
     * @param highWater the scope's high water before this walk; null in its first walk (an import)
     */
    public int note(String teamId, List<ClickUpTask> listed, Instant highWater, Map<String, MirrorStore.Entry> stored) {
        if (!enabled) {
            return 0;
        }
        // Read only in a scope's first walk, once per page: since when the mirror hears the workspace.
        Instant heard = highWater == null ? heardSince.of(teamId).orElse(null) : null;
        List<String> noted = new ArrayList<>();
        for (ClickUpTask task : listed) {
            boolean expected = highWater != null || task.createdSince(heard);
            if (task.id() != null && mayHaveUnheardComments(task, stored.get(task.id()), highWater, expected)) {
                noted.add(task.id());
            }
        }
        pending.add(teamId, noted);
        if (!noted.isEmpty()) {
            metrics.record("ReconcileCommentNoted", noted.size(), "Count");
        }
        return noted.size();
    }

    /**
     * The class comment's rules for one listed task ({@code entry}: the mirror's, null when it lacks the task;
     * {@code expected}: every change of it should have been heard).
     */
    private boolean mayHaveUnheardComments(ClickUpTask task, MirrorStore.Entry entry, Instant highWater, boolean expected) {
        if (entry == null) {
            return expected && task.changedSinceCreation();
        }
        return entry.behind(task.dateUpdated())
                || check == CommentRepairConfig.Check.CHANGED && expected && task.changedAfter(highWater);
    }

    /**
     * Repairs up to {@code max-tasks} noted tasks of one workspace. {@code beforeCall} runs before every
     * ClickUp call and throws to stop the pass (the tasks not done stay pending).
     */
    public Result run(String teamId, Runnable beforeCall) {
        if (!enabled) {
            return Result.NONE;
        }
        List<String> noted = pending.oldestFirst(teamId);
        if (noted.isEmpty()) {
            return Result.NONE;
        }
        Pass pass = new Pass(teamId);
        List<String> taken = noted.subList(0, Math.min(noted.size(), maxTasks));
        int judged = 0;
        try {
            Map<String, MirrorStore.Entry> stored = mirror.findEntries(taken);
            for (String taskId : taken) {
                MirrorStore.Entry entry = stored.get(taskId);
                boolean goOn = true;
                if (entry != null && entry.snapshot().deleted()) {
                    pass.skip(taskId, DELETED);
                } else {
                    goOn = pass.repair(taskId, beforeCall);
                }
                judged++;
                if (!goOn) {
                    break;
                }
            }
        } finally {
            // Over the cap, after a stop, after a 429: left pending for the next run.
            pass.deferred = noted.size() - judged;
            pending.remove(teamId, pass.done);
            pass.report();
        }
        return new Result(pass.calls, pass.repaired, pass.applied, pass.deleted, pass.skipped, pass.failed, pass.deferred);
    }

    /** A pass in progress: its counters and the tasks done (which leave the pending set). */
    private final class Pass {
        final String teamId;
        final List<String> done = new ArrayList<>();
        int calls;
        int repaired;
        int applied;
        int deleted;
        int skipped;
        int failed;
        int deferred;

        Pass(String teamId) {
            this.teamId = teamId;
        }

        /** One task's call; false when the pass should end (429, open circuit). A stop propagates. */
        boolean repair(String taskId, Runnable beforeCall) {
            beforeCall.run();
            CommentReread.Outcome outcome;
            try {
                outcome = reread.reread(taskId, Instant.EPOCH, 1, () -> { });
            } catch (BudgetExhaustedException spent) {
                calls++;
                throw spent;
            } catch (RuntimeException e) {
                calls++;
                String reason = ClickUpFailures.reason(e);
                failed++;
                metrics.increment("ReconcileCommentFailed", "Reason", reason);
                StructuredLog.log(LOG, Logger.Level.WARN, "reconcile comment repair failed", "team", teamId, "task", taskId,
                        "reason", reason, "error", e.getClass().getSimpleName());
                return !ClickUpFailures.RATE_LIMITED.equals(reason) && !ClickUpFailures.CIRCUIT_OPEN.equals(reason);
            }
            calls += outcome.calls();
            if (outcome.gone()) {
                skip(taskId, ClickUpFailures.NOT_FOUND);
                return true;
            }
            repaired++;
            applied += outcome.applied();
            deleted += outcome.deleted();
            done.add(taskId);
            return true;
        }

        void skip(String taskId, String reason) {
            skipped++;
            done.add(taskId);
            metrics.increment("ReconcileCommentSkipped", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile comment repair skipped", "team", teamId, "task", taskId,
                    "reason", reason);
        }

        void report() {
            if (applied > 0) {
                metrics.record("ReconcileCommentApplied", applied, "Count");
            }
            if (deleted > 0) {
                metrics.record("ReconcileCommentDeleted", deleted, "Count");
            }
            if (deferred > 0) {
                metrics.record("ReconcileCommentDeferred", deferred, "Count");
            }
            if (calls > 0 || deferred > 0) {
                metrics.record("ReconcileCommentCalls", calls, "Count");
                StructuredLog.log(LOG, Logger.Level.INFO, "reconcile comment pass", "team", teamId, "calls", calls,
                        "repaired", repaired, "applied", applied, "deleted", deleted, "skipped", skipped,
                        "failed", failed, "deferred", deferred);
            }
        }
    }
}
