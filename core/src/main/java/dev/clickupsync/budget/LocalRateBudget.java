package dev.clickupsync.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same {@link Gcra} held in memory: correct for one process, and the usual design's mistake when
 * several Lambda instances each hold one (together they overshoot N-fold). Kept as the bench's
 * baseline and for single-process tools; production uses {@link SharedRateBudget}.
 *
 * <p>Like the shared budget's item, it counts granted slots in a {@link MinuteWindow}, in the same
 * compare-and-set that takes the slot ({@code tat} and the window are one immutable state), so
 * {@link #usedLastMinute} is exact under concurrency and gives the numbers the item would.
 */
public final class LocalRateBudget extends PacedBudget {
    private final Gcra gcra;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(new State(0, MinuteWindow.Counts.NONE));

    /** {@code tat} and the minute window, replaced together. */
    private record State(long tat, MinuteWindow.Counts window) {
        State withTat(long newTat) {
            return new State(newTat, window);
        }
    }

    public LocalRateBudget(Gcra gcra, Clock clock, SharedRateBudget.Sleeper sleeper) {
        super(sleeper);
        this.gcra = gcra;
        this.clock = clock;
    }

    @Override
    Reservation reserve(Duration maxWait) {
        long maxWaitMicros = maxWait.toNanos() / 1_000;
        while (true) {
            State seen = state.get();
            Gcra.Slot slot = gcra.next(seen.tat(), nowMicros());
            if (slot.waitMicros() > maxWaitMicros) {
                return Reservation.none(Duration.ofNanos(slot.waitMicros() * 1_000));
            }
            Instant slotTime = clock.instant().plusNanos(slot.waitMicros() * 1_000); // counted when its call is made
            if (state.compareAndSet(seen, new State(slot.newTat(), seen.window().plus(slotTime)))) {
                return Reservation.of(Duration.ofNanos(slot.waitMicros() * 1_000));
            }
        }
    }

    /** Slots granted for calls in the 60 s before now: {@link MinuteWindow}'s estimate, as the status reads it from the item. */
    public long usedLastMinute() {
        return state.get().window().usedLastMinute(clock.instant());
    }

    @Override
    public void observe(int remaining, long resetEpochMillis) {
        raiseTo(gcra.tatForRemaining(remaining, gcra.boundedResetMicros(resetEpochMillis, nowMicros())));
    }

    @Override
    public void onRateLimited(long resetEpochMillis) {
        long now = nowMicros();
        raiseTo(gcra.tatForRemaining(0, Math.max(gcra.boundedResetMicros(resetEpochMillis, now), now)));
    }

    /** Moves tat forward to {@code target} unless it is already there; never backwards; the window is untouched. */
    private void raiseTo(long target) {
        state.accumulateAndGet(null, (current, ignored) -> current.tat() >= target ? current : current.withTat(target));
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
