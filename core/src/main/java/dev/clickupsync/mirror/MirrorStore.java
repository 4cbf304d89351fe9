package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Batches;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Task snapshots in the mirror table ({@code pk = task#<id>}, {@code sk = snapshot}).
 *
 * <h2>An entry</h2>
 * One item per task: the snapshot JSON; {@code date_updated}, ClickUp's version of it;
 * {@code verified_through}, the version of the last fetch it derives from (see {@link #upsert(TaskSnapshot, Instant)});
 * {@code deleted}; and {@code written_at}, this store's clock when the item was last written. A
 * <em>tombstone</em> is an entry with {@code deleted=true}, and {@code deleted_by} says whose word it is
 * ({@link Deletion}):
 * <ul>
 *   <li>{@code event}: ClickUp's {@code taskDeleted} webhook, ClickUp's own statement, versioned with the
 *       deletion's time ({@link #tombstone});</li>
 *   <li>{@code not_found}: a {@code 404} from {@code GET /task/{id}}, our observation, which a permission
 *       blip or a restore from the trash (which need not bump {@code date_updated}) can contradict
 *       ({@link #notFound}). It keeps the version of the live entry it hides, since a 404 carries no
 *       version of its own (for a task never mirrored: the time the question was asked). A tombstone
 *       written before {@code deleted_by} existed counts as {@code not_found}: both kinds were written
 *       alike then, and a 404's tombstone must stay healable; a real deletion answers 404 anyway.</li>
 * </ul>
 *
 * <h2>Ordering rules</h2>
 * Every write is one conditional {@code PutItem} of the whole item, so each rule is a condition that
 * DynamoDB evaluates against the stored item, and concurrent writers cannot interleave inside one.
 * <ol>
 *   <li><b>Live over live</b>: only a strictly newer {@code date_updated} wins (a fetched snapshot also wins
 *       over the same version only verified through an older one); redelivered, reordered or concurrent
 *       writes converge on ClickUp's latest version whatever order they land in. A delta
 *       ({@link #upsertDelta}) is a compare-and-set on the live entry it was derived from.</li>
 *   <li><b>{@code taskDeleted} over live</b>: wins over every version up to its stamp plus
 *       {@link #CLOCK_SKEW} (our receipt time may lag ClickUp's clock); a version newer than that is a
 *       change made after the deletion (restored from the trash), and the task stays live.</li>
 *   <li><b>Live over {@code taskDeleted}</b>: only a strictly newer version, a change after the deletion.
 *       A read that still shows an older one (a late delivery of an older event, a read lagging the
 *       deletion) never undoes ClickUp's statement, whenever it was fetched.</li>
 *   <li><b>A 404 over live</b>: only over an entry written before the {@code GET} was asked; whatever was
 *       written after that is newer evidence than the 404, and the 404 yields.</li>
 *   <li><b>Live over a 404</b>: exactly a snapshot fetched from ClickUp ({@code GET /task}, or a
 *       listing) whose request began after the tombstone was written, whatever its
 *       {@code date_updated}: ClickUp answered the task after it answered 404. This is <em>healing</em>
 *       ({@link Write#HEALED}, metric {@code MirrorTombstoneHealed}). A fetch begun earlier was answered
 *       before the 404, so even a newer version loses; a snapshot that is no fetch (a delta, a plain
 *       {@link #upsert}) never replaces a 404's tombstone.</li>
 *   <li><b>Deletions among themselves</b>: {@code taskDeleted} upgrades a 404 tombstone (decided by rule 2
 *       against the version the 404 hides); a 404 never downgrades a {@code taskDeleted} tombstone; a
 *       repeated or older {@code taskDeleted} changes nothing; a later 404 refreshes an earlier one's
 *       {@code written_at}.</li>
 *   <li><b>Deltas never land on a tombstone</b>: the drain fetches instead, and a tombstone written
 *       between its read and its write makes the compare-and-set fail.</li>
 * </ol>
 * So a late or redelivered old event cannot resurrect a task ClickUp deleted (rules 3, 6, 7), and a
 * transient 404 hides a live task only until ClickUp's next answer about it: the drain's next fetch,
 * reconcile's walk or deletion sweep (their listings carry full tasks), or an admin resync (rule 5).
 *
 * <p>Rules 4 and 5 compare instants of this store's clock ({@link #beforeFetch()} and
 * {@code written_at}): a fetch's start and the tombstone's write, each on the safe side of the HTTP
 * exchange. Across Lambda instances these are NTP-synchronised clocks; both comparisons are strict, so
 * when the order of a fetch and a 404 is in doubt (the same millisecond), the stored entry stays.
 *
 * <p>The item layout (and how older items read) is {@link MirrorItems}; each rule's DynamoDB condition
 * is in {@link MirrorConditions}. This class decides which rule a write is under. Every write that
 * lands is told to the {@link EntryListener} with the item it replaced (the put returns it), in
 * {@link #write} only; the task query index keeps itself in step from there.
 */
@ApplicationScoped
public class MirrorStore {
    /** How far ClickUp's clock (date_updated) may run ahead of our receive time (a deletion's stamp). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** How a conditional write ended. */
    public enum Write {
        APPLIED,
        /** Applied over a 404's tombstone (rule 5): a task the 404 had hidden is live again. */
        HEALED,
        /** The stored entry outranks this write; nothing changed. */
        STALE;

        /** Whether the mirror now holds what was written. */
        public boolean written() {
            return this != STALE;
        }
    }

    /** Whose word a tombstone is (the item's {@code deleted_by}). */
    public enum Deletion {
        /** ClickUp's {@code taskDeleted} webhook. */
        EVENT("event"),
        /** A {@code 404} from {@code GET /task/{id}}: our observation. */
        NOT_FOUND("not_found");

        private final String code;

        Deletion(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final EntryListener listener;

    @Inject
    public MirrorStore(DynamoDbClient dynamo, SyncConfig config, Instance<EntryListener> listeners) {
        this(dynamo, config.tables().mirror(), Clock.systemUTC(),
                listeners.isResolvable() ? listeners.get() : EntryListener.NONE);
    }

    public MirrorStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public MirrorStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Clock.systemUTC());
    }

    /** @param clock stamps {@code written_at} and {@link #beforeFetch()} (rules 4 and 5) */
    public MirrorStore(DynamoDbClient dynamo, String table, Clock clock) {
        this(dynamo, table, clock, EntryListener.NONE);
    }

    /** @param listener told of every write that lands (the query index) */
    public MirrorStore(DynamoDbClient dynamo, String table, Clock clock, EntryListener listener) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * A stored snapshot, how far it is known complete (see {@link #upsert(TaskSnapshot, Instant)}),
     * whose word a tombstone is (null for a live entry), and when it was written (this store's clock).
     */
    public record Entry(TaskSnapshot snapshot, Instant verifiedThrough, Deletion deletedBy, Instant writtenAt) {
        /** Rule 5: a snapshot fetched by a request begun at {@code fetchedAt} replaces this entry, whatever its version. */
        public boolean healableBy(Instant fetchedAt) {
            return deletedBy == Deletion.NOT_FOUND && writtenAt.isBefore(fetchedAt);
        }

        /**
         * Whether a listing that shows the task at {@code listedUpdate} (its {@code date_updated}) is newer
         * than this live entry: a change of the task was not heard (yet). Reconcile's repairs (status
         * history, comments) ask about such tasks; a tombstone is never behind.
         */
        public boolean behind(Instant listedUpdate) {
            return !snapshot.deleted() && listedUpdate != null && snapshot.dateUpdated() != null
                    && listedUpdate.isAfter(snapshot.dateUpdated());
        }
    }

    /**
     * Now, by the clock rules 4 and 5 compare: take it just before asking ClickUp, and pass it to
     * {@link #upsertFetched} with the answer, or to {@link #notFound} with a 404.
     */
    public Instant beforeFetch() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /**
     * Writes a snapshot (complete as of its own date_updated), unless an equal or newer one, or a
     * 404's tombstone, is stored. A snapshot fetched from ClickUp goes through {@link #upsertFetched}.
     */
    public Write upsert(TaskSnapshot snapshot) {
        return upsert(snapshot, snapshot.dateUpdated());
    }

    /**
     * Writes the snapshot unless the mirror already holds the same or a newer version (rules 1 and 3)
     * or a 404's tombstone (rule 5: only a fetch replaces one).
     *
     * @param verifiedThrough the {@code date_updated} of the last snapshot fetched from ClickUp that
     *                        this one derives from: every change up to then is known to be in it.
     *                        A snapshot built by applying webhook deltas is newer than that, but a
     *                        change between the two may still be on its way.
     */
    public Write upsert(TaskSnapshot snapshot, Instant verifiedThrough) {
        requireVersion(snapshot);
        Instant verified = verifiedThrough == null ? snapshot.dateUpdated() : verifiedThrough;
        return put(snapshot, verified, null, MirrorConditions.liveNewer(snapshot.dateUpdated()));
    }

    /**
     * Writes a snapshot built by applying webhook deltas to the stored entry of version
     * {@code baseVersion}, verified through {@code verifiedThrough}, only if that entry is still the
     * stored one and live: a compare-and-set. Two instances applying deltas to the same stored snapshot
     * would otherwise each write it with only their own change, and the newer date_updated would win
     * with the other change silently missing; and a tombstone written since keeps the version it
     * hides (rule 7). STALE: the entry changed since it was read; fetch instead.
     */
    public Write upsertDelta(TaskSnapshot snapshot, Instant verifiedThrough, Instant baseVersion) {
        requireVersion(snapshot);
        if (!snapshot.dateUpdated().isAfter(baseVersion)) {
            throw new IllegalArgumentException("a delta must move task " + snapshot.id() + " past " + baseVersion);
        }
        return put(snapshot, verifiedThrough, null, MirrorConditions.deltaBase(baseVersion, verifiedThrough));
    }

    /**
     * Writes a snapshot fetched from ClickUp (complete as of its own date_updated) like
     * {@link #upsert(TaskSnapshot)}, and also over a stored snapshot of the <em>same</em> version that
     * is only verified through an earlier one (built from webhook deltas, so a change in between may be
     * missing), and over a 404's tombstone written before {@code fetchedAt} (rule 5: {@link Write#HEALED}).
     * The drain, reconcile and the admin resync write every fetch through here. An equal version that
     * was itself fetched, a {@code taskDeleted} tombstone of the same or a newer version, or a newer
     * version still wins.
     *
     * @param fetchedAt {@link #beforeFetch()} taken before the request that returned the snapshot
     */
    public Write upsertFetched(TaskSnapshot snapshot, Instant fetchedAt) {
        requireVersion(snapshot);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Optional<Map<String, AttributeValue>> replaced = write(snapshot, item(snapshot, snapshot.dateUpdated(), null),
                MirrorConditions.fetched(snapshot.dateUpdated(), fetchedAt, snapshot.json() != null && !snapshot.lacksMarkdown()),
                true);
        if (replaced.isEmpty()) {
            listener.confirmed(snapshot, () -> find(snapshot.id()));
            return Write.STALE;
        }
        return MirrorItems.deletion(Item.of(replaced.get())) == Deletion.NOT_FOUND ? Write.HEALED : Write.APPLIED;
    }

    /**
     * ClickUp's {@code taskDeleted}: marks the task deleted as of {@code deletedAt} (rules 2 and 6). If
     * the stored version is newer than that by no more than {@link #CLOCK_SKEW} (our receive time
     * lagging ClickUp's clock), the flag is still set but the version kept. A stored version newer by
     * more than that is a change made after the deletion (a task restored from the trash), so the
     * tombstone loses to it.
     */
    public Write tombstone(String taskId, Instant deletedAt) {
        Optional<Entry> current = findEntry(taskId);
        TaskSnapshot tomb = current.map(e -> e.snapshot().deletedAt(deletedAt))
                .orElseGet(() -> TaskSnapshot.tombstone(taskId, deletedAt));
        if (put(tomb, deletedAt, Deletion.EVENT, MirrorConditions.newerThanStored(deletedAt)) == Write.APPLIED) {
            return Write.APPLIED;
        }
        Entry latest = findEntry(taskId).orElseThrow();
        if (latest.deletedBy() == Deletion.EVENT || latest.snapshot().dateUpdated().isAfter(deletedAt.plus(CLOCK_SKEW))) {
            return Write.STALE;
        }
        return deleteKeepingVersion(latest, Deletion.EVENT);
    }

    /**
     * A {@code 404} for the task, from a request begun at {@code askedAt} ({@link #beforeFetch()}):
     * a tombstone that keeps the version of the entry it hides (rules 4 and 6). STALE when the stored
     * entry was written after {@code askedAt} (newer evidence than the 404) or is ClickUp's own
     * {@code taskDeleted} tombstone.
     */
    public Write notFound(String taskId, Instant askedAt) {
        Optional<Entry> current = findEntry(taskId);
        if (current.isEmpty()) {
            return put(TaskSnapshot.tombstone(taskId, askedAt), askedAt, Deletion.NOT_FOUND, MirrorConditions.absent());
        }
        Entry entry = current.get();
        if (entry.deletedBy() == Deletion.EVENT || !entry.writtenAt().isBefore(askedAt)) {
            return Write.STALE;
        }
        return deleteKeepingVersion(entry, Deletion.NOT_FOUND);
    }

    /**
     * Replaces a live entry's snapshot with {@code moved}, the same version in a renamed or moved
     * container ({@link TaskSnapshot#relocated}), only if {@code entry} is still exactly the stored one
     * (a compare-and-set: {@code date_updated} and {@code written_at} unchanged). Its verification is
     * kept: nothing about the task itself is newer. STALE: something was written since; read again.
     */
    public Write relocate(Entry entry, TaskSnapshot moved) {
        if (entry.snapshot().deleted() || !entry.snapshot().dateUpdated().equals(moved.dateUpdated())) {
            throw new IllegalArgumentException("a relocation keeps the live version of task " + moved.id());
        }
        Instant version = entry.snapshot().dateUpdated();
        return put(moved, entry.verifiedThrough(), null, entry.writtenAt() == null
                ? MirrorConditions.deltaBase(version, entry.verifiedThrough()) // an item from before written_at
                : MirrorConditions.unchanged(version, entry.writtenAt()));
    }

    /** The entry, marked deleted by {@code by} at its own version, if it is still the stored one. */
    private Write deleteKeepingVersion(Entry entry, Deletion by) {
        TaskSnapshot snapshot = entry.snapshot();
        return put(snapshot.deletedAt(snapshot.dateUpdated()), snapshot.dateUpdated(), by,
                MirrorConditions.unchanged(snapshot.dateUpdated(), entry.writtenAt()));
    }

    public Optional<TaskSnapshot> find(String taskId) {
        return findEntry(taskId).map(Entry::snapshot);
    }

    /** The entry an item of the mirror table holds, if it is an entry's item (a scan's reader: the reindex). */
    public static Optional<Entry> entryOf(Map<String, AttributeValue> item) {
        return MirrorItems.SNAPSHOT.equals(Item.of(item).text(dev.clickupsync.store.Tables.SK))
                ? MirrorItems.entry(Item.of(item)) : Optional.empty();
    }

    /** The stored snapshot with how far it is verified; entries from before that was recorded count as fetched. */
    public Optional<Entry> findEntry(String taskId) {
        return MirrorItems.read(dynamo, table, taskId);
    }

    /**
     * The stored snapshots of these tasks (tombstones included), by {@code BatchGetItem} in chunks of
     * 100 keys with consistent reads; ids the mirror does not hold are absent from the answer. For
     * readers of many tasks at once (the digest) where one {@code GetItem} each would be slow.
     */
    public List<TaskSnapshot> findAll(Collection<String> taskIds) {
        return findEntries(taskIds).values().stream().map(Entry::snapshot).toList();
    }

    /** {@link #findEntry} for many tasks at once (as {@link #findAll} reads them), by task id. */
    public Map<String, Entry> findEntries(Collection<String> taskIds) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(taskIds).stream().map(MirrorItems::key).toList();
        Map<String, Entry> found = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : Batches.get(dynamo, table, keys, "snapshot")) {
            MirrorItems.entry(Item.of(item)).ifPresent(e -> found.put(e.snapshot().id(), e));
        }
        return found;
    }

    private Write put(TaskSnapshot snapshot, Instant verifiedThrough, Deletion deletedBy, MirrorConditions condition) {
        return write(snapshot, item(snapshot, verifiedThrough, deletedBy), condition, false).isPresent() ? Write.APPLIED : Write.STALE;
    }

    /**
     * One conditional put of a whole item. Present when it was written: with the item it replaced if
     * {@code returnOld} (an empty map: there was none); empty when the stored entry outranked it.
     */
    private Optional<Map<String, AttributeValue>> write(TaskSnapshot written, Map<String, AttributeValue> item,
                                                        MirrorConditions condition, boolean returnOld) {
        PutItemResponse response;
        try {
            // ALL_OLD costs no read units; the listener needs the replaced entry whatever the caller asked.
            response = dynamo.putItem(b -> {
                b.tableName(table).item(item).conditionExpression(condition.expression()).returnValues(ReturnValue.ALL_OLD);
                if (!condition.values().isEmpty()) {
                    b.expressionAttributeValues(condition.values());
                }
            });
        } catch (ConditionalCheckFailedException outranked) {
            return Optional.empty();
        }
        Map<String, AttributeValue> old = response.hasAttributes() ? response.attributes() : Map.of();
        listener.written(MirrorItems.entry(Item.of(old)).map(Entry::snapshot).orElse(null), written,
                () -> find(written.id()));
        return Optional.of(returnOld ? old : Map.of());
    }

    /** The whole item of one entry, stamped {@code written_at} now by this store's clock. */
    private Map<String, AttributeValue> item(TaskSnapshot snapshot, Instant verifiedThrough, Deletion deletedBy) {
        return MirrorItems.item(snapshot, verifiedThrough, deletedBy, Instant.ofEpochMilli(clock.millis()));
    }

    private static void requireVersion(TaskSnapshot snapshot) {
        if (snapshot.dateUpdated() == null) {
            throw new IllegalArgumentException("snapshot of task " + snapshot.id() + " has no date_updated");
        }
    }
}
