package dev.clickupsync.status;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
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
 * ({@code queue age unavailable}) and the metric {@value #METRIC_QUEUE_AGE_UNAVAILABLE}{@code {Reason}} (the call's
 * failures only): {@code cloudwatch_off} (not configured: the local run; no call), {@code no_datapoints}
 * (CloudWatch has no value for that queue in the last 5 minutes: a new queue, or one idle for hours,
 * for which SQS stops publishing), {@code throttled}, {@code access_denied} (the role lacks
 * {@code cloudwatch:GetMetricData}), {@code cloudwatch_unavailable} (any other failure: network, 5xx,
 * no region). A failure never fails the status document.
 *
 * <p>The client, the reasons of a failed call and the single-flight keep are shared with
 * {@link FleetMetrics} ({@link StatusCloudWatch}, {@link KeptAnswer}).
 */
@ApplicationScoped
public class QueueAge {
    private static final Logger LOG = Logger.getLogger(QueueAge.class);
    private static final Duration LOOKBACK = Duration.ofMinutes(5);
    static final String METRIC_QUEUE_AGE_UNAVAILABLE = "StatusQueueAgeUnavailable";

    /** An age in seconds, or null with the reason. */
    public record Reading(Long seconds, String reason) {
        static Reading failed(String reason) {
            return new Reading(null, reason);
        }
    }

    private final boolean enabled;
    private final Supplier<CloudWatchClient> client;
    private final Metrics metrics;
    private final KeptAnswer<List<String>, Map<String, Reading>> kept;

    @Inject
    public QueueAge(StatusCloudWatch cloudWatch, Metrics metrics) {
        this(cloudWatch.enabled(), cloudWatch.cacheFor(), cloudWatch::client, Clock.systemUTC(), metrics);
    }

    QueueAge(boolean enabled, Duration cacheFor, Supplier<CloudWatchClient> client, Clock clock, Metrics metrics) {
        this.enabled = enabled;
        this.client = client;
        this.metrics = metrics;
        this.kept = new KeptAnswer<>(cacheFor, clock);
    }

    /** The age of the oldest message of each queue named, in one call (or none, when kept or off). */
    public Map<String, Reading> oldest(List<String> queueNames) {
        if (!enabled) {
            return all(queueNames, Reading.failed("cloudwatch_off"));
        }
        List<String> queues = List.copyOf(queueNames);
        return kept.get(queues, now -> read(queues, now));
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
            List<MetricDataResult> results = client.get().getMetricData(b -> b
                    .startTime(now.minus(LOOKBACK)).endTime(now).metricDataQueries(queries)).metricDataResults();
            Map<String, Reading> readings = new LinkedHashMap<>();
            for (int i = 0; i < queueNames.size(); i++) {
                readings.put(queueNames.get(i), latest(results, "q" + i));
            }
            return readings;
        } catch (SdkException e) {
            return failure(queueNames, StatusCloudWatch.reason(e), StatusCloudWatch.code(e));
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

    private Map<String, Reading> failure(List<String> queueNames, String reason, String awsCode) {
        metrics.increment(METRIC_QUEUE_AGE_UNAVAILABLE, "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.WARN, "queue age unavailable", "queues", String.join(",", queueNames),
                "reason", reason, "aws_error", awsCode);
        return all(queueNames, Reading.failed(reason));
    }

    private static Map<String, Reading> all(List<String> queueNames, Reading reading) {
        Map<String, Reading> readings = new LinkedHashMap<>();
        queueNames.forEach(q -> readings.put(q, reading));
        return readings;
    }
}
