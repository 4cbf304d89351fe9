package dev.clickupsync.budget;

import java.time.Clock;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads ClickUp's {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} defensively.
 *
 * <p>Reset is documented as a Unix timestamp, and both seconds and milliseconds are seen in the
 * wild; a small number is taken as seconds from now. Anything unparsable is ignored.
 */
public final class RateLimitHeaders {
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;   // ~1973 in ms, ~5138 in s
    private static final long RELATIVE_THRESHOLD = 1_000_000_000L;    // < 2001 in s: a duration

    private RateLimitHeaders() {
    }

    public static OptionalInt remaining(String header) {
        try {
            return header == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The reset instant in epoch milliseconds. */
    public static OptionalLong resetEpochMillis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        long value;
        try {
            value = (long) Double.parseDouble(header.trim());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (value < 0) {
            return OptionalLong.empty();
        }
        if (value >= MILLIS_THRESHOLD) {
            return OptionalLong.of(value);
        }
        if (value >= RELATIVE_THRESHOLD) {
            return OptionalLong.of(value * 1_000);
        }
        return OptionalLong.of(clock.millis() + value * 1_000);
    }
}
