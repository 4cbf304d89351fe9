package dev.clickupsync.status;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.MetricsConfig;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The fleet's failures and circuit breakers for {@code GET /admin/status}. On AWS every function instance
 * counts in its own memory and ships its counts as CloudWatch metrics (EMF), so the admin function's own
 * counters and breaker say nothing about the drain, reconcile or commands functions; their figures are
 * in CloudWatch. ONE {@code GetMetricData} ({@link FleetQueries}: a {@code SEARCH} per dimension set of
 * the {@code Reason} counters, {@code Sum} over the window, and one for the {@code ClickUpCircuitState}
 * transitions, per minute) over the last {@code sync.status.fleet.window} (default 60 minutes, ending at
 * the last whole minute), kept for {@code sync.status.queue-age.cache-for} like the queue ages (a failure
 * too; {@link KeptAnswer}).
 *
 * <p>A reading that could not be made names why ({@link Fleet#reason}): {@code cloudwatch_off}
 * ({@code sync.status.queue-age.enabled=false}: the local run; no call), or the call's failure as
 * {@link StatusCloudWatch#reason} names it ({@code throttled}, {@code access_denied},
 * {@code cloudwatch_unavailable}; an answer whose labels are not ours is {@code cloudwatch_unavailable}
 * too), logged as {@code fleet metrics unavailable} and counted as {@value #METRIC_FLEET_UNAVAILABLE}{@code {Reason}}.
 * The sections then show this process's figures with {@code scope: process}; a failure never fails the
 * document.
 *
 * <p>Cost: CloudWatch bills {@code GetMetricData} per metric returned: one per function and reason
 * counted in the window, plus one per function and breaker state; at most one call a minute. A search
 * returns at most 500 metrics; more are not read.
 */
@ApplicationScoped
public class FleetMetrics {
    private static final Logger LOG = Logger.getLogger(FleetMetrics.class);
    static final String METRIC_FLEET_UNAVAILABLE = "StatusFleetUnavailable";
    private static final Duration MAX_WINDOW = Duration.ofDays(1);

    /** One state change of one function's breaker, in the minute starting at {@code at}. */
    public record Transition(String function, String state, Instant at) {
    }

    /**
     * The window {@code [from, to)} read, the failure counts per metric and reason summed over every
     * function, and the breaker transitions; or, when {@code reason} is set, why nothing was read.
     */
    public record Fleet(String reason, Instant from, Instant to, Map<String, Map<String, Long>> failures,
                        List<Transition> transitions) {
        static Fleet unavailable(String reason) {
            return new Fleet(reason, null, null, Map.of(), List.of());
        }

        public boolean available() {
            return reason == null;
        }

        public long windowMinutes() {
            return from == null ? 0 : Duration.between(from, to).toMinutes();
        }
    }

    private final boolean enabled;
    private final Duration window;
    private final String namespace;
    private final Supplier<CloudWatchClient> client;
    private final Metrics metrics;
    private final KeptAnswer<String, Fleet> kept;

    @Inject
    public FleetMetrics(StatusCloudWatch cloudWatch, FleetConfig config, MetricsConfig metricsConfig, Metrics metrics) {
        this(cloudWatch.enabled(), cloudWatch.cacheFor(), config.window(), metricsConfig.namespace(), cloudWatch::client,
                Clock.systemUTC(), metrics);
    }

    FleetMetrics(boolean enabled, Duration cacheFor, Duration window, String namespace, Supplier<CloudWatchClient> client,
                 Clock clock, Metrics metrics) {
        this.enabled = enabled;
        long minutes = Math.max(1, Math.min(window.toMinutes(), MAX_WINDOW.toMinutes()));
        this.window = Duration.ofMinutes(minutes);
        this.namespace = namespace;
        this.client = client;
        this.metrics = metrics;
        this.kept = new KeptAnswer<>(cacheFor, clock);
    }

    /** The fleet's figures (one call at most per {@code cache-for}), or why there are none. Never throws. */
    public Fleet read() {
        if (!enabled) {
            return Fleet.unavailable("cloudwatch_off");
        }
        return kept.get(namespace, this::fetch);
    }

    private Fleet fetch(Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.MINUTES);
        Instant from = to.minus(window);
        List<MetricDataQuery> queries = FleetQueries.queries(namespace, window.toSeconds());
        Map<String, Map<String, Long>> failures = new TreeMap<>();
        List<Transition> transitions = new ArrayList<>();
        try {
            for (GetMetricDataResponse page : client.get().getMetricDataPaginator(b -> b
                    .startTime(from).endTime(to).metricDataQueries(queries))) {
                for (MetricDataResult result : page.metricDataResults()) {
                    String[] parts = FleetQueries.parts(result.label());
                    if (parts == null) {
                        return failure("cloudwatch_unavailable", "unreadable_label");
                    }
                    add(result, parts, failures, transitions);
                }
            }
        } catch (SdkException e) {
            return failure(StatusCloudWatch.reason(e), StatusCloudWatch.code(e));
        }
        return new Fleet(null, from, to, failures, List.copyOf(transitions));
    }

    private static void add(MetricDataResult result, String[] parts, Map<String, Map<String, Long>> failures,
                            List<Transition> transitions) {
        int points = Math.min(result.timestamps().size(), result.values().size());
        if (FleetQueries.BREAKER_ID.equals(result.id())) {
            for (int i = 0; i < points; i++) {
                if (result.values().get(i) > 0) {
                    transitions.add(new Transition(parts[0], parts[1], result.timestamps().get(i)));
                }
            }
            return;
        }
        long sum = 0;
        for (int i = 0; i < points; i++) {
            sum += Math.round(result.values().get(i));
        }
        if (sum > 0) {
            failures.computeIfAbsent(parts[0], n -> new TreeMap<>()).merge(parts[1], sum, Long::sum);
        }
    }

    private Fleet failure(String reason, String awsCode) {
        metrics.increment(METRIC_FLEET_UNAVAILABLE, "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.WARN, "fleet metrics unavailable", "reason", reason, "aws_error", awsCode);
        return Fleet.unavailable(reason);
    }
}
