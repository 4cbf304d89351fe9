package dev.clickupsync.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.time.Duration;

/**
 * What the status's two CloudWatch readers share ({@link QueueAge}: the queues' ages; {@link FleetMetrics}:
 * failures and breakers across the functions): the switch and kept-for time of
 * {@code sync.status.queue-age.*}, ONE plain SDK client (as the SSM secrets use: no Quarkus extension for a
 * call a minute), built on first use and kept, and the one mapping of a failed call to its reason.
 *
 * <p>Reasons, the same in both readers' documents, logs and metrics: {@code throttled} (CloudWatch's
 * throttling or {@code LimitExceeded}), {@code access_denied} (403, or the role lacks
 * {@code cloudwatch:GetMetricData}), {@code cloudwatch_unavailable} (anything else: network, 5xx, no
 * region, an unusable answer).
 */
@ApplicationScoped
public class StatusCloudWatch {
    private final QueueAgeConfig config;
    private final Instance<ExecutionInterceptor> interceptors;
    private CloudWatchClient client; // guarded by this

    @Inject
    public StatusCloudWatch(QueueAgeConfig config, @CloudWatchInterceptor Instance<ExecutionInterceptor> interceptors) {
        this.config = config;
        this.interceptors = interceptors;
    }

    boolean enabled() {
        return config.enabled();
    }

    Duration cacheFor() {
        return config.cacheFor();
    }

    /** The client, built on first use (a missing region fails here, as an {@link SdkException}). */
    synchronized CloudWatchClient client() {
        if (client == null) {
            client = CloudWatchClients.create(config, interceptors.stream().toList());
        }
        return client;
    }

    /** Why a {@code GetMetricData} failed: one of the reasons above. */
    static String reason(SdkException e) {
        if (!(e instanceof AwsServiceException aws)) {
            return "cloudwatch_unavailable";
        }
        String code = code(e);
        if (aws.isThrottlingException() || code.contains("Throttl") || code.equals("LimitExceeded")) {
            return "throttled";
        }
        if (aws.statusCode() == 403 || code.contains("AccessDenied") || code.contains("NotAuthorized")) {
            return "access_denied";
        }
        return "cloudwatch_unavailable";
    }

    /** AWS's error code when AWS answered, else the exception's class name (never its message). */
    static String code(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e instanceof AwsServiceException ? "-" : e.getClass().getSimpleName();
    }
}
