package dev.clickupsync.drain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the drain applies queued events. */
@ConfigMapping(prefix = "sync.drain")
public interface DrainConfig {

    /**
     * Time kept in reserve at the end of an invocation: an event is not started with less than
     * this left, and idempotency locks end this long before the invocation does.
     */
    @WithDefault("3s")
    Duration safetyMargin();
}
