package dev.clickupsync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.clickupsync.bench.Fmt.f1;
import static dev.clickupsync.bench.Fmt.f2;
import static dev.clickupsync.bench.Fmt.f3;

/** Writes {@code REPORT.md} and its chart {@code report.png} from one run's {@link BenchRunner.Results}. */
final class Report {
    static final String FILE = "REPORT.md";
    static final String CHART = "report.png";
    static final double UTILISATION_GOAL = 0.95;
    static final double CALLS_PER_EVENT_GOAL = 0.3;
    static final double INGEST_MICROS_GOAL = 20;

    private Report() {
    }

    /**
     * The report with the section whose heading starts with {@code headingPrefix} replaced by
     * {@code section} (up to the next {@code ## } heading), or {@code section} appended when absent.
     */
    static String replaceSection(String report, String headingPrefix, String section) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        boolean placed = false;
        for (String line : report.split("\n", -1)) {
            if (line.startsWith("## ")) {
                skipping = line.startsWith(headingPrefix);
                if (skipping && !placed) {
                    out.append(section);
                    placed = true;
                }
            }
            if (!skipping) {
                out.append(line).append('\n');
            }
        }
        if (!placed) {
            out.append('\n').append(section);
        }
        return out.toString().replaceAll("\n+$", "\n");
    }

    /** The closing line of a section run alone ({@code --only=}): which command made its numbers, and when. */
    static String onlyNote(String command, BenchOptions options) {
        return "Numbers from `" + command + "` (this section only), size `" + options.size() + "`, on "
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "; the other sections are from the run named under Reproduce.\n\n";
    }

    /** A line of "Not yet measured": what only AWS can show. */
    static final String NOT_MEASURED_COLD_START = "- A restored SnapStart instance's first request on AWS, with the DynamoDB and SQS "
            + "clients built and their request path primed in init (`infra/AwsClientsAtStart`, `CallPathPriming`): no snapshot "
            + "is taken here. The runtime-interface-client tests' restore path (3 runs each, not a bench) put ingest's first "
            + "request at 260-323 ms primed against 475-500 ms with the clients only built, the read function's at 349-394 "
            + "against 503-571 ms.";

    /**
     * The report with the goals-table row starting with {@code prefix} replaced by {@code row} (a whole line,
     * newline included), or, when no row starts so, {@code row} added as the table's last row. A section run
     * alone ({@code --only=}) uses it to bring its goal row up to date with its section.
     */
    static String putRow(String report, String prefix, String row) {
        String line = row.stripTrailing();
        List<String> lines = new ArrayList<>(List.of(report.split("\n", -1)));
        int at = -1;
        boolean inGoals = false;
        for (int i = 0; i < lines.size(); i++) {
            String current = lines.get(i);
            if (current.startsWith(prefix)) {
                lines.set(i, line);
                return String.join("\n", lines);
            }
            if (current.startsWith("## ")) {
                inGoals = current.equals("## Goals");
            } else if (inGoals && current.startsWith("|")) {
                at = i + 1; // after the goals table's last row so far
            }
        }
        if (at >= 0) {
            lines.add(at, line);
        }
        return String.join("\n", lines);
    }

    static void write(BenchRunner.Results r) throws IOException {
        chart(r);
        Files.writeString(r.options().output().resolve(FILE), markdown(r), StandardCharsets.UTF_8);
    }

    private static void chart(BenchRunner.Results r) throws IOException {
        List<Integer> conc = r.options().concurrencies();
        List<String> categories = conc.stream().map(String::valueOf).toList();
        List<PacingBench.Kind> kinds = r.options().budgets();
        double[][] utilisation = new double[kinds.size()][conc.size()];
        double[][] limited = new double[kinds.size()][conc.size()];
        for (PacingBench.Result p : r.pacing()) {
            int s = kinds.indexOf(p.kind());
            int c = conc.indexOf(p.concurrency());
            utilisation[s][c] = 100 * p.utilisation();
            limited[s][c] = Math.max(p.rateLimited(), p.fake429s());
        }
        List<String> budgets = kinds.stream().map(k -> k.label).toList();
        List<java.awt.Color> budgetColors = kinds.stream().map(Chart::color).toList();
        Chart.Panel utilPanel = new Chart.Panel("Successful calls, % of the budget's steady rate", "concurrent drainers",
                categories, budgets, budgetColors, utilisation, 100 * UTILISATION_GOAL, "goal 95 %",
                Fmt::f0);
        Chart.Panel limitedPanel = new Chart.Panel("429s from the fake ClickUp", "concurrent drainers",
                categories, budgets, budgetColors, limited, null, null, Fmt::f0);
        List<StormBench.Result> storm = r.storm();
        double[][] calls = new double[1][storm.size()];
        for (int i = 0; i < storm.size(); i++) {
            calls[0][i] = storm.get(i).callsPerEvent();
        }
        Chart.Panel callsPanel = new Chart.Panel("ClickUp calls per webhook event (storm)", "drain policy",
                storm.stream().map(StormBench.Result::name).toList(), List.of("calls / event"), List.of(Chart.NAIVE),
                calls, CALLS_PER_EVENT_GOAL, "goal 0.3", Fmt::f2);
        Chart.write(r.options().output().resolve(CHART), String.format(Locale.ROOT,
                "clickup-sync bench, size=%s, seed=%d: %d requests / %d s on one token", r.options().size(),
                r.options().seed(), r.options().pacingLimit(), r.options().pacingWindow().toSeconds()),
                List.of(utilPanel, limitedPanel, callsPanel));
    }

    static String markdown(BenchRunner.Results r) {
        BenchOptions o = r.options();
        StringBuilder md = new StringBuilder();
        md.append("# clickup-sync bench report\n\n");
        md.append("Generated by the bench (issue #7) on ").append(r.startedAt().truncatedTo(ChronoUnit.SECONDS))
                .append(", size `").append(o.size()).append("`, seed `").append(o.seed()).append("`, in ")
                .append(seconds(r.total())).append(" s. Everything runs in one process against the fake ClickUp, ElasticMQ and ")
                .append("dynalite (DynamoDB's API on LevelDB, in memory, in a Node.js child process); every figure is compared with a baseline measured in the same run.\n\n");

        md.append("## Reproduce\n\n```bash\n").append(r.command()).append("\n```\n\n");
        md.append("`--size=smoke` is the CI size (it runs inside `./mvnw -B verify` as `bench/src/test/java/.../BenchSmokeTest`, ")
                .append("which writes to `bench/target/bench-smoke/`). Wall-clock figures depend on the machine; counts ")
                .append("(429s, calls per event) depend only on the seed and sizes, apart from pacing jitter.\n\n");

        md.append("## Machine\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| CPU cores (available to the JVM) | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| Memory | ").append(memory()).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" (").append(System.getProperty("java.vendor")).append(") |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(" |\n\n");

        md.append("## Sizes\n\n| | |\n|---|---|\n");
        md.append("| pacing | fake ClickUp limit ").append(o.pacingLimit()).append(" requests / ").append(o.pacingWindow().toSeconds())
                .append(" s per token (ClickUp's 100 / 60 s, time-scaled); budget safety margin 0.1; concurrencies ")
                .append(o.concurrencies()).append("; ").append(o.pacingDuration().toSeconds()).append(" s per cell |\n");
        md.append("| storm | ").append(o.stormTasks()).append(" tasks, ").append(o.stormRounds()).append(" rounds x ")
                .append(o.stormChanges()).append(" changes, 1/3 on 5 hot tasks, 1 in 5 deliveries duplicated, reordered within 12, batches of 10 |\n");
        md.append("| ingest | bodies of about 1, 2 and 16 KiB; ").append(r.ingest().method()).append(" |\n");
        md.append("| backfill | ").append(BackfillBench.tasks(o)).append(" tasks per cell; fake ClickUp limit ").append(o.backfillLimit())
                .append(" requests / ").append(o.backfillWindow().toSeconds()).append(" s (see section 4); shares 1.0 and 0.3 |\n");
        md.append("| acknowledgement | ").append(AckLatencyBench.requests(o)).append(" signed 2 KiB POSTs per cell; senders ")
                .append(AckLatencyBench.senders(o)).append(" |\n");
        md.append("| reads | ").append(r.reads().tasks()).append(" tasks in one list; ").append(ReadBench.requests(o))
                .append(" requests per cell; readers ").append(ReadBench.readers(o)).append("; baseline window ")
                .append(ReadBench.baselineWindow(o).toSeconds()).append(" s |\n\n");

        md.append("## Goals\n\n| goal | result | |\n|---|---|---|\n");
        boolean zero429 = r.shared429s() == 0;
        boolean utilisation = r.minSharedUtilisation() >= UTILISATION_GOAL;
        md.append("| Shared budget: zero 429s at every concurrency | ").append(r.shared429s()).append(" 429s (local baseline: ")
                .append(r.local429s()).append(") | **").append(zero429 ? "met" : "missed").append("** |\n");
        md.append("| Shared budget: >= 95 % of its steady rate at every concurrency | lowest ")
                .append(pct(r.minSharedUtilisation())).append(" | **").append(utilisation ? "met" : "missed").append("** |\n");
        r.pacing().stream().filter(p -> p.kind() == PacingBench.Kind.SHARED_SECONDS)
                .mapToDouble(PacingBench.Result::utilisation).min().ifPresent(u -> md.append(
                        "| (same, with `X-RateLimit-Reset` in whole seconds) | lowest ").append(pct(u)).append(" | ")
                        .append(u >= UTILISATION_GOAL ? "met" : "missed at the 2 s time scale, see below").append(" |\n"));
        StormBench.Result smart = r.stormResult("smart");
        md.append("| Storm: <= 0.3 ClickUp calls per event with `smart` | ").append(f3(smart.callsPerEvent()))
                .append(" (naive ").append(f3(r.stormResult("naive").callsPerEvent())).append(") | **")
                .append(smart.callsPerEvent() <= CALLS_PER_EVENT_GOAL ? "met" : "missed").append("** |\n");
        IngestBench.Result two = r.ingestResult(2048);
        md.append("| Ingest: <= 20 us CPU per 2 KiB event | ").append(f2(two.ingestMicros())).append(" us | **")
                .append(two.ingestMicros() <= INGEST_MICROS_GOAL ? "met" : "missed").append("** |\n");
        md.append(BackfillReport.goalRow(r.backfill()));
        md.append(AckReport.goalRow(r.ack()));
        md.append(ChaosReport.goalRow(r.chaos()));
        md.append(ReadReport.goalRows(r.reads()));
        md.append("| Fuzz: no exception, 5xx or unverified enqueue from the ingest path | see `bench/FUZZ.md` (not run by the bench) | - |\n");
        md.append('\n');
        md.append(explanations(r));

        md.append("![bench chart](").append(CHART).append(")\n\n");

        md.append("## 1. Pacing: one token, N concurrent drainers\n\n");
        md.append("A 3 s warm-up cell (shared, 1 drainer) runs first and is not recorded. ")
                .append("Each drainer is a thread with its own budget object (as each Lambda instance has one), looping for ")
                .append(o.pacingDuration().toSeconds()).append(" s: take a slot (`acquire`, up to 10 s), `GET /task/{id}`, and on a ")
                .append("429 push the budget to the reset (`onRateLimited`), as `ClickUpCalls` does. The budgets:\n\n")
                .append("- **shared**: production, `SharedRateBudget` (GCRA on one dynalite item), `X-RateLimit-Remaining/Reset` ")
                .append("fed back (`observe`), the fake answering the reset in milliseconds;\n")
                .append("- **local**: the naive baseline, an in-memory bucket per drainer (`LocalRateBudget`) that learns only from 429s;\n")
                .append("- **local+headers** (default size only): `LocalRateBudget` per drainer with the headers fed back like production;\n")
                .append("- **shared, reset in s** (default size only): **shared** with `X-RateLimit-Reset` in whole seconds, rounded up, ")
                .append("as ClickUp documents it.\n\n")
                .append("Utilisation = successful calls / (budget's steady rate x elapsed); the steady rate is ").append(steady(r))
                .append(" requests/s (90 % of the limit) plus a burst of a few, so slightly above 100 % is possible on a short cell; ")
                .append("\"of limit\" divides by ClickUp's limit instead. A per-instance budget above 100 % is spending the ")
                .append("safety margin (the headroom for skew and other clients of the token) and, with 2+ drainers, pays for it in 429s: ")
                .append("the fake's fixed window lets it fill each window to the limit, then refuses the rest.\n\n");
        md.append("| drainers | budget | ok | 429s | elapsed s | utilisation (of steady) | of limit | 429s vs local | utilisation vs local |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PacingBench.Result p : r.pacing()) {
            PacingBench.Result local = r.pacing().stream().filter(x -> x.kind() == PacingBench.Kind.LOCAL
                    && x.concurrency() == p.concurrency()).findFirst().orElse(p);
            int l429 = Math.max(local.rateLimited(), local.fake429s());
            int p429 = Math.max(p.rateLimited(), p.fake429s());
            md.append("| ").append(p.concurrency()).append(" | ").append(p.kind().label).append(" | ")
                    .append(p.ok()).append(" | ").append(p429).append(" | ").append(f1(p.seconds())).append(" | ")
                    .append(pct(p.utilisation())).append(" | ").append(pct(p.ofLimit())).append(" | ")
                    .append(p.kind() == PacingBench.Kind.LOCAL ? "baseline" : p429 + " vs " + l429).append(" | ")
                    .append(p.kind() == PacingBench.Kind.LOCAL ? "baseline" : f2(p.utilisation() / local.utilisation()) + "x")
                    .append(" |\n");
        }
        md.append("\n(429s are the larger of the drainers' own count and the fake's `rateLimited()` counter; they agree.)\n\n");

        md.append(StormReport.section(r.storm()));

        md.append("## 3. Ingest micro-cost\n\n");
        md.append("`WebhookIngestor.ingest` as production wires it (real `SignatureVerifier`, `PayloadValidator`, `EventFilter`, ")
                .append("`EventEnvelope` with the body's SHA-256) with the SQS send stubbed out; bodies are real `taskUpdated` ")
                .append("deliveries from the fake workspace, the task name padded to the size. Baseline: one HMAC-SHA256 of the ")
                .append("same body, the least any verifying ingest does. Method: ").append(r.ingest().method())
                .append(". Single-threaded average time per op, i.e. CPU per event on an otherwise idle core ")
                .append("(the emulators are idle during this section).\n\n");
        md.append("| body (target) | actual bytes | ingest us/op | +- (99.9 %) | HMAC alone us/op | ingest vs HMAC |");
        IngestBench.PARTS.forEach(part -> md.append(' ').append(part).append(" us |"));
        md.append("\n|---:|---:|---:|---:|---:|---:|");
        IngestBench.PARTS.forEach(part -> md.append("---:|"));
        md.append('\n');
        for (IngestBench.Result i : r.ingest().results()) {
            md.append("| ").append(i.bodyBytes()).append(" | ").append(i.actualBytes()).append(" | ").append(f2(i.ingestMicros()))
                    .append(" | ").append(i.ingestError() == 0 ? "n/a" : f2(i.ingestError())).append(" | ").append(f2(i.hmacMicros()))
                    .append(" | ").append(f1(i.ratio())).append("x |");
            IngestBench.PARTS.forEach(part -> md.append(' ').append(f2(i.parts().get(part))).append(" |"));
            md.append('\n');
        }
        md.append("\nThe last four columns time each step of the path on its own (same JMH settings): where the time goes.\n\n");
        md.append(BackfillReport.section(r.backfill(), o));
        md.append(AckReport.section(r.ack(), o));

        md.append(ChaosReport.section("6", r.chaos()));
        md.append("## 7. Fuzz\n\nNot run by the bench: `core/.../webhook/IngestFuzzTest` (Jazzer) fuzzes the ingest path for 30 s in every ")
                .append("`./mvnw verify`; the long runs' figures and what they found are in [FUZZ.md](FUZZ.md).\n\n");

        md.append(ReadReport.section(r.reads(), o));
        md.append("## Not yet measured\n\n");
        md.append("- Ingest through the Lambda HTTP adapter (API Gateway v2 events); section 5 measures the plain HTTP server.\n");
        md.append(NOT_MEASURED_COLD_START).append("\n\n");

        md.append("## Section times\n\npacing ").append(seconds(r.pacingTime())).append(" s, storm ").append(seconds(r.stormTime()))
                .append(" s, ingest ").append(seconds(r.ingestTime())).append(" s, backfill ").append(seconds(r.backfillTime()))
                .append(" s, acknowledgement ").append(seconds(r.ackTime())).append(" s, reads ").append(seconds(r.readsTime()))
                .append(" s, chaos ").append(seconds(r.chaosTime()))
                .append(" s (plus about 5 s of emulator and Quarkus start-up).\n");
        return md.toString();
    }

    private static String explanations(BenchRunner.Results r) {
        List<String> notes = new ArrayList<>();
        if (r.shared429s() == 0) {
            notes.add("Zero 429s: every admission is a compare-and-set on one DynamoDB item, so N drainers together stay "
                    + "within the GCRA bound (rate + burst < limit in any window), whatever N.");
        } else {
            notes.add("The shared budget earned 429s: a bug, or the fake's fixed window disagreeing with the GCRA bound; see the table.");
        }
        if (r.minSharedUtilisation() < UTILISATION_GOAL) {
            notes.add("Utilisation below 95 %: see the pacing table for which concurrency falls short (suspect: the time a "
                    + "drainer spends on the DynamoDB write and the HTTP call once its slot is due).");
        }
        r.pacing().stream().filter(p -> p.kind() == PacingBench.Kind.SHARED_SECONDS)
                .mapToDouble(PacingBench.Result::utilisation).average().ifPresent(u -> notes.add(String.format(Locale.ROOT,
                        "With the reset in whole seconds the shared budget reaches %.1f %% on average. `observe` turns "
                        + "`X-RateLimit-Reset` into the earliest tat that keeps the remaining calls inside the window; a reset "
                        + "rounded up to the next second moves that up to 1 s later, half of the bench's 2 s window but 1/60 of "
                        + "ClickUp's 60 s one (so about 1.7 %% at worst there, while `remaining` is low). Not fixed: reading a "
                        + "seconds-resolution reset as earlier than it says is not safe (it could admit calls before ClickUp's "
                        + "window resets and earn 429s); a safe fix has to learn the window's phase elsewhere, e.g. from the "
                        + "first response whose remaining count goes back up.", 100 * u)));
        if (r.local429s() > 0) {
            int localHeaders = r.pacing().stream().filter(p -> p.kind() == PacingBench.Kind.LOCAL_HEADERS)
                    .mapToInt(p -> Math.max(p.rateLimited(), p.fake429s())).sum();
            notes.add("The naive per-instance baseline earned " + r.local429s() + " 429s in all" + (r.options().budgets()
                    .contains(PacingBench.Kind.LOCAL_HEADERS) ? "; per-instance buckets that also read ClickUp's headers earned "
                    + localHeaders + " (the headers arrive after the calls, so they slow instances down late)" : "") + ".");
        }
        StringBuilder out = new StringBuilder();
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        return out.append('\n').toString();
    }

    private static String steady(BenchRunner.Results r) {
        return r.pacing().isEmpty() ? "?" : f1(r.pacing().get(0).steadyPerSecond());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        String heap = String.format(Locale.ROOT, "JVM max heap %.1f GiB", Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GiB physical, ", os.getTotalMemorySize() / (double) (1L << 30)) + heap;
        }
        return heap;
    }

    private static String seconds(java.time.Duration d) {
        return f1(d.toMillis() / 1000.0);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
