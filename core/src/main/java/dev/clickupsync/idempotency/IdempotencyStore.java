package dev.clickupsync.idempotency;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.ItemUpdate;
import dev.clickupsync.store.Lease;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Idempotency records: one DynamoDB item per event key ({@code pk = idem#<key>}), a {@link Lease}
 * whose owner is {@code owner} and whose end is {@code lock_until}.
 *
 * <p>States and transitions, each a single conditional write:
 * <pre>
 *   (none) ──begin──▶ IN_PROGRESS(owner, lock_until) ──complete──▶ COMPLETED
 *                         │  ▲                │
 *                  release│  │begin, once lock_until has passed (the owner crashed)
 *                         ▼  │
 *                       (none)
 * </pre>
 * {@code begin} is the lease's claim, {@code complete} its completion (the lock ends, the owner stays
 * on the record), {@code release} a delete by the owner while IN_PROGRESS. {@code lock_until} exists
 * exactly while the record is IN_PROGRESS, so the lease's "expired" test is this machine's "a crashed
 * attempt's lock", and a COMPLETED record, having none, is never claimed again.
 *
 * <p>Invariants: at most one attempt holds a key at a time (the conditional claim); a COMPLETED key is
 * never applied again while its record lives (TTL ≥ queue retention); a lock always expires, so an
 * attempt that crashed mid-way is retried by the next delivery instead of blocking the key forever;
 * only the owner that took a lock can complete or release it.
 */
@ApplicationScoped
public class IdempotencyStore {
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    private static final String RECORD = "idempotency";

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
    private final Lease lease;

    @Inject
    public IdempotencyStore(DynamoDbClient dynamo, SyncConfig sync, IdempotencyConfig config) {
        this(dynamo, sync.tables().idempotency(), config.retention(), Clock.systemUTC());
    }

    public IdempotencyStore(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.lease = new Lease(dynamo, table, "owner", "lock_until", clock);
    }

    /** Tries to take the key for {@code lock}; see {@link Claim}. */
    public Attempt begin(String key, Duration lock) {
        ItemUpdate record = lease.update();
        record.set("state", Item.s(IN_PROGRESS)).setNow("started_at")
                .set(Tables.TTL, Item.n(record.now().plus(retention).getEpochSecond()));
        Lease.Claim claim = lease.claim(key(key), lock, record);
        if (claim.won()) {
            return new Attempt(key, Claim.ACQUIRED, claim.owner());
        }
        boolean completed = COMPLETED.equals(claim.found().text("state"));
        return new Attempt(key, completed ? Claim.DUPLICATE : Claim.IN_FLIGHT, null);
    }

    /** Marks the key applied. Returns false if the lock was lost (expired and taken by another attempt). */
    public boolean complete(Attempt attempt) {
        return lease.complete(key(attempt.key()), attempt.owner(),
                lease.update().set("state", Item.s(COMPLETED)).setNow("completed_at"));
    }

    /** Gives the key back after a failed attempt, so the next delivery can retry at once. */
    public void release(Attempt attempt) {
        // False when someone else holds or finished it: nothing to give back.
        lease.releaseByDelete(key(attempt.key()), attempt.owner(),
                lease.update().onlyIf("#state = :inProgress", Map.of(":inProgress", Item.s(IN_PROGRESS))));
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
        return Item.key("idem#" + key, RECORD);
    }
}
