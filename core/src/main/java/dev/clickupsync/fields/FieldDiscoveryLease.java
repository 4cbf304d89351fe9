package dev.clickupsync.fields;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.ItemUpdate;
import dev.clickupsync.store.Lease;
import dev.clickupsync.store.Tables;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The table side of discovering a list's fields: the {@link Lease} that lets one instance at a time
 * ask ClickUp ({@code lease_owner}, {@code lease_until} on the list's {@link StoredFields} item), the
 * store of its result, the record of its failure, and the waiting of the others.
 *
 * <ul>
 *   <li>{@link #tryLease}: the lease's claim, free only when no lease is live, and only while no
 *       copy fresh for the caller's window is stored ({@code fetched_at <= threshold}) and no
 *       discovery of a list with a copy failed within {@code minRefreshInterval} (the back-off);
 *       it also pushes {@code expires_at} to {@code now + ttl}, so TTL never deletes a leased item.</li>
 *   <li>{@link #store}: the definitions and the lease's release in one write while the caller still
 *       owns it; without the lease (or having lost it), only over a copy fetched no later.</li>
 *   <li>{@link #releaseAfterFailure}: the release, {@code failures + 1} (waiters stop waiting) and
 *       {@code failed_at} (the back-off's clock).</li>
 *   <li>{@link #awaitHolder}: polls with short, growing sleeps ({@value #FIRST_POLL_MILLIS} ms doubling
 *       to {@value #MAX_POLL_MILLIS} ms, for at most {@code leaseDuration}) until the holder's result,
 *       failure or disappearance shows. {@code generation} and {@code failures} only grow, so a
 *       waiter never mistakes an old result for the one it waits for.</li>
 * </ul>
 */
final class FieldDiscoveryLease {
    private static final Logger LOG = Logger.getLogger(FieldCache.class);
    private static final long FIRST_POLL_MILLIS = 20;
    private static final long MAX_POLL_MILLIS = 500;

    /** How a wait for the lease holder ended. */
    enum Outcome { WRITTEN, FAILED, FREE, TIMEOUT }

    record Waited(Outcome outcome, StoredFields item) {
    }

    /** A lease attempt: {@code owner} is this caller's token when it won, null when it lost; the item as found. */
    record Attempt(String owner, StoredFields previous) {
        boolean won() {
            return owner != null;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final Duration leaseDuration;
    private final Clock clock;
    private final Metrics metrics;
    private final Lease lease;

    FieldDiscoveryLease(DynamoDbClient dynamo, String table, Duration ttl, Duration minRefreshInterval,
            Duration leaseDuration, Clock clock, Metrics metrics) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
        this.minRefreshInterval = minRefreshInterval;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
        this.metrics = metrics;
        this.lease = new Lease(dynamo, table, StoredFields.LEASE_OWNER, StoredFields.LEASE_UNTIL, clock);
    }

    /** The list's item, strongly consistent. */
    StoredFields read(String listId) {
        return StoredFields.parse(listId, Item.of(
                dynamo.getItem(b -> b.tableName(table).key(StoredFields.key(listId)).consistentRead(true)).item()));
    }

    Attempt tryLease(String listId, Instant threshold) {
        ItemUpdate claim = lease.update();
        Instant now = claim.now();
        claim.set(Tables.TTL, Item.n(now.plus(ttl).getEpochSecond()))
                .onlyIf("attribute_not_exists(#fetched_at) OR #fetched_at <= :threshold",
                        Map.of(":threshold", Item.millis(threshold)))
                .onlyIf("attribute_not_exists(#fields) OR attribute_not_exists(#failed_at) OR #failed_at <= :backoff",
                        Map.of(":backoff", Item.millis(now.minus(minRefreshInterval))));
        // An item without lease_until (a stored copy, nobody discovering) is as free as an expired lease.
        Lease.Claim claimed = lease.claim(StoredFields.key(listId), leaseDuration,
                "attribute_not_exists(#" + StoredFields.LEASE_UNTIL + ")", claim);
        return new Attempt(claimed.won() ? claimed.owner() : null, StoredFields.parse(listId, claimed.found()));
    }

    /**
     * Stores the definitions; with the lease: and releases it, if still ours. Without it (or having
     * lost it): only over an older copy. A storage failure is logged, not thrown: the caller still
     * gets the definitions it paid a ClickUp request for.
     */
    void store(FieldDefinitions definitions, String owner) {
        String listId = definitions.listId();
        try {
            if (owner != null && lease.release(StoredFields.key(listId), owner,
                    StoredFields.contents(lease.update(), definitions, ttl))) {
                return;
            }
            // No lease, or ours expired and someone else holds it now: store without touching theirs,
            // and keep a copy another instance fetched later than ours (then nothing is written).
            StoredFields.contents(lease.update(), definitions, ttl)
                    .onlyIf("attribute_not_exists(#fetched_at) OR #fetched_at <= :fetched_at", Map.of())
                    .apply(dynamo, table, StoredFields.key(listId));
        } catch (SdkException e) {
            metrics.increment("FieldCacheStoreFailed");
            StructuredLog.log(LOG, Logger.Level.WARN, "custom field definitions not stored", "list_id", listId,
                    "reason", e.getClass().getSimpleName());
        }
    }

    /**
     * Gives the lease back after a failed discovery, counts the failure (so waiters stop waiting)
     * and notes its time (so callers with a copy to fall back on back off for a refresh interval).
     * Nothing to give back when the lease expired and was taken.
     */
    void releaseAfterFailure(String listId, String owner) {
        try {
            lease.release(StoredFields.key(listId), owner, lease.update().setNow(StoredFields.FAILED_AT)
                    .add(StoredFields.FAILURES, 1));
        } catch (SdkException e) {
            StructuredLog.log(LOG, Logger.Level.WARN, "custom field lease not released", "list_id", listId,
                    "reason", e.getClass().getSimpleName());
        }
    }

    /** Polls the item until the holder's result, failure or disappearance shows, for at most {@code leaseDuration}. */
    Waited awaitHolder(String listId, Instant threshold, StoredFields known, StoredFields blocking) {
        long deadline = System.nanoTime() + leaseDuration.toNanos();
        long pause = FIRST_POLL_MILLIS;
        StoredFields latest = blocking;
        while (true) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return new Waited(Outcome.TIMEOUT, latest);
            }
            try {
                Thread.sleep(Math.min(pause, remainingMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                StoredFields stale = StoredFields.newer(known, latest);
                if (stale.definitions() != null) {
                    return new Waited(Outcome.FAILED, stale);
                }
                throw new FieldDiscoveryException(listId, "interrupted while waiting for the custom fields of list " + listId);
            }
            latest = read(listId);
            if (latest.answers(threshold, known)) {
                return new Waited(Outcome.WRITTEN, latest);
            }
            if (latest.failures() > blocking.failures()) {
                return new Waited(Outcome.FAILED, latest);
            }
            if (!latest.leasedAt(clock.instant())) {
                return new Waited(Outcome.FREE, latest);
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }
}
