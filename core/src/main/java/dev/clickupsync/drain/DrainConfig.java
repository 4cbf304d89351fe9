package dev.clickupsync.drain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the drain applies queued events. */
@ConfigMapping(prefix = "sync.drain")
public interface DrainConfig {

    /**
     * {@code smart} (default) applies an event's before/after to the stored snapshot when that fully
     * describes the change and fetches the task otherwise; {@code always} fetches every task once
     * per batch. Both leave the same mirror; {@code smart} makes fewer ClickUp calls.
     */
    @WithDefault("smart")
    ExpansionPolicy policy();

    /**
     * Time kept in reserve at the end of an invocation: work not started with less than this left
     * is deferred, and idempotency locks end this long before the invocation does.
     */
    @WithDefault("3s")
    Duration safetyMargin();

    /**
     * How long to put events off while ClickUp calls are switched off ({@code clickup.enabled=false});
     * a spent budget defers by the budget's own wait instead.
     */
    @WithDefault("5m")
    Duration disabledDeferral();

    /**
     * Optional queue for downstream consumers ({@code SYNC_DRAIN_OUTBOUND_QUEUE_URL}): one normalised
     * "task changed" message per task whose mirror entry changed. Unset: nothing is sent.
     */
    Optional<String> outboundQueueUrl();
}
