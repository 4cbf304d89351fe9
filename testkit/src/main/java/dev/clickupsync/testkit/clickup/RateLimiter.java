package dev.clickupsync.testkit.clickup;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * ClickUp's per-token rate limit as a fixed window (default 100 requests a minute): the window opens
 * at a token's first request and resets {@code window} later. Also renders the X-RateLimit-* headers,
 * whose reset is Unix seconds by default or milliseconds when asked (both are seen from ClickUp).
 */
final class RateLimiter {

    /** The state after a request: whether it was allowed, and what the headers should say. */
    record Snapshot(boolean allowed, int limit, int remaining, long resetAtMillis) {
    }

    private static final class Window {
        final long start;
        int used;

        Window(long start) {
            this.start = start;
        }
    }

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();
    private int limit;
    private long windowMillis;
    private boolean resetInMillis;

    RateLimiter(Clock clock, int limit, Duration window) {
        this.clock = clock;
        configure(limit, window);
    }

    /** Changes the limit; open windows are dropped, so every token starts afresh. */
    synchronized void configure(int limit, Duration window) {
        if (limit < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("rate limit needs a positive count and window");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        windows.clear();
    }

    synchronized void resetInMillis(boolean millis) {
        this.resetInMillis = millis;
    }

    /** Counts one request for {@code token}. */
    synchronized Snapshot take(String token) {
        Window window = current(token);
        if (window.used >= limit) {
            return new Snapshot(false, limit, 0, window.start + windowMillis);
        }
        window.used++;
        return new Snapshot(true, limit, limit - window.used, window.start + windowMillis);
    }

    /** The state for {@code token} without counting a request (for answers given before the limit applies). */
    synchronized Snapshot peek(String token) {
        Window window = windows.get(token);
        long now = clock.millis();
        if (window == null || now >= window.start + windowMillis) {
            return new Snapshot(true, limit, limit, now + windowMillis);
        }
        return new Snapshot(window.used < limit, limit, Math.max(0, limit - window.used), window.start + windowMillis);
    }

    synchronized Map<String, String> headers(Snapshot snapshot, boolean exhausted) {
        long reset = resetInMillis ? snapshot.resetAtMillis() : Math.floorDiv(snapshot.resetAtMillis() + 999, 1000);
        return Map.of(
                "X-RateLimit-Limit", Integer.toString(snapshot.limit()),
                "X-RateLimit-Remaining", Integer.toString(exhausted ? 0 : snapshot.remaining()),
                "X-RateLimit-Reset", Long.toString(reset));
    }

    private Window current(String token) {
        long now = clock.millis();
        Window window = windows.get(token);
        if (window == null || now >= window.start + windowMillis) {
            window = new Window(now);
            windows.put(token, window);
        }
        return window;
    }
}
