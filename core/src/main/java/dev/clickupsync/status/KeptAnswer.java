package dev.clickupsync.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The last answer to a question, kept for a while, and asked by one caller at a time: how the status's
 * CloudWatch readings cost one call per {@code cache-for} however often the console polls. Invariant:
 * an answer is returned from the keep only for the same key and while younger than {@code keepFor}
 * (measured from when the call began); when it is stale, the first caller computes it under the lock
 * and callers arriving meanwhile wait for that answer (at most the client's call timeout) instead of
 * each making the call. A failure is an answer like any other, so a throttled service is not asked
 * again at once.
 */
final class KeptAnswer<K, V> {
    private record Kept<K, V>(K key, V value, Instant at) {
    }

    private final Duration keepFor;
    private final Clock clock;
    private volatile Kept<K, V> kept;

    KeptAnswer(Duration keepFor, Clock clock) {
        this.keepFor = keepFor;
        this.clock = clock;
    }

    /** The kept answer for {@code key}, or {@code compute}'s (given the time the call began). */
    V get(K key, Function<Instant, V> compute) {
        Kept<K, V> last = fresh(key);
        if (last != null) {
            return last.value();
        }
        synchronized (this) {
            last = fresh(key);
            if (last != null) {
                return last.value();
            }
            Instant now = clock.instant();
            V value = compute.apply(now);
            kept = new Kept<>(key, value, now);
            return value;
        }
    }

    private Kept<K, V> fresh(K key) {
        Kept<K, V> last = kept;
        return last != null && last.key().equals(key) && last.at().plus(keepFor).isAfter(clock.instant()) ? last : null;
    }
}
