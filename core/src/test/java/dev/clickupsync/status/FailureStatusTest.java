package dev.clickupsync.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** The {@code failures} section: this process's reason counters, per metric and reason, nothing else. */
class FailureStatusTest {

    @Test
    void reportsEachFailureMetricsReasonsAndLeavesOutCountersWithoutAReason() {
        Metrics metrics = Metrics.inMemory();
        metrics.increment("DrainFailed", "Reason", "clickup_server_error");
        metrics.increment("DrainFailed", "Reason", "clickup_server_error");
        metrics.increment("ReconcileError", "Reason", "aws_unavailable");
        metrics.increment("DrainOutcome", "Outcome", "applied");

        JsonNode section = new FailureStatus(metrics).report();

        assertThat(section.get("scope").asText()).isEqualTo("process");
        assertThat(section.at("/counts/DrainFailed/clickup_server_error").asLong()).isEqualTo(2);
        assertThat(section.at("/counts/ReconcileError/aws_unavailable").asLong()).isEqualTo(1);
        assertThat(section.get("counts").has("DrainOutcome")).isFalse();
    }
}
