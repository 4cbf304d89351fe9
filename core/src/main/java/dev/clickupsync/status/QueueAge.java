package dev.clickupsync.status;

import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A queue's oldest message age for {@code GET /admin/status}: SQS publishes it only as the CloudWatch
 * metric {@code AWS/SQS ApproximateAgeOfOldestMessage} (a receive would count against the message),
 * so it is one {@code GetMetricData} per queue: the Maximum over 60 s periods of the last 5 minutes,
 * the latest datapoint. A reading is kept for {@code cache-for} (one call a minute per queue, however
 * often the console polls); so is a failure, so a throttled CloudWatch is not asked again at once.
 *
 * <p>A reading without an age names why, one reason each, the same in the status document and the
 * log: {@code cloudwatch_off} (not configured: the local run), {@code no_datapoints} (CloudWatch has
 * no value for the last 5 minutes yet, e.g. a new queue), {@code throttled}, {@code access_denied}
 * (the role lacks {@code cloudwatch:GetMetricData}), {@code cloudwatch_unavailable} (any other
 * failure: network, 5xx, no region). A failure never fails the status document.
 *
 * <p>The plain SDK client with the URL-connection HTTP client, as the SSM secrets use: no Quarkus
 * extension for one call, built on first use and kept.
 */
@ApplicationScoped
public class QueueAge {
    private static final Logger LOG = Logger.getLogger(QueueAge.class);
    private static final Duration LOOKBACK = Duration.ofMinutes(5);

    /** An age in seconds, or null with the reason. */
    public record Reading(Long seconds, String reason) {
        static Reading failed(String reason) {
            return new Reading(null, reason);
        }
    }

    private record Kept(Reading reading, Instant at) {
    }

    private final boolean enabled;
    private final Duration cacheFor;
    private final Supplier<CloudWatchClient> clients;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private volatile CloudWatchClient client;

    @Inject
    public QueueAge(QueueAgeConfig config) {
        this(config.enabled(), config.cacheFor(), () -> client(config), Clock.systemUTC());
    }

    QueueAge(boolean enabled, Duration cacheFor, Supplier<CloudWatchClient> clients, Clock clock) {
        this.enabled = enabled;
        this.cacheFor = cacheFor;
        this.clients = clients;
        this.clock = clock;
    }

    /** The age of the oldest message of the queue named {@code queueName}. */
    public Reading oldest(String queueName) {
        if (!enabled) {
            return Reading.failed("cloudwatch_off");
        }
        Instant now = clock.instant();
        Kept last = kept.get(queueName);
        if (last != null && last.at().plus(cacheFor).isAfter(now)) {
            return last.reading();
        }
        Reading reading = read(queueName, now);
        kept.put(queueName, new Kept(reading, now));
        return reading;
    }

    private Reading read(String queueName, Instant now) {
        try {
            List<MetricDataResult> results = client().getMetricData(b -> b
                    .startTime(now.minus(LOOKBACK)).endTime(now)
                    .metricDataQueries(q -> q.id("age").returnData(true).metricStat(s -> s
                            .period(60).stat("Maximum")
                            .metric(m -> m.namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage")
                                    .dimensions(d -> d.name("QueueName").value(queueName)))))).metricDataResults();
            return latest(results);
        } catch (AwsServiceException e) {
            return failure(queueName, reason(e), e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
        } catch (SdkException e) {
            return failure(queueName, "cloudwatch_unavailable", e.getClass().getSimpleName());
        }
    }

    /** The latest datapoint's value: CloudWatch returns them newest first by default, but order is not assumed. */
    private static Reading latest(List<MetricDataResult> results) {
        Instant newest = null;
        Double value = null;
        for (MetricDataResult result : results) {
            for (int i = 0; i < Math.min(result.timestamps().size(), result.values().size()); i++) {
                if (newest == null || result.timestamps().get(i).isAfter(newest)) {
                    newest = result.timestamps().get(i);
                    value = result.values().get(i);
                }
            }
        }
        return value == null ? Reading.failed("no_datapoints") : new Reading(Math.round(value), null);
    }

    private static String reason(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        if (e.isThrottlingException() || code.contains("Throttl") || code.equals("LimitExceeded")) {
            return "throttled";
        }
        if (e.statusCode() == 403 || code.contains("AccessDenied") || code.contains("NotAuthorized")) {
            return "access_denied";
        }
        return "cloudwatch_unavailable";
    }

    private static Reading failure(String queueName, String reason, String awsCode) {
        StructuredLog.log(LOG, Logger.Level.WARN, "queue age unavailable", "queue", queueName, "reason", reason,
                "aws_error", awsCode == null ? "-" : awsCode);
        return Reading.failed(reason);
    }

    private CloudWatchClient client() {
        CloudWatchClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = clients.get();
                }
                current = client;
            }
        }
        return current;
    }

    private static CloudWatchClient client(QueueAgeConfig config) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3)).build())
                // One try: a status poll must stay fast, and a failure is kept like a reading.
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(4)).retryStrategy(r -> r.maxAttempts(1)));
        config.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> builder.endpointOverride(URI.create(e)));
        config.region().filter(r -> !r.isBlank()).ifPresent(r -> builder.region(Region.of(r)));
        return builder.build();
    }
}
