package dev.clickupsync.bench;

import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.SecondDemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench at its smoke size, inside {@code ./mvnw verify}, so it cannot rot. Asserts behaviour
 * (a report and chart were written, the shared budget earned no 429, the storm converged, the
 * backfill mirrored every task without a 429, no acknowledged event was lost, under chaos nothing was
 * lost or applied twice and reconcile left no task differing from ClickUp, in the default workspace and in a
 * second one on its own token (issue #17: same queue, same faults, not stalled by a 429 storm on the default
 * token), every read from the mirror
 * answered 200 and as ClickUp answers, faster than ClickUp's budget), never timings: those belong to
 * the report.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedStackResource.class,
        initArgs = @ResourceArg(name = EmbeddedStackResource.WORKSPACES, value = "2"))
class BenchSmokeTest {
    @Inject
    BenchRunner runner;

    FakeClickUp clickUp;
    EmbeddedStack stack;

    @Test
    void smokeSizeWritesTheReportAndTheSharedBudgetEarnsNo429() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of("target", "bench-smoke");
        Files.deleteIfExists(out.resolve(Report.FILE));
        Files.deleteIfExists(out.resolve(Report.CHART));

        BenchOptions options = BenchOptions.of("smoke", BenchOptions.DEFAULT_SEED, out);
        BenchRunner.Results results = runner.run(options, BenchMain.COMMAND + " --size=smoke", clickUp,
                stack.secondClickUp());

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

        // Backfill: every cell walks all pages (GET /team, then 100 tasks a page; the keyset walk re-lists the
        // boundary task, so up to one page more) without a 429, and leaves every task in the mirror equal to the truth.
        int tasks = BackfillBench.tasks(options);
        assertThat(results.backfill()).hasSize(3).allSatisfy(b -> {
            assertThat(b.rateLimited()).as("429s in " + b.name()).isZero();
            assertThat(b.complete()).as(b.name() + " complete").isTrue();
            assertThat(b.pages()).as(b.name() + " pages").isBetween(tasks / 100, tasks / 99 + 2);
            assertThat(b.calls()).as(b.name() + " calls: GET /team and the pages").isEqualTo(b.pages() + 1);
            assertThat(b.missing()).as(b.name() + " tasks missing").isZero();
            assertThat(b.mismatches()).as(b.name() + " tasks different from ClickUp").isZero();
        });
        assertThat(results.backfill()).filteredOn(b -> !b.baseline()).extracting(BackfillBench.Result::written)
                .containsOnly(BackfillBench.tasks(options));
        // Acknowledgement: every request of every cell answered 200, and every acknowledged event is in the queue.
        AckLatencyBench.Outcome ack = results.ack();
        assertThat(ack.results()).hasSize(AckLatencyBench.Path.values().length * AckLatencyBench.senders(options).size())
                .allSatisfy(a -> assertThat(a.ok()).as(a.path() + " x" + a.senders()).isEqualTo(a.requests()));
        assertThat(ack.acknowledged()).isEqualTo(AckLatencyBench.warmUp(options)
                + AckLatencyBench.senders(options).size() * AckLatencyBench.requests(options));
        assertThat(ack.foundInQueue()).isEqualTo(ack.acknowledged());
        assertThat(ack.lost()).isZero();
        assertThat(Files.readString(out.resolve(Report.FILE))).contains("## 4. Backfill vs the rate-limit floor",
                "## 5. Acknowledgement latency").doesNotContain("- **Backfill vs the rate-limit floor**");
        ChaosBench.Result chaos = ChaosReport.chaos(results.chaos());
        assertThat(ChaosWorkload.KINDS).as("every kind of fault was injected").allSatisfy(kind ->
                assertThat(chaos.faultsOf(kind)).as(kind).isPositive());
        assertThat(chaos.redriven()).as("whatever reached the DLQ was redriven")
                .isEqualTo(chaos.parkedWithReason() + chaos.parkedWithoutReason());
        assertThat(chaos.leftWithReason() + chaos.leftWithoutReason()).as("nothing left in the DLQ after the redrive").isZero();
        assertThat(chaos.parkedWithoutReason()).as("events SQS moved to the DLQ without a reason (ClickUp hanging included)")
                .isZero();
        assertThat(chaos.faultsOf(ChaosWorkload.HANGING)).as("requests ClickUp left unanswered").isPositive();
        assertThat(chaos.outOfTimeDeferrals()).as("calls cut at the deadline while ClickUp hung").isPositive();
        assertThat(chaos.lost()).as("events lost under chaos").isZero();
        assertThat(chaos.appliedTwice()).as("events applied twice under chaos").isZero();
        assertThat(chaos.mismatchesAfter()).as("tasks differing from ClickUp after reconcile").isZero();
        assertThat(chaos.drained()).as("the queue drained after every round").isTrue();
        // Without faults only what the workload changes without any webhook (time tracked silently, which
        // changes its task's time_spent) is left for reconcile: at most one task per such entry.
        ChaosBench.Result baseline = results.chaos().get(0);
        assertThat(baseline.before().mismatches()).as("without faults only silent changes are left for reconcile")
                .isLessThanOrEqualTo(baseline.objects().timeWithoutWebhook);
        assertThat(baseline.mismatchesAfter()).as("and reconcile repairs them").isZero();
        // Two workspaces on two tokens (issue #17): the second one ran beside the default in the same queue, under the
        // same faults, and converges as well; a 429 storm on the default token alone did not stall it.
        List<ChaosBench.Result> chaosRuns = ChaosReport.chaosRuns(results.chaos());
        assertThat(chaosRuns).extracting(ChaosBench.Result::workspace).containsExactly("default", SecondDemoWorkspace.NAME);
        assertThat(chaosRuns).allSatisfy(r -> {
            assertThat(r.lost()).as(r.workspace() + ": events lost").isZero();
            assertThat(r.appliedTwice()).as(r.workspace() + ": events applied twice").isZero();
            assertThat(r.mismatchesAfter()).as(r.workspace() + ": tasks differing after reconcile").isZero();
            assertThat(r.objectsAfter().containers()).as(r.workspace() + ": spaces, folders, lists differing after reconcile").isZero();
            assertThat(r.objectsAfter().timeEntries()).as(r.workspace() + ": time entries differing after reconcile").isZero();
            assertThat(r.calls()).as(r.workspace() + ": ClickUp calls of its own token").isPositive();
            assertThat(r.faultsOf(ChaosWorkload.RATE_LIMITED)).as(r.workspace() + ": 429 storms on its token").isPositive();
        });
        ChaosBench.Result acme = chaosRuns.get(1);
        assertThat(acme.storm().appliedDuringStorm().get(acme.workspace()))
                .as("acme's events applied while the default token answered only 429s").isEqualTo(acme.storm().made().get(acme.workspace()))
                .isPositive();
        assertThat(acme.faultsOf(ChaosWorkload.LONE_STORM)).as("the lone storm hit the default token only").isZero();
        assertThat(ChaosReport.failures(results.chaos())).isEmpty();

