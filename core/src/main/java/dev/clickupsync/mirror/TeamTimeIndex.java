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
 * the entries (the task's place from its mirror entry: one {@code GetItem}); when a task's
 * {@link TimePlace} changes (its first write, a tombstone, a task back from a tombstone, a move to
 * another list, folder, space or workspace) {@link #moveTask} re-files its entries (one {@code Query}
 * of them, then one batch of puts/deletes); the task query index's listener calls it. Item size is
 * about 300 bytes, so one 1 MB {@code Query} page holds about 3,500 entries and costs 128 read units
 * (consistent); a month of a team's entries usually fits one page.
 *
 * <p>Each item carries its task's space, folder and list ({@link TimePlace}), so a read filtered by
 * location ({@link TimePlace.Filter}) drops another place's entries as it reads them and counts only
 * its own against its bound: a narrow {@code list_id} in a wide range is answered, not refused for the
 * workspace's volume. The place on an item can lag its task's while the listener's re-filing has not
 * run, when it failed ({@code MirrorIndexWriteFailed{Index=team_time}}), or when an entry write read the
 * task's place just before a move and wrote after its re-filing (no condition ties the two); the task's
 * next move or the reindex files it again. Readers check the task's own place as well, so a lagging
 * item can hide an entry from its new place but never show one in the wrong place. Items filed before
 * they carried a place are admitted by every filter and checked the same way.
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
        return between(teamId, from, to, keep, TimePlace.Filter.ANY, max);
    }

    /**
     * {@link #between(String, Instant, Instant, Predicate, int)} of the entries filed in {@code place}
     * only: an item of another place is read and dropped like one {@code keep} refuses, so it does not
     * count towards {@code max}.
     */
    public List<TimeEntryRecord> between(String teamId, Instant from, Instant to, Predicate<TimeEntryRecord> keep,
                                         TimePlace.Filter place, int max) {
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
            Item item = Item.of(items.next());
            TimeEntryRecord entry = TimeEntryStore.fromItem(item);
            if (place.admits(item) && keep.test(entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * Re-files the task's stored entries from place {@code from} to place {@code to} (either null: the
     * task was or is not live, so it had or gets no items). Nothing when the place is the same;
     * within one workspace the items are rewritten in place (same keys). Idempotent.
     */
    public void moveTask(String taskId, TimePlace from, TimePlace to) {
        if (Objects.equals(from, to)) {
            return;
        }
        boolean otherPartition = !Objects.equals(TimePlace.team(from), TimePlace.team(to));
        List<WriteRequest> writes = new ArrayList<>();
        for (TimeEntryRecord e : new TimeEntryStore(dynamo, table).forTask(taskId)) {
            if (otherPartition) { // a put of the same key would replace it: one request per key in a batch
                key(TimePlace.team(from), e).ifPresent(k -> writes.add(Batches.delete(k)));
            }
            item(to, e).ifPresent(i -> writes.add(Batches.put(i)));
        }
        Batches.write(dynamo, table, writes, "team time index");
    }

    /** The index item of an entry filed in {@code place}, if the entry has a start and the task a place. */
    static Optional<Map<String, AttributeValue>> item(TimePlace place, TimeEntryRecord e) {
        return key(TimePlace.team(place), e).map(k -> place.on(TimeEntryStore.toItem(k, e)));
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
