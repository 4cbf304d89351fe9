package dev.clickupsync.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore.Deletion;
import dev.clickupsync.mirror.MirrorStore.Entry;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How one {@link MirrorStore} entry is laid out as a DynamoDB item ({@code pk = task#<id>},
 * {@code sk = snapshot}), and read back. Attributes:
 * <ul>
 *   <li>{@code snapshot}: the {@link TaskSnapshot}'s typed fields as JSON, the entry itself;</li>
 *   <li>{@code task_json}: the task's full JSON as ClickUp returned it ({@link TaskSnapshot#json()}),
 *       gzip'd ({@link TaskJsonCodec}); absent for tombstones and entries without it, and replaced by
 *       {@code task_json_bytes} (the compressed size, a number) when it was too large to store;</li>
 *   <li>{@code date_updated}, {@code verified_through}, {@code written_at}: epoch ms, the numbers the
 *       store's conditions compare (they are copies of the snapshot's version so DynamoDB can compare
 *       them without reading the JSON);</li>
 *   <li>{@code deleted} (always present, so conditions can test {@code deleted = :no}) and, on a
 *       tombstone only, {@code deleted_by} ({@link Deletion#code()});</li>
 *   <li>{@code list_id}, {@code status}: for a reader of the table, absent when empty.</li>
 * </ul>
 * Reading is lenient about what older code wrote: no {@code verified_through} counts as verified
 * through its own version (fetched), no {@code written_at} as written at the epoch (older than any
 * fetch), and a tombstone without {@code deleted_by} as a 404's (see {@link MirrorStore}'s class comment).
 */
final class MirrorItems {
    static final String SNAPSHOT = "snapshot";
    static final String TASK_JSON = "task_json";
    /**
     * {@code true} when the stored JSON has {@code markdown_description} (fetched since every fetch asks for it);
     * absent otherwise, so a fetch of the same version that has it may replace the entry
     * ({@link MirrorConditions#fetched}): the JSON itself is gzip'd and cannot be looked into by a condition.
     */
    static final String HAS_MARKDOWN = "has_markdown";

    private MirrorItems() {
    }

    static Map<String, AttributeValue> key(String taskId) {
        return Item.key(partition(taskId), SNAPSHOT);
    }

    /** The partition of a task's entry, which its transitions, time entries and comments share. */
    static String partition(String taskId) {
        return "task#" + taskId;
    }

    /** The whole item of one entry, written at {@code writtenAt}; {@code deletedBy} only for a tombstone. */
    static Map<String, AttributeValue> item(TaskSnapshot snapshot, Instant verifiedThrough, Deletion deletedBy,
                                            Instant writtenAt) {
        return item(snapshot, verifiedThrough, deletedBy, writtenAt, TaskJsonCodec.MAX_BYTES);
    }

    /** {@link #item} with a given limit for the compressed JSON (tests use a small one). */
    static Map<String, AttributeValue> item(TaskSnapshot snapshot, Instant verifiedThrough, Deletion deletedBy,
                                            Instant writtenAt, int maxJsonBytes) {
        AttributeValue json = null;
        Long omitted = null;
        if (snapshot.json() != null && !snapshot.deleted()) {
            Optional<byte[]> compressed = TaskJsonCodec.encode(snapshot.json(), maxJsonBytes);
            if (compressed.isPresent()) {
                json = AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(compressed.get()));
            } else {
                omitted = (long) TaskJsonCodec.encode(snapshot.json(), Integer.MAX_VALUE).orElseThrow().length;
            }
        }
        return Item.with(key(snapshot.id()))
                .value(TASK_JSON, json)
                .value(HAS_MARKDOWN, json != null && !snapshot.lacksMarkdown() ? AttributeValue.fromBool(true) : null)
                .number("task_json_bytes", omitted)
                .instant("date_updated", snapshot.dateUpdated())
                .instant("verified_through", verifiedThrough)
                .flag("deleted", snapshot.deleted())
                .text("deleted_by", snapshot.deleted() && deletedBy != null ? deletedBy.code() : null)
                .instant("written_at", writtenAt)
                .text(SNAPSHOT, toJson(snapshot))
                .text("list_id", emptyToNull(snapshot.listId()))
                .text("status", emptyToNull(snapshot.status()))
                .build();
    }

    /** A task's entry, read strongly consistent (one {@code GetItem}); empty if the mirror never saw it. */
    static Optional<Entry> read(DynamoDbClient dynamo, String table, String taskId) {
        return entry(Item.of(dynamo.getItem(b -> b.tableName(table).key(key(taskId)).consistentRead(true)).item()));
    }

    /** The entry an item holds; empty for no item (or one without a snapshot). */
    static Optional<Entry> entry(Item item) {
        String json = item.text(SNAPSHOT);
        if (json == null) {
            return Optional.empty();
        }
        TaskSnapshot snapshot = parse(json, item.text(Tables.PK));
        Optional<AttributeValue> full = item.raw(TASK_JSON).filter(v -> v.b() != null);
        if (full.isPresent()) {
            snapshot = snapshot.withJson(TaskJsonCodec.decode(full.get().b().asInputStream()));
        }
        Instant verified = item.has("verified_through") ? item.instant("verified_through") : snapshot.dateUpdated();
        Instant written = item.has("written_at") ? item.instant("written_at") : Instant.EPOCH;
        return Optional.of(new Entry(snapshot, verified, deletion(item), written));
    }

    /** Whose word a stored tombstone is; null for a live item. One without {@code deleted_by} predates it: a 404's. */
    static Deletion deletion(Item item) {
        if (!item.flag("deleted")) {
            return null;
        }
        return Deletion.EVENT.code().equals(item.text("deleted_by")) ? Deletion.EVENT : Deletion.NOT_FOUND;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static TaskSnapshot parse(String json, String pk) {
        try {
            return Json.MAPPER.readValue(json, TaskSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot in the mirror for " + pk, e);
        }
    }

    private static String toJson(TaskSnapshot snapshot) {
        try {
            return Json.MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot of task " + snapshot.id() + " is not serialisable", e);
        }
    }
}
