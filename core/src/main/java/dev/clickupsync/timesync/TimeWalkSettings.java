package dev.clickupsync.timesync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@link TimeWalkConfig} as plain values, checked, so a {@link TimeWalk} can be built outside CDI.
 *
 * @param backfillFrom null: {@code backfillDays} before the first run
 * @param assignees    empty: every member of the workspace
 */
public record TimeWalkSettings(boolean enabled, Duration window, Duration overlap, Instant backfillFrom,
                               int backfillDays, Duration runningLookback, List<Long> assignees) {

    public TimeWalkSettings {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("sync.reconcile.time-entries.window must be positive: " + window);
        }
        if (overlap.isNegative() || runningLookback.isNegative() || backfillDays < 0) {
            throw new IllegalArgumentException("sync.reconcile.time-entries: overlap, running-lookback and backfill-days"
                    + " must not be negative");
        }
        assignees = assignees == null ? List.of() : assignees.stream().distinct().sorted().toList();
    }

    public static TimeWalkSettings of(TimeWalkConfig config) {
        List<Long> users = config.assignees().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return Long.parseLong(s);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("sync.reconcile.time-entries.assignees: not a user id: " + s);
                    }
                }).toList();
        return new TimeWalkSettings(config.enabled(), config.window(), config.overlap(),
                config.backfillFrom().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(null),
                config.backfillDays(), config.runningLookback(), users);
    }

    /** Defaults, for tests and tools. */
    public static TimeWalkSettings defaults() {
        return new TimeWalkSettings(true, Duration.ofDays(30), Duration.ofDays(3), null, 90, Duration.ofDays(30), List.of());
    }

    public TimeWalkSettings withWindow(Duration window, Duration overlap) {
        return new TimeWalkSettings(enabled, window, overlap, backfillFrom, backfillDays, runningLookback, assignees);
    }

    public TimeWalkSettings withBackfillFrom(Instant from) {
        return new TimeWalkSettings(enabled, window, overlap, from, backfillDays, runningLookback, assignees);
    }
}
