package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpRoute;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The walk's next page, requested while the current one is written to the mirror. The keyset
 * cursor of page {@code n + 1} depends only on page {@code n}'s listing, not on its writes, so the
 * two can overlap: a page then costs {@code max(slot wait + listing, mirror work)} instead of
 * their sum. At most one page is ever ahead, and it is taken from the same budgets, after the same
 * deadline check, as any page.
 *
 * <p>{@code P} is what one page request yields (the walk's: the tasks and when they were asked for).
 *
 * <p>Invariant: nothing runs after the walk returns. {@link #close()} waits for a fetch already
 * under way (a Lambda invocation must not leave a request in flight into the next one) and drops
 * its page; the cursor was not moved past it, so the next run lists it again.
 */
final class PageAhead<P> implements AutoCloseable {
    /** Daemon threads shared by every walk in the JVM; idle ones end after a minute. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "reconcile-reader");
        thread.setDaemon(true);
        return thread;
    });

    private Future<P> ahead;

    /** Starts fetching the next page; the previous one must have been taken. */
    void start(Supplier<P> fetch) {
        if (ahead != null) {
            throw new IllegalStateException("a page is already ahead");
        }
        ahead = READERS.submit(ClickUpRoute.carried(fetch)::get); // the reader calls ClickUp as this thread would
    }

    boolean pending() {
        return ahead != null;
    }

    /** The page started last, waiting for it; its failure is rethrown as it was thrown. */
    P take() {
        Future<P> taken = ahead;
        ahead = null;
        try {
            return taken.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken.cancel(true);
            throw new IllegalStateException("interrupted while reading ClickUp", e);
        }
    }

    /** Drops a page still ahead, waiting for its request to end so none outlives the walk. */
    @Override
    public void close() {
        if (ahead == null) {
            return;
        }
        Future<P> dropped = ahead;
        ahead = null;
        if (dropped.cancel(false)) {
            return; // never started: no request made
        }
        try {
            dropped.get();
        } catch (ExecutionException | CancellationException ignored) {
            // the walk already ended for its own reason; this page's outcome no longer matters
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
