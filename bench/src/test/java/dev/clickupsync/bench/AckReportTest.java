package dev.clickupsync.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --only=ack} writes section 5 and its goal row into the report of an earlier full run, and the
 * section says what the SQS client's HTTP client costs per {@code SendMessage}. Plain JUnit: the outcome
 * is built by hand, no stack needed.
 */
class AckReportTest {
    private static final BenchOptions SMOKE = BenchOptions.of("smoke", BenchOptions.DEFAULT_SEED, Path.of("target"), "ack");
    private static final String FULL = """
            # clickup-sync bench report

            ## Goals

            | goal | result | |
            |---|---|---|
            | Ack through ElasticMQ: p99 <= 1 s with 8 senders, every acknowledged event in the queue | p99 29.89 ms | **met** |
            | Chaos: nothing lost | 0 lost | **met** |

            ## 5. Acknowledgement latency and throughput, end to end

            old numbers

            ## 6. Chaos

            kept
            """;

    @Test
    void replacesSectionFiveAndItsGoalRowAndKeepsTheRest() {
        AckLatencyBench.Outcome outcome = outcome(2.0, 0);

        String updated = Report.putRow(Report.replaceSection(FULL, "## 5. ", AckReport.section(outcome, SMOKE)),
                AckReport.GOAL_PREFIX, AckReport.goalRow(outcome));

        assertThat(updated).doesNotContain("old numbers", "29.89").contains("| Chaos: nothing lost", "## 6. Chaos", "kept");
        assertThat(updated.indexOf(AckReport.GOAL_PREFIX)).isEqualTo(updated.lastIndexOf(AckReport.GOAL_PREFIX)); // one row
        assertThat(updated.indexOf(AckReport.GOAL_PREFIX)).isLessThan(updated.indexOf("| Chaos"));
        assertThat(updated).contains("p99 4.00 ms", "**met**");
    }

    @Test
    void aRowThatIsNotThereIsAddedAsTheGoalsTablesLastRow() {
        String fresh = "# clickup-sync bench report\n\n## Goals\n\n| goal | result | |\n|---|---|---|\n| Other | x | **met** |\n\n## 5. Ack\n";

        String put = Report.putRow(fresh, AckReport.GOAL_PREFIX, AckReport.goalRow(outcome(2.0, 0)));

        assertThat(put).contains("| Other | x | **met** |\n" + AckReport.GOAL_PREFIX);
        assertThat(put.indexOf(AckReport.GOAL_PREFIX)).isLessThan(put.indexOf("## 5. Ack"));
        assertThat(Report.putRow(put, AckReport.GOAL_PREFIX, AckReport.goalRow(outcome(3.0, 0))))
                .as("put again: replaced, not added twice").contains("p99 6.00 ms").doesNotContain("p99 4.00 ms");
    }

    @Test
    void aReportWithoutAGoalsTableIsLeftAsItWas() {
        String bare = "# clickup-sync bench report\n\n## 6. Chaos\n\n| a | b |\n";

        assertThat(Report.putRow(bare, "| Nothing like this", "| new |\n")).isEqualTo(bare);
    }

    @Test
    void sectionComparesApachesSendMessageWithTheUrlConnectionClientsAtEachSenderCount() {
        String section = AckReport.section(outcome(2.0, 0), SMOKE);

        // Apache's p50 is 1.00 ms (half of 2.0), the URL-connection client's 2.50 ms; 1 sender: 1000 vs 400 req/s.
        assertThat(section).contains("1 sender, p50 1.00 ms with Apache's against 2.50 ms with the URL-connection client (1000 against 400 req/s, x2.50)")
                .contains("4 senders, p50 1.00 ms with Apache's against 2.50 ms")
                .contains("| 1 | SendMessage alone, URL-connection client (baseline) |");
    }

    @Test
    void lostAcknowledgementsAreACorrectnessFailureAndMissTheGoal() {
        AckLatencyBench.Outcome outcome = outcome(2.0, 3);

        assertThat(AckReport.failures(outcome)).containsExactly("3 acknowledged events not in the queue");
        assertThat(AckReport.goalRow(outcome)).contains("3 of 100 lost", "**missed**");
        assertThat(AckReport.failures(outcome(2.0, 0))).isEmpty();
    }

    /** Cells at 1 and 4 senders; p50 = {@code ingestP50} for the webhook, half of it for Apache's SendMessage. */
    private static AckLatencyBench.Outcome outcome(double ingestP50, int lost) {
        List<AckLatencyBench.Result> results = new ArrayList<>();
        for (int senders : List.of(1, 4)) {
            results.add(result(AckLatencyBench.Path.NOOP, senders, 0.5, Duration.ofMillis(50)));
            results.add(result(AckLatencyBench.Path.SQS_URL, senders, 2.5, Duration.ofMillis(250)));
            results.add(result(AckLatencyBench.Path.SQS, senders, ingestP50 / 2, Duration.ofMillis(100)));
            results.add(result(AckLatencyBench.Path.INGEST, senders, ingestP50, Duration.ofMillis(200)));
        }
        return new AckLatencyBench.Outcome(results, 100, 100 - lost, lost);
    }

    private static AckLatencyBench.Result result(AckLatencyBench.Path path, int senders, double p50, Duration elapsed) {
        return new AckLatencyBench.Result(path, senders, 100, 100, p50, p50 * 2, p50 * 3, elapsed);
    }
}
