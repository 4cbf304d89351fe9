package dev.clickupsync.bench;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs every benchmark of one {@link BenchOptions} size against the given fake ClickUp and the
 * application's DynamoDB (Local), then writes {@code REPORT.md} and {@code report.png} to the
 * options' output folder. Used by {@link BenchMain} (the documented command) and by the smoke test.
 */
@ApplicationScoped
public class BenchRunner {
    private static final Logger LOG = Logger.getLogger(BenchRunner.class);

    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    StormBench storm;
    @Inject
    BackfillBench backfill;
    @Inject
    AckLatencyBench ack;
    @Inject
    ChaosBench chaos;
    @Inject
    ReadBench reads;

    /** Everything one run measured. */
    public record Results(BenchOptions options, String command, Instant startedAt, List<PacingBench.Result> pacing,
                          List<StormBench.Result> storm, IngestBench.Outcome ingest, Duration pacingTime,
                          Duration stormTime, Duration ingestTime, Duration total,
                          List<BackfillBench.Result> backfill, AckLatencyBench.Outcome ack, Duration backfillTime,
                          Duration ackTime, List<ChaosBench.Result> chaos, Duration chaosTime, ReadBench.Outcome reads,
                          Duration readsTime) {

        /**
         * The correctness claims the run disproved, empty when none: 429s earned by the shared budget
         * or by a backfill, a backfill that left tasks missing or different, an acknowledged event not
         * in the queue, and under chaos an event lost or applied twice, one in the DLQ without a reason,
         * or a task left differing after reconcile, a read not answered 200 or answered differently from
         * ClickUp ({@link ReadReport#failures}). Timing goals are not here: they depend on the machine.
         */
        public List<String> correctnessFailures() {
            List<String> failures = new java.util.ArrayList<>();
            if (shared429s() > 0) {
                failures.add("shared budget earned " + shared429s() + " 429s");
            }
            for (BackfillBench.Result b : backfill) {
                if (b.rateLimited() > 0 || b.missing() > 0 || b.mismatches() > 0) {
                    failures.add("backfill " + b.name() + ": " + b.rateLimited() + " 429s, " + b.missing() + " missing, "
                            + b.mismatches() + " different");
                }
            }
            failures.addAll(AckReport.failures(ack));
            failures.addAll(ChaosReport.failures(chaos));
            failures.addAll(ReadReport.failures(reads));
            return failures;
        }

        public int shared429s() {
            return pacing.stream().filter(r -> r.kind() == PacingBench.Kind.SHARED)
                    .mapToInt(r -> Math.max(r.rateLimited(), r.fake429s())).sum();
        }

        public int local429s() {
            return pacing.stream().filter(r -> r.kind() == PacingBench.Kind.LOCAL)
                    .mapToInt(r -> Math.max(r.rateLimited(), r.fake429s())).sum();
        }

        public double minSharedUtilisation() {
            return pacing.stream().filter(r -> r.kind() == PacingBench.Kind.SHARED)
                    .mapToDouble(PacingBench.Result::utilisation).min().orElse(0);
        }

        public StormBench.Result stormResult(String name) {
            return storm.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        }

        public IngestBench.Result ingestResult(int bodyBytes) {
            return ingest.results().stream().filter(r -> r.bodyBytes() == bodyBytes).findFirst().orElseThrow();
        }
    }

