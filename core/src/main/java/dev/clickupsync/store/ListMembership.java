package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Shared by the drain (records what it writes), reconcile (records, sweeps) and the digest (reads),
 * so it lives in {@code store} and speaks plain values ({@link Placement}); the table names come from
 * its constructor ({@code infra.StoreBeans} wires them from {@code sync.tables}).
 */
public class ListMembership {
    static final String LIST_PREFIX = "list#";
    static final String TASK_PREFIX = "task#";

    private final DynamoDbClient dynamo;
    private final String mirrorTable;
    private final String controlTable;
    /** Lists already registered by this process (the registry write is needed once per list). */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public ListMembership(DynamoDbClient dynamo, String mirrorTable, String controlTable) {
        this.dynamo = dynamo;
        this.mirrorTable = mirrorTable;
        this.controlTable = controlTable;
    }

    /** A list as the registry knows it. */
    public record KnownList(String teamId, String listId, String spaceId, Instant lastSweepAt) {
    }

    /**
     * Where a live task is: what {@link #record} needs of a snapshot ({@code mirror.TaskSnapshot#placements}
     * makes these). {@code teamId}/{@code spaceId} may be null (the list is then not registered / has no space).
     */
    public record Placement(String taskId, String listId, String teamId, String spaceId) {
    }

    /**
     * Records that these live tasks are in their lists (and registers the lists). What the drain
     * should call after writing a snapshot, so tasks reconcile never lists are covered too.
     * Placements without a task or list id are skipped.
     */
    public void record(Collection<Placement> placements) {
        Map<String, Set<String>> byList = new HashMap<>();
        for (Placement p : placements) {
            if (p == null || p.listId() == null || p.taskId() == null) {
                continue;
            }
            byList.computeIfAbsent(p.listId(), k -> new LinkedHashSet<>()).add(p.taskId());
            if (p.teamId() != null) {
                register(p.teamId(), p.listId(), p.spaceId());
            }
        }
        byList.forEach(this::add);
    }

    /** Adds these task ids to the list's membership (idempotent). */
    public void add(String listId, Collection<String> taskIds) {
        Instant now = Instant.now();
        List<WriteRequest> writes = new ArrayList<>();
        for (String taskId : new LinkedHashSet<>(taskIds)) {
            writes.add(Batches.put(Item.with(key(listId, taskId)).text("task_id", taskId).instant("seen_at", now).build()));
        }
        Batches.write(dynamo, mirrorTable, writes, "membership");
    }

    /** Removes these task ids from the list's membership. */
    public void remove(String listId, Collection<String> taskIds) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String taskId : new LinkedHashSet<>(taskIds)) {
            writes.add(Batches.delete(key(listId, taskId)));
        }
        Batches.write(dynamo, mirrorTable, writes, "membership");
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
        Map<String, AttributeValue> values = Item.builder().instant(":now", Instant.now()).text(":list", listId)
                .text(":space", spaceId).build();
        String expression = "SET first_seen = if_not_exists(first_seen, :now), list_id = :list"
                + (spaceId == null ? "" : ", space_id = :space");
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
        for (Map<String, AttributeValue> found : dynamo.queryPaginator(
                Tables.prefixQuery(controlTable, Watermarks.teamPartition(teamId), LIST_PREFIX).build()).items()) {
            Item item = Item.of(found);
            String listId = item.text(Tables.SK).substring(LIST_PREFIX.length());
            lists.add(new KnownList(teamId, listId, item.text("space_id"), item.instant("last_sweep_at")));
        }
        return lists;
    }

    /** Records a complete sweep of the list (registering it if needed). */
    public void swept(String teamId, String listId, Instant at) {
        dynamo.updateItem(b -> b.tableName(controlTable).key(registryKey(teamId, listId))
                .updateExpression("SET last_sweep_at = :at, first_seen = if_not_exists(first_seen, :at), list_id = :list")
                .expressionAttributeValues(Map.of(":at", Item.millis(at), ":list", Item.s(listId))));
    }

    /**
     * Drops a list that ClickUp no longer has from the workspace's registry, so the sweep stops
     * asking for it (each ask would be one more {@code 404} every interval, forever). A task the drain
     * still writes there (a late event) registers it again, and the next sweep forgets it again.
     */
    public void forget(String teamId, String listId) {
        dynamo.deleteItem(b -> b.tableName(controlTable).key(registryKey(teamId, listId)));
        registered.remove(teamId + "/" + listId);
    }

    private static Map<String, AttributeValue> key(String listId, String taskId) {
        return Item.key(LIST_PREFIX + listId, TASK_PREFIX + taskId);
    }

    private static Map<String, AttributeValue> registryKey(String teamId, String listId) {
        return Item.key(Watermarks.teamPartition(teamId), LIST_PREFIX + listId);
    }
}
