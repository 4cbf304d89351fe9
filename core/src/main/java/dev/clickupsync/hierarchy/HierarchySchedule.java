package dev.clickupsync.hierarchy;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Watermarks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * When each workspace's hierarchy pass last completed: one control-table item per workspace, in its
 * reconcile partition ({@code pk = reconcile#<teamId>}, {@code sk = hierarchy}, {@code completed_at}
 * in epoch ms), so that every reconcile instance agrees when the next pass is due. Written only after
 * a complete pass; a pass that stopped leaves the old time, so the next run is still due.
 */
@ApplicationScoped
public class HierarchySchedule {
    static final String SK = "hierarchy";
    static final String MEMBERS_SK = "hierarchy#members";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration interval;
    private final Clock clock;

    @Inject
    public HierarchySchedule(DynamoDbClient dynamo, SyncConfig sync, HierarchyConfig config) {
        this(dynamo, sync.tables().control(), config.interval(), Clock.systemUTC());
    }

    public HierarchySchedule(DynamoDbClient dynamo, String table, Duration interval, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.interval = interval;
        this.clock = clock;
    }

    /** True when the workspace's last complete pass is at least the interval old, or there was none. */
    public boolean due(String teamId) {
        if (interval.isZero() || interval.isNegative()) {
            return true;
        }
        Instant last = Item.of(dynamo.getItem(b -> b.tableName(table).key(key(teamId)).consistentRead(true)).item())
                .instant("completed_at");
        return last == null || !clock.instant().isBefore(last.plus(interval));
    }

    /** Records a complete pass now. */
    public void completed(String teamId) {
        dynamo.putItem(b -> b.tableName(table).item(Item.with(key(teamId)).instant("completed_at", clock.instant()).build()));
    }

    /** The list id the last complete members rotation ended at ({@link HierarchyConfig#membersPerPass()}), or empty. */
    public java.util.Optional<String> membersAfter(String teamId) {
        return java.util.Optional.ofNullable(Item.of(dynamo.getItem(b -> b.tableName(table)
                .key(Item.key(Watermarks.teamPartition(teamId), MEMBERS_SK)).consistentRead(true)).item()).text("after"));
    }

    /** Records where the members rotation ended: the next pass starts after {@code listId}. */
    public void membersReached(String teamId, String listId) {
        dynamo.putItem(b -> b.tableName(table).item(Item.with(Item.key(Watermarks.teamPartition(teamId), MEMBERS_SK))
                .text("after", listId).instant("at", clock.instant()).build()));
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String teamId) {
        return Item.key(Watermarks.teamPartition(teamId), SK);
    }
}
