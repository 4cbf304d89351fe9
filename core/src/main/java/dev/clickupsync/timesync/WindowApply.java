package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryUpserts;
import dev.clickupsync.mirror.TimePlace;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One window of {@link TimeWalk} applied to the mirror, with the run's counts. In order:
 * <ol>
 *   <li>each element is checked ({@link TeamEntryShape}); a rejected one is counted
 *       ({@code ReconcileTimeEntrySkipped{Reason}}) and logged with its id, never stored;</li>
 *   <li>each entry is written as read at {@code asked} ({@link TimeEntryUpserts#upsert}, newer wins),
 *       indexed under its task's workspace when the mirror holds the task live;</li>
 *   <li>deletions: an entry the mirror holds for this workspace with a start in
 *       {@code [from, to)} that the answer did not list is tombstoned, and so is the old row of an entry
 *       ClickUp now lists on another task. Only the entries of users the call asked for are judged
 *       (ClickUp said nothing about the others), {@code to} itself is left to the next window (whether
 *       {@code end_date} is inclusive is not documented), and a window with an element whose id could
 *       not be read judges nothing (that element might be any stored entry).</li>
 * </ol>
 */
final class WindowApply {
    private static final Logger LOG = Logger.getLogger(TimeWalk.class);

    private final TimeEntryUpserts store;
    private final Metrics metrics;
    private final String teamId;
    private final Set<Long> users;
    private final Map<String, Optional<TimePlace>> livePlaces = new HashMap<>();
    int seen;
    int written;
    int deleted;
    int skipped;

    WindowApply(TimeEntryUpserts store, Metrics metrics, String teamId, Set<Long> users) {
        this.store = store;
        this.metrics = metrics;
        this.teamId = teamId;
        this.users = users;
    }

    void apply(TeamEntryShape shape, List<JsonNode> elements, Instant from, Instant to, Instant asked) {
        Map<String, TimeEntryRecord> listed = new LinkedHashMap<>();
        Set<String> rejectedIds = new HashSet<>();
        boolean unnamed = false;
        for (JsonNode element : elements) {
            seen++;
            TeamEntryShape.Checked checked = shape.check(element);
            if (checked.entry() != null) {
                listed.put(checked.entry().entryId(), checked.entry());
                continue;
            }
            skipped++;
            if (checked.id() == null) {
                unnamed = true;
            } else {
                rejectedIds.add(checked.id());
            }
            metrics.increment("ReconcileTimeEntrySkipped", "Reason", checked.reason());
            StructuredLog.log(LOG, Logger.Level.WARN, "reconcile time entry skipped", "team", teamId,
                    "entry", checked.id() == null ? "-" : checked.id(), "reason", checked.reason(),
                    "detail", checked.detail());
        }
        for (TimeEntryRecord entry : listed.values()) {
            TimePlace index = livePlaces.computeIfAbsent(entry.taskId(), store::livePlace).orElse(null);
            if (store.upsert(index, entry, asked) == TimeEntryUpserts.Outcome.WRITTEN) {
                written++;
            }
        }
        if (unnamed) {
            metrics.increment("ReconcileTimeDeletionsUnjudged");
            return;
        }
        for (TimeEntryRecord stored : store.indexed(teamId, from, to.minusMillis(1))) {
            TimeEntryRecord now = listed.get(stored.entryId());
            boolean gone = now == null && users.contains(stored.userId()) && !rejectedIds.contains(stored.entryId());
            boolean moved = now != null && !now.taskId().equals(stored.taskId());
            if ((gone || moved) && store.tombstone(teamId, stored, asked)) {
                deleted++;
                metrics.increment("ReconcileTimeEntryDeleted", "Reason", moved ? "moved" : "not_listed");
            }
        }
    }
}
