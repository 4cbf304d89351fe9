package dev.clickupsync.bench;

import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench at its smoke size, inside {@code ./mvnw verify}, so it cannot rot. Asserts behaviour
 * (a report and chart were written, the shared budget earned no 429, the storm converged), never
 * timings: those belong to the report.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class BenchSmokeTest {
    @Inject
    BenchRunner runner;

    FakeClickUp clickUp;

    @Test
    void smokeSizeWritesTheReportAndTheSharedBudgetEarnsNo429() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of("target", "bench-smoke");
        Files.deleteIfExists(out.resolve(Report.FILE));
        Files.deleteIfExists(out.resolve(Report.CHART));

        BenchRunner.Results results = runner.run(BenchOptions.of("smoke", BenchOptions.DEFAULT_SEED, out),
                BenchMain.COMMAND + " --size=smoke", clickUp);

        assertThat(out.resolve(Report.FILE)).exists();
        assertThat(Files.readString(out.resolve(Report.FILE))).contains("## Goals", "--size=smoke", "Not yet measured");
        assertThat(Files.size(out.resolve(Report.CHART))).isGreaterThan(1_000);
        assertThat(results.shared429s()).as("429s earned by the shared budget").isZero();
        assertThat(results.local429s()).as("the per-instance baseline overshoots with 4 drainers").isPositive();
        assertThat(results.stormResult("smart").mismatches()).isZero();
        assertThat(results.stormResult("always").mismatches()).isZero();
        assertThat(results.stormResult("smart").taskFetches()).isLessThan(results.stormResult("naive").taskFetches());
        assertThat(results.ingest().results()).hasSize(IngestBench.SIZES.length)
                .allSatisfy(r -> assertThat(r.ingestMicros()).isPositive());
    }
}
