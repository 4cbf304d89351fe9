package dev.clickupsync.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code sync.status.fleet.*}: how {@code GET /admin/status} reads the failures and circuit breakers of
 * every function from CloudWatch ({@link FleetMetrics}). Read only while
 * {@code sync.status.queue-age.enabled} is on (the AWS setting; same client, same {@code cache-for}).
 */
@ConfigMapping(prefix = "sync.status.fleet")
public interface FleetConfig {

    /**
     * How far back {@code failures} sums each reason counter, and the breaker's transitions are looked
     * at ({@code SYNC_STATUS_FLEET_WINDOW}, default 60 minutes). Taken in whole minutes, at least 1 and at
     * most 1 day (CloudWatch keeps 1-minute data for 15 days; the breaker is read per minute, 1,440
     * points a function at most).
     */
    @WithDefault("60M")
    Duration window();
}
