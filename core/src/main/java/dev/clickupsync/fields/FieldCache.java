package dev.clickupsync.fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.store.Tables;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Custom-field definitions per list, shared by every instance through one DynamoDB item per list
 * ({@code pk = list#<id>}, {@code sk = fields}) and discovered from ClickUp ({@link FieldSource},
 * {@code GET /list/{id}/field}) at most once per list per TTL, however many instances ask at once.
 *
 * <p>The item: {@code fields} (the definitions as JSON, never values), {@code field_count},
 * {@code fetched_at} (epoch ms, when the request to ClickUp started), {@code generation} (+1 per
 * stored discovery), {@code failures} (+1 per failed discovery) and {@code failed_at} (epoch ms, the
 * last failure since the last stored discovery), {@code lease_until} (epoch ms) and
 * {@code lease_owner} while an instance discovers, and {@code expires_at} (epoch s) for DynamoDB's
 * TTL: {@code fetched_at + ttl} once stored, {@code now + ttl} whenever a lease is taken (so an item
 * being re-discovered, or whose discovery keeps failing, is not deleted from under the lease and
 * keeps its stale copy to fall back on). TTL deletion is lazy, so freshness is always judged from
 * {@code fetched_at}, never from the item's presence.
 *
 * <p>Algorithm. A copy is <em>fresh</em> for a window {@code w} when {@code fetched_at > now - w}:
 * {@link #forList} uses {@code ttl}, {@link #refresh} uses {@code minRefreshInterval}. Answer from
 * the per-instance memo or the item when it is fresh; otherwise <em>discover</em>:
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
 *   <li>A loser whose failed condition shows a fresh copy (ReturnValuesOnConditionCheckFailure)
 *       takes it. Otherwise it re-reads the item with short, growing sleeps (20 ms doubling to
 *       500 ms, for at most {@code leaseDuration}) until the {@code generation} moves (the winner's
 *       result: returned), {@code failures} moves (the winner failed: the stale copy, else
 *       {@link FieldDiscoveryException} — the losers do not each retry a failing ClickUp), or the
 *       lease is gone without a result (the holder died: it tries the lease once more, one extra
 *       round at most).</li>
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
 * <p>The memo: each instance keeps the definitions it has seen while they are fresh by {@code ttl}
 * (the same rule as the table), so hot lookups cost no DynamoDB read. {@link #refresh} drops the
 * list's entry first and always reads the table, so a newer copy another instance stored is seen.
 * At most {@value #MAX_MEMO} lists are memoised (then the memo starts over).
 *
 * <p>Cost: a fresh memo hit costs nothing; otherwise one consistent read; a discovery adds two
 * conditional writes (lease, store) and one ClickUp request; a waiter adds a read per poll.
 *
 * <p>Metrics: {@code FieldCacheHit} (fresh copy from memo or table), {@code FieldCacheMiss{Reason}}
 * ({@code absent}, {@code expired}, {@code unknown_field}, {@code unknown_name},
 * {@code unknown_option}), {@code FieldDiscovery} (each call to the source by this instance),
 * {@code FieldDiscoveryFailed{Reason}}, {@code FieldDiscoveryUnleased}, {@code FieldCacheStale} (a
 * stale copy answered because discovery failed or produced nothing), {@code FieldRefreshThrottled}
 * (a refresh answered by a copy younger than {@code minRefreshInterval}). One log line per discovery
 * and per failure: list id, field count or reason; never names or values.
 */
public class FieldCache {
    static final String SORT_KEY = "fields";
    static final String FIELDS = "fields";
    static final String FIELD_COUNT = "field_count";
    static final String FETCHED_AT = "fetched_at";
    static final String GENERATION = "generation";
    static final String FAILURES = "failures";
    static final String FAILED_AT = "failed_at";
    static final String LEASE_UNTIL = "lease_until";
    static final String LEASE_OWNER = "lease_owner";

    private static final Logger LOG = Logger.getLogger(FieldCache.class);
    private static final long FIRST_POLL_MILLIS = 20;
    private static final long MAX_POLL_MILLIS = 500;
    /** Lease attempts per discovery: the first, and one more if the holder vanished without a result. */
    private static final int MAX_ROUNDS = 2;
    static final int MAX_MEMO = 1024;

    private final DynamoDbClient dynamo;
    private final String table;
    private final FieldSource source;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final Duration leaseDuration;
    private final Clock clock;
    private final Metrics metrics;
    private final ConcurrentMap<String, FieldDefinitions> memo = new ConcurrentHashMap<>();

    public FieldCache(DynamoDbClient dynamo, String table, FieldSource source, Duration ttl,
            Duration minRefreshInterval, Duration leaseDuration, Clock clock, Metrics metrics) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.source = Objects.requireNonNull(source, "source");
        this.ttl = positive(ttl, "ttl");
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("minRefreshInterval must not be negative");
        }
        this.leaseDuration = positive(leaseDuration, "leaseDuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The list's definitions: the cached copy while younger than the TTL, else discovered (see the class comment). */
    public FieldDefinitions forList(String listId) {
        requireListId(listId);
        Instant now = clock.instant();
        FieldDefinitions memoised = memo.get(listId);
        if (memoised != null && memoised.isFresh(now, ttl)) {
            metrics.increment("FieldCacheHit");
            return memoised;
        }
        Stored stored = read(listId);
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
        memo.remove(listId);
        Instant now = clock.instant();
        Stored stored = read(listId);
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

    private enum Outcome { WRITTEN, FAILED, FREE, TIMEOUT }

    private record Waited(Outcome outcome, Stored item) {
    }

    private record Lease(boolean won, Stored previous) {
    }

    /** Discovers unless a copy fetched after {@code threshold} appears meanwhile; {@code known} is what was read before. */
    private FieldDefinitions discover(String listId, Instant threshold, Stored known) {
        if (backingOff(known)) {
            return serveStale(known.definitions());
        }
        Stored stale = known;
        for (int round = 1; ; round++) {
            String owner = UUID.randomUUID().toString();
            Lease lease = tryLease(listId, owner, threshold);
            stale = newer(stale, lease.previous());
            if (lease.won()) {
                return discoverAsOwner(listId, owner, stale);
            }
            Stored blocking = lease.previous();
            if (answers(blocking, threshold, known)) {
                return remember(blocking.definitions());
            }
            if (backingOff(blocking)) {
                return serveStale(blocking.definitions());
            }
            Waited waited = awaitOwner(listId, threshold, known, blocking);
            stale = newer(stale, waited.item());
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
    private FieldDefinitions discoverAsOwner(String listId, String owner, Stored stale) {
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
                releaseAfterFailure(listId, owner);
            }
            if (stale.definitions() != null) {
                return serveStale(stale.definitions());
            }
            throw e;
        }
        FieldDefinitions definitions = FieldDefinitions.of(listId, answer, started);
        store(definitions, owner);
        StructuredLog.log(LOG, Logger.Level.INFO, "custom fields discovered", "list_id", listId,
                "field_count", definitions.fields().size());
        return remember(definitions);
    }

    /** Polls the item until the owner's result, failure or disappearance shows, for at most {@code leaseDuration}. */
    private Waited awaitOwner(String listId, Instant threshold, Stored known, Stored blocking) {
        long deadline = System.nanoTime() + leaseDuration.toNanos();
        long pause = FIRST_POLL_MILLIS;
        Stored latest = blocking;
        while (true) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return new Waited(Outcome.TIMEOUT, latest);
            }
            try {
                Thread.sleep(Math.min(pause, remainingMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Stored stale = newer(known, latest);
                if (stale.definitions() != null) {
                    return new Waited(Outcome.FAILED, stale);
                }
                throw new FieldDiscoveryException(listId, "interrupted while waiting for the custom fields of list " + listId);
            }
            latest = read(listId);
            if (answers(latest, threshold, known)) {
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

    /** A copy that settles the question: fresh for the window, or stored since {@code known} was read. */
    private static boolean answers(Stored item, Instant threshold, Stored known) {
        return item.definitions() != null
                && (item.definitions().fetchedAt().isAfter(threshold) || item.generation() > known.generation());
    }

    /** A discovery failed less than {@code minRefreshInterval} ago and there is a copy to serve instead. */
    private boolean backingOff(Stored item) {
        return item.definitions() != null && item.failedAt() != null
                && item.failedAt() > item.definitions().fetchedAt().toEpochMilli()
                && item.failedAt() > clock.instant().minus(minRefreshInterval).toEpochMilli();
    }

    private FieldDefinitions serveStale(FieldDefinitions stale) {
        metrics.increment("FieldCacheStale");
        return remember(stale);
    }

    /** Memoises fresh definitions (the newer copy wins); returns them either way. */
    private FieldDefinitions remember(FieldDefinitions definitions) {
        if (definitions.isFresh(clock.instant(), ttl)) {
            if (memo.size() >= MAX_MEMO && !memo.containsKey(definitions.listId())) {
                memo.clear();
            }
            memo.merge(definitions.listId(), definitions,
                    (old, neu) -> old.fetchedAt().isAfter(neu.fetchedAt()) ? old : neu);
        }
        return definitions;
    }

    // --- DynamoDB -------------------------------------------------------------------------------

    /** What the item holds; ABSENT when there is none. */
    private record Stored(FieldDefinitions definitions, long generation, long failures, Long leaseUntil, Long failedAt) {
        static final Stored ABSENT = new Stored(null, 0, 0, null, null);

        boolean leasedAt(Instant now) {
            return leaseUntil != null && leaseUntil >= now.toEpochMilli();
        }
    }

    private static Stored newer(Stored a, Stored b) {
        if (b == null || b.definitions() == null) {
            return a;
        }
        if (a == null || a.definitions() == null) {
            return b;
        }
        return b.definitions().fetchedAt().isBefore(a.definitions().fetchedAt()) ? a : b;
    }

    private Stored read(String listId) {
        return parse(listId, dynamo.getItem(b -> b.tableName(table).key(key(listId)).consistentRead(true)).item());
    }

    private Lease tryLease(String listId, String owner, Instant threshold) {
        Instant now = clock.instant();
        Map<String, String> names = Map.of("#lease", LEASE_UNTIL, "#owner", LEASE_OWNER, "#ttl", Tables.TTL,
                "#fetched", FETCHED_AT, "#fields", FIELDS, "#failedAt", FAILED_AT);
        Map<String, AttributeValue> values = Map.of(
                ":now", number(now.toEpochMilli()),
                ":until", number(now.plus(leaseDuration).toEpochMilli()),
                ":owner", AttributeValue.fromS(owner),
                ":expires", number(now.plus(ttl).getEpochSecond()),
                ":threshold", number(threshold.toEpochMilli()),
                ":backoff", number(now.minus(minRefreshInterval).toEpochMilli()));
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(b -> b.tableName(table).key(key(listId))
                    .updateExpression("SET #lease = :until, #owner = :owner, #ttl = :expires")
                    .conditionExpression("(attribute_not_exists(#lease) OR #lease < :now)"
                            + " AND (attribute_not_exists(#fetched) OR #fetched <= :threshold)"
                            + " AND (attribute_not_exists(#fields) OR attribute_not_exists(#failedAt) OR #failedAt <= :backoff)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            return new Lease(true, parse(listId, old));
        } catch (ConditionalCheckFailedException lost) {
            return new Lease(false, parse(listId, Tables.itemAtFailure(dynamo, table, key(listId), lost)));
        }
    }

    /**
     * Stores the definitions; with the lease: and clears it, if still ours. Without it (or having
     * lost it): only over an older copy. A storage failure is logged, not thrown: the caller still
     * gets the definitions it paid a ClickUp request for.
     */
    private void store(FieldDefinitions definitions, String owner) {
        String listId = definitions.listId();
        String set = "SET #fields = :fields, #count = :count, #fetched = :fetched, #ttl = :expires ADD #gen :one"
                + " REMOVE #failedAt";
        Map<String, String> names = new HashMap<>(Map.of("#fields", FIELDS, "#count", FIELD_COUNT,
                "#fetched", FETCHED_AT, "#ttl", Tables.TTL, "#gen", GENERATION, "#failedAt", FAILED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":fields", AttributeValue.fromS(toJson(definitions.fields())),
                ":count", number(definitions.fields().size()),
                ":fetched", number(definitions.fetchedAt().toEpochMilli()),
                ":expires", number(definitions.fetchedAt().plus(ttl).getEpochSecond()),
                ":one", number(1)));
        try {
            if (owner != null) {
                Map<String, String> ownerNames = new HashMap<>(names);
                ownerNames.put("#lease", LEASE_UNTIL);
                ownerNames.put("#owner", LEASE_OWNER);
                Map<String, AttributeValue> ownerValues = new HashMap<>(values);
                ownerValues.put(":owner", AttributeValue.fromS(owner));
                try {
                    dynamo.updateItem(b -> b.tableName(table).key(key(listId))
                            .updateExpression(set + ", #lease, #owner")
                            .conditionExpression("#owner = :owner")
                            .expressionAttributeNames(ownerNames)
                            .expressionAttributeValues(ownerValues));
                    return;
                } catch (ConditionalCheckFailedException leaseLost) {
                    // Our lease expired and someone else holds it now: store without touching theirs.
                }
            }
            dynamo.updateItem(b -> b.tableName(table).key(key(listId))
                    .updateExpression(set)
                    .conditionExpression("attribute_not_exists(#fetched) OR #fetched <= :fetched")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException newerThere) {
            // Another instance stored a copy fetched later than ours: keep it.
        } catch (SdkException e) {
            metrics.increment("FieldCacheStoreFailed");
            StructuredLog.log(LOG, Logger.Level.WARN, "custom field definitions not stored", "list_id", listId,
                    "reason", e.getClass().getSimpleName());
        }
    }

    /**
     * Gives the lease back after a failed discovery, counts the failure (so waiters stop waiting)
     * and notes its time (so callers with a copy to fall back on back off for a refresh interval).
     */
    private void releaseAfterFailure(String listId, String owner) {
        Map<String, AttributeValue> values = Map.of(":one", number(1), ":owner", AttributeValue.fromS(owner),
                ":now", number(clock.instant().toEpochMilli()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(listId))
                    .updateExpression("SET #failedAt = :now REMOVE #lease, #owner ADD #failures :one")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#lease", LEASE_UNTIL, "#owner", LEASE_OWNER,
                            "#failures", FAILURES, "#failedAt", FAILED_AT))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException notOurs) {
            // The lease expired and was taken: nothing to give back.
        } catch (SdkException e) {
            StructuredLog.log(LOG, Logger.Level.WARN, "custom field lease not released", "list_id", listId,
                    "reason", e.getClass().getSimpleName());
        }
    }

    private Stored parse(String listId, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Stored.ABSENT;
        }
        FieldDefinitions definitions = null;
        AttributeValue fields = item.get(FIELDS);
        AttributeValue fetched = item.get(FETCHED_AT);
        if (fields != null && fields.s() != null && fetched != null && fetched.n() != null) {
            try {
                List<CustomField> parsed = Arrays.asList(Json.MAPPER.readValue(fields.s(), CustomField[].class));
                definitions = new FieldDefinitions(listId, parsed, Instant.ofEpochMilli(Long.parseLong(fetched.n())));
            } catch (JsonProcessingException | RuntimeException unreadable) {
                StructuredLog.log(LOG, Logger.Level.WARN, "custom field cache item unreadable, treated as absent",
                        "list_id", listId, "reason", unreadable.getClass().getSimpleName());
            }
        }
        return new Stored(definitions, longOf(item, GENERATION), longOf(item, FAILURES),
                item.containsKey(LEASE_UNTIL) ? Long.valueOf(longOf(item, LEASE_UNTIL)) : null,
                item.containsKey(FAILED_AT) ? Long.valueOf(longOf(item, FAILED_AT)) : null);
    }

    /** The definitions as JSON: id, name, type and type_config of each field; no values. */
    static String toJson(List<CustomField> fields) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (CustomField field : fields) {
            ObjectNode node = array.addObject();
            node.put("id", field.id());
            node.put("name", field.name());
            node.put("type", field.type());
            if (field.typeConfig() != null && !field.typeConfig().isNull()) {
                node.set("type_config", field.typeConfig());
            }
        }
        return array.toString();
    }

    static Map<String, AttributeValue> key(String listId) {
        return Map.of(Tables.PK, AttributeValue.fromS("list#" + listId), Tables.SK, AttributeValue.fromS(SORT_KEY));
    }

    /** Low-cardinality failure reason for metrics and logs. */
    private static String reason(RuntimeException e) {
        return ClickUpFailures.reason(e);
    }

    private static long longOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
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
