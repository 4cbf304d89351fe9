package dev.clickupsync.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The dimension sets read from the real code, as {@code Metrics} writes them to EMF. */
class EmittedMetricsTest {
    private static final EmittedMetrics CODE = CodeFacts.scan(CodeFacts.repositoryRoot()).emitted();

    @Test
    void aMetricWithDimensionsIsEmittedWithThemAndAsTheServiceTotal() {
        assertThat(CODE.dimensionSets("ClickUpCall"))
                .containsExactlyInAnyOrder(Set.of("Service", "Endpoint", "Status"), Set.of("Service"));
        assertThat(CODE.dimensionSets("DigestPromptTokens")) // record(name, value, unit, dims...): dims after the unit
                .containsExactlyInAnyOrder(Set.of("Service", "Model", "PromptVersion"), Set.of("Service"));
        assertThat(CODE.dimensionSets("WebhookRejected")) // name and dimension through constants and literals
                .containsExactlyInAnyOrder(Set.of("Service", "Reason"), Set.of("Service"));
    }

    @Test
    void aMetricWithoutDimensionsHasOnlyService() {
        assertThat(CODE.dimensionSets("ClickUpRateLimited")).containsExactly(Set.of("Service"));
        assertThat(CODE.dimensionSets("ReconcileWatermarkAge")).containsExactly(Set.of("Service"));
    }

    @Test
    void aMetricNobodyEmitsHasNoDimensionSets() {
        assertThat(CODE.dimensionSets("ClickUpRateLimit")).isEmpty();
        assertThat(CODE.names()).doesNotContain("ClickUpRateLimit").contains("ClickUpRateLimited");
    }

    @Test
    void argumentsAreSplitAtTopLevelCommasOnly() {
        String call = "record(\"X\", Math.max(0, f(a, b)), \"Seconds\", \"Dim\", s.replace(\",\", \"(\"));";
        assertThat(EmittedMetrics.arguments(call, call.indexOf('(') + 1)).containsExactly(
                "\"X\"", "Math.max(0, f(a, b))", "\"Seconds\"", "\"Dim\"", "s.replace(\",\", \"(\")");
    }
}
