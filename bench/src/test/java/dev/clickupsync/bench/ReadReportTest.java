package dev.clickupsync.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --only=reads} writes its numbers into the report of an earlier full run: the read rows and
 * section are replaced, everything else is kept, and running it twice leaves one copy. Plain JUnit:
 * text in, text out (the outcome is built by hand, no stack needed).
 */
class ReadReportTest {
    private static final BenchOptions SMOKE = BenchOptions.of("smoke", BenchOptions.DEFAULT_SEED, Path.of("target"), "reads");
    private static final String FULL = """
            # clickup-sync bench report

            ## Goals

            | goal | result | |
            |---|---|---|
            | Chaos: nothing lost | 0 lost | **met** |
            | Fuzz: no exception | see FUZZ.md | - |

            ## 7. Fuzz

            Not run by the bench.

            ## Not yet measured

            - Ingest through the Lambda HTTP adapter.
            """;

    @Test
    void splicesTheRowsBeforeFuzzAndTheSectionBeforeNotYetMeasured() {
        String spliced = ReadReport.splice(FULL, outcome(12.5), SMOKE, "bench --only=reads");

        assertThat(spliced).contains("| Chaos: nothing lost", "## 7. Fuzz", "- Ingest through the Lambda HTTP adapter.");
        assertThat(spliced.indexOf("| Reads: p99")).isGreaterThan(spliced.indexOf("| Chaos"))
                .isLessThan(spliced.indexOf("| Fuzz"));
        assertThat(spliced.indexOf(ReadReport.HEADING)).isGreaterThan(spliced.indexOf("## 7. Fuzz"))
                .isLessThan(spliced.indexOf("## Not yet measured"));
        assertThat(spliced).contains("**met**", "bench --only=reads");
    }

    @Test
    void splicingAgainReplacesTheEarlierNumbersInsteadOfAddingACopy() {
        String first = ReadReport.splice(FULL, outcome(12.5), SMOKE, "bench --only=reads");

        String second = ReadReport.splice(first, outcome(99.5), SMOKE, "bench --only=reads");

        assertThat(count(second, ReadReport.HEADING)).isEqualTo(1);
        assertThat(count(second, "| Reads: p99")).isEqualTo(1);
        assertThat(second).contains("99.50").doesNotContain("12.50").contains("**missed**");
        assertThat(second).startsWith("# clickup-sync bench report").contains("## Not yet measured");
    }

    @Test
    void refusesAnUnknownSection() {
        assertThatThrownBy(() -> BenchOptions.parse("--only=writes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writes");
        assertThat(BenchOptions.parse("--only=reads", "--size=smoke").only()).isEqualTo("reads");
        assertThat(BenchOptions.parse("--size=smoke").only()).isEmpty();
    }

    /** An outcome whose 8-reader page p99 is {@code pageP99} ms; reads at 6,000 a minute, ClickUp at 100. */
    private static ReadBench.Outcome outcome(double pageP99) {
        List<ReadBench.Result> results = new ArrayList<>();
        for (int readers : List.of(1, 8)) {
            for (ReadBench.Read read : ReadBench.Read.values()) {
                results.add(new ReadBench.Result(read, readers, 100, 100, read.noCache ? 0 : 90, 5, read == ReadBench.Read.TIME_IN_STATUS ? 9 : pageP99,
                        pageP99 + 1, Duration.ofSeconds(1)));
            }
        }
        ReadProfile.Profile profile = new ReadProfile.Profile(ReadBench.Read.PAGE, 10, List.of(
                new ReadProfile.Layer("BatchGetItem", 2, 3), new ReadProfile.Layer("engine", 4, 5),
                new ReadProfile.Layer("HTTP", 6, 7)));
        return new ReadBench.Outcome(300, 700, Duration.ofSeconds(3), "statuses[]=review", results,
                new ReadBench.Baseline(20, 0, Duration.ofSeconds(10)), new ReadChecks.Checks(158, 100, 36, List.of()),
                List.of(profile), new double[]{1.0, 1.5});
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
