package dev.clickupsync.status;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.CloudWatchStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FleetMetrics} through the real AWS SDK CloudWatch client against testkit's {@link CloudWatchStub}
 * (a STUB of {@code GetMetricData}: no CloudWatch emulator runs here), which answers the {@code SEARCH}
 * expressions as CloudWatch does for exact metric schemas and fills the dynamic labels.
 */
class FleetMetricsTest {
    private static final String NS = "ClickUpSync";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:30Z");

    @RegisterExtension
    final StubCloudWatch cloudWatch = new StubCloudWatch();
    private final Metrics metrics = Metrics.inMemory();
    private final MutableClock clock = new MutableClock(NOW);

    private FleetMetrics fleet() {
        return new FleetMetrics(true, Duration.ofSeconds(60), Duration.ofMinutes(60), NS, () -> cloudWatch.client(), clock, metrics);
    }

    @Test
    void sumsEveryReasonCounterOfEveryFunctionInOneCall() {
        cloudWatch.stub().metric(NS, "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_server_error"), NOW.minusSeconds(600), 3)
                .metric(NS, "DrainFailed", Map.of("Service", "local", "Reason", "clickup_server_error"), NOW.minusSeconds(900), 2)
                .metric(NS, "ReconcileError", Map.of("Service", "reconcile", "Reason", "clickup_timeout"), NOW.minusSeconds(60), 1)
                .metric(NS, "AdminFailed", Map.of("Service", "admin", "Operation", "redrive", "Reason", "aws_unavailable"),
                        NOW.minusSeconds(60), 4)
                .metric(NS, "ReconcileError", Map.of("Service", "reconcile", "Reason", "zero"), NOW.minusSeconds(60), 0)
                // the per-service total of the same counter: no Reason, not a failure count of its own
                .metric(NS, "DrainFailed", Map.of("Service", "drain"), NOW.minusSeconds(600), 5)
                .metric("OtherApp", "DrainFailed", Map.of("Service", "drain", "Reason", "elsewhere"), NOW, 9);

        FleetMetrics.Fleet fleet = fleet().read();

