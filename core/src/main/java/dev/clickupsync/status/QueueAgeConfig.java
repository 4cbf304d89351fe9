package dev.clickupsync.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code sync.status.queue-age.*}: where {@code GET /admin/status} gets a queue's oldest message age
 * ({@link QueueAge}). SQS gives it only as the CloudWatch metric {@code AWS/SQS
 * ApproximateAgeOfOldestMessage}, so reading it is a CloudWatch call and a grant. The same switch,
 * client and keep serve the fleet-wide failures and circuit breakers ({@link FleetMetrics},
 * {@code sync.status.fleet.*}). The tests add an SDK interceptor to this client as a
 * {@link CloudWatchInterceptor} bean, not through configuration.
 */
@ConfigMapping(prefix = "sync.status.queue-age")
public interface QueueAgeConfig {

    /**
     * Read the age from CloudWatch ({@code SYNC_STATUS_QUEUE_AGE_ENABLED}, default {@code false}: the
     * local run has no CloudWatch, and {@code oldest_age_seconds} is then null with the reason
     * {@code cloudwatch_off}; {@code failures} and {@code clickup.circuit_breaker} then stay this process's,
     * {@code scope: process}). The template turns it on for the admin function, whose role alone may
     * call {@code cloudwatch:GetMetricData}.
     */
    @WithDefault("false")
    boolean enabled();

    /** An endpoint override for CloudWatch ({@code SYNC_STATUS_QUEUE_AGE_ENDPOINT}; LocalStack, a test stub); unset on AWS. */
    Optional<String> endpoint();

    /** The region ({@code SYNC_STATUS_QUEUE_AGE_REGION}); unset: the SDK's default chain ({@code AWS_REGION} on Lambda). */
    Optional<String> region();

    /**
     * How long a reading (or a failure) is kept before CloudWatch is asked again
     * ({@code SYNC_STATUS_QUEUE_AGE_CACHE_FOR}, default 60 s, the metric's own period): a console that
     * polls every few seconds costs one {@code GetMetricData} a minute for all the queues, and one for the
     * fleet's failures and breakers.
     */
    @WithDefault("60S")
    Duration cacheFor();
}
