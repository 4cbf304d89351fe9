package dev.clickupsync.clickup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a {@link CallDeadline} on one logical ClickUp call: interrupts the calling thread when the
 * deadline arrives, which ends whatever blocks it (waiting for ClickUp's answer, a retry's back-off,
 * a budget slot's sleep: all of them give way to an interrupt), and tells {@link ClickUpCalls}
 * afterwards that this is why it ended. SmallRye's own timeout uses the same mechanism per attempt;
 * this one covers the call as a whole, with a bound that differs per call.
 *
 * <p>The interrupt never leaks: it is delivered under this object's lock, and {@link #close()} clears
 * it under the same lock, so after close the thread's interrupt flag is as the cutoff found it
 * (unless someone else interrupted it meanwhile).
 */
final class DeadlineCutoff implements AutoCloseable {
    private static final DeadlineCutoff NONE = new DeadlineCutoff(null, null);

    private enum State { ARMED, FIRED, DONE }

    private final Instant deadline;
    private final Thread thread;
    private ScheduledFuture<?> timer;
    private State state = State.ARMED;

    private DeadlineCutoff(Instant deadline, Thread thread) {
        this.deadline = deadline;
        this.thread = thread;
    }

    /** A cutoff for the current thread's deadline, or one that never fires when none is set. */
    static DeadlineCutoff forCurrentThread() {
        Instant deadline = CallDeadline.current().orElse(null);
        if (deadline == null) {
            return NONE;
        }
        DeadlineCutoff cutoff = new DeadlineCutoff(deadline, Thread.currentThread());
        long delayNanos = Duration.between(Instant.now(), deadline).toNanos();
        if (delayNanos > 0) {
            cutoff.timer = Timer.INSTANCE.schedule(cutoff::fire, delayNanos, TimeUnit.NANOSECONDS);
        }
        return cutoff;
    }

    /** The deadline has passed: nothing more may start. */
    boolean passed() {
        return deadline != null && !Instant.now().isBefore(deadline);
    }

    /** {@code patience}, shortened to the time left when that is less. */
    Duration atMost(Duration patience) {
        if (deadline == null) {
            return patience;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left.compareTo(patience) < 0 ? left : patience;
    }

    /** The deadline interrupted the call. */
    synchronized boolean fired() {
        return state == State.FIRED;
    }

    private synchronized void fire() {
        if (state == State.ARMED) {
            state = State.FIRED;
            thread.interrupt();
        }
    }

    /** Disarms; clears the interrupt this cutoff delivered. Call on the thread the cutoff was made for. */
    @Override
    public synchronized void close() {
        if (this == NONE) {
            return;
        }
        if (state == State.FIRED) {
            Thread.interrupted();
        }
        state = State.DONE;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** One daemon thread for every cutoff in the process, created on first use (not at image build time). */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread t = new Thread(runnable, "clickup-deadline");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
