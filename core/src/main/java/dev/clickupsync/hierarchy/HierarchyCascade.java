package dev.clickupsync.hierarchy;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deleting a space, folder or list deletes everything under it, children first: a space's folders
 * and folderless lists, a folder's lists, a list's tasks, and the object itself last. Children come
 * from the link items ({@link HierarchyStore#children}), tasks from the list's task-query index
 * partitions ({@code tq#l#<list>#0} and {@code #1}, sort keys {@code i#<task id>}, see
 * {@code query/IndexKeys}), a page of {@value #PAGE} at a time.
 *
 * <p><b>Resumable.</b> Each tombstone removes what led to it (the link, the index items), so running
 * the same deletion again, after a Lambda died mid-way and SQS redelivered the event, finds only what
 * is left; the object goes last so a half-done deletion is still reachable from its parent. Before
 * each page the caller's {@code beforePage} may stop the work (the drain: out of time, which defers
 * the event without spending a receive).
 *
 * <p><b>Tasks</b> go through the mirror's own tombstone path as a {@code not_found} tombstone
 * ({@link MirrorStore#notFound}): ClickUp deleted their container, not (yet) said anything about each
 * task, and a list restored from the trash must be able to bring its tasks back, which a
 * {@code not_found} tombstone allows (any later fetch heals it) and a {@code taskDeleted} one would
 * not. A task is tombstoned only when its entry still names the deleted list (an index item left
 * behind by a failed index write must not delete a task that moved on).
 */
@ApplicationScoped
public class HierarchyCascade {
    static final int PAGE = 100;

    private final HierarchyStore store;
    private final MirrorStore mirror;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Metrics metrics;

    @Inject
    public HierarchyCascade(HierarchyStore store, MirrorStore mirror, DynamoDbClient dynamo, SyncConfig config,
                            Metrics metrics) {
        this(store, mirror, dynamo, config.tables().mirror(), metrics);
    }

    public HierarchyCascade(HierarchyStore store, MirrorStore mirror, DynamoDbClient dynamo, String table,
                            Metrics metrics) {
        this.store = store;
        this.mirror = mirror;
        this.dynamo = dynamo;
        this.table = table;
        this.metrics = metrics;
    }

    /** Deletes the object and everything under it as of {@code at}; returns the tasks tombstoned. */
    public int delete(HierarchyKind kind, String id, Instant at, Runnable beforePage) {
        int tasks = 0;
        switch (kind) {
            case SPACE -> {
                for (HierarchyStore.Link folder : store.children(HierarchyItems.foldersOf(id))) {
                    tasks += delete(HierarchyKind.FOLDER, folder.id(), at, beforePage);
                }
                for (HierarchyStore.Link list : store.children(HierarchyItems.folderlessListsOf(id))) {
                    tasks += delete(HierarchyKind.LIST, list.id(), at, beforePage);
                }
            }
            case FOLDER -> {
                for (HierarchyStore.Link list : store.children(HierarchyItems.listsOf(id))) {
                    tasks += delete(HierarchyKind.LIST, list.id(), at, beforePage);
                }
            }
            case LIST -> tasks += tombstoneTasks(id, beforePage);
        }
        beforePage.run();
        if (store.tombstone(kind, id, at)) {
            metrics.increment("HierarchyDeleted", "Kind", kind.code());
        }
        return tasks;
    }

    private int tombstoneTasks(String listId, Runnable beforePage) {
        int tombstoned = 0;
        for (String archived : new String[] {"0", "1"}) {
            String pk = "tq#l#" + listId + "#" + archived;
            Map<String, AttributeValue> start = null;
            do {
                beforePage.run();
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true).limit(PAGE)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :i)").projectionExpression("sk")
                        .expressionAttributeValues(Map.of(":pk", Item.s(pk), ":i", Item.s("i#")))
                        .exclusiveStartKey(from));
                List<String> ids = page.items().stream().map(i -> Item.of(i).text(Tables.SK).substring(2)).toList();
                Instant asked = mirror.beforeFetch();
                for (MirrorStore.Entry entry : mirror.findEntries(ids).values()) {
                    if (!entry.snapshot().deleted() && listId.equals(entry.snapshot().listId())
                            && mirror.notFound(entry.snapshot().id(), asked).written()) {
                        tombstoned++;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        if (tombstoned > 0) {
            metrics.record("HierarchyTasksTombstoned", tombstoned, "Count");
        }
        return tombstoned;
    }
}
