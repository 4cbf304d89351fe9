package dev.clickupsync.reconcile;

import java.time.Duration;
import java.time.Instant;

/**
 * How far reconcile has got for one {@link Scope}, as stored in the control table.
 *
 * @param highWaterMillis newest {@code date_updated} (ClickUp's clock) that a finished walk
 *                        processed; null before the first walk finished. Never derived from our
 *                        clock, so a skew between ClickUp and us cannot make a run skip changes.
 * @param cursor          where the current walk stands ({@code inProgress}) or where the last one ended
 * @param inProgress      a walk stopped before the end (deadline, budget, crash): the next run
 *                        continues from {@code cursor} exactly, without the overlap, so finished
 *                        pages are not fetched again
 * @param backfill        the walk in progress is a backfill (a first run or a rewind), for logs
 * @param version         optimistic lock: every save increments it, and a save expecting another
 *                        version fails, so a rewind or a concurrent run is never silently overwritten
 */
public record Watermark(String teamId, String scopeKey, Long highWaterMillis, KeysetCursor cursor,
                        boolean inProgress, boolean backfill, long version, Instant updatedAt) {

    /** Where the next run starts: the cursor of a walk in progress, else the high-water mark minus the overlap. */
    public KeysetCursor startFor(Duration overlap) {
        if (inProgress || highWaterMillis == null) {
            return cursor;
        }
        return KeysetCursor.from(highWaterMillis - overlap.toMillis());
    }

    /** The first run of a scope: a backfill from {@code from}. */
    static Watermark initial(String teamId, String scopeKey, Instant from) {
        return new Watermark(teamId, scopeKey, null, KeysetCursor.from(from.toEpochMilli()), true, true, 0, null);
    }

    /** After a page of this walk was written. */
    Watermark progressed(KeysetCursor next, Instant now) {
        return new Watermark(teamId, scopeKey, highWaterMillis, next, true, backfill, version + 1, now);
    }

    /** The walk reached the end: the high-water mark moves up to what it processed (never down). */
    Watermark finished(KeysetCursor last, Instant now) {
        long reached = last.highWater();
        Long high = highWaterMillis == null ? Long.valueOf(reached) : Long.valueOf(Math.max(highWaterMillis, reached));
        return new Watermark(teamId, scopeKey, high, last, false, false, version + 1, now);
    }

    /** Rewound to {@code from} for a backfill (the caller checked it is a rewind). */
    Watermark rewound(long from, Instant now) {
        return new Watermark(teamId, scopeKey, highWaterMillis, KeysetCursor.from(from), true, true, version + 1, now);
    }

    /** The high-water mark as an instant, or null. */
    public Instant highWater() {
        return highWaterMillis == null ? null : Instant.ofEpochMilli(highWaterMillis);
    }
}
