package dev.clickupsync.history;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which tasks of a change-walk page may lack status transitions, noted in {@link PendingRestores} for
 * {@link TransitionRestore}. Called with the page's tasks <em>before</em> the walk writes them and
 * saves its cursor, so the mirror still holds what it knew, and a failure here fails the page (the
 * next run lists it again). Costs no ClickUp call: one {@code BatchGetItem} of the page's entries,
 * one {@code Query} of the transitions of each task the mirror holds, one batch write of the noted.
 *
 * <p>A listed task is noted when what the mirror knows does not explain its status:
 * <ul>
 *   <li>it has stored transitions, and the last one does not lead into the listed status, or one of
 *       them starts from a status other than the one the transition before it led into (a gap: a
 *       transition in between was dropped);</li>
 *   <li>it has none, and the stored snapshot shows another status (its change was never heard);</li>
 *   <li>ClickUp lists a newer version than the mirror holds: a change was not heard (yet), and it may
 *       have been a visit to another status and back, which leaves the status explained and the history
 *       short (the chaos bench found 7 such visits that {@code time_in_status} shows left unrestored);</li>
 *   <li>the mirror does not hold it at all: its {@code taskCreated} webhook (with the creation's
 *       transition) was dropped or is still queued; except in a scope's first walk ({@code importing}),
 *       which imports the workspace's tasks without their past, as a backfill that restored every
 *       task's history would double its calls.</li>
 * </ul>
 * A task whose mirror entry is as new as the listing costs nothing more. A gap that
 * {@code time_in_status} cannot fill (a status entered twice) is noted again whenever the task
 * changes: one task id of a bulk call each time.
 */
@ApplicationScoped
public class RestoreCandidates {
    private final MirrorStore mirror;
    private final TransitionStore transitions;
    private final PendingRestores pending;
    private final Metrics metrics;

    @Inject
    public RestoreCandidates(MirrorStore mirror, TransitionStore transitions, PendingRestores pending, Metrics metrics) {
        this.mirror = mirror;
        this.transitions = transitions;
        this.pending = pending;
        this.metrics = metrics;
    }

    /** Notes the tasks of {@code listed} that may lack transitions; returns how many were noted. */
    public int note(String teamId, List<ClickUpTask> listed, boolean importing) {
        List<ClickUpTask> tasks = usable(listed);
        return tasks.isEmpty() ? 0
                : note(teamId, tasks, importing, mirror.findEntries(tasks.stream().map(ClickUpTask::id).toList()));
    }

    /**
     * As {@link #note(String, List, boolean)} with the page's mirror entries already read (by the walk,
     * once for every repair that notes the page: {@code stored} holds at least the listed tasks the
     * mirror has).
     */
    public int note(String teamId, List<ClickUpTask> listed, boolean importing, Map<String, MirrorStore.Entry> stored) {
        List<ClickUpTask> tasks = usable(listed);
        if (tasks.isEmpty()) {
            return 0;
        }
        List<String> noted = new ArrayList<>();
        for (ClickUpTask task : tasks) {
            MirrorStore.Entry entry = stored.get(task.id());
            if (entry == null ? !importing : unheard(task, entry)
                    || unexplained(task.status().status(), entry, transitions.forTask(task.id()))) {
                noted.add(task.id());
            }
        }
        pending.add(teamId, noted);
        if (!noted.isEmpty()) {
            metrics.record("TransitionRestoreNoted", noted.size(), "Count");
        }
        return noted.size();
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
