package dev.clickupsync.status;

import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code GetMetricData} queries of {@link FleetMetrics}, and how their answers are labelled.
 *
 * <p>Failures: CloudWatch keeps one metric per exact dimension set, and a {@code SEARCH} metric schema
 * {@code {Namespace,Dim,...}} finds only metrics with exactly those dimensions. So there is one search
 * per dimension set that a counter with a {@code Reason} is emitted with ({@link #REASON_DIMENSION_SETS},
 * each with {@code Service}; {@code Metrics} adds it to every data point), {@code Sum} over one period
 * as long as the window: one value per metric, function and reason. A dimension set not listed here is
 * not read; {@code FleetFailureSearchCoversTheCodeTest} fails when the code emits one.
 *
 * <p>Breaker: {@code ClickUpCircuitState{Service,State}}, counted once per state change of any
 * function's breaker, {@code Sum} per minute over the window.
 *
 * <p>Each search returns one result per metric found, all with the search's id; the dynamic label
 * ({@code ${PROP(...)}}, which {@code GetMetricData} fills per result) says which metric it is: its
 * name and reason, or its function and state, joined by {@value #SEPARATOR}.
 */
public final class FleetQueries {
    /** The dimensions besides {@code Service} that the code emits a {@code Reason} counter with. */
    public static final List<List<String>> REASON_DIMENSION_SETS = List.of(
            List.of("Reason"), List.of("Operation", "Reason"), List.of("Index", "Reason"),
            List.of("Reason", "Section"), List.of("Reason", "Workspace"));
    static final String BREAKER_METRIC = "ClickUpCircuitState";
    static final String BREAKER_ID = "breaker";
    static final String SEPARATOR = "|";
    private static final String FAILURES_LABEL = "${PROP('MetricName')}" + SEPARATOR + "${PROP('Dim.Reason')}";
    private static final String BREAKER_LABEL = "${PROP('Dim.Service')}" + SEPARATOR + "${PROP('Dim.State')}";

    private FleetQueries() {
    }

    /** One {@code SEARCH} per Reason dimension set, {@code Sum} over {@code periodSeconds}. */
    public static List<String> failureSearches(String namespace, long periodSeconds) {
        List<String> searches = new ArrayList<>();
        for (List<String> set : REASON_DIMENSION_SETS) {
            TreeSet<String> dimensions = new TreeSet<>(set);
            dimensions.add("Service");
            searches.add("SEARCH('{" + quoted(namespace) + "," + String.join(",", dimensions) + "}', 'Sum', " + periodSeconds + ")");
        }
        return searches;
    }

    /** Every function's breaker transitions, per minute. */
    public static String breakerSearch(String namespace) {
        return "SEARCH('{" + quoted(namespace) + ",Service,State} MetricName=\"" + BREAKER_METRIC + "\"', 'Sum', 60)";
    }

    static List<MetricDataQuery> queries(String namespace, long periodSeconds) {
        List<MetricDataQuery> queries = new ArrayList<>();
        List<String> failures = failureSearches(namespace, periodSeconds);
        for (int i = 0; i < failures.size(); i++) {
            queries.add(MetricDataQuery.builder().id("f" + i).expression(failures.get(i)).label(FAILURES_LABEL)
                    .returnData(true).build());
        }
        queries.add(MetricDataQuery.builder().id(BREAKER_ID).expression(breakerSearch(namespace)).label(BREAKER_LABEL)
                .returnData(true).build());
        return queries;
    }

    /**
     * A result's label as its two parts, or null when it is not one of ours: both parts non-blank, and
     * filled (a label CloudWatch left as the template, or replaced by its default, is not read).
     */
    static String[] parts(String label) {
        int at = label == null || label.contains("${") ? -1 : label.indexOf(SEPARATOR);
        if (at <= 0 || at == label.length() - 1) {
            return null;
        }
        String[] parts = {label.substring(0, at).strip(), label.substring(at + 1).strip()};
        return parts[0].isEmpty() || parts[1].isEmpty() || parts[1].contains(SEPARATOR) ? null : parts;
    }

    /** A namespace as a schema names it: double-quoted unless it is letters and digits only. */
    private static String quoted(String namespace) {
        return namespace.matches("[A-Za-z0-9]+") ? namespace : "\"" + namespace + "\"";
    }
}
