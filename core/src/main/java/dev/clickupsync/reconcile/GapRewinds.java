package dev.clickupsync.reconcile;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import dev.clickupsync.webhook.registry.WebhookLifecycles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rewinds a scheduled run owes for webhook gaps, one workspace at a time, and the ones it could not
 * do yet.
 *
 * <p><b>Why the pending set.</b> The lifecycle reports a gap once: it heals the webhook and records it
 * healthy in the same run, so the next run sees nothing wrong. A rewind that failed in between (the
 * default workspace's {@code GET /team} when {@code sync.reconcile.team-ids} is unset, or a DynamoDB
 * error) would lose the gap for good. So a failed rewind is stored here first ({@code pk = webhook-gaps},
 * {@code sk = workspace#<name>}, attribute {@code from}, epoch ms) and every run retries the stored ones
 * with the new reports; a success deletes the item.
 *
 * <p><b>Invariants.</b> A stored gap only ever moves earlier (a conditional write keeps the earliest
 * {@code from}), so two failures in a row rewind the union of their windows. The delete after a success
 * is conditional on the {@code from} rewound, so a gap stored meanwhile by another run is kept. One
 * workspace's failure never stops another's rewind, nor the walk: it is counted as
 * {@code ReconcileError{Reason}} (alarm {@code ReconcileErrors}) and logged with its workspace. Only a
 * failure to store the pending gap itself is thrown, as the gap would otherwise be lost: the invocation
 * fails, and the schedule retries it.
 */
@ApplicationScoped
public class GapRewinds {
    private static final Logger LOG = Logger.getLogger(GapRewinds.class);
    static final String PARTITION = "webhook-gaps";
    static final String SORT_PREFIX = "workspace#";

    /** Rewinds one workspace's teams to {@code from}; throws when it cannot. */
    @FunctionalInterface
    public interface Rewind {
        void rewind(String workspace, String teamId, boolean isDefault, Instant from);
    }

    /** A gap owed: the workspace, its team id (null for the default's), and where its walk must start again. */
    public record Gap(String workspace, String teamId, boolean isDefault, Instant from) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Metrics metrics;

    @Inject
    public GapRewinds(DynamoDbClient dynamo, SyncConfig config, Metrics metrics) {
        this(dynamo, config.tables().control(), metrics);
    }

    public GapRewinds(DynamoDbClient dynamo, String table, Metrics metrics) {
        this.dynamo = dynamo;
        this.table = table;
        this.metrics = metrics;
    }

    /**
     * Rewinds every gap the lifecycles reported and every one still stored, the earliest {@code from} per
     * workspace, each with {@code rewind}; {@code reason} names a failure as the walk's own are named.
     *
     * @return the gaps that failed again (also stored)
     */
    public List<Gap> rewind(List<WebhookLifecycles.Ran> ran, Rewind rewind, Function<RuntimeException, String> reason) {
        Map<String, Gap> owed = new LinkedHashMap<>();
        for (Gap stored : pending()) {
            owed.put(stored.workspace(), stored);
        }
        for (WebhookLifecycles.Ran run : ran) {
            run.report().reconcileFrom().ifPresent(from -> owed.merge(run.workspace(),
                    new Gap(run.workspace(), run.isDefault() ? null : run.teamId(), run.isDefault(), from), GapRewinds::earlier));
        }
        return owed.values().stream().filter(gap -> !rewound(gap, rewind, reason)).toList();
    }

    /**
     * The gaps stored by runs whose rewind failed (one {@code Query}). An item without its workspace or
     * {@code from} (never written so) is skipped and logged: read as epoch 0 it would rewind everything.
     */
    public List<Gap> pending() {
        return dynamo.queryPaginator(Tables.prefixQuery(table, PARTITION, SORT_PREFIX).consistentRead(true).build())
                .items().stream().map(Item::of).filter(GapRewinds::complete).map(i -> new Gap(i.text("workspace"),
                        i.text("team_id"), i.flag("is_default"), Instant.ofEpochMilli(i.longOrNull("from")))).toList();
    }

    private static boolean complete(Item item) {
        boolean complete = item.text("workspace") != null && item.longOrNull("from") != null;
        if (!complete) {
            LOG.warnf("stored webhook gap without workspace or from skipped sk=%s", item.text(Tables.SK));
        }
        return complete;
    }

    private boolean rewound(Gap gap, Rewind rewind, Function<RuntimeException, String> reason) {
        try {
            rewind.rewind(gap.workspace(), gap.teamId(), gap.isDefault(), gap.from());
        } catch (RuntimeException e) {
            String name = reason.apply(e);
            metrics.increment("ReconcileError", "Reason", name);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile failed", "phase", "rewind", "reason", name,
                    "workspace", gap.workspace(), "from", gap.from(), "error", e.getClass().getSimpleName());
            store(gap);
            return false;
        }
        forget(gap);
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile rewound for a webhook gap", "workspace", gap.workspace(),
                "from", gap.from());
        return true;
    }

    /** Keeps the earliest {@code from} of the workspace's stored gap. */
    void store(Gap gap) {
        Item.Builder item = Item.with(key(gap.workspace())).text("workspace", gap.workspace())
                .number("from", gap.from().toEpochMilli()).flag("is_default", gap.isDefault());
        if (gap.teamId() != null) {
            item.text("team_id", gap.teamId());
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item.build())
                    .conditionExpression("attribute_not_exists(#from) OR #from > :from")
                    .expressionAttributeNames(Map.of("#from", "from"))
                    .expressionAttributeValues(Map.of(":from", Item.n(gap.from().toEpochMilli()))));
        } catch (ConditionalCheckFailedException earlierStored) {
            LOG.debugf("an earlier gap of workspace %s is stored already", gap.workspace());
        }
    }

    private void forget(Gap gap) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(gap.workspace()))
                    .conditionExpression("attribute_not_exists(#from) OR #from >= :from")
                    .expressionAttributeNames(Map.of("#from", "from"))
                    .expressionAttributeValues(Map.of(":from", Item.n(gap.from().toEpochMilli()))));
        } catch (ConditionalCheckFailedException earlierStoredMeanwhile) {
            LOG.debugf("an earlier gap of workspace %s was stored meanwhile; kept", gap.workspace());
        }
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String workspace) {
        return Item.key(PARTITION, SORT_PREFIX + workspace);
    }

    private static Gap earlier(Gap a, Gap b) {
        return a.from().isAfter(b.from()) ? b : a;
    }
}