        // Reads: every read of every cell answered 200, the replica answered what ClickUp answers (and a page's task what
        // its own GET /task/{id} answers), ClickUp's budget earned no 429, and the replica read faster than the budget.
        ReadBench.Outcome reads = results.reads();
        assertThat(reads.tasks()).isEqualTo(ReadSeed.tasks(options));
        assertThat(reads.results()).hasSize(ReadBench.Read.values().length * ReadBench.readers(options).size())
                .allSatisfy(r -> assertThat(r.ok()).as(r.read().label + " x" + r.readers()).isEqualTo(r.requests()));
        assertThat(reads.checks().differences()).as("replica answers differing from ClickUp's or from its own GET /task").isEmpty();
        assertThat(reads.checks().pageTasks()).as("tasks in the unfiltered page 0").isEqualTo(100);
        assertThat(reads.checks().filteredPageTasks()).as("tasks in the filtered page 0").isPositive();
        assertThat(reads.baseline().rateLimited()).as("429s earned through the budget").isZero();
        assertThat(reads.baseline().ok()).as("baseline reads answered").isPositive();
        assertThat(reads.ratio()).as("replica reads per minute over ClickUp's").isGreaterThan(1);
        assertThat(reads.result(ReadBench.Read.CEILING, 8).perMinute()).as("the HTTP ceiling outreads a computed page")
                .isGreaterThan(reads.result(ReadBench.Read.PAGE_UNCACHED, 8).perMinute());
        assertThat(reads.result(ReadBench.Read.FLOOR, 8).perMinute()).as("the floor does the ceiling's work and a GetItem")
                .isLessThan(reads.result(ReadBench.Read.CEILING, 8).perMinute());
        assertThat(reads.answerBytes()).as("the ceiling answers a real task answer's bytes").isGreaterThan(100);
        HttpResponse<String> missing = ClosedLoop.client().send(ReadBench.get(URI.create("http://127.0.0.1:"
                + AckLatencyBench.httpPort()), ReadBench.TOKEN, "/bench/noop/store/no-such-task"), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).as("the floor's GetItem is real: a task the mirror lacks is no read").isEqualTo(404);
        assertThat(missing.body()).as("not the ceiling's task answer").doesNotContain("\"id\"");
        assertThat(reads.results()).filteredOn(r -> r.read() == ReadBench.Read.FILTERED)
                .allSatisfy(r -> assertThat(r.aged()).as("the one filtered page, asked again within 1 s").isPositive());
        assertThat(reads.profiles()).hasSize(2);
        assertThat(Files.readString(out.resolve(Report.FILE))).contains(ReadReport.HEADING, ReadReport.GOAL_PREFIX);
    }
}
