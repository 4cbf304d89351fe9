package dev.clickupsync.budget;

import dev.clickupsync.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * How many slots a budget granted in the last minute, counted on the budget item itself, in the same
 * conditional write that takes the slot ({@link SharedRateBudget}), so counting costs no extra call.
 *
 * <p>Three attributes, never more: {@code win_start} (the epoch minute being counted),
 * {@code win_count} (slots granted in it) and {@code win_prev} (slots granted in the minute before,
 * when that was the previous window; else 0). A granting write picks one of four update forms by
 * what it believes {@code win_start} is, and guards that belief in its condition beside {@code tat}'s:
 * <ul>
 *   <li>{@link Form#FIRST}: no item yet: the window starts at 1;</li>
 *   <li>{@link Form#SAME}: {@code win_start} is this minute: {@code win_count + 1};</li>
 *   <li>{@link Form#NEXT}: {@code win_start} is the minute before: {@code win_prev = win_count} (DynamoDB
 *       copies the stored value), the window restarts at 1;</li>
 *   <li>{@link Form#LATER}: older, or absent (an item from before this count): {@code win_prev = 0},
 *       the window restarts at 1.</li>
 * </ul>
 * A wrong belief fails the condition like a lost race; the writer learns {@code win_start} from the
 * failed write's item and tries again with the right form, so the count is exact under any
 * concurrency, at the cost of at most one failed write per instance per minute. The minute is the
 * later of the writer's clock and the stored {@code win_start}, so a writer whose clock lags counts
 * into the newer window instead of failing forever.
 *
 * <p>The estimate ({@link #usedLastMinute}) is the usual sliding-window one: the current window's
 * count plus the previous window's, weighted by how much of the last 60 s still overlaps it. It
 * assumes the previous minute's slots were spread evenly, so it can be off by at most
 * {@code win_prev} (all of them at that minute's start, or all at its end).
 */
public final class MinuteWindow {
    static final String START = "win_start";
    static final String COUNT = "win_count";
    static final String PREV = "win_prev";

    private MinuteWindow() {
    }

    /** The update forms; see the class comment. */
    enum Form {
        FIRST("SET tat = :new, win_start = :m, win_count = :one, win_prev = :zero"),
        SAME("SET tat = :new, win_count = win_count + :one"),
        NEXT("SET tat = :new, win_prev = win_count, win_count = :one, win_start = :m"),
        LATER("SET tat = :new, win_prev = :zero, win_count = :one, win_start = :m");

        final String update;

        Form(String update) {
            this.update = update;
        }

        /** The condition on the window, to be AND-ed with the condition on {@code tat}. */
        String condition() {
            return switch (this) {
                case FIRST -> "attribute_not_exists(tat)";
                case SAME -> "win_start = :m";
                case NEXT -> "win_start = :before";
                case LATER -> "(attribute_not_exists(win_start) OR win_start < :before)";
            };
        }
    }

    /** A write's form and the minute it counts into. */
    record Plan(Form form, long minute) {
        /** The whole condition: the window's, and for every form but the first, {@code tat = :seen}. */
        String condition() {
            return form == Form.FIRST ? form.condition() : "tat = :seen AND " + form.condition();
        }

        /** Exactly the values the form's update and condition name (DynamoDB refuses unused ones). */
        Map<String, AttributeValue> values(long newTat, long seenTat) {
            Item.Builder values = Item.builder().number(":new", newTat).number(":one", 1L).number(":m", minute);
            if (form == Form.FIRST || form == Form.LATER) {
                values.number(":zero", 0L);
            }
            if (form == Form.NEXT || form == Form.LATER) {
                values.number(":before", minute - 1);
            }
            if (form != Form.FIRST) {
                values.number(":seen", seenTat);
            }
            return values.build();
        }
    }

    /**
     * The write for a slot whose call is made at {@code now} (its slot time, so a caller that waits for
     * its slot is counted when it calls), given whether a {@code tat} was ever seen and the
     * {@code win_start} last seen ({@code -1}: unknown or absent).
     */
    static Plan plan(boolean tatSeen, long seenStart, Instant now) {
        long minute = Math.max(minute(now), seenStart);
        if (!tatSeen) {
            return new Plan(Form.FIRST, minute);
        }
        if (seenStart == minute) {
            return new Plan(Form.SAME, minute);
        }
        return new Plan(seenStart == minute - 1 ? Form.NEXT : Form.LATER, minute);
    }

    /** {@code win_start} of a stored budget item, or {@code -1} when it has none. */
    static long start(Item item) {
        return item.longOr(START, -1);
    }

    /** Slots granted in the 60 s before {@code now}, estimated from a stored budget item (0 for none). */
    public static long usedLastMinute(Item item, Instant now) {
        return new Counts(start(item), item.longOr(COUNT, 0), item.longOr(PREV, 0)).usedLastMinute(now);
    }

    /**
     * The window's three numbers held in memory ({@link LocalRateBudget}): the same rules as the
     * item's update forms, applied by {@link #plus} instead of by DynamoDB. {@code start = -1}: nothing
     * counted yet.
     */
    record Counts(long start, long count, long prev) {
        static final Counts NONE = new Counts(-1, 0, 0);

        /** With one more slot, whose call is made at {@code slotTime}: {@link Form#SAME}, {@link Form#NEXT} or {@link Form#LATER}. */
        Counts plus(Instant slotTime) {
            long minute = Math.max(minute(slotTime), start); // as plan(): a lagging clock counts into the newer window
            if (minute == start) {
                return new Counts(start, count + 1, prev);
            }
            return new Counts(minute, 1, start == minute - 1 ? count : 0);
        }

        /** The sliding-window estimate of the class comment. */
        long usedLastMinute(Instant now) {
            if (start < 0) {
                return 0;
            }
            long minute = minute(now);
            double overlap = 1 - (now.toEpochMilli() % 60_000) / 60_000.0; // of the previous minute, still in the last 60 s
            if (start >= minute) {
                return Math.round(count + prev * overlap);
            }
            return start == minute - 1 ? Math.round(count * overlap) : 0;
        }
    }

    static long minute(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), 60_000L);
    }
}
