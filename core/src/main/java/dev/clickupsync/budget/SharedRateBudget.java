package dev.clickupsync.budget;

import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token's ClickUp budget, shared by every instance through one DynamoDB item
 * ({@code pk = budget#<token hash>}, {@code sk = budget}, attribute {@code tat}).
 *
 * <p>Algorithm: {@link Gcra} on the item's {@code tat}. Each admission is a compare-and-set:
 * {@code UpdateItem SET tat = :new IF tat = :seen} (or "absent" for the first ever). A lost race
 * returns the winner's {@code tat} (ReturnValuesOnConditionCheckFailure), and the loser recomputes
 * its slot from it, so concurrent instances serialise on the item and every admitted request owns a
 * distinct emission slot. Usually one write per request; no reads, because each instance caches the
 * last {@code tat} it saw, which can only be behind the truth (tat never decreases), never ahead.
 *
 * <p>Invariants: {@code tat} only moves forward (admissions add one interval, corrections from
 * ClickUp's headers and 429s only raise it, and never past one window from now); a denied
 * {@link #tryAcquire()} writes nothing; a slot granted to a caller is never granted to another, and
 * a caller that did not win a slot (its wait is too long, or it lost {@value #MAX_RACES}
 * compare-and-sets in a row) gets {@link BudgetExhaustedException}, never a go-ahead. Hence the limit
 * holds across any number of instances, ClickUp's own accounting can only make us slower, never
 * faster, and no header, however far in the future, closes the budget for more than a window.
 *
 * <p>The same write counts the slot in the item's minute window ({@link MinuteWindow}: three
 * attributes, for {@code GET /admin/status}'s {@code used_last_minute}); a stale belief about the
 * window fails that write like a lost race and is retried with the window the item holds.
 *
 * <p>Cost: one conditional write per call to ClickUp (plus one per lost race under contention, and at
 * most one per instance per minute when the window turns).
 */
public final class SharedRateBudget extends PacedBudget {
    private static final Logger LOG = Logger.getLogger(SharedRateBudget.class);
    /** Lost compare-and-sets in a row after which a caller gets "no slot, wait" instead of another try. */
    static final int MAX_RACES = 50;
    private static final String TAT = "tat";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, AttributeValue> key;
    private final Gcra gcra;
    private final Clock clock;
    private final int maxRaces;
    /** Last tat seen in the table; -1 = never read (the item may or may not exist). */
    private final AtomicLong seenTat = new AtomicLong(-1);
    /** Last {@code win_start} seen ({@link MinuteWindow}); -1 = unknown or absent. */
    private final AtomicLong seenWindow = new AtomicLong(-1);

    /** How the blocking path waits; tests substitute a virtual clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public SharedRateBudget(DynamoDbClient dynamo, String table, String budgetKey, Gcra gcra, Clock clock, Sleeper sleeper) {
        this(dynamo, table, budgetKey, gcra, clock, sleeper, MAX_RACES);
    }

    /** With another limit on lost races in a row: tests make contention give up early. */
    SharedRateBudget(DynamoDbClient dynamo, String table, String budgetKey, Gcra gcra, Clock clock, Sleeper sleeper,
                     int maxRaces) {
        super(sleeper);
        this.maxRaces = maxRaces;
        this.dynamo = dynamo;
        this.table = table;
        this.key = Item.key("budget#" + budgetKey, "budget");
        this.gcra = gcra;
        this.clock = clock;
    }

    @Override
    Reservation reserve(Duration maxWait) {
        long maxWaitMicros = maxWait.toNanos() / 1_000;
        for (int race = 0; race < maxRaces; race++) {
            long seen = seenTat.get();
            Gcra.Slot slot = gcra.next(Math.max(seen, 0), nowMicros());
            if (slot.waitMicros() > maxWaitMicros) {
                return Reservation.none(Duration.ofNanos(slot.waitMicros() * 1_000));
            }
            Long winner = compareAndSet(seen, slot.newTat(), clock.instant().plusNanos(slot.waitMicros() * 1_000));
            if (winner == null) {
                seenTat.accumulateAndGet(slot.newTat(), Math::max);
                return Reservation.of(Duration.ofNanos(slot.waitMicros() * 1_000));
            }
            seenTat.accumulateAndGet(winner, Math::max);
            if (winner < seen) {
                // Cannot happen while tat only moves forward; reset the cache rather than spin.
                seenTat.set(winner);
            }
        }
        // Every try lost to another instance: no slot is ours. The caller waits or defers (one interval
        // is when the winners' slots have moved on); it must not call ClickUp without one.
        LOG.warnf("rate budget contention: %d lost races in a row, no slot reserved", maxRaces);
        return Reservation.none(Duration.ofNanos(gcra.intervalMicros() * 1_000));
    }

    /** Corrections are bounded ({@link Gcra#boundedResetMicros}): no header closes the budget for more than a window. */
    @Override
    public void observe(int remaining, long resetEpochMillis) {
        raiseTo(gcra.tatForRemaining(remaining, gcra.boundedResetMicros(resetEpochMillis, nowMicros())));
    }

    @Override
    public void onRateLimited(long resetEpochMillis) {
        long now = nowMicros();
        raiseTo(gcra.tatForRemaining(0, Math.max(gcra.boundedResetMicros(resetEpochMillis, now), now)));
    }

    /** Moves tat forward to {@code target} unless it is already there; never backwards. */
    private void raiseTo(long target) {
        if (seenTat.get() >= target || target <= nowMicros()) {
            return;
        }
        Map<String, AttributeValue> values = Map.of(":target", Item.n(target));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("SET tat = :target")
                    .conditionExpression("attribute_not_exists(tat) OR tat < :target")
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            seenTat.accumulateAndGet(target, Math::max);
        } catch (ConditionalCheckFailedException alreadyLater) {
            // The condition failed, so tat exists and is at least target: that is all we need to
            // know, with or without the old item in the exception (dynalite sends none), and no read.
            Long current = Item.of(alreadyLater.item()).longOrNull(TAT);
            seenTat.accumulateAndGet(current == null ? target : Math.max(current, target), Math::max);
        }
    }

    /**
     * Null when the write won; otherwise the tat that was there instead of {@code expected} (equal to
     * it when only the minute window's belief was wrong: the caller then simply tries again). The slot
     * is counted in the minute of {@code slotTime}, when its call will be made.
     */
    private Long compareAndSet(long expected, long newTat, Instant slotTime) {
        MinuteWindow.Plan plan = MinuteWindow.plan(expected >= 0, seenWindow.get(), slotTime);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression(plan.form().update)
                    .conditionExpression(plan.condition())
                    .expressionAttributeValues(plan.values(newTat, expected))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            seenWindow.accumulateAndGet(plan.minute(), Math::max);
            return null;
        } catch (ConditionalCheckFailedException lost) {
            Item current = Item.of(Tables.itemAtFailure(dynamo, table, key, lost));
            seenWindow.set(MinuteWindow.start(current));
            Long tat = current.longOrNull(TAT);
            return tat == null ? -1L : tat;
        }
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
