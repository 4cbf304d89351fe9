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
public final class LocalRateBudget implements RateBudget {
    private final Gcra gcra;
    private final Clock clock;
    private final SharedRateBudget.Sleeper sleeper;
    private final AtomicLong tat = new AtomicLong();

    public LocalRateBudget(Gcra gcra, Clock clock, SharedRateBudget.Sleeper sleeper) {
        this.gcra = gcra;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Duration tryAcquire() {
        return reserve(0);
    }

    @Override
    public Duration acquire(Duration maxWait) {
        Duration wait = reserve(maxWait.toNanos() / 1_000);
        if (wait.compareTo(maxWait) > 0) {
            throw new BudgetExhaustedException(wait);
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BudgetExhaustedException(wait);
            }
        }
        return wait;
    }

    private Duration reserve(long maxWaitMicros) {
        while (true) {
            long seen = tat.get();
            Gcra.Slot slot = gcra.next(seen, nowMicros());
            if (slot.waitMicros() > maxWaitMicros) {
                return Duration.ofNanos(slot.waitMicros() * 1_000);
            }
            if (tat.compareAndSet(seen, slot.newTat())) {
                return Duration.ofNanos(slot.waitMicros() * 1_000);
            }
        }
    }

    @Override
    public void observe(int remaining, long resetEpochMillis) {
        long target = gcra.tatForRemaining(remaining, resetEpochMillis * 1_000);
        tat.accumulateAndGet(target, Math::max);
    }

    @Override
    public void onRateLimited(long resetEpochMillis) {
        tat.accumulateAndGet(gcra.tatForRemaining(0, Math.max(resetEpochMillis * 1_000, nowMicros())), Math::max);
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
