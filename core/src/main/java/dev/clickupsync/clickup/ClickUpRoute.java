package dev.clickupsync.clickup;

/**
 * Which workspace's {@link ClickUpClient} the calls made on this thread go through, set by the code
 * that knows an event's workspace (the drain) and honoured by the injected (default) client, the
 * way {@link CallDeadline} carries a deadline: per thread, because the calls are made several layers
 * below ({@code DrainProcessor} → {@code TaskExpander} → {@code FieldCache} → {@link ClickUpClient}).
 * Without a scope, calls go through the default client, as before.
 */
public final class ClickUpRoute {
    private static final ThreadLocal<ClickUpClient> CURRENT = new ThreadLocal<>();

    private ClickUpRoute() {
    }

    /** Restores the route that was set before {@link #to}; use with try-with-resources. */
    public static final class Scope implements AutoCloseable {
        private final ClickUpClient previous;

        private Scope(ClickUpClient previous) {
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

    /** ClickUp calls on this thread go through {@code client} until the scope closes (null: the default client). */
    public static Scope to(ClickUpClient client) {
        ClickUpClient previous = CURRENT.get();
        if (client == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(client);
        }
        return new Scope(previous);
    }

    /**
     * {@code work} to be run on another thread with this thread's route: a route is per thread, so
     * work handed to a pool (reconcile's page read ahead) must carry it, or its calls would go through
     * the default client, i.e. the default workspace's token.
     */
    public static <T> java.util.function.Supplier<T> carried(java.util.function.Supplier<T> work) {
        ClickUpClient route = CURRENT.get();
        return () -> {
            try (Scope ignored = to(route)) {
                return work.get();
            }
        };
    }

    static ClickUpClient current() {
        return CURRENT.get();
    }
}
