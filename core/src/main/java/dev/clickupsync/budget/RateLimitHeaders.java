package dev.clickupsync.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads ClickUp's {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} defensively.
 *
 * <p>Reset is documented as a Unix timestamp, and both seconds and milliseconds are seen in the
 * wild; a small number is taken as seconds from now. Anything unparsable is ignored.
 *
 * <p>What a header may do to the budget is bounded ({@link #read}): ClickUp's window is one
 * {@code clickup.rate-limit.window} long, so its reset is never further away than that. A reset up
 * to two windows ahead (clock skew, a window that started late) is taken as one window ahead; a
 * later one (1e15, microseconds, seconds where milliseconds were meant) or a remaining count that
 * is not a number is <em>bogus</em>: treated as unknown, and named so the caller can count it. A
 * bogus header trusted would close the budget of every instance on the token for as long as it says.
 */
public final class RateLimitHeaders {
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;   // ~1973 in ms, ~5138 in s
    private static final long RELATIVE_THRESHOLD = 1_000_000_000L;    // < 2001 in s: a duration

    private RateLimitHeaders() {
    }

    /**
     * One answer's headers as the budget may use them. {@code bogus} lists the headers that were
     * present but unusable (by their names above); they are left out of the other two fields.
     */
    public record Reading(OptionalInt remaining, OptionalLong resetEpochMillis, List<String> bogus) {
    }

    /** Both headers, bounded by {@code window} (see the class comment). */
    public static Reading read(String remainingHeader, String resetHeader, Clock clock, Duration window) {
        List<String> bogus = new ArrayList<>(2);
        OptionalInt remaining = remaining(remainingHeader);
        if (present(remainingHeader) && (remaining.isEmpty() || remaining.getAsInt() < 0)) {
            bogus.add(REMAINING);
            remaining = OptionalInt.empty();
        }
        OptionalLong reset = plausibleReset(resetEpochMillis(resetHeader, clock), clock, window);
        if (present(resetHeader) && reset.isEmpty()) {
            bogus.add(RESET);
        }
        return new Reading(remaining, reset, List.copyOf(bogus));
    }

    /**
     * A parsed reset instant as far as it may be trusted: empty when it is more than two windows
     * ahead (bogus), otherwise at most one window after now.
     */
    public static OptionalLong plausibleReset(OptionalLong resetEpochMillis, Clock clock, Duration window) {
        if (resetEpochMillis.isEmpty()) {
            return resetEpochMillis;
        }
        long now = clock.millis();
        long windowMillis = window.toMillis();
        long reset = resetEpochMillis.getAsLong();
        if (reset - now > 2 * windowMillis) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(reset, now + windowMillis));
    }

    public static OptionalInt remaining(String header) {
        try {
            return header == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The reset instant in epoch milliseconds, as ClickUp said it (unbounded: see {@link #plausibleReset}). */
    public static OptionalLong resetEpochMillis(String header, Clock clock) {
        if (!present(header)) {
            return OptionalLong.empty();
        }
        double parsed;
        try {
            parsed = Double.parseDouble(header.trim());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (Double.isNaN(parsed) || parsed < 0) {
            return OptionalLong.empty();
        }
        long value = (long) parsed; // saturates at Long.MAX_VALUE: absurd, and plausibleReset says so
        if (value >= MILLIS_THRESHOLD) {
            return OptionalLong.of(value);
        }
        if (value >= RELATIVE_THRESHOLD) {
            return OptionalLong.of(value * 1_000);
        }
        return OptionalLong.of(clock.millis() + value * 1_000);
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank();
    }
}
