package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's time entries in the mirror table: {@code pk = task#<taskId>}, {@code sk = time#<entryId>},
 * one item per entry with typed attributes ({@code entry_id}, {@code task_id}, {@code user_id},
 * {@code username}, {@code start}, {@code end}, {@code duration_ms}, {@code running}, {@code billable},
 * {@code description}, {@code source}, {@code recorded_at}; instants as epoch ms, absent when null).
 *
 * <p>{@link #replaceForTask} makes the stored set equal to the given one: it reads what is stored,
 * writes only the entries that differ and deletes the ones no longer reported. Rewriting the same
 * entries therefore writes nothing. An entry whose {@code billable} or {@code description} is null
 * (unknown: the legacy shape carries neither) keeps the stored value, so refreshing a task from the
 * legacy endpoint never erases what the team endpoint reported.
 *
 * <p>Not guarded against concurrent replaces of the same task: the last writer wins, so a replace
 * built from an older fetch can briefly undo a newer one until the task's next refresh.
 */
@ApplicationScoped
public class TimeEntryStore {
    static final String SK_PREFIX = "time#";
    private static final int BATCH = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;
    /** {@link #forTask}'s order: by start (entries without a start first), then recorded time, then id. */
    static final Comparator<TimeEntryRecord> ORDER = Comparator
            .comparing(TimeEntryRecord::start, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimeEntryRecord::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TimeEntryRecord::entryId);

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public TimeEntryStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TimeEntryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
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
        List<WriteRequest> writes = new ArrayList<>();
        for (TimeEntryRecord e : wanted.values()) {
            TimeEntryRecord current = stored.get(e.entryId());
            TimeEntryRecord merged = e.filledFrom(current);
            if (!merged.equals(current)) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(merged)).build()).build());
            }
        }
        for (String gone : stored.keySet()) {
            if (!wanted.containsKey(gone)) {
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(taskId, gone)).build()).build());
            }
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            write(writes.subList(from, Math.min(from + BATCH, writes.size())));
        }
    }

    /** The task's stored entries in {@link #ORDER}: by start (entries without a start first), then recorded time, then id. */
    public List<TimeEntryRecord> forTask(String taskId) {
        List<TimeEntryRecord> entries = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", Tables.PK, "#sk", Tables.SK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(taskId)),
                                ":prefix", AttributeValue.fromS(SK_PREFIX))))
                .items().forEach(item -> entries.add(fromItem(item)));
        entries.sort(ORDER);
        return List.copyOf(entries);
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 1; ; attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
            if (unprocessed.isEmpty()) {
                return;
            }
            if (attempt == MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException(unprocessed.size() + " time-entry writes left unprocessed in "
                        + table + " after " + attempt + " attempts");
            }
            pending = Map.of(table, unprocessed);
            try {
                Thread.sleep(Math.min(1_000L, 25L << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing time entries", e);
            }
        }
    }

    /** Instants as stored (epoch ms), so that an unchanged entry compares equal to its stored copy. */
    private static TimeEntryRecord toMillis(TimeEntryRecord e) {
        return new TimeEntryRecord(e.entryId(), e.taskId(), e.userId(), e.username(), millis(e.start()), millis(e.end()),
                e.durationMs(), e.running(), e.billable(), e.description(), e.source(), millis(e.recordedAt()));
    }

    private static Instant millis(Instant i) {
        return i == null ? null : Instant.ofEpochMilli(i.toEpochMilli());
    }

    private static Map<String, AttributeValue> toItem(TimeEntryRecord e) {
        Map<String, AttributeValue> item = new HashMap<>(key(e.taskId(), e.entryId()));
        item.put("entry_id", AttributeValue.fromS(e.entryId()));
        item.put("task_id", AttributeValue.fromS(e.taskId()));
        if (e.userId() != null) {
            item.put("user_id", number(e.userId()));
        }
        putText(item, "username", e.username());
        putInstant(item, "start", e.start());
        putInstant(item, "end", e.end());
        item.put("duration_ms", number(e.durationMs()));
        item.put("running", AttributeValue.fromBool(e.running()));
        if (e.billable() != null) {
            item.put("billable", AttributeValue.fromBool(e.billable()));
        }
        putText(item, "description", e.description());
        putText(item, "source", e.source());
        putInstant(item, "recorded_at", e.recordedAt());
        return item;
    }

    private static TimeEntryRecord fromItem(Map<String, AttributeValue> item) {
        return new TimeEntryRecord(
                text(item, "entry_id"), text(item, "task_id"), longOrNull(item, "user_id"), text(item, "username"),
                instant(item, "start"), instant(item, "end"), item.containsKey("duration_ms") ? longOrNull(item, "duration_ms") : 0L,
                item.containsKey("running") && item.get("running").bool(),
                item.containsKey("billable") ? item.get("billable").bool() : null,
                text(item, "description"), text(item, "source"), instant(item, "recorded_at"));
    }

    private static Map<String, AttributeValue> key(String taskId, String entryId) {
        return Map.of(Tables.PK, AttributeValue.fromS(pk(taskId)), Tables.SK, AttributeValue.fromS(SK_PREFIX + entryId));
    }

    private static String pk(String taskId) {
        return "task#" + taskId;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, number(value.toEpochMilli()));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Long longOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.parseLong(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        Long ms = longOrNull(item, name);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
