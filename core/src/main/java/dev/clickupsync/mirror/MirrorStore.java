package dev.clickupsync.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.infra.Tables;
import dev.clickupsync.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Task snapshots in the mirror table ({@code pk = task#<id>}, {@code sk = snapshot}).
 *
 * <p>Invariant: the stored {@code date_updated} never decreases. Every write is conditional on the
 * stored version being older, so redelivered, reordered or concurrent writes of the same task
 * converge to ClickUp's latest state whatever order they land in. A tombstone is a snapshot with
 * {@code deleted=true}; it is stamped with the deletion's time so that older snapshots arriving
 * later cannot resurrect the task, while a newer one (a task restored from ClickUp's trash) can.
 */
@ApplicationScoped
public class MirrorStore {
    static final String SNAPSHOT = "snapshot";
    /** How far ClickUp's clock (date_updated) may run ahead of our receive time (a deletion's stamp). */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(2);
    private static final int BATCH_GET = 100;
    private static final int MAX_BATCH_ROUNDS = 8;
    private static final String NEWER_ONLY = "attribute_not_exists(pk) OR date_updated < :du";
    /** {@link #NEWER_ONLY}, or the same version only verified through an older one (see {@link #upsertFetched}). */
    private static final String NEWER_OR_BETTER_VERIFIED =
            NEWER_ONLY + " OR (date_updated = :du AND verified_through < :du)";

    /** How a conditional write ended. */
    public enum Write { APPLIED, STALE }

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public MirrorStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public MirrorStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A stored snapshot and how far it is known complete (see {@link #upsert(TaskSnapshot, Instant)}). */
    public record Entry(TaskSnapshot snapshot, Instant verifiedThrough) {
    }

    /** Writes a snapshot fetched from ClickUp (complete as of its own date_updated), unless an equal or newer one is stored. */
    public Write upsert(TaskSnapshot snapshot) {
        return upsert(snapshot, snapshot.dateUpdated());
    }

    /**
     * Writes the snapshot unless the mirror already holds the same or a newer version.
     *
     * @param verifiedThrough the {@code date_updated} of the last snapshot fetched from ClickUp that
     *                        this one derives from: every change up to then is known to be in it.
     *                        A snapshot built by applying webhook deltas is newer than that, but a
     *                        change between the two may still be on its way.
     */
    public Write upsert(TaskSnapshot snapshot, Instant verifiedThrough) {
        requireVersion(snapshot);
        Instant verified = verifiedThrough == null ? snapshot.dateUpdated() : verifiedThrough;
        return put(snapshot, verified, NEWER_ONLY, snapshot.dateUpdated());
    }

    /**
     * Writes a snapshot built by applying webhook deltas to the stored entry of version
     * {@code baseVersion}, verified through {@code verifiedThrough}, only if that entry is still the
     * stored one: a compare-and-set. Two instances applying deltas to the same stored snapshot would
     * otherwise each write it with only their own change, and the newer date_updated would win with
     * the other change silently missing. STALE: the entry changed since it was read; fetch instead.
     */
    public Write upsertDelta(TaskSnapshot snapshot, Instant verifiedThrough, Instant baseVersion) {
        requireVersion(snapshot);
        if (!snapshot.dateUpdated().isAfter(baseVersion)) {
            throw new IllegalArgumentException("a delta must move task " + snapshot.id() + " past " + baseVersion);
        }
        return put(snapshot, verifiedThrough, "date_updated = :du AND verified_through = :vt", Map.of(
                ":du", number(baseVersion.toEpochMilli()), ":vt", number(verifiedThrough.toEpochMilli())));
    }

    /**
     * Writes a snapshot fetched from ClickUp (complete as of its own date_updated) like
     * {@link #upsert(TaskSnapshot)}, and also over a stored snapshot of the <em>same</em> version
     * that is only verified through an earlier one (built from webhook deltas, so a change in
     * between may be missing). Reconcile uses it to repair what dropped webhooks left out; an equal
     * version that was itself fetched, a tombstone, or a newer version still wins.
     */
    public Write upsertFetched(TaskSnapshot snapshot) {
        requireVersion(snapshot);
        return put(snapshot, snapshot.dateUpdated(), NEWER_OR_BETTER_VERIFIED, snapshot.dateUpdated());
    }

    /**
     * Marks the task deleted as of {@code deletedAt}. If the stored version is newer than that by
     * no more than {@link #CLOCK_SKEW} (our receive time lagging ClickUp's clock), the flag is still
     * set but the version kept. A stored version newer by more than that is a change made after the
     * deletion (a task restored from the trash), so the tombstone loses to it.
     */
    public Write tombstone(String taskId, Instant deletedAt) {
        Optional<TaskSnapshot> current = find(taskId);
        TaskSnapshot tomb = current.map(s -> s.deletedAt(deletedAt)).orElseGet(() -> TaskSnapshot.tombstone(taskId, deletedAt));
        if (upsert(tomb) == Write.APPLIED) {
            return Write.APPLIED;
        }
        TaskSnapshot latest = find(taskId).orElseThrow();
        if (latest.deleted() || latest.dateUpdated().isAfter(deletedAt.plus(CLOCK_SKEW))) {
            return Write.STALE;
        }
        return put(latest.deletedAt(latest.dateUpdated()), latest.dateUpdated(), "date_updated = :du",
                latest.dateUpdated());
    }

    public Optional<TaskSnapshot> find(String taskId) {
        return findEntry(taskId).map(Entry::snapshot);
    }

    /** The stored snapshot with how far it is verified; entries from before that was recorded count as fetched. */
    public Optional<Entry> findEntry(String taskId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(taskId)).consistentRead(true)).item();
        return item == null ? Optional.empty() : entry(item);
    }

    /**
     * The stored snapshots of these tasks (tombstones included), by {@code BatchGetItem} in chunks of
     * 100 keys with consistent reads; ids the mirror does not hold are absent from the answer. For
     * readers of many tasks at once (the digest) where one {@code GetItem} each would be slow.
     */
    public List<TaskSnapshot> findAll(Collection<String> taskIds) {
        return findEntries(taskIds).values().stream().map(Entry::snapshot).toList();
    }

    /** {@link #findEntry} for many tasks at once (as {@link #findAll} reads them), by task id. */
    public Map<String, Entry> findEntries(Collection<String> taskIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(taskIds));
        Map<String, Entry> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += BATCH_GET) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(i + BATCH_GET, ids.size())).stream()
                    .map(MirrorStore::key).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_BATCH_ROUNDS) {
                    throw new IllegalStateException("snapshot reads still unprocessed after " + round + " rounds");
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> entry(item).ifPresent(e -> found.put(e.snapshot().id(), e)));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static Optional<Entry> entry(Map<String, AttributeValue> item) {
        if (item.isEmpty() || !item.containsKey(SNAPSHOT)) {
            return Optional.empty();
        }
        TaskSnapshot snapshot = parse(item.get(SNAPSHOT).s(), item.get(Tables.PK).s());
        Instant verified = item.containsKey("verified_through")
                ? Instant.ofEpochMilli(Long.parseLong(item.get("verified_through").n())) : snapshot.dateUpdated();
        return Optional.of(new Entry(snapshot, verified));
    }

    private static TaskSnapshot parse(String json, String pk) {
        try {
            return Json.MAPPER.readValue(json, TaskSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot in the mirror for " + pk, e);
        }
    }

    /** One conditional PutItem of the whole entry; {@code :du} in {@code condition} is {@code conditionVersion}. */
    private Write put(TaskSnapshot snapshot, Instant verifiedThrough, String condition, Instant conditionVersion) {
        return put(snapshot, verifiedThrough, condition, Map.of(":du", number(conditionVersion.toEpochMilli())));
    }

    private Write put(TaskSnapshot snapshot, Instant verifiedThrough, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = new HashMap<>(key(snapshot.id()));
        item.put("date_updated", number(snapshot.dateUpdated().toEpochMilli()));
        item.put("verified_through", number(verifiedThrough.toEpochMilli()));
        item.put("deleted", AttributeValue.fromBool(snapshot.deleted()));
        item.put("written_at", number(System.currentTimeMillis()));
        item.put(SNAPSHOT, AttributeValue.fromS(toJson(snapshot)));
        putIfText(item, "list_id", snapshot.listId());
        putIfText(item, "status", snapshot.status());
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeValues(values));
            return Write.APPLIED;
        } catch (ConditionalCheckFailedException notNewer) {
            return Write.STALE;
        }
    }

    private static void requireVersion(TaskSnapshot snapshot) {
        if (snapshot.dateUpdated() == null) {
            throw new IllegalArgumentException("snapshot of task " + snapshot.id() + " has no date_updated");
        }
    }

    private static Map<String, AttributeValue> key(String taskId) {
        return Map.of(Tables.PK, AttributeValue.fromS("task#" + taskId), Tables.SK, AttributeValue.fromS(SNAPSHOT));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putIfText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
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
