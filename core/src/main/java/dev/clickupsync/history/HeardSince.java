package dev.clickupsync.history;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when the mirror hears a workspace's task webhooks: the time the drain received the first
 * task event it applied for that team, one item of the control table ({@code pk = heard#<teamId>},
 * {@code sk = since}, attribute {@code since}, epoch ms), written once and never moved.
 *
 * <p>Why: a task created after that moment had its whole life announced by webhooks, so a task the
 * change walk lists that the mirror lacks, or holds without its creation's transition, lost webhooks
 * (dropped by ClickUp, or sent while the webhook was suspended), even in a scope's first walk, which
 * otherwise imports tasks without their past ({@link RestoreCandidates}). Without the item (nothing
 * drained yet for the team) every first walk is an import, as before.
 *
 * <p>Cost: {@link #mark} writes at most once per team and process (a conditional {@code UpdateItem}
 * that keeps the first value, remembered in memory once written or found), so the drain pays one
 * write per cold start; {@link #of} is one consistent {@code GetItem} per team and process until the item
 * exists, then answered from memory (the value never moves once written), so the change walk's pages and
 * both repairs that ask it cost nothing more.
 */
@ApplicationScoped
public class HeardSince {
    static final String PARTITION_PREFIX = "heard#";
    static final String SORT = "since";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> found = new ConcurrentHashMap<>();

    @Inject
    public HeardSince(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().control());
    }

    public HeardSince(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The drain applied an event of {@code teamId} received at {@code receivedAt}; the first one stays. */
    public void mark(String teamId, Instant receivedAt) {
        if (teamId == null || receivedAt == null || marked.contains(teamId)) {
            return;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(teamId)).updateExpression("SET since = :at")
                    .conditionExpression("attribute_not_exists(since)")
                    .expressionAttributeValues(Map.of(":at", Item.millis(receivedAt))));
        } catch (ConditionalCheckFailedException alreadyHeard) {
            // an earlier event (another instance, an earlier cold start) set it: the first value stays
        }
        marked.add(teamId);
    }

    /** When the drain first applied one of the team's task events; empty while it never has. */
    public Optional<Instant> of(String teamId) {
        Instant known = found.get(teamId);
        if (known != null) {
            return Optional.of(known);
        }
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(key(teamId)).consistentRead(true)).item());
        Instant since = item.exists() ? item.instant("since") : null;
        if (since != null) {
            found.put(teamId, since);
        }
        return Optional.ofNullable(since);
    }

    private static Map<String, AttributeValue> key(String teamId) {
        return Item.key(PARTITION_PREFIX + teamId, SORT);
    }
}
