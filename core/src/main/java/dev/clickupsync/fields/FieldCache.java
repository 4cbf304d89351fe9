package dev.clickupsync.fields;

import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.fields.FieldDiscoveryLease.Attempt;
import dev.clickupsync.fields.FieldDiscoveryLease.Waited;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Custom-field definitions per list, shared by every instance through one DynamoDB item per list
 * ({@link StoredFields}: the item's layout) and discovered from ClickUp ({@link FieldSource},
 * {@code GET /list/{id}/field}) at most once per list per TTL, however many instances ask at once.
 * The pieces: this class (the algorithm below), {@link FieldDiscoveryLease} (the lease on the item,
 * the store, the wait, on {@link dev.clickupsync.store.Lease}), {@link StoredFields} (the item's
 * encoding) and {@link FieldMemo} (this instance's memory).
 *
 * <p>Algorithm. A copy is <em>fresh</em> for a window {@code w} when {@code fetched_at > now - w}:
 * {@link #forList} uses {@code ttl}, {@link #refresh} uses {@code minRefreshInterval}. Answer from
 * the memo or the item when it is fresh; otherwise <em>discover</em>:
 * <ol>
 *   <li>Take the lease with one conditional UpdateItem: {@code SET lease_until = now + leaseDuration,
 *       lease_owner = <random>} if {@code (lease_until absent OR lease_until < now) AND (fetched_at
 *       absent OR fetched_at <= now - w) AND (no copy OR failed_at absent OR failed_at <= now -
 *       minRefreshInterval)}. The second part makes a late caller that read the item just before
 *       another instance stored it lose instead of discovering again; the third is the back-off.</li>
 *   <li>The winner calls the source, then stores the definitions and clears the lease (and
 *       {@code failed_at}) in one write, conditional on still owning the lease (if it lost it
 *       meanwhile, it stores them only if no newer copy is there). If the source fails, it clears
 *       its lease, adds one to {@code failures}, sets {@code failed_at}, and answers the stale copy
 *       if there is one, else rethrows the source's exception.</li>
 *   <li>A loser whose failed condition shows a fresh copy (the item the lease reports) takes it.
 *       Otherwise it re-reads the item with short, growing sleeps (for at most {@code leaseDuration})
 *       until the {@code generation} moves (the winner's result: returned), {@code failures} moves
 *       (the winner failed: the stale copy, else {@link FieldDiscoveryException} — the losers do not
 *       each retry a failing ClickUp), or the lease is gone without a result (the holder died: it
 *       tries the lease once more, one extra round at most).</li>
 *   <li>Back-off: while a discovery of a list that has a copy failed less than
 *       {@code minRefreshInterval} ago, callers get that copy (stale) without asking ClickUp, so an
 *       outage costs one failing request per list per interval, not one per event. A list without
 *       any copy has nothing to serve, so it is always tried (the budget and the client's circuit
 *       breaker bound that).</li>
 *   <li>When nothing came of the wait: the stale copy if there is one; else, as a last resort, the
 *       loser calls the source itself, without the lease, and stores the result if nothing newer is
 *       there (counted as {@code FieldDiscoveryUnleased}). Reached only when a lease holder hangs
 *       past its lease or dies with no copy stored, so it costs at most one call per waiting caller
 *       in that rare case.</li>
 * </ol>
 *
 * <p>Invariants: at most one instance holds a list's lease at a time (a conditional write), and a
 * lease always expires, so a crashed owner delays the others by at most {@code leaseDuration};
 * nobody takes the lease while the copy is fresh for the window it asks about, so with owners that
 * finish within their lease a list is discovered at most once per {@code ttl} by {@link #forList}
 * and at most once per {@code minRefreshInterval} by {@link #refresh}, across all instances, and
 * a list with a copy is tried at most once per {@code minRefreshInterval} after a failure;
 * {@code generation} and {@code failures} only grow, so a waiter never mistakes an old result for
 * the one it waits for; a stored copy is only ever replaced by one fetched no earlier.
 *
 * <p>Cost: a fresh memo hit costs nothing; otherwise one consistent read; a discovery adds two
 * conditional writes (lease, store) and one ClickUp request; a waiter adds a read per poll.
 *
 * <p>Metrics: {@code FieldCacheHit} (fresh copy from memo or table), {@code FieldCacheMiss{Reason}}
 * ({@code absent}, {@code expired}, {@code unknown_field}, {@code unknown_name},
 * {@code unknown_option}), {@code FieldDiscovery} (each call to the source by this instance),
 * {@code FieldDiscoveryFailed{Reason}}, {@code FieldDiscoveryUnleased}, {@code FieldCacheStale} (a
 * stale copy answered because discovery failed or produced nothing), {@code FieldRefreshThrottled}
 * (a refresh answered by a copy younger than {@code minRefreshInterval}), {@code FieldCacheStoreFailed}.
 * One log line per discovery and per failure: list id, field count or reason; never names or values.
 */
public class FieldCache {
    private static final Logger LOG = Logger.getLogger(FieldCache.class);
    /** Lease attempts per discovery: the first, and one more if the holder vanished without a result. */
    private static final int MAX_ROUNDS = 2;

    private final FieldSource source;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final Metrics metrics;
    private final FieldDiscoveryLease shared;
    private final FieldMemo memo;

    public FieldCache(DynamoDbClient dynamo, String table, FieldSource source, Duration ttl,
            Duration minRefreshInterval, Duration leaseDuration, Clock clock, Metrics metrics) {
        Objects.requireNonNull(dynamo, "dynamo");
        Objects.requireNonNull(table, "table");
        this.source = Objects.requireNonNull(source, "source");
        this.ttl = positive(ttl, "ttl");
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("minRefreshInterval must not be negative");
        }
        positive(leaseDuration, "leaseDuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.shared = new FieldDiscoveryLease(dynamo, table, ttl, minRefreshInterval, leaseDuration, clock, metrics);
        this.memo = new FieldMemo(ttl);
    }

    /** The list's definitions: the cached copy while younger than the TTL, else discovered (see the class comment). */
    public FieldDefinitions forList(String listId) {
        requireListId(listId);
        Instant now = clock.instant();
        FieldDefinitions memoised = memo.fresh(listId, now);
        if (memoised != null) {
            metrics.increment("FieldCacheHit");
            return memoised;
        }
        StoredFields stored = shared.read(listId);
        if (stored.definitions() != null && stored.definitions().isFresh(now, ttl)) {
            metrics.increment("FieldCacheHit");
            return remember(stored.definitions());
        }
        metrics.increment("FieldCacheMiss", "Reason", stored.definitions() == null ? "absent" : "expired");
        return discover(listId, now.minus(ttl), stored);
    }

    /**
     * The list's definitions as ClickUp has them now, unless the stored copy was fetched less than
     * {@code minRefreshInterval} ago (by any instance): then that copy. Call it when a field id or
     * name is unknown or ClickUp rejected a field value. Drops this instance's memo of the list.
     */
    public FieldDefinitions refresh(String listId) {
        requireListId(listId);
        memo.forget(listId);
        Instant now = clock.instant();
        StoredFields stored = shared.read(listId);
        if (stored.definitions() != null && stored.definitions().isFresh(now, minRefreshInterval)) {
            metrics.increment("FieldRefreshThrottled");
            return remember(stored.definitions());
        }
        return discover(listId, now.minus(minRefreshInterval), stored);
    }

    /** The field with this id: from the cache, else after one {@link #refresh} (subject to its interval). */
    public Optional<CustomField> field(String listId, String fieldId) {
        return lookup(listId, "unknown_field", defs -> defs.byId(fieldId));
    }

    /**
     * The one field with this name (trimmed, case-insensitive): from the cache, else after one
     * {@link #refresh}. Empty when no field, or several, have the name
     * ({@link FieldDefinitions#isAmbiguous(String)} tells which).
     */
    public Optional<CustomField> fieldByName(String listId, String name) {
        return lookup(listId, "unknown_name", defs -> defs.byName(name));
    }

    /**
     * A {@code drop_down} or {@code labels} option by name (see {@link FieldDefinitions#option}):
     * from the cache, else after one {@link #refresh} (an admin may have added the option).
     */
    public Optional<FieldValue.Option> option(String listId, String fieldId, String optionName) {
        return lookup(listId, "unknown_option", defs -> defs.option(fieldId, optionName));
    }

    private <T> Optional<T> lookup(String listId, String missReason, Function<FieldDefinitions, Optional<T>> find) {
        Optional<T> found = find.apply(forList(listId));
        if (found.isPresent()) {
            return found;
        }
        metrics.increment("FieldCacheMiss", "Reason", missReason);
        return find.apply(refresh(listId));
    }

    // --- discovery ------------------------------------------------------------------------------

    /** Discovers unless a copy fetched after {@code threshold} appears meanwhile; {@code known} is what was read before. */
    private FieldDefinitions discover(String listId, Instant threshold, StoredFields known) {
        if (backingOff(known)) {
            return serveStale(known.definitions());
        }
        StoredFields stale = known;
        for (int round = 1; ; round++) {
            Attempt lease = shared.tryLease(listId, threshold);
            stale = StoredFields.newer(stale, lease.previous());
            if (lease.won()) {
                return discoverAsOwner(listId, lease.owner(), stale);
            }
            StoredFields blocking = lease.previous();
            if (blocking.answers(threshold, known)) {
                return remember(blocking.definitions());
            }
            if (backingOff(blocking)) {
                return serveStale(blocking.definitions());
            }
            Waited waited = shared.awaitHolder(listId, threshold, known, blocking);
            stale = StoredFields.newer(stale, waited.item());
            switch (waited.outcome()) {
                case WRITTEN:
                    return remember(waited.item().definitions());
                case FAILED:
                    if (stale.definitions() != null) {
                        return serveStale(stale.definitions());
                    }
                    throw new FieldDiscoveryException(listId,
                            "custom field discovery of list " + listId + " failed in another instance");
                case FREE:
                    if (round < MAX_ROUNDS) {
                        continue;
                    }
                    break;
                default:
                    break;
            }
            if (stale.definitions() != null) {
                return serveStale(stale.definitions());
            }
            StructuredLog.log(LOG, Logger.Level.WARN,
                    "custom field discovery: no result from the lease holder, asking ClickUp without the lease",
                    "list_id", listId);
            metrics.increment("FieldDiscoveryUnleased");
            return discoverAsOwner(listId, null, stale);
        }
    }

    /** Calls the source and stores the result; {@code owner} null when called without the lease. */
    private FieldDefinitions discoverAsOwner(String listId, String owner, StoredFields stale) {
        Instant started = clock.instant();
        ListFields answer;
        try {
            metrics.increment("FieldDiscovery");
            answer = source.fetch(listId);
            if (answer == null) {
                throw new IllegalStateException("the field source answered nothing for list " + listId);
            }
        } catch (RuntimeException e) {
            String reason = reason(e);
            metrics.increment("FieldDiscoveryFailed", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.WARN, "custom field discovery failed", "list_id", listId,
                    "reason", reason, "stale_copy", stale.definitions() != null);
            if (owner != null) {
                shared.releaseAfterFailure(listId, owner);
            }
            if (stale.definitions() != null) {
                return serveStale(stale.definitions());
            }
            throw e;
        }
        FieldDefinitions definitions = FieldDefinitions.of(listId, answer, started);
        shared.store(definitions, owner);
        StructuredLog.log(LOG, Logger.Level.INFO, "custom fields discovered", "list_id", listId,
                "field_count", definitions.fields().size());
        return remember(definitions);
    }

    /** A discovery failed less than {@code minRefreshInterval} ago and there is a copy to serve instead. */
    private boolean backingOff(StoredFields item) {
        return item.definitions() != null && item.failedAt() != null
                && item.failedAt() > item.definitions().fetchedAt().toEpochMilli()
                && item.failedAt() > clock.instant().minus(minRefreshInterval).toEpochMilli();
    }

    private FieldDefinitions serveStale(FieldDefinitions stale) {
        metrics.increment("FieldCacheStale");
        return remember(stale);
    }

    private FieldDefinitions remember(FieldDefinitions definitions) {
        return memo.remember(definitions, clock.instant());
    }

    /** Low-cardinality failure reason for metrics and logs. */
    private static String reason(RuntimeException e) {
        return ClickUpFailures.reason(e);
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    private static void requireListId(String listId) {
        if (listId == null || listId.isBlank()) {
            throw new IllegalArgumentException("listId is required");
        }
    }
}
