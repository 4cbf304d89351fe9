package dev.clickupsync.drain;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.comment.CommentEvents;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TimeEntries;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.history.HeardSince;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies all of one task's events from a batch (already ordered by history date) to the mirror,
 * with at most one {@code GET /task} (plus one {@code GET /task/{id}/time} when time was tracked, and
 * a re-read of the comments when a comment event's payload cannot be applied): the coalescing that
 * makes bursts on hot tasks cheap.
 *
 * <p>Order of work: status transitions first (idempotent per history item, so a redelivery after
 * a crash never duplicates one), then, unless the task was deleted, comments ({@link CommentEvents}:
 * from the payloads, never a {@code GET /task}), then the snapshot (tombstone, deltas or fetch; a
 * comment item is a delta that moves only {@code date_updated}), then time entries.
 * Every mirror write is conditional, so running this twice for the same events is harmless.
 */
@ApplicationScoped
public class TaskExpander {
    private static final Logger LOG = Logger.getLogger(TaskExpander.class);
    private final ClickUpClient clickUp;
    private final MirrorStore mirror;
    private final TransitionStore transitions;
    private final TimeEntryStore timeEntries;
    private final FieldCache fields;
    private final ListMembership membership;
    private final Metrics metrics;
    private final StatusIds statusIds;
    /** Null in hand-built expanders that do not keep comments (their comment events still move date_updated). */
    private final CommentEvents comments;
    /** Null in hand-built expanders: then reconcile treats a scope's first walk as an import (HeardSince). */
    private final HeardSince heardSince;

    @Inject
    public TaskExpander(ClickUpClient clickUp, MirrorStore mirror, TransitionStore transitions,
                        TimeEntryStore timeEntries, FieldCache fields, ListMembership membership, Metrics metrics,
                        StatusIds statusIds, CommentEvents comments, HeardSince heardSince) {
        this.comments = comments;
        this.heardSince = heardSince;
        this.clickUp = clickUp;
        this.mirror = mirror;
        this.transitions = transitions;
        this.timeEntries = timeEntries;
        this.fields = fields;
        this.membership = membership;
        this.metrics = metrics;
        this.statusIds = statusIds;
    }

    /** An expander with status ids of its own and no comment store (tests and the bench's pipelines build it by hand). */
    public TaskExpander(ClickUpClient clickUp, MirrorStore mirror, TransitionStore transitions,
                        TimeEntryStore timeEntries, FieldCache fields, ListMembership membership, Metrics metrics) {
        this(clickUp, mirror, transitions, timeEntries, fields, membership, metrics, new StatusIds(), null, null);
    }

    /** One event of the group and when ingest received it (a deletion's only timestamp). */
    public record Event(WebhookPayload payload, Instant receivedAt) {
    }

    /** What applying a group took and produced. */
    public record Result(int clickUpCalls, TaskSnapshot snapshot) {
    }

    public Result apply(String taskId, List<Event> events, ExpansionPolicy policy) {
        for (Event event : events) {
            for (WebhookPayload.HistoryItem item : event.payload().historyItems()) {
                Transition.from(taskId, item).ifPresent(transitions::record);
            }
        }
        Optional<Event> deletion = events.stream().filter(e -> "taskDeleted".equals(e.payload().event())).findFirst();
        if (deletion.isPresent()) {
            mirror.tombstone(taskId, deletion.get().receivedAt());
            return new Result(0, mirror.find(taskId).orElse(null));
        }
        int calls = comments == null ? 0 : comments.apply(taskId, events.stream().map(Event::payload).toList());
        Plan plan = policy == ExpansionPolicy.SMART ? plan(taskId, events) : null;
        TaskSnapshot snapshot = null;
        if (plan != null && !plan.fetch()) {
            snapshot = plan.snapshot();
            if (plan.verifiedThrough() == null) {
                metrics.increment("DrainCoveredBySnapshot");
            } else if (mirror.upsertDelta(snapshot, plan.verifiedThrough(), plan.base()) == MirrorStore.Write.APPLIED) {
                metrics.increment("DrainDeltaApplied");
            } else {
                // Another instance changed the entry since plan() read it: our delta would drop its change.
                metrics.increment("DrainDeltaFallback", "Field", "concurrent_write");
                plan = Plan.FETCH;
            }
        }
        if (plan == null || plan.fetch()) {
            calls++;
            Instant asked = mirror.beforeFetch();
            try {
                snapshot = TaskSnapshot.of(clickUp.task(taskId));
                statusIds.learn(snapshot.json());
                // A fetch also repairs a same-version snapshot built from deltas that missed a dropped
                // change, and heals a tombstone an earlier 404 left (MirrorStore's rule 5).
                MirrorStore.Write write = written(taskId, mirror.upsertFetched(snapshot, asked));
                if (write == MirrorStore.Write.STALE) {
                    metrics.increment("MirrorStaleWrite");
                    if (builtFromDeltas(taskId)) {
                        // Overtaken by a delta applied to a snapshot older than our fetch: it may lack the
                        // change this fetch saw. ClickUp is at least at that newer version now: fetch again.
                        calls++;
                        asked = mirror.beforeFetch();
                        snapshot = TaskSnapshot.of(clickUp.task(taskId));
                        written(taskId, mirror.upsertFetched(snapshot, asked));
                    }
                }
                membership.record(TaskSnapshot.placements(List.of(snapshot)));
            } catch (ClickUpException.NotFound gone) {
                // Our observation, not ClickUp's statement: the next answer with the task overrules it.
                mirror.notFound(taskId, asked);
                return new Result(calls, mirror.find(taskId).orElse(null));
            }
        }
        if (events.stream().anyMatch(e -> "taskTimeTrackedUpdated".equals(e.payload().event()))) {
            calls++;
            timeEntries.replaceForTask(taskId, TimeEntries.fromTaskTime(taskId, clickUp.taskTime(taskId)));
        }
        markHeard(snapshot, events);
        return new Result(calls, snapshot);
    }

    /** The mirror hears the task's workspace from the earliest of these events on (reconcile's restore uses it). */
    private void markHeard(TaskSnapshot snapshot, List<Event> events) {
        if (heardSince != null && snapshot != null) {
            events.stream().map(Event::receivedAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                    .ifPresent(at -> heardSince.mark(snapshot.teamId(), at));
        }
    }

    /**
     * What the {@code smart} policy can do without a fetch. {@code verifiedThrough} non-null: write
     * {@code snapshot} (deltas applied to the stored entry of version {@code base}, verified through
     * {@code verifiedThrough}); null: every event is already in the stored snapshot.
     */
    private record Plan(boolean fetch, TaskSnapshot snapshot, Instant verifiedThrough, Instant base) {
        static final Plan FETCH = new Plan(true, null, null, null);
    }

    /**
     * Sorts each history item into one of three cases against the stored entry: at or before the
     * last fetched version ({@code verifiedThrough}), the fetch already contains it, so skip it;
     * between that and the snapshot's version, a delta applied earlier may have jumped over it, so
     * only a fetch is safe; newer than the snapshot, apply it as a delta if {@link SnapshotDeltas}
     * (or {@link CustomFieldDeltas}) can. Any doubt means {@link Plan#FETCH}.
     */
    private Plan plan(String taskId, List<Event> events) {
        Optional<MirrorStore.Entry> entry = mirror.findEntry(taskId);
        if (entry.isEmpty()) {
            return fallback("no_snapshot");
        }
        if (entry.get().deletedBy() == MirrorStore.Deletion.NOT_FOUND) {
            // A 404 is only our observation: any event about the task is a reason to ask ClickUp again.
            return fallback("not_found_tombstone");
        }
        TaskSnapshot snapshot = entry.get().snapshot();
        Instant base = snapshot.dateUpdated();
        Instant verified = entry.get().verifiedThrough();
        boolean changed = false;
        for (Event event : events) {
            if (event.payload().historyItems().isEmpty()) {
                return fallback("none");
            }
            for (WebhookPayload.HistoryItem item : event.payload().historyItems()) {
                Instant at = item.at();
                if (at == null) {
                    return fallback("no_date");
                }
                if (!at.isAfter(verified)) {
                    continue;
                }
                if (!at.isAfter(snapshot.dateUpdated())) {
                    return fallback("gap");
                }
                if (snapshot.json() == null) {
                    // Too large to store whole, or written before full snapshots: nothing exact to patch.
                    return fallback("no_full_json");
                }
                if (snapshot.lacksMarkdown()) {
                    // Fetched before fetches asked for markdown_description: a patch would keep it
                    // missing (the read API refuses it until then), one fetch brings it.
                    return fallback("no_markdown");
                }
                final TaskSnapshot current = snapshot;
                Optional<TaskSnapshot> next = "custom_field".equals(item.field())
                        ? CustomFieldDeltas.apply(current, item, fieldId -> definition(current.listId(), fieldId))
                        : SnapshotDeltas.apply(current, item, statusIds::idOf);
                if (next.isEmpty()) {
                    return fallback(String.valueOf(item.field()));
                }
                snapshot = next.get();
                changed = true;
            }
        }
        return new Plan(false, snapshot, changed ? verified : null, base);
    }

    /** Counts a write that brought back a task a 404 had hidden; returns the write. */
    private MirrorStore.Write written(String taskId, MirrorStore.Write write) {
        if (write == MirrorStore.Write.HEALED) {
            metrics.increment("MirrorTombstoneHealed", "Source", "drain");
            StructuredLog.log(LOG, Logger.Level.INFO, "mirror tombstone healed", "task", taskId, "source", "drain");
        }
        return write;
    }

    /** The stored entry is newer than the last fetch it derives from (deltas were applied since). */
    private boolean builtFromDeltas(String taskId) {
        return mirror.findEntry(taskId).filter(e -> !e.snapshot().deleted())
                .filter(e -> e.verifiedThrough().isBefore(e.snapshot().dateUpdated())).isPresent();
    }

    private Plan fallback(String why) {
        metrics.increment("DrainDeltaFallback", "Field", why);
        return Plan.FETCH;
    }

    private Optional<CustomField> definition(String listId, String fieldId) {
        return listId == null ? Optional.empty() : fields.field(listId, fieldId);
    }
}
