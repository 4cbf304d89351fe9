package dev.clickupsync.query;

import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.EntryListener;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimePlace;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps the index items of {@link TaskQueryEngine} in step with the mirror's entries; the
 * {@link EntryListener} the {@link dev.clickupsync.mirror.MirrorStore} calls after each entry write.
 *
 * <p>A write that replaced entry {@code E0} by {@code E1} puts the items of {@code E1} and deletes
 * those of {@code E0} it no longer has ({@link IndexKeys}; one {@code BatchWriteItem}, no
 * transaction: dynalite has none). Then it re-reads the entry. Two writers' index updates can land
 * in the opposite order of their entry writes (an older version's items over a newer one's); but the
 * older writer's re-read comes after its own index writes, and its entry write came before the newer
 * one's, so the re-read sees the newer entry and re-indexes from it (puts its items, deletes every
 * other key either round touched), and so on until a re-read shows the entry it indexed (at most
 * {@value #ROUNDS} rounds). Every item carries {@code v}, the version it indexes, and the engine drops
 * an item whose entry has another version, so an item a crash left behind is never served; a crash
 * between entry write and index write hides the task from queries until its next write, or until
 * reconcile fetches it again ({@link #confirmed}: one {@code GetItem} of its id-order item per
 * fetched write that changed nothing, and when its {@code v} is not the fetched version, a read of
 * the entry and a re-index if the entry's own item is not there either).
 *
 * <p>Cost per entry write: one {@code BatchWriteItem} of 8 puts (4 orders x list and workspace) and
 * the deletes of keys that moved (usually 2: the {@code updated} order), plus one consistent
 * {@code GetItem}, then one {@code BatchWriteItem} of the touched partitions' new generations
 * ({@link PageClock}: usually 2 puts); with a custom id, one lookup item more ({@link IndexKeys#customId}). When the
 * task's workspace or liveness changes (its first write, a tombstone, a restore) its time entries are
 * re-filed in the {@link TeamTimeIndex} too. A failure is swallowed (the entry is written, and is what
 * counts), but counted: {@value #METRIC_INDEX_WRITE_FAILED}{@code {Index, Reason}} ({@code Index} {@code task_query},
 * {@code page_clock} or {@code team_time}, {@code Reason} from {@link ClickUpFailures}) and one log line with the same
 * names; alarm {@code MirrorIndexWriteFailed}. The task's next write, reconcile or a reindex heals it.
 */
@ApplicationScoped
public class TaskIndex implements EntryListener {
    private static final Logger LOG = Logger.getLogger(TaskIndex.class);
    static final int ROUNDS = 4;
    /** An index write that failed after its entry write succeeded. */
    public static final String METRIC_INDEX_WRITE_FAILED = "MirrorIndexWriteFailed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final TeamTimeIndex teamTime;
    private final PageClock clock;
    private final Metrics metrics;

    @Inject
    public TaskIndex(DynamoDbClient dynamo, SyncConfig config, Metrics metrics) {
        this(dynamo, config.tables().mirror(), metrics);
    }

    public TaskIndex(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Metrics.inMemory());
    }

    public TaskIndex(DynamoDbClient dynamo, String table, Metrics metrics) {
        this.dynamo = dynamo;
        this.table = table;
        this.teamTime = new TeamTimeIndex(dynamo, table);
        this.clock = new PageClock(dynamo, table);
        this.metrics = metrics;
    }

    @Override
    public void written(TaskSnapshot replaced, TaskSnapshot written, Supplier<Optional<TaskSnapshot>> current) {
        indexQueries(replaced, written, current);
        try {
            teamTime.moveTask(written.id(), TimePlace.of(replaced), TimePlace.of(written));
        } catch (RuntimeException e) { // DynamoDB's errors, and Batches giving up on unprocessed items
            failed("team_time", written.id(), e);
        }
    }

    private void indexQueries(TaskSnapshot replaced, TaskSnapshot written, Supplier<Optional<TaskSnapshot>> current) {
        Set<IndexKeys> touched = new LinkedHashSet<>(IndexKeys.of(replaced));
        try {
            TaskSnapshot indexed = written;
            for (int round = 0; round < ROUNDS; round++) {
                touched.addAll(IndexKeys.of(indexed));
                apply(indexed, touched);
                TaskSnapshot now = current.get().orElse(null);
                if (sameVersion(now, indexed)) {
                    return;
                }
                indexed = now;
            }
            LOG.warnf("task %s: index still behind its entry after %d rounds; its next write heals it",
                    written.id(), ROUNDS);
        } catch (RuntimeException e) { // DynamoDB's errors, and Batches giving up on unprocessed items
            failed("task_query", written.id(), e);
        } finally {
            tick(touched, written.id()); // even after a failed write: some of its items may have landed
        }
    }

    /** New generations for the query partitions these keys are in ({@link PageClock}), after their writes. */
    private void tick(Collection<IndexKeys> keys, String taskId) {
        try {
            clock.tick(keys.stream().filter(k -> !k.lookup()).map(IndexKeys::pk).toList());
        } catch (RuntimeException e) { // DynamoDB's errors, and Batches giving up on unprocessed items
            failed("page_clock", taskId, e);
        }
    }

    @Override
    public void confirmed(TaskSnapshot stored, Supplier<Optional<TaskSnapshot>> current) {
        try {
            if (indexes(stored)) {
                return;
            }
            TaskSnapshot now = current.get().orElse(null);
            if (now != null && !now.deleted() && !indexes(now)) {
                written(null, now, current);
            }
        } catch (RuntimeException e) { // DynamoDB's errors, and Batches giving up on unprocessed items
            failed("task_query", stored.id(), e);
        }
    }

    /** Whether the first index item of this version (its list's id order) is there and indexes it. */
    private boolean indexes(TaskSnapshot snapshot) {
        Set<IndexKeys> keys = IndexKeys.of(snapshot);
        if (keys.isEmpty()) {
            return true;
        }
        IndexKeys probe = keys.iterator().next();
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(probe.key())).item());
        return item.longOr("v", -1) == snapshot.dateUpdated().toEpochMilli();
    }

    /** One page of {@link #listTaskIds}: task ids in id order, and where the next page starts (null: none). */
    public record IdPage(List<String> taskIds, Map<String, AttributeValue> next) {
    }

    /**
     * The ids of the tasks indexed in a list, one archive state, a page of at most {@code limit} at a
     * time from {@code start} (null: the first page): one strongly consistent {@code Query} of the
     * list's id-order items, ids only. For work over a whole list that must stop between pages (a
     * deleted list's tasks); an item may be stale, so callers check the entry before acting on it.
     */
    public IdPage listTaskIds(String listId, boolean archived, Map<String, AttributeValue> start, int limit) {
        QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :order)").projectionExpression("tid")
                .expressionAttributeValues(Map.of(":pk", Item.s(IndexKeys.partition(Scope.list(listId), archived)),
                        ":order", Item.s(TaskQuery.Order.ID.prefix + "#")))
                .exclusiveStartKey(start));
        List<String> ids = page.items().stream().map(i -> Item.of(i).text("tid")).filter(Objects::nonNull).toList();
        return new IdPage(ids, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    /**
     * Writes the index items of these entries as they are (no re-read, no deletes): for a mirror
     * written before the index existed, or one restored from a backup. Idempotent; run it over the
     * live entries (a tombstone has no items), then every later write keeps them in step.
     */
    public void rebuild(Collection<TaskSnapshot> entries) {
        // one put per key: a batch holding the same key twice is refused by DynamoDB
        Map<IndexKeys, WriteRequest> writes = new LinkedHashMap<>();
        for (TaskSnapshot snapshot : entries) {
            Set<IndexKeys> keys = IndexKeys.of(snapshot);
            if (!keys.isEmpty()) {
                IndexEntry entry = IndexEntry.of(snapshot);
                keys.forEach(k -> writes.put(k, Batches.put(entry.itemFor(k))));
            }
        }
        Batches.write(dynamo, table, List.copyOf(writes.values()), "task index");
        clock.tick(writes.keySet().stream().filter(k -> !k.lookup()).map(IndexKeys::pk).toList());
    }

    /** Puts the items of {@code snapshot} (none for a tombstone) and deletes every other key in {@code touched}. */
    private void apply(TaskSnapshot snapshot, Set<IndexKeys> touched) {
        Set<IndexKeys> keep = IndexKeys.of(snapshot);
        List<WriteRequest> writes = new ArrayList<>();
        if (!keep.isEmpty()) {
            IndexEntry entry = IndexEntry.of(snapshot);
            keep.forEach(k -> writes.add(Batches.put(entry.itemFor(k))));
        }
        touched.stream().filter(k -> !keep.contains(k)).forEach(k -> writes.add(Batches.delete(k.key())));
        if (!writes.isEmpty()) {
            Batches.write(dynamo, table, writes, "task index");
        }
    }

    /** Counts and logs an index write that failed; the entry stands, and its next write heals the index. */
    private void failed(String index, String taskId, RuntimeException e) {
        String reason = ClickUpFailures.reason(e);
        metrics.increment(METRIC_INDEX_WRITE_FAILED, "Index", index, "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.WARN, "index write failed", "index", index, "reason", reason,
                "task_id", taskId, "error", e.getClass().getSimpleName());
    }

    private static boolean sameVersion(TaskSnapshot a, TaskSnapshot b) {
        if (a == null || b == null) {
            return a == b || (a == null && b.deleted()) || (b == null && a.deleted());
        }
        return a.deleted() == b.deleted() && Objects.equals(a.dateUpdated(), b.dateUpdated())
                && IndexKeys.of(a).equals(IndexKeys.of(b)) && (a.deleted() || IndexEntry.of(a).equals(IndexEntry.of(b)));
    }
}