    /** @param second the second workspace's fake ClickUp (its own token), which the chaos run drives beside {@code clickUp}; null: none */
    public Results run(BenchOptions options, String command, FakeClickUp clickUp, FakeClickUp second) throws Exception {
        Files.createDirectories(options.output());
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        LOG.infof("bench size=%s seed=%d -> %s", options.size(), options.seed(), options.output().toAbsolutePath());

        // Each section between a start and an end line on stderr (Progress): minutes are not silent.
        List<PacingBench.Result> pacing = Progress.phase("1/7 pacing",
                () -> new PacingBench(dynamo, sync.tables().control(), clickUp, options).run());
        long t1 = System.nanoTime();
        List<StormBench.Result> stormResults = Progress.phase("2/7 storm", () -> storm.run(clickUp, options));
        long t2 = System.nanoTime();
        IngestBench.Outcome ingest = Progress.phase("3/7 ingest (JMH)", () -> new IngestBench(options).run());
        long t3 = System.nanoTime();
        List<BackfillBench.Result> backfillResults = Progress.phase("4/7 backfill",
                () -> backfill.run(options)); // on a fake ClickUp of its own
        long t4 = System.nanoTime();
        AckLatencyBench.Outcome ackOutcome = Progress.phase("5/7 acknowledgement", () -> ack.run(options));
        long t5 = System.nanoTime();
        for (IngestBench.Result r : ingest.results()) {
            LOG.infof("ingest %d B (actual %d): %.2f us/op, HMAC alone %.2f us/op (x%.1f)", r.bodyBytes(), r.actualBytes(),
                    r.ingestMicros(), r.hmacMicros(), r.ratio());
        }

        ReadBench.Outcome readOutcome = Progress.phase("6/7 reads", () -> reads.run(options)); // on a fake ClickUp of its own
        long t6 = System.nanoTime();
        // Last: it leaves the fake's rate window at 1 s.
        List<ChaosBench.Result> chaosResults = Progress.phase("7/7 chaos", () -> chaos.run(clickUp, second, options));
        long t7 = System.nanoTime();

        Results results = new Results(options, command, startedAt, pacing, stormResults, ingest,
                Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2), Duration.ofNanos(t7 - t0),
                backfillResults, ackOutcome, Duration.ofNanos(t4 - t3), Duration.ofNanos(t5 - t4),
                chaosResults, Duration.ofNanos(t7 - t6), readOutcome, Duration.ofNanos(t6 - t5));
        Report.write(results);
        LOG.infof("bench done in %.1f s: %s", results.total().toMillis() / 1000.0, options.output().resolve(Report.FILE).toAbsolutePath());
        return results;
    }

    /**
     * {@code --only=chaos}: the chaos section alone, put in place of section 6 of the report already in
     * the output folder ({@link Report#replaceSection}); the goals table keeps the full run's rows.
     */
    public List<ChaosBench.Result> runChaos(BenchOptions options, String command, FakeClickUp clickUp, FakeClickUp second)
            throws Exception {
        List<ChaosBench.Result> results = Progress.phase("chaos", () -> chaos.run(clickUp, second, options));
        writeAlone(options, "chaos", report -> Report.replaceSection(report, "## 6. ",
                ChaosReport.section("6", results) + Report.onlyNote(command, options)));
        return results;
    }

    /**
     * {@code --only=ack}: the acknowledgement section alone, put in place of section 5 of the report already in
     * the output folder, and its row of the goals table brought up to date. Returns its correctness failures
     * (acknowledged events not in the queue).
     */
    public List<String> runAck(BenchOptions options, String command) throws Exception {
        AckLatencyBench.Outcome outcome = Progress.phase("acknowledgement", () -> ack.run(options));
        writeAlone(options, "acknowledgement", report -> Report.putRow(Report.replaceSection(report, "## 5. ",
                AckReport.section(outcome, options) + Report.onlyNote(command, options)), AckReport.GOAL_PREFIX,
                AckReport.goalRow(outcome)));
        return AckReport.failures(outcome);
    }

    /**
     * {@code --only=storm}: the storm section alone, put in place of section 2 of the report already in
     * the output folder; the goals table keeps the full run's rows. Returns its correctness failures
     * (a drained policy leaving anything different from the fake).
     */
    public List<String> runStorm(BenchOptions options, String command, FakeClickUp clickUp) throws Exception {
        List<StormBench.Result> results = Progress.phase("storm", () -> storm.run(clickUp, options));
        writeAlone(options, "storm", report -> Report.replaceSection(report, "## 2. ",
                StormReport.section(results) + Report.onlyNote(command, options)));
        return results.stream().filter(r -> !r.name().equals("naive") && r.mismatches() > 0)
                .map(r -> "storm " + r.name() + ": " + r.mismatches() + " mismatches").toList();
    }

    /**
     * {@code --only=reads}: the read section alone, spliced into the report already in the output
     * folder ({@link ReadReport#splice}), so its default-size numbers need no full run.
     */
    public ReadBench.Outcome runReads(BenchOptions options, String command) throws Exception {
        ReadBench.Outcome outcome = Progress.phase("reads", () -> reads.run(options));
        writeAlone(options, "reads", report -> ReadReport.splice(report, outcome, options, command));
        return outcome;
    }

    /**
     * Rewrites the report in the output folder with one section's new numbers ({@code change}); a missing report
     * starts as a title and an empty goals table, so a section run alone in a fresh folder still has its rows.
     */
    private static void writeAlone(BenchOptions options, String name, java.util.function.UnaryOperator<String> change)
            throws java.io.IOException {
        Files.createDirectories(options.output());
        java.nio.file.Path file = options.output().resolve(Report.FILE);
        String existing = Files.exists(file) ? Files.readString(file)
                : "# clickup-sync bench report\n\n## Goals\n\n| goal | result | |\n|---|---|---|\n\n";
        Files.writeString(file, change.apply(existing));
        LOG.infof("bench %s done: %s", name, file.toAbsolutePath());
    }
}
