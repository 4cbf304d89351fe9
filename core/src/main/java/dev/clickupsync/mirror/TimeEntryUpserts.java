package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single time-entry writes for reconcile's walk of {@code GET /team/{id}/time_entries}, in
 * {@link TimeEntryStore}'s layout, so an entry reported by the team endpoint and by the task path is
 * one item ({@code pk = task#<taskId>, sk = time#<entryId>}), whichever came first.
 *
 * <ul>
 *   <li><b>Newer wins.</b> Each entry item carries {@code observed_at}, when its source was read; a
 *       write or tombstone from an older reading than the stored one is refused
 *       ({@link Outcome#STALE}), by a condition on the put itself. Rewriting what is stored writes
 *       nothing ({@link Outcome#UNCHANGED}), so the walk is idempotent.</li>
 *   <li><b>No half entry.</b> The {@link TeamTimeIndex} item is written before the entry item, and
 *       the entry item is the commit point: a crash in between leaves the stored entry differing
 *       from ClickUp's, so the next walk writes both again.</li>
 *   <li><b>Tombstones.</b> An entry ClickUp no longer lists keeps its item with {@code deleted_at}
 *       (and its newer {@code observed_at}), so an older reading cannot bring it back; its index item
 *       goes. {@link TimeEntryStore#forTask} never returns a tombstone; a later report replaces it.</li>
 * </ul>
 * Not transactional (dynalite has no {@code TransactWriteItems}): a write that loses the condition
 * after its index item was written leaves that index item until the entry's next write.
 */
@ApplicationScoped
public class TimeEntryUpserts {

    /** What {@link #upsert} did. */
    public enum Outcome { WRITTEN, UNCHANGED, STALE }

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public TimeEntryUpserts(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TimeEntryUpserts(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The stored entries of the workspace's live tasks whose start lies in {@code [from, to]}. */
    public List<TimeEntryRecord> indexed(String teamId, Instant from, Instant to) {
        return new TeamTimeIndex(dynamo, table).between(teamId, from, to);
    }

    /** The task's place if the mirror holds the task live, else empty (its entries get no index item). */
    public Optional<TimePlace> livePlace(String taskId) {
        return Optional.ofNullable(new TimeEntryStore(dynamo, table).livePlace(taskId));
    }

    /**
     * Stores the entry as read at {@code observed}, indexed in {@code place} (null: the task is not
     * live in the mirror, no index item).
     */
    public Outcome upsert(TimePlace place, TimeEntryRecord entry, Instant observed) {
        String indexTeam = TimePlace.team(place);
        TimeEntryRecord e = TimeEntryStore.toMillis(entry);
        Map<String, AttributeValue> key = TimeEntryStore.key(e.taskId(), e.entryId());
        Item stored = Item.of(dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item());
        TimeEntryRecord current = null;
        if (stored.exists()) {
            Instant storedAt = stored.instant(TimeEntryStore.OBSERVED_AT);
            if (storedAt != null && storedAt.isAfter(observed)) {
                return Outcome.STALE;
            }
            boolean tombstone = stored.has(TimeEntryStore.DELETED_AT);
            current = tombstone ? null : TimeEntryStore.fromItem(stored);
            if (current != null && e.filledFrom(current).equals(current)) {
                return Outcome.UNCHANGED;
            }
        }
        TimeEntryRecord merged = e.filledFrom(current);
        List<WriteRequest> index = new ArrayList<>();
        Optional<Map<String, AttributeValue>> indexKey = TeamTimeIndex.key(indexTeam, merged);
        if (current != null) { // its start changed: the old index item goes
            TeamTimeIndex.key(indexTeam, current).filter(old -> !Optional.of(old).equals(indexKey))
                    .ifPresent(old -> index.add(Batches.delete(old)));
        }
        TeamTimeIndex.item(place, merged).ifPresent(i -> index.add(Batches.put(i)));
        Batches.write(dynamo, table, index, "time-entry index");
        try {
            dynamo.putItem(b -> b.tableName(table).item(TimeEntryStore.entryItem(e.taskId(), merged, observed))
                    .conditionExpression("attribute_not_exists(#o) OR #o <= :o")
                    .expressionAttributeNames(Map.of("#o", TimeEntryStore.OBSERVED_AT))
                    .expressionAttributeValues(Map.of(":o", Item.millis(observed))));
            return Outcome.WRITTEN;
        } catch (ConditionalCheckFailedException newerMeanwhile) {
            return Outcome.STALE;
        }
    }

    /**
     * Marks the stored entry deleted as of the listing read at {@code observed} and drops its index
     * item under {@code indexTeam}. False when a reading newer than {@code observed} stored it (it
     * stays; a tie goes to this later decision, as in {@link #upsert}); an index item whose entry item
     * is gone is dropped either way.
     */
    public boolean tombstone(String indexTeam, TimeEntryRecord stored, Instant observed) {
        Map<String, AttributeValue> key = TimeEntryStore.key(stored.taskId(), stored.entryId());
        boolean marked;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("SET #d = :o, #o = :o")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#o) OR #o <= :o)")
                    .expressionAttributeNames(Map.of("#d", TimeEntryStore.DELETED_AT, "#o", TimeEntryStore.OBSERVED_AT))
                    .expressionAttributeValues(Map.of(":o", Item.millis(observed))));
            marked = true;
        } catch (ConditionalCheckFailedException refused) {
            marked = false;
            boolean exists = Item.of(dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item()).exists();
            if (exists) {
                return false;
            }
        }
        TeamTimeIndex.key(indexTeam, TimeEntryStore.toMillis(stored))
                .ifPresent(k -> dynamo.deleteItem(b -> b.tableName(table).key(k)));
        return marked;
    }
}
