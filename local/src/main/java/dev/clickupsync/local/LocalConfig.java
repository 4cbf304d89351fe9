package dev.clickupsync.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The local run's stand-in for Lambda's SQS event source mapping. */
@ConfigMapping(prefix = "sync.local")
public interface LocalConfig {

    Poller poller();

    /**
     * How often the local run reconciles ({@link LocalReconcileTimer}, the EventBridge schedule's
     * twin); {@code 0} turns it off.
     */
    @WithDefault("5m")
    Duration reconcileInterval();

    /**
     * How often the local run posts the standup digest ({@link LocalDigestTimer}, the digest
     * schedule's twin); {@code 0} (the default) turns it off, since a digest calls a model.
     */
    @WithDefault("0")
    Duration digestInterval();

    interface Poller {
        /** Poll the queue and drain it in this process. Off makes the local run ingest-only. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Pollers running at once: the local twin of the event source mapping's
         * {@code ScalingConfig.MaximumConcurrency}, so at most this many batches are in flight.
         */
        @WithDefault("2")
        int concurrency();

        /** Messages per batch (SQS allows 1-10), like the mapping's {@code BatchSize}. */
        @WithDefault("10")
        int batchSize();

        /** Long-poll wait per receive; short, so shutdown is quick. */
        @WithDefault("1s")
        Duration waitTime();

        /**
         * Time a batch may take: a received message stays invisible this long (the queue's
         * visibility timeout), so the drain must finish before it to avoid a redelivery.
         */
        @WithDefault("30s")
        Duration batchTimeout();
    }
}
