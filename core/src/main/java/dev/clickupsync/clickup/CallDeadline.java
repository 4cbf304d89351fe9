package dev.clickupsync.clickup;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The instant by which every ClickUp call made on this thread must be over, set by whoever owns an
 * invocation's deadline (the drain, commands, reconcile) and honoured by {@link ClickUpCalls}: no
 * attempt, retry or budget wait starts after it, and an attempt still running at it is abandoned
 * with {@link ClickUpOutOfTimeException}. So a hanging ClickUp cannot carry a Lambda invocation past
 * its timeout, where the batch response (the partial-failure list) would be lost.
 *
 * <p>Per thread rather than a parameter, because the calls are made several layers below the code
 * that knows the deadline ({@code DrainProcessor} → {@code TaskExpander} → {@code FieldCache} →
 * {@link ClickUpClient}). Work handed to another thread takes it along with {@link #carried}.
 * Without a deadline set, calls are bounded only by their own timeouts and retries, as before.
 */
public final class CallDeadline {
    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    private CallDeadline() {
    }

    /** Restores the deadline that was set before {@link #until}; use with try-with-resources. */
    public static final class Scope implements AutoCloseable {
        private final Instant previous;

        private Scope(Instant previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * ClickUp calls on this thread end by {@code deadline} until the scope closes. A scope inside
     * another keeps the earlier of the two: inner code cannot extend its caller's time.
     */
    public static Scope until(Instant deadline) {
        Instant previous = CURRENT.get();
        CURRENT.set(previous != null && previous.isBefore(deadline) ? previous : deadline);
        return new Scope(previous);
    }

    /** The deadline set on this thread, if any. */
    public static Optional<Instant> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** {@code work} run on another thread under this thread's current deadline (none if none is set). */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Instant deadline = CURRENT.get();
        if (deadline == null) {
            return work;
        }
        return () -> {
            try (Scope ignored = until(deadline)) {
                return work.get();
            }
        };
    }
}
