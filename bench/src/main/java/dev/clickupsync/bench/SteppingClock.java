package dev.clickupsync.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves {@code stepMillis} forward each time it is read: the fake workspace stamps a
 * bulk of tasks with distinct, increasing {@code date_updated}s in the past.
 */
final class SteppingClock extends Clock {
    private final AtomicLong millis;
    private final long step;

    SteppingClock(Instant start, long stepMillis) {
        this.millis = new AtomicLong(start.toEpochMilli());
        this.step = stepMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.getAndAdd(step));
    }
}
