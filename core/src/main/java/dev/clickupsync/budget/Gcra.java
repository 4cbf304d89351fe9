package dev.clickupsync.budget;

/**
 * The generic cell rate algorithm, as pure arithmetic on one number: the theoretical arrival time
 * ({@code tat}) of the next request, in epoch microseconds.
 *
 * <p>With emission interval {@code T = window / rate} and tolerance {@code tau = (burst - 1) * T},
 * a request at {@code now} conforms when {@code max(tat, now) - now <= tau}; admitting it moves
 * {@code tat} to {@code max(tat, now) + T}. In any interval of length {@code W} at most
 * {@code burst + W / T} requests conform, so with {@code rate + burst <= limit} no window of
 * ClickUp's length ever sees more than the limit, whatever order or instance the requests come
 * from, as long as every admission is a successful compare-and-set of {@code tat}.
 *
 * <p>The parameters come from the plan limit and the safety margin: {@code rate = floor(limit * (1 -
 * margin))}, {@code burst = max(1, limit - rate - 1)}. For 100/min and 10 %: 90 per minute steady
 * (one every 667 ms), bursts of 9, at most 99 in any minute.
 */
public final class Gcra {
    private final long intervalMicros;
    private final long toleranceMicros;
    private final long windowMicros;
    private final int rate;
    private final int burst;

    public Gcra(int limit, java.time.Duration window, double safetyMargin) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (safetyMargin < 0 || safetyMargin >= 1) {
            throw new IllegalArgumentException("safety margin must be in [0, 1)");
        }
        this.rate = Math.max(1, (int) Math.floor(limit * (1 - safetyMargin)));
        this.burst = Math.max(1, limit - rate - 1);
        this.intervalMicros = Math.max(1, window.toNanos() / 1_000 / rate);
        this.toleranceMicros = (long) (burst - 1) * intervalMicros;
        this.windowMicros = Math.max(1, window.toNanos() / 1_000);
    }

    /** Outcome of asking at {@code now}: the wait until conforming (0 = now) and the tat to store. */
    public record Slot(long waitMicros, long newTat) {
    }

    /** The earliest slot at or after {@code nowMicros}, given the stored {@code tat} (0 = none). */
    public Slot next(long tat, long nowMicros) {
        long base = Math.max(tat, nowMicros);
        long conformsAt = base - toleranceMicros;
        return new Slot(Math.max(0, conformsAt - nowMicros), base + intervalMicros);
    }

    /**
     * The smallest tat that lets at most {@code remaining} more requests through before
     * {@code resetMicros}: what ClickUp's {@code X-RateLimit-Remaining}/{@code Reset} headers say.
     */
    public long tatForRemaining(int remaining, long resetMicros) {
        if (remaining <= 0) {
            return resetMicros + toleranceMicros;
        }
        return resetMicros + toleranceMicros - (long) (remaining - 1) * intervalMicros;
    }

    /**
     * ClickUp's reset instant as far as it may move the budget: at most one window after
     * {@code nowMicros}. ClickUp's window is that long, so a later reset cannot be a window boundary
     * (it is a unit mix-up or garbage), and taking it at its word would close the budget for as long
     * as it says, for every instance on the token. Safe for any {@code long}, however absurd.
     */
    public long boundedResetMicros(long resetEpochMillis, long nowMicros) {
        long latest = nowMicros + windowMicros;
        if (resetEpochMillis >= latest / 1_000) {
            return latest;
        }
        return Math.max(0, resetEpochMillis) * 1_000;
    }

    public long windowMicros() {
        return windowMicros;
    }

    public long intervalMicros() {
        return intervalMicros;
    }

    public int rate() {
        return rate;
    }

    public int burst() {
        return burst;
    }
}
