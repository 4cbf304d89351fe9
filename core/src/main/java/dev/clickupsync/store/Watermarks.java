package dev.clickupsync.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconcile watermarks in the control table: {@code pk = reconcile#<teamId>},
 * {@code sk = watermark#<scope key>}, attributes {@code team_id}, {@code scope}, {@code high_water_ms},
 * {@code cursor_ms}, {@code cursor_ids} (a list of strings, sorted), {@code in_progress},
 * {@code backfill}, {@code version}, {@code updated_at} (epoch ms).
 *
 * <p>Writes are compare-and-set on {@code version}: {@link #save} stores version {@code n} only if the
 * stored one is still {@code n - 1} (absent for a first save), so a concurrent run of the same scope,
 * or a backfill rewind, makes the save fail instead of being overwritten. What a watermark means and
 * how it moves is reconcile's ({@code reconcile.Watermark}); this class only keeps the record.
 *
 * <p>The same partition holds the registry of lists ({@link ListMembership}): {@link #teamPartition}.
 *
 * <p>The workspaces that have watermarks are listed in one more partition, {@code reconcile#workspaces}
 * ({@code sk = team#<teamId>}), written with a scope's first watermark, so that a reader
 * ({@code GET /admin/status}) finds them with one {@code Query} instead of a scan. ClickUp's
 * workspace ids are numbers, so the name cannot meet a workspace's own partition.
 */
public class Watermarks {
    static final String PARTITION_PREFIX = "reconcile#";
    static final String SORT_PREFIX = "watermark#";
    static final String WORKSPACES = PARTITION_PREFIX + "workspaces";
    private static final String WORKSPACE_PREFIX = "team#";

    private final DynamoDbClient dynamo;
    private final String table;

    /** One stored watermark, as plain values ({@code reconcile.Watermark} gives them meaning). */
    public record Stored(String teamId, String scopeKey, Long highWaterMillis, long cursorMillis, Set<String> cursorIds,
                         boolean inProgress, boolean backfill, long version, Instant updatedAt) {
        public Stored {
            cursorIds = cursorIds == null ? Set.of() : Set.copyOf(cursorIds);
        }
    }

    public Watermarks(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The control-table partition of a workspace's reconcile records. */
    public static String teamPartition(String teamId) {
        return PARTITION_PREFIX + teamId;
    }

    public Optional<Stored> load(String teamId, String scopeKey) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(key(teamId, scopeKey)).consistentRead(true)).item());
        return item.exists() ? Optional.of(fromItem(teamId, item)) : Optional.empty();
    }

    /** Every watermark of the workspace (all scopes and passes). */
    public List<Stored> forTeam(String teamId) {
        List<Stored> found = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, teamPartition(teamId), SORT_PREFIX).build())
                .items().forEach(item -> found.add(fromItem(teamId, Item.of(item))));
        return found;
    }

    /** Every workspace a watermark was ever stored for: one {@code Query}. */
    public List<String> workspaces() {
        List<String> found = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, WORKSPACES, WORKSPACE_PREFIX).build())
                .items().forEach(item -> found.add(Item.of(item).text("team_id")));
        return found;
    }

    /**
     * Stores {@code next} if the stored version is still {@code next.version() - 1} (absent for 0).
     *
     * @return false when someone else wrote in between (nothing was written)
     */
    public boolean save(Stored next) {
        long expected = next.version() - 1;
        Map<String, AttributeValue> item = Item.with(key(next.teamId(), next.scopeKey()))
                .text("team_id", next.teamId()).text("scope", next.scopeKey())
                .number("high_water_ms", next.highWaterMillis()).number("cursor_ms", next.cursorMillis())
                .value("cursor_ids", AttributeValue.fromL(next.cursorIds().stream().sorted().map(Item::s).toList()))
                .flag("in_progress", next.inProgress()).flag("backfill", next.backfill())
                .number("version", next.version())
                .instant("updated_at", next.updatedAt() == null ? Instant.now() : next.updatedAt())
                .build();
        try {
            if (expected <= 0) {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                // A scope's first watermark: list its workspace (idempotent; once per scope, not per page).
                dynamo.putItem(b -> b.tableName(table).item(Item.with(Item.key(WORKSPACES, WORKSPACE_PREFIX + next.teamId()))
                        .text("team_id", next.teamId()).build()));
            } else {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("version = :v")
                        .expressionAttributeValues(Map.of(":v", Item.n(expected))));
            }
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    private static Stored fromItem(String teamId, Item item) {
        Set<String> ids = new HashSet<>();
        item.raw("cursor_ids").filter(AttributeValue::hasL).ifPresent(list -> list.l().forEach(v -> ids.add(v.s())));
        return new Stored(teamId, item.text(Tables.SK).substring(SORT_PREFIX.length()), item.longOrNull("high_water_ms"),
                item.longOr("cursor_ms", 0), ids, item.flag("in_progress"), item.flag("backfill"),
                item.longOr("version", 0), item.instant("updated_at"));
    }

    private static Map<String, AttributeValue> key(String teamId, String scopeKey) {
        return Item.key(teamPartition(teamId), SORT_PREFIX + scopeKey);
    }
}
