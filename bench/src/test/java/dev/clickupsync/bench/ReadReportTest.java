package dev.clickupsync.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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

    @Test
    void aMissedRatioNamesTheSlowestReadTheFloorAndTheCeilings() {
        String rows = ReadReport.goalRows(outcome(12.5));

        assertThat(rows).contains("slowest read (GET /task/{id}/time_in_status, 8 readers) 3000 reads/min vs ClickUp's 120: x25",
                "answer cache max-staleness 1 s", "**missed**: the floor cell (the one consistent `GetItem` a task read needs, "
                        + "behind the ceiling's no-op GET: one store call and one HTTP exchange, no replica work, same client, "
                        + "8 readers) reaches 6000 reads/min (x50), below the goal in every round (best 6000): no read that "
                        + "misses the caches can meet it in this run",
                "`GET /task/{id}` keeps 100 % of the floor and the slowest read 50 %",
                "a task answer's 4321 bytes) reaches 12000 (x100), below the goal itself",
                "the store alone (the store cell: the same `GetItem` from the same 8 threads in-process, no HTTP) 6000 (x50), "
                        + "below the goal before any HTTP");
    }

    @Test
    void aFloorBelowTheGoalInItsMedianButNotInItsBestRoundIsCalledTheMachinesBound() {
        ReadBench.Outcome ranged = withEightReaderCell(outcome(12.5), ReadBench.Read.FLOOR, 4000, 130000);

        assertThat(ReadReport.goalRows(ranged)).contains("reaches 6000 reads/min (x50), below the goal in its median round "
                        + "(best round 130000): the goal is at this machine's bound for a read that misses the caches")
                .doesNotContain("no read that misses the caches can meet it");
    }

    @Test
    void aFloorAboveTheGoalIsNotCalledTheBound() {
        ReadBench.Outcome o = outcome(12.5, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(50));

        assertThat(ReadReport.goalRows(o)).contains("**missed**", "reaches 120000 reads/min (x1000), above the goal;",
                        "the slowest read 3 %.", "no HTTP) 120000 (x1000) |")
                .doesNotContain("no read that misses the caches can meet it", "below the goal before any HTTP");
    }

    @Test
    void aTimeInStatusQueryBelowTheGoalOnItsOwnIsNamedEvenWithTheFloorAboveIt() {
        ReadBench.Outcome o = withResults(outcome(12.5, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(50)),
                r -> r.read() == ReadBench.Read.STORE_TIMELINE // 2 s for 100 requests: 3000 a minute
                        ? new ReadBench.Result(r.read(), r.readers(), 100, 100, 0, 0, 5, 9, 10, Duration.ofSeconds(2)) : r);

        assertThat(ReadReport.goalRows(o))
                .contains("reaches 120000 reads/min (x1000), above the goal; time in status's one `Query` alone (its store "
                        + "cell, in-process, no HTTP) reaches 3000 (x25), below the goal before any HTTP: on dynalite that "
                        + "read cannot meet it whatever the replica does;");
    }

    @Test
    void theCeilingIsNeverTheSlowestReadNorInTheRatio() {
        ReadBench.Outcome o = outcome(12.5, Duration.ofSeconds(30), Duration.ofMillis(2_000), Duration.ofSeconds(1));

        assertThat(ReadReport.goalRows(o)).contains("slowest read (GET /task/{id}/time_in_status, 8 readers) 3000 reads/min");
        assertThat(o.ratio()).isEqualTo(3000.0 / 120);
    }

    @Test
    void aMetRatioGivesNoReason() {
        ReadBench.Outcome o = outcome(12.5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(40));

        assertThat(ReadReport.goalRows(o)).contains("x1000, answer cache max-staleness 1 s | **met** |")
                .doesNotContain("floor cell", "HTTP stack alone");
    }

    @Test
    void theSectionShowsTheCeilingCellsAndTheAnswerCacheColumn() {
        String section = ReadReport.section(outcome(12.5), SMOKE);

        assertThat(section).contains("| 8 | ceiling: no-op GET answering a task answer's bytes, no mirror | 100 | 100 | 0 | 0 |",
                "| kept | answer cache |", "max-staleness 1 s", "reaches 25 % of it",
                "Goals: 1,000x ClickUp's budget is 120000 reads a minute (about 2000 a second; 1,000 times the larger",
                "| 8 | store alone: one consistent GetItem of a task's entry (dynalite), in-process, no HTTP | 100 | 100 |",
                "Store: one `GetItem` of a random task's entry, in-process from 8 threads, reads at 6000 a minute",
                "| 8 | floor: the store cell's GetItem behind the ceiling's no-op GET, no replica work | 100 | 100 |",
                "Floor: the same `GetItem` made by a no-op GET that then answers the ceiling's bytes reads at 6000 a minute",
                "time in status (one `Query` of the task's entry and transitions, `mirror/TaskTimeline`) 50 %",
                "| 8 | store alone, time in status: the one consistent Query of a task's entry and transitions, in-process, "
                        + "no HTTP | 100 | 100 |",
                "That `Query` alone, in-process from 8 threads, reads at 6000 a minute (100 % of the store cell's `GetItem`)");
    }

    @Test
    void theStoreCellsCompareTheDynamoDbClientsHttpClientsInTheSameRun() {
        ReadBench.Outcome o = withResults(outcome(12.5), r -> r.read() == ReadBench.Read.STORE_URL // 4 s for 100: 1500 a minute
                ? new ReadBench.Result(r.read(), r.readers(), 100, 100, 0, 0, r.readers() == 1 ? 2 : 5, 9, 10,
                Duration.ofSeconds(4)) : r);
        String section = ReadReport.section(o, SMOKE);

        assertThat(section).contains(
                "| 8 | store alone, URL-connection client: the store cell's GetItem through the JDK's HttpURLConnection | 100 | 100 |",
                "the same `GetItem` reads at 1500 a minute with 8 (x4.00 for Apache's) and 1500 with 1 (x4.00; p50 2.00 ms "
                        + "against 5.00 ms)");
    }

    @Test
    void aCellIsItsMedianRoundWithTheLowestAndHighestRateOfItsRounds() {
        List<ReadBench.Result> rounds = new ArrayList<>();
        for (long millis : new long[]{1_000, 250, 4_000, 500, 2_000}) { // 6000, 24000, 1500, 12000, 3000 a minute
            rounds.add(new ReadBench.Result(ReadBench.Read.TASK, 8, 100, 100, 0, 0, millis / 100.0, 9, 10,
                    Duration.ofMillis(millis)));
        }

        ReadBench.Result cell = ReadBench.Result.median(rounds);

        assertThat(cell.perMinute()).isEqualTo(6000);
        assertThat(cell.p50Millis()).as("the median round's own latencies").isEqualTo(10);
        assertThat(cell.rounds()).isEqualTo(5);
        assertThat(cell.lowPerMinute()).isEqualTo(1500);
        assertThat(cell.highPerMinute()).isEqualTo(24000);
        assertThat(ReadBench.Result.median(rounds.subList(0, 2)).perMinute()).as("the lower middle of an even count")
                .isEqualTo(6000);
    }

    @Test
    void theSectionShowsEachCellsRoundsAndTheirRange() {
        ReadBench.Outcome ranged = withEightReaderCell(outcome(12.5), ReadBench.Read.TASK, 4000, 9000);

        String section = ReadReport.section(ranged, BenchOptions.of("default", BenchOptions.DEFAULT_SEED, Path.of("target"),
                "reads"));

        assertThat(section).contains("| 8 | GET /task/{id} | 100 | 100 | 0 | 0 | 5.00 | 9.00 | 10.0 | 6000 | 5: 4000-9000 | x50 |",
                "| 1 | GET /task/{id} | 100 | 100 | 90 | 45 | 5.00 | 12.50 | 13.5 | 6000 | 1 | x50 |",
                "runs 5 rounds, interleaved");
    }

    @Test
    void saysTheBoundInSecondsOrMilliseconds() {
        assertThat(ReadReport.staleness(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(ReadReport.staleness(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(ReadReport.staleness(Duration.ZERO)).isEqualTo("0 s (off)");
    }

    /** As {@link #outcome(double, Duration, Duration)} with the ceiling at 12,000 a minute and time in status at 3,000. */
    private static ReadBench.Outcome outcome(double pageP99) {
        return outcome(pageP99, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    /**
     * An outcome whose 8-reader page p99 is {@code pageP99} ms: 100 requests a cell, the other reads in {@code others},
     * time in status in {@code timeInStatus}, the ceiling in {@code ceiling}; ClickUp at 120.
     */
    private static ReadBench.Outcome outcome(double pageP99, Duration ceiling, Duration timeInStatus, Duration others) {
        List<ReadBench.Result> results = new ArrayList<>();
        for (int readers : List.of(1, 8)) {
            for (ReadBench.Read read : ReadBench.Read.values()) {
                Duration elapsed = read == ReadBench.Read.CEILING ? ceiling
                        : read == ReadBench.Read.TIME_IN_STATUS ? timeInStatus : others;
                int kept = read.asClientsRead() ? 90 : 0;
                results.add(new ReadBench.Result(read, readers, 100, 100, kept, kept / 2, 5,
                        read == ReadBench.Read.TIME_IN_STATUS ? 9 : pageP99, pageP99 + 1, elapsed));
            }
        }
        ReadProfile.Profile profile = new ReadProfile.Profile(ReadBench.Read.PAGE, 10, List.of(
                new ReadProfile.Layer("BatchGetItem", 2, 3), new ReadProfile.Layer("engine", 4, 5),
                new ReadProfile.Layer("HTTP", 6, 7)));
        return new ReadBench.Outcome(300, 700, Duration.ofSeconds(3), "statuses[]=review", results,
                new ReadBench.Baseline(20, 0, Duration.ofSeconds(10)), new ReadChecks.Checks(158, 100, 36, List.of()),
                List.of(profile), new double[]{1.0, 1.5}, Duration.ofSeconds(1), 4321);
    }

    /**
     * {@code o} with its 8-reader cell of {@code read} replaced by a 5-round one (p50 5, p99 9, max 10 ms, the same
     * median rate) whose rounds ranged from {@code low} to {@code high} a minute.
     */
    private static ReadBench.Outcome withEightReaderCell(ReadBench.Outcome o, ReadBench.Read read, double low, double high) {
        return withResults(o, r -> r.read() == read && r.readers() == 8
                ? new ReadBench.Result(read, 8, 100, 100, 0, 0, 5, 9, 10, r.elapsed(), 5, low, high) : r);
    }

    /** {@code o} with each of its cells passed through {@code change}. */
    private static ReadBench.Outcome withResults(ReadBench.Outcome o, UnaryOperator<ReadBench.Result> change) {
        List<ReadBench.Result> results = new ArrayList<>(o.results());
        results.replaceAll(change);
        return new ReadBench.Outcome(o.tasks(), o.transitions(), o.seedTime(), o.filterQuery(), results, o.baseline(),
                o.checks(), o.profiles(), o.load(), o.maxStaleness(), o.answerBytes());
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
