package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's status transitions in the mirror table: {@code pk = task#<taskId>},
 * {@code sk = transition#<at as 13-digit zero-padded epoch ms>#<historyId>}, so a Query on the
 * partition lists them in time order whatever order they were recorded in. Attributes:
 * {@code task_id}, {@code history_id}, {@code from_status}, {@code from_type}, {@code to_status},
 * {@code to_type}, {@code at} (epoch ms), {@code by_user_id} (absent when null).
 *
 * <p>Transitions are facts that never change, so {@link #record} is insert-only: a redelivered or
 * replayed event finds its item and changes nothing.
 */
@ApplicationScoped
public class TransitionStore {
    static final String SK_PREFIX = "transition#";
    /** Ties at the same millisecond are broken by history id, as the sort key does. */
    static final Comparator<Transition> ORDER = Comparator.comparing(Transition::at).thenComparing(Transition::historyId);

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public TransitionStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TransitionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Stores the transition unless it is already stored; true when this call stored it. */
    public boolean record(Transition t) {
        if (t.taskId() == null || t.historyId() == null || t.at() == null || t.at().toEpochMilli() < 0) {
            throw new IllegalArgumentException("transition needs a task id, a history id and a time: " + t);
        }
        Map<String, AttributeValue> item = Item.with(Item.key(pk(t.taskId()), sk(t)))
                .text("task_id", t.taskId()).text("history_id", t.historyId())
                .text("from_status", t.fromStatus()).text("from_type", t.fromType())
                .text("to_status", t.toStatus()).text("to_type", t.toType())
                .instant("at", t.at()).number("by_user_id", t.byUserId()).build();
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", Tables.SK)));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /** The task's transitions in time order (ties by history id). */
    public List<Transition> forTask(String taskId) {
        List<Transition> transitions = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, pk(taskId), SK_PREFIX).build())
                .items().forEach(item -> transitions.add(fromItem(Item.of(item))));
        return List.copyOf(transitions);
    }

    /**
     * Total time spent in each status: each transition's {@code toStatus} accrues from its {@code at}
     * until the next transition's, the last one until {@code now}. Time before the first transition is
     * not counted (the status held then, and since when, is unknown unless that transition is the
     * task's creation). The input is sorted by {@link #ORDER} first, so any order is accepted; a
     * {@code now} before the last transition accrues nothing. Keys are in order of first appearance.
     */
    public static Map<String, Duration> timeInStatus(List<Transition> ordered, Instant now) {
        List<Transition> sorted = new ArrayList<>(ordered);
        sorted.sort(ORDER);
        Map<String, Duration> totals = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            Transition t = sorted.get(i);
            Instant until = i + 1 < sorted.size() ? sorted.get(i + 1).at() : now;
            Duration spent = until.isAfter(t.at()) ? Duration.between(t.at(), until) : Duration.ZERO;
            if (t.toStatus() != null) {
                totals.merge(t.toStatus(), spent, Duration::plus);
            }
        }
        return totals;
    }

    static String sk(Transition t) {
        return SK_PREFIX + String.format("%013d", t.at().toEpochMilli()) + "#" + t.historyId();
    }

    private static String pk(String taskId) {
        return "task#" + taskId;
    }

    private static Transition fromItem(Item item) {
        return new Transition(item.text("task_id"), item.text("history_id"), item.text("from_status"),
                item.text("from_type"), item.text("to_status"), item.text("to_type"),
                item.instant("at"), item.longOrNull("by_user_id"));
    }
}
