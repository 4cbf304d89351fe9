package dev.clickupsync.history;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which tasks of a change-walk page may lack status transitions, noted in {@link PendingRestores} for
 * {@link TransitionRestore}. Called with the page's tasks <em>before</em> the walk writes them and
 * saves its cursor, so the mirror still holds what it knew, and a failure here fails the page (the
 * next run lists it again). Costs no ClickUp call: one {@code GetItem} ({@link HeardSince}), one
 * {@code BatchGetItem} of the page's entries, one {@code Query} of the transitions of each task the
 * mirror holds, one batch write of the noted.
 *
 * <p>A task is <em>expected</em> when the mirror should have heard every change of it: the walk is not
 * the scope's first ({@code highWater} set), or the task was created after the mirror began to hear
 * its workspace ({@link HeardSince}). A scope's first walk otherwise imports tasks without their past,
 * as a backfill that restored every task's history would double its calls. A listed task is noted when:
 * <ul>
 *   <li>the mirror does not hold it and it is expected: its {@code taskCreated} webhook (with the
 *       creation's transition) was dropped or is still queued;</li>
 *   <li>{@link RestoreConfig.Check#CHANGED} (the default): it is expected and changed after the walk's
 *       previous high water (so a task listed again within the overlap is not asked about twice): a
 *       visit to another status and back whose two webhooks were both dropped leaves nothing else to see
 *       once a later change was heard (the chaos bench found such visits);</li>
 *   <li>its stored transitions' last one does not lead into the listed status, or one of them starts
 *       from a status other than the one the transition before it led into (a gap);</li>
 *   <li>it has none, and the stored snapshot shows another status (its change was never heard);</li>
 *   <li>ClickUp lists a newer version than the mirror holds: a change was not heard (yet), and it may
 *       have been a visit to another status and back, which leaves the status explained;</li>
 *   <li>it was created after the mirror began to hear its workspace and its history does not start
 *       with a creation (a transition from no status): the {@code taskCreated} webhook was dropped.</li>
 * </ul>
 * Except for the first and the fifth rule (nothing else could see those), a task is judged once per
 * version: one listed again within the walk's overlap, at or below the previous high water, was judged
 * by the walk that first listed it (a listing that lagged by more than that is missed). A task whose
 * mirror entry is as new as the listing and whose history is whole costs nothing more under
 * {@code unexplained}. A gap that {@code time_in_status} cannot fill (a status entered twice) is noted
 * again whenever the task changes: one task id of a bulk call each time.
 */
@ApplicationScoped
public class RestoreCandidates {
    private final MirrorStore mirror;
    private final TransitionStore transitions;
    private final PendingRestores pending;
    private final HeardSince heardSince;
    private final RestoreConfig.Check check;
    private final Metrics metrics;

    @Inject
    public RestoreCandidates(MirrorStore mirror, TransitionStore transitions, PendingRestores pending,
                             HeardSince heardSince, RestoreConfig config, Metrics metrics) {
        this.mirror = mirror;
        this.transitions = transitions;
        this.pending = pending;
        this.heardSince = heardSince;
        this.check = config.check();
        this.metrics = metrics;
    }

    /**
     * Notes the tasks of {@code listed} that may lack transitions; returns how many were noted.
     *
     * @param highWater the scope's high water before this walk; null in its first walk
     */
    public int note(String teamId, List<ClickUpTask> listed, Instant highWater) {
        List<ClickUpTask> tasks = usable(listed);
        return tasks.isEmpty() ? 0
                : note(teamId, tasks, highWater, mirror.findEntries(tasks.stream().map(ClickUpTask::id).toList()));
    }

    /**
     * As {@link #note(String, List, Instant)} with the page's mirror entries already read (by the walk,
     * once for every repair that notes the page: {@code stored} holds at least the listed tasks the
     * mirror has).
     */
    public int note(String teamId, List<ClickUpTask> listed, Instant highWater, Map<String, MirrorStore.Entry> stored) {
        List<ClickUpTask> tasks = usable(listed);
        if (tasks.isEmpty()) {
            return 0;
        }
        Instant heard = heardSince.of(teamId).orElse(null);
        List<String> noted = new ArrayList<>();
        for (ClickUpTask task : tasks) {
            boolean heardLife = task.createdSince(heard);
            boolean expected = highWater != null || heardLife;
            MirrorStore.Entry entry = stored.get(task.id());
            // A version the previous walk saw (listed again within the overlap) was judged then: a gap that
            // time_in_status cannot fill would otherwise cost a call on every run until it leaves the overlap.
            if (entry == null ? expected : unheard(task, entry) || task.changedAfter(highWater)
                    && (check == RestoreConfig.Check.CHANGED && expected || missesHistory(task, entry, heardLife))) {
                noted.add(task.id());
            }
        }
        pending.add(teamId, noted);
        if (!noted.isEmpty()) {
            metrics.record("TransitionRestoreNoted", noted.size(), "Count");
        }
        return noted.size();
    }

    private boolean missesHistory(ClickUpTask task, MirrorStore.Entry entry, boolean heardLife) {
        List<Transition> history = transitions.forTask(task.id());
        return unexplained(task.status().status(), entry, history) || heardLife && !startsWithCreation(history);
    }

    /** Whether the earliest stored transition is a creation (from no status). */
    static boolean startsWithCreation(List<Transition> stored) {
        return stored.stream().min(Comparator.comparing(Transition::at).thenComparing(Transition::historyId))
                .map(first -> first.fromStatus() == null).orElse(false);
    }

    private static List<ClickUpTask> usable(List<ClickUpTask> listed) {
        return listed.stream().filter(t -> t.id() != null && t.status() != null && t.status().status() != null).toList();
    }

    /** Whether ClickUp lists a newer version of the live task than the mirror holds. */
    static boolean unheard(ClickUpTask listed, MirrorStore.Entry entry) {
        return entry.behind(listed.dateUpdated());
    }

    /** Whether the stored transitions (or, with none, the stored snapshot) fail to explain {@code status}. */
    static boolean unexplained(String status, MirrorStore.Entry entry, List<Transition> stored) {
        if (stored.isEmpty()) {
            return !status.equalsIgnoreCase(entry.snapshot().status());
        }
        List<Transition> ordered = new ArrayList<>(stored);
        ordered.sort(Comparator.comparing(Transition::at).thenComparing(Transition::historyId));
        for (int i = 1; i < ordered.size(); i++) {
            String from = ordered.get(i).fromStatus();
            if (from != null && !from.equalsIgnoreCase(ordered.get(i - 1).toStatus())) {
                return true;
            }
        }
        return !status.equalsIgnoreCase(ordered.get(ordered.size() - 1).toStatus());
    }
}
