package dev.clickupsync.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same {@link Gcra} held in memory: correct for one process, and the usual design's mistake when
 * several Lambda instances each hold one (together they overshoot N-fold). Kept as the bench's
 * baseline and for single-process tools; production uses {@link SharedRateBudget}.
 */
public final class LocalRateBudget extends PacedBudget {
    private final Gcra gcra;
    private final Clock clock;
    private final AtomicLong tat = new AtomicLong();

    public LocalRateBudget(Gcra gcra, Clock clock, SharedRateBudget.Sleeper sleeper) {
        super(sleeper);
        this.gcra = gcra;
        this.clock = clock;
    }

    @Override
    Reservation reserve(Duration maxWait) {
        long maxWaitMicros = maxWait.toNanos() / 1_000;
        while (true) {
            long seen = tat.get();
            Gcra.Slot slot = gcra.next(seen, nowMicros());
            if (slot.waitMicros() > maxWaitMicros) {
                return Reservation.none(Duration.ofNanos(slot.waitMicros() * 1_000));
            }
            if (tat.compareAndSet(seen, slot.newTat())) {
                return Reservation.of(Duration.ofNanos(slot.waitMicros() * 1_000));
            }
        }
    }

    @Override
    public void observe(int remaining, long resetEpochMillis) {
        long target = gcra.tatForRemaining(remaining, gcra.boundedResetMicros(resetEpochMillis, nowMicros()));
        tat.accumulateAndGet(target, Math::max);
    }

    @Override
    public void onRateLimited(long resetEpochMillis) {
        long now = nowMicros();
        tat.accumulateAndGet(gcra.tatForRemaining(0, Math.max(gcra.boundedResetMicros(resetEpochMillis, now), now)),
                Math::max);
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
