package dev.clickupsync.reconcile;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconcile watermarks in the control table: {@code pk = reconcile#<teamId>},
 * {@code sk = watermark#<scope key>}, attributes {@code high_water_ms}, {@code cursor_ms},
 * {@code cursor_ids}, {@code in_progress}, {@code backfill}, {@code version}, {@code updated_at}.
 *
 * <p>Writes are compare-and-set on {@code version}: a run saves after each page only if nobody
 * else wrote since its last save. A concurrent run of the same scope, or a backfill rewind, makes
 * the save fail, and the run stops instead of overwriting it.
 */
@ApplicationScoped
public class WatermarkStore {
    static final String PARTITION_PREFIX = "reconcile#";
    static final String SORT_PREFIX = "watermark#";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public WatermarkStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().control());
    }

    public WatermarkStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Watermark> load(String teamId, String scopeKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(teamId, scopeKey))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(teamId, item));
    }

    /** Every watermark of the workspace (all scopes and passes). */
    public List<Watermark> forTeam(String teamId) {
        List<Watermark> found = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, PARTITION_PREFIX + teamId, SORT_PREFIX).build())
                .items().forEach(item -> found.add(fromItem(teamId, item)));
        return found;
    }

    /**
     * Stores {@code next} if the stored version is still {@code next.version() - 1} (absent for 0).
     *
     * @return false when someone else wrote in between (nothing was written)
     */
    public boolean save(Watermark next) {
        long expected = next.version() - 1;
        Map<String, AttributeValue> item = new HashMap<>(key(next.teamId(), next.scopeKey()));
        item.put("team_id", AttributeValue.fromS(next.teamId()));
        item.put("scope", AttributeValue.fromS(next.scopeKey()));
        if (next.highWaterMillis() != null) {
            item.put("high_water_ms", number(next.highWaterMillis()));
        }
        item.put("cursor_ms", number(next.cursor().millis()));
        item.put("cursor_ids", AttributeValue.fromL(next.cursor().ids().stream().sorted().map(AttributeValue::fromS).toList()));
        item.put("in_progress", AttributeValue.fromBool(next.inProgress()));
        item.put("backfill", AttributeValue.fromBool(next.backfill()));
        item.put("version", number(next.version()));
        item.put("updated_at", number((next.updatedAt() == null ? Instant.now() : next.updatedAt()).toEpochMilli()));
        try {
            if (expected <= 0) {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", number(expected))));
            }
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    private static Watermark fromItem(String teamId, Map<String, AttributeValue> item) {
        Set<String> ids = new HashSet<>();
        if (item.containsKey("cursor_ids") && item.get("cursor_ids").hasL()) {
            item.get("cursor_ids").l().forEach(v -> ids.add(v.s()));
        }
        String sk = item.get(Tables.SK).s();
        return new Watermark(teamId, sk.substring(SORT_PREFIX.length()),
                item.containsKey("high_water_ms") ? Long.valueOf(item.get("high_water_ms").n()) : null,
                new KeysetCursor(Long.parseLong(item.get("cursor_ms").n()), ids),
                item.containsKey("in_progress") && Boolean.TRUE.equals(item.get("in_progress").bool()),
                item.containsKey("backfill") && Boolean.TRUE.equals(item.get("backfill").bool()),
                Long.parseLong(item.get("version").n()),
                item.containsKey("updated_at") ? Instant.ofEpochMilli(Long.parseLong(item.get("updated_at").n())) : null);
    }

    private static Map<String, AttributeValue> key(String teamId, String scopeKey) {
        return Map.of(Tables.PK, AttributeValue.fromS(PARTITION_PREFIX + teamId),
                Tables.SK, AttributeValue.fromS(SORT_PREFIX + scopeKey));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
