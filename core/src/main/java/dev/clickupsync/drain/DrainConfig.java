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
     * How long to put events off while ClickUp's circuit breaker is open (ClickUp kept failing, so
     * calls are refused for {@code clickup.api.circuit-breaker.delay}). A refused call was never
     * sent, so retrying through SQS would only spend the event's receives and, after
     * {@code maxReceiveCount} of them, park it in the DLQ for an operator; a deferral costs no
     * receive. Slightly longer than the breaker's delay, so the deferred events meet a breaker that
     * lets calls through again. An outage that lasts keeps them cycling (alarm
     * {@code ClickUpCircuitOpen}), none is lost.
     */
    @WithDefault("15s")
    Duration circuitOpenDeferral();

    /**
     * Optional queue for downstream consumers ({@code SYNC_DRAIN_OUTBOUND_QUEUE_URL}): one normalised
     * "task changed" message per task whose mirror entry changed. Unset: nothing is sent.
     */
    Optional<String> outboundQueueUrl();
}
