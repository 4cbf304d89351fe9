package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's time entries in the mirror table: {@code pk = task#<taskId>}, {@code sk = time#<entryId>},
 * one item per entry with typed attributes ({@code entry_id}, {@code task_id}, {@code user_id},
 * {@code username}, {@code start}, {@code end}, {@code duration_ms}, {@code running}, {@code billable},
 * {@code description}, {@code source}, {@code recorded_at}, {@code tags} (a list of names); instants as
 * epoch ms, absent when null).
 *
 * <p>{@link #replaceForTask} makes the stored set equal to the given one: it reads what is stored,
 * writes only the entries that differ and deletes the ones no longer reported. Rewriting the same
 * entries therefore writes nothing. An entry whose {@code billable} or {@code description} is null
 * (unknown: the legacy shape carries neither) keeps the stored value, so refreshing a task from the
 * legacy endpoint never erases what the team endpoint reported.
 *
 * <p>Each entry with a start also has its item in the workspace's {@link TeamTimeIndex}, written and
 * deleted in the same batch as the entry (the task's {@link TimePlace} read from its mirror entry first; a
 * task the mirror does not hold live gets none).
 *
 * <p>Entry items carry {@code observed_at} (when their source was read) and, once reconcile's walk
 * found the entry deleted in ClickUp, {@code deleted_at}: such a tombstone is never read back here
 * ({@link #forTask} skips it) and a later report of the entry replaces it. Single-entry writes and
 * tombstones of the workspace walk are {@link TimeEntryUpserts}'.
 *
 * <p>Not guarded against concurrent replaces of the same task: the last writer wins, so a replace
 * built from an older fetch can briefly undo a newer one until the task's next refresh.
 */
@ApplicationScoped
public class TimeEntryStore {
    static final String SK_PREFIX = "time#";
    /** When the entry's source was read (epoch ms): the version of an entry item, see {@link TimeEntryUpserts}. */
    static final String OBSERVED_AT = "observed_at";
    /** Present on a tombstone: ClickUp no longer lists the entry (epoch ms of the listing that showed it). */
    static final String DELETED_AT = "deleted_at";
    /** {@link #forTask}'s order: by start (entries without a start first), then recorded time, then id. */
    static final Comparator<TimeEntryRecord> ORDER = Comparator
            .comparing(TimeEntryRecord::start, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimeEntryRecord::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimeEntryRecord::entryId);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public TimeEntryStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TimeEntryStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Clock.systemUTC());
    }

    /** @param clock stamps {@code observed_at} on what {@link #replaceForTask} writes (the walk compares it) */
    public TimeEntryStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Makes the task's stored entries those of {@code entries} (all of the task's entries, every
     * user's: entries missing here are deleted). Duplicate entry ids: the last one wins.
     *
     * @throws IllegalArgumentException if an entry has no id or belongs to another task
     */
    public void replaceForTask(String taskId, List<TimeEntryRecord> entries) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("taskId is required");
        }
        Map<String, TimeEntryRecord> wanted = new LinkedHashMap<>();
        for (TimeEntryRecord e : entries) {
            if (e.entryId() == null || e.entryId().isBlank()) {
                throw new IllegalArgumentException("time entry without id for task " + taskId);
            }
            if (!taskId.equals(e.taskId())) {
                throw new IllegalArgumentException("time entry " + e.entryId() + " belongs to task " + e.taskId()
                        + ", not " + taskId);
            }
            wanted.put(e.entryId(), toMillis(e));
        }
        Map<String, TimeEntryRecord> stored = new HashMap<>();
        for (TimeEntryRecord e : forTask(taskId)) {
            stored.put(e.entryId(), e);
        }
        TimePlace place = livePlace(taskId);
        String team = TimePlace.team(place);
        List<WriteRequest> writes = new ArrayList<>();
        for (TimeEntryRecord e : wanted.values()) {
            TimeEntryRecord current = stored.get(e.entryId());
            TimeEntryRecord merged = e.filledFrom(current);
            if (!merged.equals(current)) {
                writes.add(Batches.put(entryItem(taskId, merged, clock.instant())));
                Optional<Map<String, AttributeValue>> indexed = TeamTimeIndex.key(team, merged);
                if (current != null) { // its start changed: the old index item goes
                    TeamTimeIndex.key(team, current).filter(old -> !Optional.of(old).equals(indexed))
                            .ifPresent(old -> writes.add(Batches.delete(old)));
                }
                TeamTimeIndex.item(place, merged).ifPresent(i -> writes.add(Batches.put(i)));
            }
        }
        for (TimeEntryRecord gone : stored.values()) {
            if (!wanted.containsKey(gone.entryId())) {
                writes.add(Batches.delete(key(taskId, gone.entryId())));
                TeamTimeIndex.key(team, gone).ifPresent(k -> writes.add(Batches.delete(k)));
            }
        }
        Batches.write(dynamo, table, writes, "time-entry");
    }

    /** The task's stored entries in {@link #ORDER}: by start (entries without a start first), then recorded time, then id. */
    public List<TimeEntryRecord> forTask(String taskId) {
        List<TimeEntryRecord> entries = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, pk(taskId), SK_PREFIX).build())
                .items().stream().map(Item::of).filter(item -> !item.has(DELETED_AT))
                .forEach(item -> entries.add(fromItem(item)));
        entries.sort(ORDER);
        return List.copyOf(entries);
    }

    /** Instants as stored (epoch ms), so that an unchanged entry compares equal to its stored copy. */
    static TimeEntryRecord toMillis(TimeEntryRecord e) {
        return new TimeEntryRecord(e.entryId(), e.taskId(), e.userId(), e.username(), toMillisPrecision(e.start()), toMillisPrecision(e.end()),
                e.durationMs(), e.running(), e.billable(), e.description(), e.source(), toMillisPrecision(e.recordedAt()),
                e.tags());
    }

    private static Instant toMillisPrecision(Instant i) {
        return i == null ? null : Instant.ofEpochMilli(i.toEpochMilli());
    }

    /** The task's place if the mirror holds it live, else null (its entries get no team index items). */
    TimePlace livePlace(String taskId) {
        return MirrorItems.read(dynamo, table, taskId).map(MirrorStore.Entry::snapshot).map(TimePlace::of).orElse(null);
    }

    /** An entry's attributes under {@code key} (its own item's, or its {@link TeamTimeIndex} item's). */
    static Map<String, AttributeValue> toItem(Map<String, AttributeValue> key, TimeEntryRecord e) {
        return Item.with(key)
                .text("entry_id", e.entryId()).text("task_id", e.taskId()).number("user_id", e.userId())
                .text("username", e.username()).instant("start", e.start()).instant("end", e.end())
                .number("duration_ms", e.durationMs()).flag("running", e.running())
                .value("billable", e.billable() == null ? null : AttributeValue.fromBool(e.billable()))
                .text("description", e.description()).text("source", e.source()).instant("recorded_at", e.recordedAt())
                .value("tags", e.tags() == null ? null : AttributeValue.fromL(e.tags().stream().map(Item::s).toList()))
                .build();
    }

    static TimeEntryRecord fromItem(Item item) {
        return new TimeEntryRecord(
                item.text("entry_id"), item.text("task_id"), item.longOrNull("user_id"), item.text("username"),
                item.instant("start"), item.instant("end"), item.longOr("duration_ms", 0L), item.flag("running"),
                item.raw("billable").map(AttributeValue::bool).orElse(null),
                item.text("description"), item.text("source"), item.instant("recorded_at"),
                item.raw("tags").filter(AttributeValue::hasL).map(l -> l.l().stream().map(AttributeValue::s).toList())
                        .orElse(null));
    }

    /**
     * An entry's own item, stamped with when its source was read ({@code observed_at}): the version
     * {@link TimeEntryUpserts} compares, newer wins.
     */
    static Map<String, AttributeValue> entryItem(String taskId, TimeEntryRecord e, Instant observedAt) {
        return Item.with(toItem(key(taskId, e.entryId()), e)).instant(OBSERVED_AT, observedAt).build();
    }

    static Map<String, AttributeValue> key(String taskId, String entryId) {
        return Item.key(pk(taskId), SK_PREFIX + entryId);
    }

    private static String pk(String taskId) {
        return "task#" + taskId;
    }
}
