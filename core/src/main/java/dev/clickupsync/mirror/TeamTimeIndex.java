package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Time entries by workspace and start, so {@code GET /team/{id}/time_entries} without {@code task_id}
 * is one {@code Query} over a date range: partition {@code te#<team>}, sort key
 * {@code <start as 15-digit Unix ms>#<entry id>} (string order = time order), and the entry's own
 * attributes ({@link TimeEntryStore}'s layout), so a reader needs no second read of the entries. An
 * entry without a start (time added as a bare amount) is never in a date range and has no item.
 *
 * <p>Only entries of a live task have items. {@link TimeEntryStore#replaceForTask} writes them with
 * the entries (the task's workspace from its mirror entry: one {@code GetItem}); when a task's
 * workspace or liveness changes (its first write, a tombstone, a task back from a tombstone)
 * {@link #moveTask} re-files its entries (one {@code Query} of them, then one batch of puts/deletes);
 * the task query index's listener calls it. Item size is about 250 bytes, so one 1 MB {@code Query}
 * page holds about 4,000 entries and costs 128 read units (consistent); a month of a team's entries
 * usually fits one page.
 */
@ApplicationScoped
public class TeamTimeIndex {
    static final String PK_PREFIX = "te#";
    private static final String LAST = "#~"; // after every entry id: an inclusive upper bound
    /** Items per {@code Query} page at most (DynamoDB stops a page at 1 MB anyway: about 4,000 items). */
    private static final int MAX_PAGE = 5_000;

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public TeamTimeIndex(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TeamTimeIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The workspace's entries whose start lies in {@code [from, to]}, by start then entry id. */
    public List<TimeEntryRecord> between(String teamId, Instant from, Instant to) {
        return between(teamId, from, to, entry -> true, Integer.MAX_VALUE - 1);
    }

    /**
     * The entries of {@link #between(String, Instant, Instant)} that {@code keep} accepts, but at most
     * {@code max + 1} of them: a caller that gets more than {@code max} knows the range holds more than
     * it may answer, without the range having been read whole. The {@code Query}'s page {@code Limit}
     * is {@code max + 1} items, and no further page is asked once {@code max + 1} are kept, so a range
     * of any width costs at most {@code max + 1} items when every item is kept (more only when
     * {@code keep} refuses items, which are read and dropped).
     */
    public List<TimeEntryRecord> between(String teamId, Instant from, Instant to, Predicate<TimeEntryRecord> keep,
                                         int max) {
        List<TimeEntryRecord> out = new ArrayList<>();
        if (to.isBefore(from)) {
            return out;
        }
        Iterator<Map<String, AttributeValue>> items = dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK_PREFIX + teamId),
                                ":from", AttributeValue.fromS(time(from)), ":to", AttributeValue.fromS(time(to) + LAST)))
                        .limit(Math.max(1, Math.min(max + 1, MAX_PAGE))))
                .items().iterator();
        while (out.size() <= max && items.hasNext()) { // the paginator asks for a page only when one is needed
            TimeEntryRecord entry = TimeEntryStore.fromItem(Item.of(items.next()));
            if (keep.test(entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * Re-files the task's stored entries from workspace {@code fromTeam} to {@code toTeam} (either
     * null: the task was or is not live, so it had or gets no items). Idempotent.
     */
    public void moveTask(String taskId, String fromTeam, String toTeam) {
        if (Objects.equals(fromTeam, toTeam)) {
            return;
        }
        List<WriteRequest> writes = new ArrayList<>();
        for (TimeEntryRecord e : new TimeEntryStore(dynamo, table).forTask(taskId)) {
            if (fromTeam != null) {
                key(fromTeam, e).ifPresent(k -> writes.add(Batches.delete(k)));
            }
            if (toTeam != null) {
                item(toTeam, e).ifPresent(i -> writes.add(Batches.put(i)));
            }
        }
        Batches.write(dynamo, table, writes, "team time index");
    }

    /** The index item of an entry in a workspace, if it has a start. */
    static Optional<Map<String, AttributeValue>> item(String teamId, TimeEntryRecord e) {
        return key(teamId, e).map(k -> TimeEntryStore.toItem(k, e));
    }

    static Optional<Map<String, AttributeValue>> key(String teamId, TimeEntryRecord e) {
        if (teamId == null || e.start() == null) {
            return Optional.empty();
        }
        return Optional.of(Item.key(PK_PREFIX + teamId, time(e.start()) + "#" + e.entryId()));
    }

    private static String time(Instant at) {
        return String.format("%015d", Math.max(0, at.toEpochMilli()));
    }
}
