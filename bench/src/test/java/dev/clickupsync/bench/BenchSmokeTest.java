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
 * (a report and chart were written, the shared budget earned no 429, the storm converged, under chaos
 * nothing was lost or applied twice and reconcile left no task differing from ClickUp), never
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
        assertThat(Files.readString(out.resolve(Report.FILE))).contains("## Goals", "--size=smoke", "Not yet measured")
                .contains("Chaos: nothing lost").doesNotContain("- **Chaos**");
        assertThat(Files.size(out.resolve(Report.CHART))).isGreaterThan(1_000);
        assertThat(results.shared429s()).as("429s earned by the shared budget").isZero();
        assertThat(results.local429s()).as("the per-instance baseline overshoots with 4 drainers").isPositive();
        assertThat(results.stormResult("smart").mismatches()).isZero();
        assertThat(results.stormResult("always").mismatches()).isZero();
        assertThat(results.stormResult("smart").taskFetches()).isLessThan(results.stormResult("naive").taskFetches());
        assertThat(results.ingest().results()).hasSize(IngestBench.SIZES.length)
                .allSatisfy(r -> assertThat(r.ingestMicros()).isPositive());
        ChaosBench.Result chaos = ChaosReport.chaos(results.chaos());
        assertThat(ChaosWorkload.KINDS).as("every kind of fault was injected").allSatisfy(kind ->
                assertThat(chaos.faultsOf(kind)).as(kind).isPositive());
        assertThat(chaos.redriven()).as("the outage parked events in the DLQ and the redrive brought them back").isPositive();
        assertThat(chaos.lost()).as("events lost under chaos").isZero();
        assertThat(chaos.appliedTwice()).as("events applied twice under chaos").isZero();
        assertThat(chaos.mismatchesAfter()).as("tasks differing from ClickUp after reconcile").isZero();
        assertThat(chaos.drained()).as("the queue drained after every round").isTrue();
        assertThat(results.chaos().get(0).before().mismatches()).as("without faults nothing is left for reconcile").isZero();
    }
}
