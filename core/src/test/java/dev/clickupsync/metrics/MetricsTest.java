package dev.clickupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void countsPerNameAndDimensions() {
        Metrics metrics = Metrics.inMemory();

        metrics.increment("WebhookRejected", "Reason", "invalid_signature");
        metrics.increment("WebhookRejected", "Reason", "invalid_signature");
        metrics.increment("WebhookRejected", "Reason", "body_too_large");
        metrics.increment("WebhookQueued");

        assertThat(metrics.count("WebhookRejected", "Reason", "invalid_signature")).isEqualTo(2);
        assertThat(metrics.count("WebhookRejected", "Reason", "body_too_large")).isEqualTo(1);
        assertThat(metrics.count("WebhookRejected", "Reason", "malformed_json")).isZero();
        assertThat(metrics.count("WebhookRejected")).as("no dimensions is its own series").isZero();
        assertThat(metrics.count("WebhookQueued")).isEqualTo(1);
        assertThat(metrics.snapshot()).containsExactly(
                entry("WebhookQueued", 1L),
                entry("WebhookRejected{Reason=body_too_large}", 1L),
                entry("WebhookRejected{Reason=invalid_signature}", 2L));
    }

    @Test
    void countsByOneDimensionSumOverTheOthersAndLeaveOutCountersWithoutIt() {
        Metrics metrics = Metrics.inMemory();

        metrics.increment("MirrorIndexWriteFailed", "Index", "task_query", "Reason", "aws_unavailable");
        metrics.increment("MirrorIndexWriteFailed", "Reason", "aws_unavailable", "Index", "page_clock");
        metrics.increment("DrainFailed", "Reason", "clickup_server_error");
        metrics.increment("DrainOutcome", "Outcome", "applied");
        metrics.record("ClickUpLatency", 120, "Milliseconds", "Reason", "not_a_count");

        assertThat(metrics.countsBy("Reason")).isEqualTo(java.util.Map.of(
                "MirrorIndexWriteFailed", java.util.Map.of("aws_unavailable", 2L),
                "DrainFailed", java.util.Map.of("clickup_server_error", 1L)));
        assertThat(metrics.countsBy("Missing")).isEmpty();
    }

    @Test
    void dimensionOrderDoesNotMatter() {
        Metrics metrics = Metrics.inMemory();

        metrics.increment("DrainOutcome", "Outcome", "applied", "Source", "sqs");
        metrics.increment("DrainOutcome", "Source", "sqs", "Outcome", "applied");

        assertThat(metrics.count("DrainOutcome", "Source", "sqs", "Outcome", "applied")).isEqualTo(2);
        assertThat(metrics.snapshot()).containsExactly(entry("DrainOutcome{Outcome=applied,Source=sqs}", 2L));
    }

    @Test
    void onlyCountUnitsAreCounted() {
        Metrics metrics = new Metrics("NS", "svc", true, out);

        metrics.record("ClickUpLatency", 123.5, "Milliseconds");
        metrics.record("Batch", 3, "Count");

        assertThat(metrics.count("ClickUpLatency")).isZero();
        assertThat(metrics.count("Batch")).isEqualTo(3);
        assertThat(lines()).hasSize(2);
    }

    @Test
    void emfLineIsValidJsonCloudWatchUnderstands() throws Exception {
        // The namespace as template.yaml sets it on AWS, one per stack: written as is, '/' and all.
        Metrics metrics = new Metrics("ClickUpSync/prod", "ingest", true, out);
        long before = System.currentTimeMillis();

        metrics.increment("WebhookRejected", "Reason", "invalid_signature");

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode aws = line.get("_aws");
        assertThat(aws.get("Timestamp").asLong()).isBetween(before, System.currentTimeMillis());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(aws.get("CloudWatchMetrics")).hasSize(1);
        assertThat(directive.get("Namespace").asText()).isEqualTo("ClickUpSync/prod");
        assertThat(directive.get("Dimensions").toString()).as("by reason, and the per-service total alarms watch")
                .isEqualTo("[[\"Service\",\"Reason\"],[\"Service\"]]");
        assertThat(directive.get("Metrics").toString()).isEqualTo("[{\"Name\":\"WebhookRejected\",\"Unit\":\"Count\"}]");
        assertThat(line.get("Service").asText()).isEqualTo("ingest");
        assertThat(line.get("Reason").asText()).isEqualTo("invalid_signature");
        assertThat(line.get("WebhookRejected").isNumber()).isTrue();
        assertThat(line.get("WebhookRejected").asDouble()).isEqualTo(1.0);
    }

    @Test
    void emfLineWithoutDimensionsHasOnlyTheService() throws Exception {
        Metrics metrics = new Metrics("ClickUpSync", "drain", true, out);

        metrics.record("DrainBatchMillis", 42.5, "Milliseconds");

        JsonNode line = JSON.readTree(lines().get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(line.get("DrainBatchMillis").asDouble()).isEqualTo(42.5);
        assertThat(line.get("Service").asText()).isEqualTo("drain");
    }

    @Test
    void dimensionValuesAreEscapedIntoValidJson() throws Exception {
        Metrics metrics = new Metrics("ClickUpSync", "ingest", true, out);

        metrics.increment("Odd", "Reason", "quote\" backslash\\ newline\n");

        assertThat(lines()).hasSize(1);
        assertThat(JSON.readTree(lines().get(0)).get("Reason").asText()).isEqualTo("quote\" backslash\\ newline\n");
    }

    @Test
    void oddDimensionArrayIsRefused() {
        Metrics metrics = new Metrics("ClickUpSync", "ingest", true, out);

        assertThatThrownBy(() -> metrics.increment("WebhookRejected", "Reason"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.record("X", 1, "Count", "a", "b", "c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(metrics.snapshot()).isEmpty();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void emfOffPrintsNothingButStillCounts() {
        Metrics metrics = new Metrics("ClickUpSync", "ingest", false, out);

        metrics.increment("WebhookQueued");
        metrics.record("Latency", 5, "Milliseconds");

        assertThat(bytes.size()).isZero();
        assertThat(metrics.count("WebhookQueued")).isEqualTo(1);
    }

    @Test
    void countsAreExactUnderConcurrency() throws Exception {
        Metrics metrics = new Metrics("ClickUpSync", "ingest", false, out);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        metrics.increment("WebhookQueued");
                        metrics.increment("WebhookRejected", "Reason", "invalid_signature");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(metrics.count("WebhookQueued")).isEqualTo(8_000);
        assertThat(metrics.count("WebhookRejected", "Reason", "invalid_signature")).isEqualTo(8_000);
    }

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }
}
