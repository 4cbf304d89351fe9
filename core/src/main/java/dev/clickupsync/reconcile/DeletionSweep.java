package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.TaskQuery;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.reconcile.ReconcileReport.Stop;
import dev.clickupsync.reconcile.ReconcileReport.SweepResult;
import dev.clickupsync.reconcile.StopPolicy.Stopped;
import dev.clickupsync.store.ListMembership;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deletion sweep: finds deletions whose webhook never arrived by absence, list by list (the
 * package comment gives the steps and why only a {@code 404} ever tombstones). A list is due when
 * its last complete sweep is older than {@code deletion-sweep.interval}; a sweep stopped by the
 * {@link StopPolicy} records nothing, so the next run redoes it.
 */
record DeletionSweep(ClickUpClient clickUp, MirrorStore mirror, ListMembership membership, MirrorWrites writes,
                     StopPolicy stops, Metrics metrics, ReconcileSettings settings, TeamScopes scopes, Clock clock) {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** Sweeps these lists in order until one stops on the deadline or the budget. */
    List<SweepResult> sweep(String teamId, Collection<String> listIds, Instant deadline) {
        List<SweepResult> results = new ArrayList<>();
        for (String listId : listIds) {
            SweepResult result = sweepList(teamId, listId, deadline);
            results.add(result);
            if (StopPolicy.endsRun(result.stop())) {
                break;
            }
        }
        return results;
    }

    /** Registered lists of the workspace, narrowed to the configured scope, not swept within the interval. */
    List<String> dueLists(String teamId) {
        Instant dueBefore = clock.instant().minus(settings.sweepInterval());
        List<String> lists = scopes.listIds(teamId);
        List<String> spaces = scopes.spaceIds(teamId);
        return membership.lists(teamId).stream()
                .filter(l -> lists.isEmpty() || lists.contains(l.listId()))
                .filter(l -> spaces.isEmpty() || l.spaceId() == null || spaces.contains(l.spaceId()))
                .filter(l -> l.lastSweepAt() == null || l.lastSweepAt().isBefore(dueBefore))
                .map(ListMembership.KnownList::listId)
                .toList();
    }

    /**
     * One list: ClickUp's ids (live and archived, closed and subtasks included) against the
     * mirror's membership; a mirrored id ClickUp no longer lists is confirmed with
     * {@code GET /task}: 404 tombstones it, an answer from another list moves its membership.
     */
    SweepResult sweepList(String teamId, String listId, Instant deadline) {
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
                    stops.checkDeadlineAndBudget(deadline);
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
                        if (task.dateUpdated() != null && writes.applyIfNewer(TaskSnapshot.of(task), page.askedAt())) {
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
                stops.checkDeadlineAndBudget(deadline);
                checked++;
                Instant asked = mirror.beforeFetch();
                try {
                    ClickUpTask task = clickUp.task(taskId);
                    TaskSnapshot snapshot = TaskSnapshot.of(task);
                    if (snapshot.dateUpdated() != null) {
                        writes.applyIfNewer(snapshot, asked);
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
            if (listGone) {
                membership.forget(teamId, listId); // every mirrored task is settled: nothing left to ask
            } else {
                membership.swept(teamId, listId, clock.instant());
            }
            metrics.increment("ReconcileSweepLists");
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile deletion sweep", "team", teamId, "list", listId,
                    "clickup_tasks", clickUpCount, "mirrored", mirroredCount, "checked", checked,
                    "deletions", deletions, "moved", moved, "repaired", repaired, "list_gone", listGone);
            return new SweepResult(teamId, listId, true, null, clickUpCount, mirroredCount, checked, deletions, moved,
                    repaired, null);
        } catch (Stopped stopped) {
            return new SweepResult(teamId, listId, false, stopped.stop.code(), clickUpCount, mirroredCount, checked,
                    deletions, moved, repaired, null);
        } catch (RuntimeException e) {
            String reason = Reconciler.failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile deletion sweep failed", "team", teamId,
                    "list", listId, "reason", reason, "error", e.getMessage());
            return new SweepResult(teamId, listId, false, Stop.ERROR.code(), clickUpCount, mirroredCount, checked,
                    deletions, moved, repaired, reason);
        }
    }
}
