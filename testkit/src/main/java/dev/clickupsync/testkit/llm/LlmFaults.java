package dev.clickupsync.testkit.llm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Faults for the next requests, one per request, in the order they were added: an error status
 * (500, 429, ... with an OpenAI-shaped error body), a slow answer (the normal completion after a
 * delay, for client timeouts), or a malformed body (200 with JSON that is not a completion).
 */
public final class LlmFaults {

    /** What to do with one request. */
    record Fault(int status, Duration delay, boolean malformed) {
    }

    private final Deque<Fault> next = new ArrayDeque<>();

    LlmFaults() {
    }

    /** The next {@code count} requests answer {@code status} (e.g. 500, 429). */
    public synchronized LlmFaults failNext(int count, int status) {
        if (count < 1 || status < 400 || status > 599) {
            throw new IllegalArgumentException("need count >= 1 and an error status, got " + count + " / " + status);
        }
        for (int i = 0; i < count; i++) {
            next.add(new Fault(status, Duration.ZERO, false));
        }
        return this;
    }

    /** The next {@code count} requests are answered normally, but only after {@code delay}. */
    public synchronized LlmFaults slowNext(int count, Duration delay) {
        for (int i = 0; i < count; i++) {
            next.add(new Fault(0, delay, false));
        }
        return this;
    }

    /** The next {@code count} requests get 200 with a body that is not a chat completion. */
    public synchronized LlmFaults malformedNext(int count) {
        for (int i = 0; i < count; i++) {
            next.add(new Fault(0, Duration.ZERO, true));
        }
        return this;
    }

    public synchronized void clear() {
        next.clear();
    }

    synchronized Fault poll() {
        return next.poll();
    }
}
