package dev.clickupsync.bench;

import java.util.List;

import static dev.clickupsync.bench.Fmt.f1;
import static dev.clickupsync.bench.Fmt.f2;
import static dev.clickupsync.bench.Fmt.f3;

/** The storm's section of {@code REPORT.md}, for the full run and for {@code --only=storm}. */
final class StormReport {
    private StormReport() {
    }

    static String section(List<StormBench.Result> storm) {
        StringBuilder md = new StringBuilder();
        md.append("## 2. ClickUp calls per webhook event (storm)\n\n");
        md.append("The same seeded storm (drain's `StormTest` workload, scaled) for each policy, each on its own list. ")
                .append("Besides the task changes, every round (issue #17) posts three comments and edits one, tracks time twice ")
                .append("and renames the list: \"events\" counts those too (in brackets). ")
                .append("**naive** is the baseline: one `GET /task/{id}` (for a list event `GET /list/{id}`) per delivered event, ")
                .append("duplicates included, no idempotency ")
                .append("or coalescing (issued against the fake, so counted the same way). **always** and **smart** run the real ")
                .append("`DrainProcessor.process(batch, deadline, policy)` in batches of 10 with failed messages redelivered. ")
                .append("\"all calls\" counts every request the fake received during the run (task fetches, time entries, field ")
                .append("discovery, comment and list reads...). \"mismatches\" = tasks whose mirror differs from the fake's truth at ")
                .append("the end, plus the list, comments and time entries that differ (`ObjectTruth`).\n\n");
        md.append("| policy | events | GET /task | per event | all calls | per event | vs naive | mismatches | drain s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StormBench.Result naive = storm.stream().filter(r -> r.name().equals("naive")).findFirst().orElseThrow();
        for (StormBench.Result s : storm) {
            md.append("| ").append(s.name()).append(" | ").append(s.events()).append(" (").append(s.objectEvents()).append(") | ")
                    .append(s.taskFetches()).append(" | ")
                    .append(f3(s.fetchesPerEvent())).append(" | ").append(s.clickUpCalls()).append(" | ").append(f3(s.callsPerEvent()))
                    .append(" | ").append(s == naive ? "baseline" : f2(s.callsPerEvent() / naive.callsPerEvent()) + "x")
                    .append(" | ").append(s == naive ? "n/a" : String.valueOf(s.mismatches())).append(" | ")
                    .append(f1(s.elapsed().toMillis() / 1000.0)).append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }
}
