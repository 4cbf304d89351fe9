package dev.clickupsync.mirror;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's status transitions in the mirror table: {@code pk = task#<taskId>},
 * {@code sk = transition#<at as 13-digit zero-padded epoch ms>#<historyId>}, so a Query on the
 * partition lists them in time order whatever order they were recorded in. Attributes:
 * {@code task_id}, {@code history_id}, {@code from_status}, {@code from_type}, {@code to_status},
 * {@code to_type}, {@code at} (epoch ms), {@code by_user_id} (absent when null), and for an
 * approximate restored transition ({@link Transition#approximate}) {@code at_earliest} and
 * {@code at_latest} (epoch ms), its window.
 *
 * <p>Transitions are facts that never change, so {@link #record} is insert-only: a redelivered or
 * replayed event finds its item and changes nothing.
 *
 * <h2>Restored transitions and their webhook twins</h2>
 * Reconcile restores transitions whose webhook was dropped ({@link #recordRestored}; attribute
 * {@code source = restored}, a synthetic history id, see {@link Transition}). The webhook may still
 * come later (it was only late), and it says the same thing with more (a real history id, the user).
 * Two transitions are <b>the same entry</b> when they lead into the same status (case-insensitive) at
 * times at most {@link #SAME_ENTRY} apart: ClickUp's {@code time_in_status} {@code since} and its
 * history item's {@code date} are stored apart and were seen a few milliseconds apart; or when one of
 * them is approximate and the other's time lies in its window: a second visit's restore knows its
 * time only to the minute, and a late webhook of it lands somewhere in that window. No tolerance is
 * added to a window: its bounds come from the heard transitions around the visit, the visit lies
 * strictly between them, and a first entry into the same status can end a millisecond before the
 * window begins (the chaos bench had one 2 ms before its neighbour); widened, the window would take
 * that other visit for its twin and the restore would delete itself. A window is at most {@link #APPROXIMATE_MAX} wide, so both looks below stay one
 * Query of a bounded time range. Invariant:
 * <b>a restored transition never stays next to a webhook one of the same entry</b>; the webhook's wins.
 * Without transactions (one item per transition, sort keys that differ) this holds by
 * write-then-look on both sides, with strongly consistent reads of the entry's time window:
 * <ul>
 *   <li>{@link #record} (webhook) puts its item, then deletes every restored item of the same entry
 *       it finds (a delete conditional on {@code source = restored});</li>
 *   <li>{@link #recordRestored} puts its item, then looks for a webhook item of the same entry and,
 *       finding one, deletes its own.</li>
 * </ul>
 * Whatever the interleaving, the later of the two looks sees both items, so the restored one goes.
 * A crash between a put and its look can leave both; {@link #forTask} hides such a restored twin, so
 * readers never count the entry twice, and the next {@link #record} of it removes it.
 */
@ApplicationScoped
public class TransitionStore {
    static final String SK_PREFIX = "transition#";
    /** Ties at the same millisecond are broken by history id, as the sort key does. */
    public static final Comparator<Transition> ORDER = Comparator.comparing(Transition::at).thenComparing(Transition::historyId);
    /** Two transitions into one status at most this far apart are one entry (see the class comment). */
    public static final Duration SAME_ENTRY = Duration.ofSeconds(1);
    /** The widest window an approximate transition may carry (whole minutes are what ClickUp gives). */
    public static final Duration APPROXIMATE_MAX = Duration.ofMinutes(1);
    static final String SOURCE = "source";
    static final String RESTORED = "restored";
    static final String AT_EARLIEST = "at_earliest";
    static final String AT_LATEST = "at_latest";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public TransitionStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public TransitionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Stores a webhook's transition unless it is already stored; true when this call stored it. Then
     * removes a restored transition of the same entry (class comment), also when the item was there
     * already: a redelivery finishes what a crash interrupted.
     */
    public boolean record(Transition t) {
        if (t.restored()) {
            return recordRestored(t);
        }
        boolean stored = put(t);
        for (Transition twin : sameEntry(t)) {
            if (twin.restored()) {
                deleteRestored(twin);
            }
        }
        return stored;
    }

    /**
     * Stores a restored transition ({@link Transition#restored}) unless it, or a webhook transition of
     * the same entry, is stored; true when it was stored and stays.
     */
    public boolean recordRestored(Transition t) {
        if (!t.restored()) {
            throw new IllegalArgumentException("not a restored transition: " + t.historyId());
        }
        if (!put(t)) {
            return false;
        }
        if (sameEntry(t).stream().anyMatch(other -> !other.restored())) {
            deleteRestored(t); // the webhook's came first or meanwhile: it wins
            return false;
        }
        return true;
    }

    private boolean put(Transition t) {
        if (t.taskId() == null || t.historyId() == null || t.at() == null || t.at().toEpochMilli() < 0) {
            throw new IllegalArgumentException("transition needs a task id, a history id and a time: " + t);
        }
        Transition.Window window = t.window();
        if (window != null && (!t.restored()
                || Duration.between(window.earliest(), window.latest()).compareTo(APPROXIMATE_MAX) > 0)) {
            throw new IllegalArgumentException("only a restored transition has a window, at most "
                    + APPROXIMATE_MAX + " wide: " + t);
        }
        Map<String, AttributeValue> item = Item.with(Item.key(pk(t.taskId()), sk(t)))
                .text("task_id", t.taskId()).text("history_id", t.historyId())
                .text("from_status", t.fromStatus()).text("from_type", t.fromType())
                .text("to_status", t.toStatus()).text("to_type", t.toType())
                .instant("at", t.at()).number("by_user_id", t.byUserId())
                .text(SOURCE, t.restored() ? RESTORED : null)
                .instant(AT_EARLIEST, window == null ? null : window.earliest())
                .instant(AT_LATEST, window == null ? null : window.latest()).build();
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", Tables.SK)));
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /**
     * The other stored transitions of {@code t}'s entry: one strongly consistent Query of the time
     * range any of them can lie in ({@link #SAME_ENTRY} and {@link #APPROXIMATE_MAX} either side).
     */
    private List<Transition> sameEntry(Transition t) {
        long at = t.at().toEpochMilli();
        long reach = SAME_ENTRY.toMillis() + APPROXIMATE_MAX.toMillis();
        String from = SK_PREFIX + String.format("%013d", Math.max(0, at - reach));
        String to = SK_PREFIX + String.format("%013d", at + reach) + "#\uffff";
        List<Transition> found = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(t.taskId())),
                                ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to))))
                .items().forEach(item -> found.add(fromItem(Item.of(item))));
        return found.stream().filter(other -> !other.historyId().equals(t.historyId()) && sameEntry(t, other)).toList();
    }

    private void deleteRestored(Transition t) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Item.key(pk(t.taskId()), sk(t)))
                    .conditionExpression("#source = :restored")
                    .expressionAttributeNames(Map.of("#source", SOURCE))
                    .expressionAttributeValues(Map.of(":restored", AttributeValue.fromS(RESTORED))));
        } catch (ConditionalCheckFailedException goneAlready) {
            // deleted by the other side of the race: the invariant holds
        }
    }

    /** Whether two transitions record one entry into one status (class comment). */
    public static boolean sameEntry(Transition a, Transition b) {
        return a.toStatus() != null && a.toStatus().equalsIgnoreCase(b.toStatus())
                && (Math.abs(a.at().toEpochMilli() - b.at().toEpochMilli()) <= SAME_ENTRY.toMillis()
                || a.approximate() && a.window().holds(b.at(), Duration.ZERO)
                || b.approximate() && b.window().holds(a.at(), Duration.ZERO));
    }

    /** {@code transitions} without a restored one that has a webhook twin (the crash window of the class comment). */
    public static List<Transition> withoutRestoredTwins(List<Transition> transitions) {
        List<Transition> webhook = transitions.stream().filter(t -> !t.restored()).toList();
        return transitions.stream()
                .filter(t -> !t.restored() || webhook.stream().noneMatch(w -> sameEntry(t, w))).toList();
    }

    /**
     * The task's transitions in time order (ties by history id), restored ones included, except a
     * restored one whose webhook twin is stored too.
     */
    public List<Transition> forTask(String taskId) {
        List<Transition> transitions = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, pk(taskId), SK_PREFIX).build())
                .items().forEach(item -> transitions.add(fromItem(Item.of(item))));
        return List.copyOf(withoutRestoredTwins(transitions));
    }

    /**
     * Total time spent in each status: each transition's {@code toStatus} accrues from its {@code at}
     * until the next transition's, the last one until {@code now}. Time before the first transition is
     * not counted (the status held then, and since when, is unknown unless that transition is the
     * task's creation). The input is sorted by {@link #ORDER} first, so any order is accepted; a
     * {@code now} before the last transition accrues nothing. Keys are in order of first appearance.
     */
    public static Map<String, Duration> timeInStatus(List<Transition> ordered, Instant now) {
        List<Transition> sorted = new ArrayList<>(ordered);
        sorted.sort(ORDER);
        Map<String, Duration> totals = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            Transition t = sorted.get(i);
            Instant until = i + 1 < sorted.size() ? sorted.get(i + 1).at() : now;
            Duration spent = until.isAfter(t.at()) ? Duration.between(t.at(), until) : Duration.ZERO;
            if (t.toStatus() != null) {
                totals.merge(t.toStatus(), spent, Duration::plus);
            }
        }
        return totals;
    }

    static String sk(Transition t) {
        return SK_PREFIX + String.format("%013d", t.at().toEpochMilli()) + "#" + t.historyId();
    }

    private static String pk(String taskId) {
        return "task#" + taskId;
    }

    static Transition fromItem(Item item) {
        Instant earliest = item.instant(AT_EARLIEST);
        Instant latest = item.instant(AT_LATEST);
        return new Transition(item.text("task_id"), item.text("history_id"), item.text("from_status"),
                item.text("from_type"), item.text("to_status"), item.text("to_type"),
                item.instant("at"), item.longOrNull("by_user_id"),
                earliest == null || latest == null ? null : new Transition.Window(earliest, latest));
    }
}