        assertThat(fleet.available()).isTrue();
        assertThat(fleet.failures()).containsExactly(
                Map.entry("AdminFailed", Map.of("aws_unavailable", 4L)),
                Map.entry("DrainFailed", Map.of("clickup_server_error", 5L)),
                Map.entry("ReconcileError", Map.of("clickup_timeout", 1L)));
        assertThat(fleet.from()).isEqualTo(Instant.parse("2026-12-06T11:00:00Z"));
        assertThat(fleet.to()).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(fleet.windowMinutes()).isEqualTo(60);
        assertThat(cloudWatch.stub().requests()).hasSize(1);
        assertThat(cloudWatch.stub().requests().get(0).expressions())
                .contains("SEARCH('{ClickUpSync,Reason,Service}', 'Sum', 3600)",
                        "SEARCH('{ClickUpSync,Service,State} MetricName=\"ClickUpCircuitState\"', 'Sum', 60)");
    }

    /**
     * On AWS each stack emits to ClickUpSync/&lt;Stage&gt; (template.yaml): prod's admin, configured with
     * ClickUpSync/prod, counts prod's failures and breakers only, never those of a dev stack beside it
     * in the account, nor the old shared ClickUpSync's. The namespace, with its '/', is double-quoted
     * in the search schema, as CloudWatch's search syntax asks for a name with other than letters and digits.
     */
    @Test
    void aStacksFleetViewCountsItsOwnNamespaceOnlyNotAnotherStacksInTheAccount() {
        String prod = "ClickUpSync/prod";
        cloudWatch.stub().metric(prod, "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_timeout"), NOW.minusSeconds(60), 2)
                .metric("ClickUpSync/dev", "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_timeout"), NOW.minusSeconds(60), 7)
                .metric("ClickUpSync/dev", "ReconcileError", Map.of("Service", "reconcile", "Reason", "clickup_auth"),
                        NOW.minusSeconds(60), 1)
                .metric(NS, "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_timeout"), NOW.minusSeconds(60), 5)
                .metric("ClickUpSync/dev", "ClickUpCircuitState", Map.of("Service", "drain", "State", "open"), NOW.minusSeconds(60), 1);

        FleetMetrics.Fleet fleet = new FleetMetrics(true, Duration.ofSeconds(60), Duration.ofMinutes(60), prod,
                () -> cloudWatch.client(), clock, metrics).read();

        assertThat(fleet.failures()).containsExactly(Map.entry("DrainFailed", Map.of("clickup_timeout", 2L)));
        assertThat(fleet.transitions()).as("dev's breaker opened, not prod's").isEmpty();
        assertThat(cloudWatch.stub().requests().get(0).expressions())
                .contains("SEARCH('{\"ClickUpSync/prod\",Reason,Service}', 'Sum', 3600)",
                        "SEARCH('{\"ClickUpSync/prod\",Service,State} MetricName=\"ClickUpCircuitState\"', 'Sum', 60)");
    }

    @Test
    void readsEachFunctionsBreakerTransitions() {
        Instant opened = Instant.parse("2026-12-06T11:58:00Z");
        cloudWatch.stub().metric(NS, "ClickUpCircuitState", Map.of("Service", "drain", "State", "open"), opened, 1)
                .metric(NS, "ClickUpCircuitState", Map.of("Service", "drain", "State", "open"), opened.minusSeconds(1800), 0)
                .metric(NS, "ClickUpCircuitState", Map.of("Service", "reconcile", "State", "closed"), opened, 2)
                .metric(NS, "ClickUpCircuitState", Map.of("Service", "reconcile"), opened, 2);

        assertThat(fleet().read().transitions()).containsExactlyInAnyOrder(
                new FleetMetrics.Transition("drain", "open", opened),
                new FleetMetrics.Transition("reconcile", "closed", opened));
    }

    @Test
    void keepsTheReadingForCacheForThenAsksAgain() {
        FleetMetrics fleet = fleet();
        fleet.read();
        clock.advance(Duration.ofSeconds(59));
        fleet.read();
        assertThat(cloudWatch.stub().requests()).as("kept").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        fleet.read();
        assertThat(cloudWatch.stub().requests()).as("asked again").hasSize(2);
    }

    @Test
    void throttlingIsAReasonKeptLikeAReadingAndCounted() {
        cloudWatch.stub().fail(400, "Throttling", "Rate exceeded");
        FleetMetrics fleet = fleet();

        assertThat(fleet.read().reason()).isEqualTo("throttled");
        assertThat(fleet.read().available()).isFalse();
        assertThat(cloudWatch.stub().requests()).as("the failure is kept too").hasSize(1);
        assertThat(metrics.count(FleetMetrics.METRIC_FLEET_UNAVAILABLE, "Reason", "throttled")).isEqualTo(1);
    }

    @Test
    void accessDeniedAndServerErrorsAndNoRegionHaveTheQueueAgesReasons() {
        cloudWatch.stub().fail(403, "AccessDeniedException", "not authorized to perform: cloudwatch:GetMetricData");
        assertThat(fleet().read().reason()).isEqualTo("access_denied");

        cloudWatch.stub().fail(500, "InternalServiceError", "boom");
        assertThat(fleet().read().reason()).isEqualTo("cloudwatch_unavailable");

        FleetMetrics nowhere = new FleetMetrics(true, Duration.ofSeconds(60), Duration.ofMinutes(60), NS, () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load region");
        }, clock, metrics);
        assertThat(nowhere.read().reason()).isEqualTo("cloudwatch_unavailable");
        assertThat(metrics.count(FleetMetrics.METRIC_FLEET_UNAVAILABLE, "Reason", "cloudwatch_unavailable")).isEqualTo(2);
    }

    @Test
    void anAnswerWhoseLabelsCloudWatchDidNotFillIsUnavailableNotZeroFailures() {
        cloudWatch.stub().fillLabels(false)
                .metric(NS, "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_timeout"), NOW.minusSeconds(60), 1);

        assertThat(fleet().read().reason()).isEqualTo("cloudwatch_unavailable");
        assertThat(metrics.count(FleetMetrics.METRIC_FLEET_UNAVAILABLE, "Reason", "cloudwatch_unavailable")).isEqualTo(1);
        // nor a default label in place of ours
        assertThat(FleetQueries.parts("DrainFailed clickup_timeout drain")).isNull();
        assertThat(FleetQueries.parts("DrainFailed|")).isNull();
        assertThat(FleetQueries.parts("|x")).isNull();
        assertThat(FleetQueries.parts("DrainFailed|clickup_timeout")).containsExactly("DrainFailed", "clickup_timeout");
    }

    @Test
    void offMeansNoCallAndSaysSo() {
        FleetMetrics off = new FleetMetrics(false, Duration.ofSeconds(60), Duration.ofMinutes(60), NS, () -> cloudWatch.client(), clock, metrics);

        assertThat(off.read().reason()).isEqualTo("cloudwatch_off");
        assertThat(cloudWatch.stub().requests()).isEmpty();
        assertThat(metrics.countsBy("Reason")).as("off is configuration, not a failure").isEmpty();
    }

    @Test
    void theWindowIsWholeMinutesFromOneMinuteToADay() {
        FleetMetrics tiny = new FleetMetrics(true, Duration.ofSeconds(60), Duration.ofSeconds(20), NS, () -> cloudWatch.client(), clock, metrics);
        assertThat(tiny.read().windowMinutes()).isEqualTo(1);
        assertThat(cloudWatch.stub().requests().get(0).expressions()).contains("SEARCH('{ClickUpSync,Reason,Service}', 'Sum', 60)");

        FleetMetrics huge = new FleetMetrics(true, Duration.ofSeconds(60), Duration.ofDays(30), NS, () -> cloudWatch.client(), clock, metrics);
        assertThat(huge.read().windowMinutes()).isEqualTo(1440);
    }
}
