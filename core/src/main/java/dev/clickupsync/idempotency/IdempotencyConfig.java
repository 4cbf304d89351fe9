package dev.clickupsync.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the drain remembers what it has applied. */
@ConfigMapping(prefix = "sync.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a COMPLETED record is kept (DynamoDB TTL). Must be at least the queue's retention
     * (14 days), or a message redelivered near the end of its retention could be applied twice.
     */
    @WithDefault("15d")
    Duration retention();

    /**
     * Upper bound of an IN_PROGRESS lock when the caller cannot say how long it has (the Lambda
     * handler passes its remaining invocation time instead). A crashed attempt's lock lapses after
     * this, so the event is retried, never stuck.
     */
    @WithDefault("5m")
    Duration maxLock();
}
