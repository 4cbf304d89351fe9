package dev.clickupsync.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code failures} section: the fleet's reason counters from CloudWatch (through the real SDK client
 * and testkit's CloudWatch STUB, as no CloudWatch emulator runs here), else this process's, per metric
 * and reason, nothing else, and why.
 */
class FailureStatusTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final Metrics metrics = Metrics.inMemory();
    @RegisterExtension
    final StubCloudWatch cloudWatch = new StubCloudWatch();

    private void countSomeInThisProcess() {
        metrics.increment("DrainFailed", "Reason", "clickup_server_error");
        metrics.increment("DrainFailed", "Reason", "clickup_server_error");
        metrics.increment("ReconcileError", "Reason", "aws_unavailable");
        metrics.increment("DrainOutcome", "Outcome", "applied");
    }

    @Test
    void withCloudWatchOffItReportsThisProcesssReasonsAndSaysWhy() {
        countSomeInThisProcess();
        FleetMetrics off = new FleetMetrics(false, Duration.ofSeconds(60), Duration.ofMinutes(60), "ClickUpSync",
                () -> null, new MutableClock(NOW), metrics);

        JsonNode section = new FailureStatus(metrics).report(off.read());

        assertThat(section.get("scope").asText()).isEqualTo("process");
        assertThat(section.get("fleet_reason").asText()).isEqualTo("cloudwatch_off");
        assertThat(section.at("/counts/DrainFailed/clickup_server_error").asLong()).isEqualTo(2);
        assertThat(section.at("/counts/ReconcileError/aws_unavailable").asLong()).isEqualTo(1);
        assertThat(section.get("counts").has("DrainOutcome")).isFalse();
    }

    @Test
    void withCloudWatchItReportsEveryFunctionsReasonsOverTheWindow() {
        countSomeInThisProcess();
        cloudWatch.stub().metric("ClickUpSync", "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_timeout"),
                NOW.minusSeconds(300), 7);

        JsonNode section = new FailureStatus(metrics).report(fleet().read());

        assertThat(section.get("scope").asText()).isEqualTo("fleet");
        assertThat(section.get("window_minutes").asLong()).isEqualTo(60);
        assertThat(section.get("since").asText()).isEqualTo("2026-12-06T11:00:00Z");
        assertThat(section.get("until").asText()).isEqualTo("2026-12-06T12:00:00Z");
        assertThat(section.has("fleet_reason")).isFalse();
        assertThat(section.get("counts").toString()).isEqualTo("{\"DrainFailed\":{\"clickup_timeout\":7}}");
    }

    @Test
    void aThrottledCloudWatchFallsBackToThisProcessWithTheReason() {
        countSomeInThisProcess();
        cloudWatch.stub().fail(400, "Throttling", "Rate exceeded");

        JsonNode section = new FailureStatus(metrics).report(fleet().read());

        assertThat(section.get("scope").asText()).isEqualTo("process");
        assertThat(section.get("fleet_reason").asText()).isEqualTo("throttled");
        assertThat(section.at("/counts/DrainFailed/clickup_server_error").asLong()).isEqualTo(2);
        assertThat(section.at("/counts/StatusFleetUnavailable/throttled").asLong())
                .as("the failed read is itself a reason counter of this process").isEqualTo(1);
    }

    private FleetMetrics fleet() {
        return new FleetMetrics(true, Duration.ofSeconds(60), Duration.ofMinutes(60), "ClickUpSync", () -> cloudWatch.client(),
                new MutableClock(NOW), metrics);
    }
}
