package dev.clickupsync.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconcile's restore pass for one workspace: status transitions whose webhook was dropped, restored
 * from ClickUp's {@code time_in_status}. The change walk notes the tasks whose stored history does not
 * explain their listed status ({@link RestoreCandidates}, into {@link PendingRestores}); this pass asks
 * {@code GET /task/bulk_time_in_status/task_ids} for them, {@value ClickUpClient#BULK_TIME_IN_STATUS_MAX}
 * at a time (so {@code ceil(n / 100)} calls for {@code n} noted tasks, and none when nothing was
 * noted), and stores the entries the mirror lacks as restored transitions ({@link StatusEntries},
 * {@link TransitionStore#recordRestored}: {@code source = restored}, a synthetic history id that a
 * re-run derives again, no user; a webhook of the same entry, before or after, leaves only its own).
 *
 * <p>Progress is the pending set: a batch's tasks leave it only after their transitions are stored,
 * so a stop ({@code beforeCall} throws on the run's deadline or budget share), a 429, a 5xx or a
 * timeout leaves them for the next run, whatever the walk's watermark did meanwhile; repeating a batch
 * stores nothing twice. A task the mirror holds as deleted is skipped without a call
 * ({@code TransitionRestoreSkipped{Reason=task_deleted}}). A task ClickUp no longer has answers the
 * whole bulk call with {@code 404} ({@code ITEM_013}): the batch is halved until the task is alone,
 * which costs about {@code 2 log2(batch)} more calls per such task, and the task is skipped for good,
 * counted as {@code TransitionRestoreSkipped{Reason=clickup_not_found}}. Splitting costs at most
 * {@value #MAX_SPLIT_CALLS} calls a pass (a batch whose every task is gone would take {@code 2n - 1});
 * the tasks not resolved by then stay pending for the next run ({@code TransitionRestoreDeferred}).
 * An answer without a usable
 * entry for a task is skipped as {@code time_in_status_unusable}.
 *
 * <p>Limits, from what {@code time_in_status} says: one entry per status (and the current one), so a
 * status entered twice shows one entry; another visit is restored only when a heard webhook's
 * {@code before} tells it, and then to the minute ({@link UnseenVisits}; one it cannot place is
 * skipped as {@value #UNPLACED}); and the restored {@code from} is the status before it on the
 * mirror's timeline (docs/read-api.md, "Time in status").
 */
@ApplicationScoped
public class TransitionRestore {
    private static final Logger LOG = Logger.getLogger(TransitionRestore.class);
    static final String UNUSABLE = "time_in_status_unusable";
    static final String DELETED = "task_deleted";
    /** A visit {@link UnseenVisits} found but could not place within {@code APPROXIMATE_MAX}. */
    static final String UNPLACED = "visit_time_unknown";

    private final ClickUpClient clickUp;
    private final MirrorStore mirror;
    private final TransitionStore transitions;
    private final PendingRestores pending;
    private final RestoreCandidates candidates;
    private final Metrics metrics;
    /** Ends the current stay when {@link UnseenVisits} sums a status's known time. */
    private final Clock clock;

    @Inject
    public TransitionRestore(ClickUpClient clickUp, MirrorStore mirror, TransitionStore transitions,
                             PendingRestores pending, RestoreCandidates candidates, Metrics metrics) {
        this(clickUp, mirror, transitions, pending, candidates, metrics, Clock.systemUTC());
    }

    public TransitionRestore(ClickUpClient clickUp, MirrorStore mirror, TransitionStore transitions,
                             PendingRestores pending, RestoreCandidates candidates, Metrics metrics, Clock clock) {
        this.clock = clock;
        this.clickUp = clickUp;
        this.mirror = mirror;
        this.transitions = transitions;
        this.pending = pending;
        this.candidates = candidates;
        this.metrics = metrics;
    }

    /** The change walk's side of the pass: what it notes for this pass to restore. */
    public RestoreCandidates candidates() {
        return candidates;
    }

    /** What one pass did: ClickUp calls made, tasks checked, transitions restored, tasks skipped. */
    public record Result(int calls, int tasks, int restored, int skipped) {
    }

    /**
     * At most this many calls a pass spends splitting batches that answered {@code 404}: a batch of
     * 100 tasks that are all gone would otherwise cost 199 calls of reconcile's share in one run.
     * What is not resolved by then stays pending for the next run.
     */
    public static final int MAX_SPLIT_CALLS = 20;

    /** A pass in progress. */
    private final class Pass {
        final Runnable beforeCall;
        /** Tasks of a split batch left for the next run ({@link #MAX_SPLIT_CALLS}). */
        final Set<String> unresolved = new java.util.HashSet<>();
        int splitCalls;
        int calls;
        int tasks;
        int restored;
        int skipped;

        Pass(Runnable beforeCall) {
            this.beforeCall = beforeCall;
        }

        /** The bulk answer for {@code ids}; a {@code 404} halves the batch until the missing task is alone. */
        JsonNode fetch(List<String> ids) {
            return fetch(ids, false);
        }

        private JsonNode fetch(List<String> ids, boolean split) {
            if (split && splitCalls >= MAX_SPLIT_CALLS) {
                unresolved.addAll(ids);
                return JsonNodeFactory.instance.objectNode();
            }
            beforeCall.run();
            calls++;
            splitCalls += split ? 1 : 0;
            try {
                return clickUp.bulkTimeInStatus(ids);
            } catch (ClickUpException.NotFound gone) {
                ObjectNode merged = JsonNodeFactory.instance.objectNode();
                if (ids.size() == 1) {
                    return merged; // the task is gone: no entry, skipped below
                }
                int half = ids.size() / 2;
                for (List<String> part : List.of(ids.subList(0, half), ids.subList(half, ids.size()))) {
                    if (fetch(part, true) instanceof ObjectNode answer) {
                        merged.setAll(answer);
                    }
                }
                return merged;
            }
        }
    }

    /**
     * Restores the noted tasks of one workspace. {@code beforeCall} runs before every ClickUp call and
     * throws to stop the pass (what is still pending stays pending).
     */
    public Result run(String teamId, Runnable beforeCall) {
        Pass pass = new Pass(beforeCall);
        List<String> noted = live(pass, teamId, pending.taskIds(teamId));
        for (int i = 0; i < noted.size(); i += ClickUpClient.BULK_TIME_IN_STATUS_MAX) {
            List<String> batch = noted.subList(i, Math.min(i + ClickUpClient.BULK_TIME_IN_STATUS_MAX, noted.size()));
            JsonNode answer = pass.fetch(batch);
            List<String> done = batch.stream().filter(id -> !pass.unresolved.contains(id)).toList();
            for (String taskId : done) {
                restore(pass, taskId, answer != null && answer.isObject() ? answer.get(taskId) : null);
            }
            pending.remove(teamId, done);
        }
        if (!pass.unresolved.isEmpty()) {
            metrics.record("TransitionRestoreDeferred", pass.unresolved.size(), "Count");
            StructuredLog.log(LOG, Logger.Level.WARN, "status transitions left for the next run", "team", teamId,
                    "tasks", pass.unresolved.size(), "reason", "split_cap");
        }
        if (pass.calls > 0) {
            metrics.record("TransitionRestoreCalls", pass.calls, "Count");
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile restore pass", "team", teamId, "calls", pass.calls,
                    "tasks", pass.tasks, "restored", pass.restored, "skipped", pass.skipped);
        }
        return new Result(pass.calls, pass.tasks, pass.restored, pass.skipped);
    }

    /** The noted tasks but those the mirror holds as deleted, which are skipped (and leave the set) at once. */
    private List<String> live(Pass pass, String teamId, List<String> noted) {
        Map<String, MirrorStore.Entry> stored = mirror.findEntries(noted);
        Set<String> deleted = noted.stream().filter(id -> stored.containsKey(id) && stored.get(id).snapshot().deleted())
                .collect(Collectors.toSet());
        deleted.forEach(id -> skip(pass, id, DELETED));
        pending.remove(teamId, deleted);
        return noted.stream().filter(id -> !deleted.contains(id)).toList();
    }

    private void restore(Pass pass, String taskId, JsonNode answer) {
        pass.tasks++;
        if (answer == null) {
            skip(pass, taskId, ClickUpFailures.NOT_FOUND);
            return;
        }
        StatusEntries entries = StatusEntries.read(answer).orElse(null);
        if (entries == null) {
            skip(pass, taskId, UNUSABLE);
            return;
        }
        List<Transition> timeline = new ArrayList<>(transitions.forTask(taskId));
        List<Transition> shown = entries.missing(taskId, timeline);
        shown.forEach(missing -> record(pass, missing));
        timeline.addAll(shown);
        UnseenVisits.Found unseen = UnseenVisits.find(taskId, timeline, entries.minutes(), clock.instant());
        unseen.visits().forEach(visit -> record(pass, visit));
        if (unseen.unplaced() > 0) {
            skip(pass, taskId, UNPLACED);
        }
    }

    private void record(Pass pass, Transition restored) {
        if (transitions.recordRestored(restored)) {
            pass.restored++;
            metrics.increment("TransitionRestored");
            StructuredLog.log(LOG, Logger.Level.DEBUG, "status transition restored", "task", restored.taskId(),
                    "at", restored.at(), "approximate", restored.approximate());
        }
    }

    private void skip(Pass pass, String taskId, String reason) {
        pass.skipped++;
        metrics.increment("TransitionRestoreSkipped", "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.WARN, "status transitions not restored", "task", taskId, "reason", reason);
    }
}
