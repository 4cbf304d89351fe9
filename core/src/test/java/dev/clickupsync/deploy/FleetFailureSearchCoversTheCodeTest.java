package dev.clickupsync.deploy;

import dev.clickupsync.status.FleetQueries;
import dev.clickupsync.testkit.aws.CloudWatchSearch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status's fleet-wide {@code failures} ({@code status/FleetQueries}) read every counter the code emits
 * with a {@code Reason} dimension, in every dimension set it is emitted with: for each such metric (read
 * from the sources, as EMF writes it), one of the {@code SEARCH} expressions finds it, judged as CloudWatch
 * judges a metric schema (exact dimension set; testkit's {@link CloudWatchSearch}). A new counter emitted
 * with {@code Reason} and a dimension no search names fails here until {@code REASON_DIMENSION_SETS} lists it.
 */
class FleetFailureSearchCoversTheCodeTest {
    private static final EmittedMetrics CODE = CodeFacts.scan(CodeFacts.repositoryRoot()).emitted();
    private static final String NS = "ClickUpSync";

    @Test
    void everyReasonCounterInEveryDimensionSetIsFoundByOneSearch() {
        List<String> missed = new ArrayList<>();
        int checked = 0;
        for (String name : CODE.names()) {
            for (Set<String> dimensions : CODE.dimensionSets(name)) {
                if (!dimensions.contains("Reason")) {
                    continue;
                }
                checked++;
                long found = searches().stream().filter(s -> s.matches(metric(name, dimensions))).count();
                if (found != 1) {
                    missed.add(name + dimensions + " found by " + found + " searches");
                }
            }
        }
        assertThat(checked).as("the scan found the Reason counters").isGreaterThan(20);
        assertThat(missed).as("Reason counters the fleet's failures would not read exactly once").isEmpty();
    }

    @Test
    void theSearchesFindNoMetricWithoutAReasonNorOneOfAnotherNamespace() {
        assertThat(searches()).noneMatch(s -> s.matches(metric("DrainFailed", Set.of("Service"))));
        assertThat(searches()).noneMatch(s -> s.matches(metric("ClickUpCall", Set.of("Service", "Endpoint", "Status"))));
        assertThat(searches()).noneMatch(s -> s.matches(new CloudWatchSearch.Metric("Other", "DrainFailed",
                Map.of("Service", "x", "Reason", "y"))));
    }

    @Test
    void aCounterWithAReasonAndADimensionNoSearchNamesWouldBeMissedSoThisCheckCanFail() {
        assertThat(searches()).noneMatch(s -> s.matches(metric("NewFailure", Set.of("Service", "Reason", "Queue"))));
    }

    @Test
    void theBreakerSearchFindsTheCircuitStateAsTheCodeEmitsIt() {
        CloudWatchSearch breaker = CloudWatchSearch.parse(FleetQueries.breakerSearch(NS));
        assertThat(CODE.dimensionSets("ClickUpCircuitState")).contains(Set.of("Service", "State"));
        assertThat(breaker.matches(metric("ClickUpCircuitState", Set.of("Service", "State")))).isTrue();
        assertThat(breaker.matches(metric("ClickUpCircuitState", Set.of("Service")))).as("the total").isFalse();
        assertThat(breaker.matches(metric("ClickUpCircuitOpen", Set.of("Service", "State")))).isFalse();
    }

    private static List<CloudWatchSearch> searches() {
        return FleetQueries.failureSearches(NS, 3600).stream().map(CloudWatchSearch::parse).toList();
    }

    /** The metric as CloudWatch keeps it, each dimension with a value. */
    private static CloudWatchSearch.Metric metric(String name, Set<String> dimensions) {
        Map<String, String> values = new LinkedHashMap<>();
        dimensions.forEach(d -> values.put(d, "v"));
        return new CloudWatchSearch.Metric(NS, name, values);
    }
}
