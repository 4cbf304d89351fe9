package dev.clickupsync.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code sync.status.queue-age.*}: where {@code GET /admin/status} gets a queue's oldest message age
 * ({@link QueueAge}). SQS gives it only as the CloudWatch metric {@code AWS/SQS
 * ApproximateAgeOfOldestMessage}, so reading it is a CloudWatch call and a grant.
 */
@ConfigMapping(prefix = "sync.status.queue-age")
public interface QueueAgeConfig {

    /**
     * Read the age from CloudWatch ({@code SYNC_STATUS_QUEUE_AGE_ENABLED}, default {@code false}: the
     * local run has no CloudWatch, and {@code oldest_age_seconds} is then null with the reason
     * {@code cloudwatch_off}). The template turns it on for the admin function, whose role alone may
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
     * polls every few seconds costs one {@code GetMetricData} a minute (all the queues in one call).
     */
    @WithDefault("60S")
    Duration cacheFor();

    /**
     * SDK execution interceptors (class names) added to the CloudWatch client, as
     * {@code quarkus.sqs.interceptors} adds them to the managed clients; unset in production. The
     * tests name testkit's AWS call recorder, so the IAM check holds this client's calls against the
     * admin function's role as it holds the DynamoDB and SQS calls.
     */
    Optional<List<String>> interceptors();
}
