package dev.clickupsync.reconcile;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Tables;
import dev.clickupsync.mirror.TaskSnapshot;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which task ids the mirror holds per list, so the deletion sweep can compare them with ClickUp's
 * without a table {@code Scan} (which the IAM design does not grant).
 *
 * <ul>
 *   <li>membership, in the mirror table: {@code pk = list#<listId>}, {@code sk = task#<taskId>}
 *       ({@code task_id}, {@code seen_at}); read with one {@code Query} per list;</li>
 *   <li>the lists known per workspace, in the control table: {@code pk = reconcile#<teamId>},
 *       {@code sk = list#<listId>} ({@code space_id}, {@code first_seen}, {@code last_sweep_at}):
 *       what the sweep walks when no lists are configured, and when each was last swept.</li>
 * </ul>
 *
 * <p>Membership is a superset kept loosely: reconcile records every task it lists, the sweep adds
 * the ids ClickUp lists and removes ids it has settled (deleted, or moved to another list). A stale
 * entry costs one {@code GET /task} at the next sweep, never a wrong tombstone, because a task is
 * only tombstoned when ClickUp answers 404 for it.
 */
@ApplicationScoped
public class ListMembership {
    static final String LIST_PREFIX = "list#";
    static final String TASK_PREFIX = "task#";
    private static final int BATCH = 25;
    private static final int MAX_BATCH_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String mirrorTable;
    private final String controlTable;
    /** Lists already registered by this process (the registry write is needed once per list). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    @Inject
    public ListMembership(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror(), config.tables().control());
    }

    public ListMembership(DynamoDbClient dynamo, String mirrorTable, String controlTable) {
        this.dynamo = dynamo;
        this.mirrorTable = mirrorTable;
        this.controlTable = controlTable;
    }

    /** A list as the registry knows it. */
    public record KnownList(String teamId, String listId, String spaceId, Instant lastSweepAt) {
    }

    /**
     * Records that these snapshots' tasks are in their lists (and registers the lists). What the
     * drain should call after writing a snapshot, so tasks reconcile never lists are covered too.
     */
    public void record(Collection<TaskSnapshot> snapshots) {
        Map<String, Set<String>> byList = new HashMap<>();
        for (TaskSnapshot s : snapshots) {
            if (s == null || s.listId() == null || s.id() == null || s.deleted()) {
                continue;
            }
            byList.computeIfAbsent(s.listId(), k -> new LinkedHashSet<>()).add(s.id());
            if (s.teamId() != null) {
                register(s.teamId(), s.listId(), s.spaceId());
            }
        }
        byList.forEach(this::add);
    }

    /** Adds these task ids to the list's membership (idempotent). */
    public void add(String listId, Collection<String> taskIds) {
        long now = System.currentTimeMillis();
        List<WriteRequest> writes = new ArrayList<>();
        for (String taskId : new LinkedHashSet<>(taskIds)) {
            Map<String, AttributeValue> item = new HashMap<>(key(listId, taskId));
            item.put("task_id", AttributeValue.fromS(taskId));
            item.put("seen_at", AttributeValue.fromN(Long.toString(now)));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        write(writes);
    }

    /** Removes these task ids from the list's membership. */
    public void remove(String listId, Collection<String> taskIds) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String taskId : new LinkedHashSet<>(taskIds)) {
            writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(listId, taskId)).build()).build());
        }
        write(writes);
    }

    /** The task ids the mirror has recorded for the list. */
    public Set<String> taskIds(String listId) {
        Set<String> ids = new LinkedHashSet<>();
        dynamo.queryPaginator(Tables.prefixQuery(mirrorTable, LIST_PREFIX + listId, TASK_PREFIX).projectionExpression("sk").build())
                .items().forEach(item -> ids.add(item.get(Tables.SK).s().substring(TASK_PREFIX.length())));
        return ids;
    }

    /** Adds the list to the workspace's registry (once per process); keeps its sweep time. */
    public void register(String teamId, String listId, String spaceId) {
        if (!registered.add(teamId + "/" + listId)) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        values.put(":list", AttributeValue.fromS(listId));
        String update = "SET first_seen = if_not_exists(first_seen, :now), list_id = :list";
        if (spaceId != null) {
            values.put(":space", AttributeValue.fromS(spaceId));
            update += ", space_id = :space";
        }
        String expression = update;
        try {
            dynamo.updateItem(b -> b.tableName(controlTable).key(registryKey(teamId, listId))
                    .updateExpression(expression).expressionAttributeValues(values));
        } catch (RuntimeException e) {
            registered.remove(teamId + "/" + listId);
            throw e;
        }
    }

    /** The lists registered for the workspace. */
    public List<KnownList> lists(String teamId) {
        List<KnownList> lists = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(
                Tables.prefixQuery(controlTable, WatermarkStore.PARTITION_PREFIX + teamId, LIST_PREFIX).build()).items()) {
            String listId = item.get(Tables.SK).s().substring(LIST_PREFIX.length());
            lists.add(new KnownList(teamId, listId, text(item, "space_id").orElse(null),
                    item.containsKey("last_sweep_at") ? Instant.ofEpochMilli(Long.parseLong(item.get("last_sweep_at").n())) : null));
        }
        return lists;
    }

    /** Records a complete sweep of the list (registering it if needed). */
    public void swept(String teamId, String listId, Instant at) {
        dynamo.updateItem(b -> b.tableName(controlTable).key(registryKey(teamId, listId))
                .updateExpression("SET last_sweep_at = :at, first_seen = if_not_exists(first_seen, :at), list_id = :list")
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                        ":list", AttributeValue.fromS(listId))));
    }

    private void write(List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += BATCH) {
            List<WriteRequest> chunk = writes.subList(i, Math.min(i + BATCH, writes.size()));
            Map<String, List<WriteRequest>> pending = Map.of(mirrorTable, chunk);
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_BATCH_ROUNDS) {
                    throw new IllegalStateException("membership writes still unprocessed after " + round + " rounds");
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!pending.isEmpty()) {
                    backOff(round);
                }
            }
        }
    }

    private static void backOff(int round) {
        try {
            Thread.sleep(Math.min(1_000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying membership writes", e);
        }
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Optional.ofNullable(item.get(name).s()) : Optional.empty();
    }

    private static Map<String, AttributeValue> key(String listId, String taskId) {
        return Map.of(Tables.PK, AttributeValue.fromS(LIST_PREFIX + listId), Tables.SK, AttributeValue.fromS(TASK_PREFIX + taskId));
    }

    private static Map<String, AttributeValue> registryKey(String teamId, String listId) {
        return Map.of(Tables.PK, AttributeValue.fromS(WatermarkStore.PARTITION_PREFIX + teamId),
                Tables.SK, AttributeValue.fromS(LIST_PREFIX + listId));
    }
}
