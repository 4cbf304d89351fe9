package dev.clickupsync.idempotency;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Idempotency records: one DynamoDB item per event key ({@code pk = idem#<key>}).
 *
 * <p>States and transitions, each a single conditional write:
 * <pre>
 *   (none) ──begin──▶ IN_PROGRESS(owner, lock_until) ──complete──▶ COMPLETED
 *                         │  ▲                │
 *                  release│  │begin, once lock_until has passed (the owner crashed)
 *                         ▼  │
 *                       (none)
 * </pre>
 * Invariants: at most one attempt holds a key at a time (the conditional put); a COMPLETED key is
 * never applied again while its record lives (TTL ≥ queue retention); a lock always expires, so an
 * attempt that crashed mid-way is retried by the next delivery instead of blocking the key forever;
 * only the owner that took a lock can complete or release it.
 */
@ApplicationScoped
public class IdempotencyStore {
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    private static final AttributeValue RECORD = AttributeValue.fromS("idempotency");

    /** What {@link #begin} found. */
    public enum Claim {
        /** The caller holds the lock and must complete or release it. */
        ACQUIRED,
        /** Already applied: acknowledge, do not apply again. */
        DUPLICATE,
        /** Another attempt holds an unexpired lock: retry later. */
        IN_FLIGHT
    }

    /** A claim and the owner token that proves it. */
    public record Attempt(String key, Claim claim, String owner) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    @Inject
    public IdempotencyStore(DynamoDbClient dynamo, SyncConfig sync, IdempotencyConfig config) {
        this(dynamo, sync.tables().idempotency(), config.retention(), Clock.systemUTC());
    }

    public IdempotencyStore(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** Tries to take the key for {@code lock}; see {@link Claim}. */
    public Attempt begin(String key, Duration lock) {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = Map.of(
                Tables.PK, pk(key), Tables.SK, RECORD,
                "state", AttributeValue.fromS(IN_PROGRESS),
                "owner", AttributeValue.fromS(owner),
                "lock_until", number(now.plus(lock).toEpochMilli()),
                "started_at", number(now.toEpochMilli()),
                Tables.TTL, number(now.plus(retention).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#state = :inProgress AND lock_until < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":inProgress", AttributeValue.fromS(IN_PROGRESS),
                            ":now", number(now.toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Attempt(key, Claim.ACQUIRED, owner);
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> old = Tables.itemAtFailure(dynamo, table, key(key), taken);
            boolean completed = old.containsKey("state") && COMPLETED.equals(old.get("state").s());
            return new Attempt(key, completed ? Claim.DUPLICATE : Claim.IN_FLIGHT, null);
        }
    }

    /** Marks the key applied. Returns false if the lock was lost (expired and taken by another attempt). */
    public boolean complete(Attempt attempt) {
        Instant now = clock.instant();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(attempt.key()))
                    .updateExpression("SET #state = :completed, completed_at = :now REMOVE lock_until")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(
                            ":completed", AttributeValue.fromS(COMPLETED),
                            ":now", number(now.toEpochMilli()),
                            ":owner", AttributeValue.fromS(attempt.owner()))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** Gives the key back after a failed attempt, so the next delivery can retry at once. */
    public void release(Attempt attempt) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(attempt.key()))
                    .conditionExpression("#owner = :owner AND #state = :inProgress")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":owner", AttributeValue.fromS(attempt.owner()),
                            ":inProgress", AttributeValue.fromS(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Someone else holds or finished it: nothing to give back.
        }
    }

    /**
     * What the store holds for a key ({@code state}, {@code owner}, {@code lock_until}, ...; empty
     * when nothing): for an operator or an audit tracing one event, never for a decision (a read
     * here can be stale by the time it is used; {@link #begin} is the only safe test).
     */
    public Map<String, String> describe(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(key)).consistentRead(true)).item();
        Map<String, String> described = new java.util.TreeMap<>();
        if (item != null) {
            item.forEach((name, value) -> {
                if (!name.equals(Tables.PK) && !name.equals(Tables.SK)) {
                    described.put(name, value.s() != null ? value.s() : value.n());
                }
            });
        }
        return described;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(Tables.PK, pk(key), Tables.SK, RECORD);
    }

    private static AttributeValue pk(String key) {
        return AttributeValue.fromS("idem#" + key);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
