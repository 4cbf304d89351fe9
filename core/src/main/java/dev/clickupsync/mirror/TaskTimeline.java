package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's entry and its status transitions read together, in one strongly consistent {@code Query}
 * of the task's partition, for readers that need both (time in status). The entry
 * ({@code sk = snapshot}, {@link MirrorItems}) and the transitions ({@code sk = transition#…},
 * {@link TransitionStore}) share the partition {@code task#<id>}, so one key range holds them:
 * {@code snapshot} to {@code transition#\uffff}. What else lies in that range, the task's time entries
 * ({@code time#…}, {@link TimeEntryStore}), is read along and skipped; comments ({@code comment#…})
 * sort before it and are not read.
 *
 * <p>Why not a {@code GetItem} and a {@code Query}: one round trip instead of two, and one consistent
 * read of the partition, so the entry and its history are from the same moment. The price is the
 * bytes of the task's time entries (a few hundred bytes each) in the read units; a task with
 * thousands of them costs more pages of the same {@code Query}, never a wrong answer.
 */
@ApplicationScoped
public class TaskTimeline {
    private static final String RANGE_END = TransitionStore.SK_PREFIX + "\uffff";

    /** One task's entry, and its transitions as {@link TransitionStore#forTask} returns them. */
    public record Timeline(MirrorStore.Entry entry, List<Transition> transitions) {
        public Timeline {
            transitions = List.copyOf(transitions);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public TaskTimeline(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TaskTimeline(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The task's entry with its transitions; empty when the mirror holds no entry (whatever transitions it holds). */
    public Optional<Timeline> read(String taskId) {
        MirrorStore.Entry entry = null;
        List<Transition> transitions = new ArrayList<>();
        for (Map<String, AttributeValue> raw : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(MirrorItems.partition(taskId)),
                        ":from", AttributeValue.fromS(MirrorItems.SNAPSHOT), ":to", AttributeValue.fromS(RANGE_END))))
                .items()) {
            Item item = Item.of(raw);
            String sk = item.text(Tables.SK);
            if (MirrorItems.SNAPSHOT.equals(sk)) {
                entry = MirrorItems.entry(item).orElse(null);
            } else if (sk != null && sk.startsWith(TransitionStore.SK_PREFIX)) {
                transitions.add(TransitionStore.fromItem(item));
            }
        }
        return entry == null ? Optional.empty()
                : Optional.of(new Timeline(entry, TransitionStore.withoutRestoredTwins(transitions)));
    }
}
