package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A set of tasks a reconcile repair still has to look at, per workspace, in the control table:
 * {@code pk = <prefix><teamId>}, {@code sk = task#<taskId>}, attributes {@code task_id} and
 * {@code noted_at} (epoch ms, the latest noting). The change walk adds a page's tasks before it saves
 * the page's cursor; the repair removes a task only once it is done with it, so a stopped or failed
 * repair loses nothing and the walk's watermark moves on independently. Noting a task twice is one
 * item. Each repair has its own prefix ({@code restore#}: status transitions, {@code comments#}).
 */
public final class PendingTasks {
    static final String SORT_PREFIX = "task#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String prefix;
    private final Clock clock;

    public PendingTasks(DynamoDbClient dynamo, String table, String prefix, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** A noted task and when it was last noted. */
    public record Noted(String taskId, Instant notedAt) {
    }

    /** Notes the tasks (batch puts; repeating it is harmless). */
    public void add(String teamId, Collection<String> taskIds) {
        Instant now = clock.instant();
        Batches.write(dynamo, table, taskIds.stream().distinct().map(id -> Batches.put(Item.with(key(teamId, id))
                .text("task_id", id).instant("noted_at", now).build())).toList(), "pending " + prefix);
    }

    /** Every noted task of the workspace, in key order (one paged {@code Query}). */
    public List<Noted> noted(String teamId) {
        List<Noted> noted = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, prefix + teamId, SORT_PREFIX).build()).items()
                .forEach(item -> noted.add(new Noted(Item.of(item).text("task_id"), Item.of(item).instant("noted_at"))));
        return noted;
    }

    /** Every noted task id of the workspace, in key order. */
    public List<String> taskIds(String teamId) {
        return noted(teamId).stream().map(Noted::taskId).toList();
    }

    /** Every noted task id, longest waiting first (then key order), so a capped repair starves none. */
    public List<String> oldestFirst(String teamId) {
        return noted(teamId).stream().sorted(Comparator.comparing((Noted n) -> n.notedAt() == null ? Instant.EPOCH : n.notedAt()))
                .map(Noted::taskId).toList();
    }

    /** The tasks are done: checked, or skipped for good. */
    public void remove(String teamId, Collection<String> taskIds) {
        Batches.write(dynamo, table, taskIds.stream().distinct().map(id -> Batches.delete(key(teamId, id))).toList(),
                "pending " + prefix);
    }

    private Map<String, AttributeValue> key(String teamId, String taskId) {
        return Item.key(prefix + teamId, SORT_PREFIX + taskId);
    }
}
