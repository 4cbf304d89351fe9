package dev.clickupsync.status;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The queues' oldest message age for {@code GET /admin/status}: SQS publishes it only as the
 * CloudWatch metric {@code AWS/SQS ApproximateAgeOfOldestMessage} (a receive would count against the
 * message), so it is ONE {@code GetMetricData} for all the queues the document shows (events,
 * commands and their dead-letter queues: one query each, ids {@code q0..qN}), the Maximum over 60 s
 * periods of the last 5 minutes, the latest datapoint of each. The readings are kept for
 * {@code cache-for} (one call a minute, however often the console polls); so is a failure, so a
 * throttled CloudWatch is not asked again at once. Cost: one call and one metric per queue a minute.
 *
 * <p>A reading without an age names why, one reason each, the same in the status document, the log
 * ({@code queue age unavailable}) and the metric {@value #METRIC_UNAVAILABLE}{@code {Reason}} (the call's
 * failures only): {@code cloudwatch_off} (not configured: the local run; no call), {@code no_datapoints}
 * (CloudWatch has no value for that queue in the last 5 minutes: a new queue, or one idle for hours,
 * for which SQS stops publishing), {@code throttled}, {@code access_denied} (the role lacks
 * {@code cloudwatch:GetMetricData}), {@code cloudwatch_unavailable} (any other failure: network, 5xx,
 * no region). A failure never fails the status document.
 *
 * <p>The plain SDK client ({@link CloudWatchClients}), as the SSM secrets use: no Quarkus extension for
 * one call, built on first use and kept.
 */
@ApplicationScoped
public class QueueAge {
    private static final Logger LOG = Logger.getLogger(QueueAge.class);
    private static final Duration LOOKBACK = Duration.ofMinutes(5);
    static final String METRIC_UNAVAILABLE = "StatusQueueAgeUnavailable";

    /** An age in seconds, or null with the reason. */
    public record Reading(Long seconds, String reason) {
        static Reading failed(String reason) {
            return new Reading(null, reason);
        }
    }

    /** The last answer, for exactly these queues. */
    private record Kept(List<String> queues, Map<String, Reading> readings, Instant at) {
    }

    private final boolean enabled;
    private final Duration cacheFor;
    private final Supplier<CloudWatchClient> clients;
    private final Clock clock;
    private final Metrics metrics;
    private volatile Kept kept;
    private CloudWatchClient client; // guarded by this

    @Inject
    public QueueAge(QueueAgeConfig config, Metrics metrics) {
        this(config.enabled(), config.cacheFor(), () -> CloudWatchClients.create(config), Clock.systemUTC(), metrics);
    }

    QueueAge(boolean enabled, Duration cacheFor, Supplier<CloudWatchClient> clients, Clock clock, Metrics metrics) {
        this.enabled = enabled;
        this.cacheFor = cacheFor;
        this.clients = clients;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The age of the oldest message of each queue named, in one call (or none, when kept or off). */
    public Map<String, Reading> oldest(List<String> queueNames) {
        if (!enabled) {
            return all(queueNames, Reading.failed("cloudwatch_off"));
        }
        Kept last = fresh(queueNames);
        if (last != null) {
            return last.readings();
        }
        // One caller asks CloudWatch; polls arriving meanwhile wait for its answer (at most the
        // client's 4 s call timeout) instead of each making the call: one call a minute, as promised.
        synchronized (this) {
            last = fresh(queueNames);
            if (last != null) {
                return last.readings();
            }
            Instant now = clock.instant();
            Map<String, Reading> readings = read(queueNames, now);
            kept = new Kept(List.copyOf(queueNames), readings, now);
            return readings;
        }
    }

    /** The kept readings when they are for these queues and not older than {@code cache-for}; else null. */
    private Kept fresh(List<String> queueNames) {
        Kept last = kept;
        return last != null && last.queues().equals(queueNames) && last.at().plus(cacheFor).isAfter(clock.instant())
                ? last : null;
    }

    private Map<String, Reading> read(List<String> queueNames, Instant now) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < queueNames.size(); i++) {
            String queue = queueNames.get(i);
            queries.add(MetricDataQuery.builder().id("q" + i).returnData(true).metricStat(s -> s
                    .period(60).stat("Maximum")
                    .metric(m -> m.namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage")
                            .dimensions(d -> d.name("QueueName").value(queue)))).build());
        }
        try {
            List<MetricDataResult> results = client().getMetricData(b -> b
                    .startTime(now.minus(LOOKBACK)).endTime(now).metricDataQueries(queries)).metricDataResults();
            Map<String, Reading> readings = new LinkedHashMap<>();
            for (int i = 0; i < queueNames.size(); i++) {
                readings.put(queueNames.get(i), latest(results, "q" + i));
            }
            return readings;
        } catch (AwsServiceException e) {
            return failure(queueNames, reason(e), e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode());
        } catch (SdkException e) {
            return failure(queueNames, "cloudwatch_unavailable", e.getClass().getSimpleName());
        }
    }

    /**
     * The latest datapoint of the query {@code id}: CloudWatch returns them newest first by default,
     * but order is not assumed, nor that a query has one result (paged results repeat the id).
     */
    private static Reading latest(List<MetricDataResult> results, String id) {
        Instant newest = null;
        Double value = null;
        for (MetricDataResult result : results) {
            if (!id.equals(result.id())) {
                continue;
            }
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

    private Map<String, Reading> failure(List<String> queueNames, String reason, String awsCode) {
        metrics.increment(METRIC_UNAVAILABLE, "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.WARN, "queue age unavailable", "queues", String.join(",", queueNames),
                "reason", reason, "aws_error", awsCode == null ? "-" : awsCode);
        return all(queueNames, Reading.failed(reason));
    }

    private static Map<String, Reading> all(List<String> queueNames, Reading reading) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        queueNames.forEach(q -> readings.put(q, reading));
        return readings;
    }

    /** Built on first use (under the refresh lock, so once). */
    private CloudWatchClient client() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }
}
