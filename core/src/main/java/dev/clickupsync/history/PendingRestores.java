package dev.clickupsync.history;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The tasks whose status history reconcile still has to check, per workspace, in the control table:
 * {@code pk = restore#<teamId>}, {@code sk = task#<taskId>}, attributes {@code task_id},
 * {@code noted_at} (epoch ms). Written by the change walk before it saves the page's cursor
 * ({@link RestoreCandidates}), removed by {@link TransitionRestore} once a task's history was compared:
 * so a task noted is checked even when the pass stops or fails, and the walk's watermark may move on
 * independently. Noting a task twice is one item.
 */
@ApplicationScoped
public class PendingRestores {
    static final String PARTITION_PREFIX = "restore#";
    static final String SORT_PREFIX = "task#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public PendingRestores(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().control(), Clock.systemUTC());
    }

    public PendingRestores(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Notes the tasks (batch puts; repeating it is harmless). */
    public void add(String teamId, Collection<String> taskIds) {
        Batches.write(dynamo, table, taskIds.stream().distinct().map(id -> Batches.put(Item.with(key(teamId, id))
                .text("task_id", id).instant("noted_at", clock.instant()).build())).toList(), "pending restores");
    }

    /** Every noted task of the workspace, in key order. */
    public List<String> taskIds(String teamId) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, PARTITION_PREFIX + teamId, SORT_PREFIX).build())
                .items().forEach(item -> ids.add(Item.of(item).text("task_id")));
        return ids;
    }

    /** The tasks are done: checked, or skipped for good. */
    public void remove(String teamId, Collection<String> taskIds) {
        Batches.write(dynamo, table, taskIds.stream().distinct().map(id -> Batches.delete(key(teamId, id))).toList(),
                "pending restores");
    }

    private static Map<String, AttributeValue> key(String teamId, String taskId) {
        return Item.key(PARTITION_PREFIX + teamId, SORT_PREFIX + taskId);
    }
}
