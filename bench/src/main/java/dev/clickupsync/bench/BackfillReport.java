package dev.clickupsync.bench;

import dev.clickupsync.reconcile.ReconcileBudget;

import java.util.List;

import static dev.clickupsync.bench.Fmt.f0;
import static dev.clickupsync.bench.Fmt.f1;
import static dev.clickupsync.bench.Fmt.f2;

/**
 * The backfill's row in the report's goals table and its section ({@link BackfillBench}). Also the
 * extrapolation to ClickUp's real limit: with the measured work per page, a walk takes about
 * {@code pages x max(slot, work)}, so the report can say whether the time-scaled miss would remain.
 */
final class BackfillReport {
    /** ClickUp's own limit (Free to Business plans), which the bench time-scales. */
    private static final int REAL_LIMIT = 100;
    private static final double REAL_WINDOW_SECONDS = 60;
    private static final double MARGIN = 0.1;

    private BackfillReport() {
    }

    static String goalRow(List<BackfillBench.Result> results) {
        BackfillBench.Result full = cell(results, 1.0);
        BackfillBench.Result production = cell(results, BackfillBench.PRODUCTION_SHARE);
        int limited = results.stream().mapToInt(BackfillBench.Result::rateLimited).sum();
        int wrong = results.stream().filter(r -> !r.baseline()).mapToInt(r -> r.missing() + r.mismatches()).sum();
        boolean met = full.ratio() <= BackfillBench.RATIO_GOAL && limited == 0 && wrong == 0;
        return "| Backfill " + full.tasks() + " tasks: <= 1.1x the rate-limit floor, zero 429s, mirror complete | x"
                + f2(full.ratio()) + " the floor at share 1.0 (x" + f2(production.ratio()) + " at 0.3; pages alone x"
                + f2(baseline(results).ratio()) + "); " + limited + " 429s; " + wrong + " tasks missing or different | **"
                + (met ? "met" : "missed") + "**" + (met ? "" : ", see section 4") + " |\n";
    }

    static String section(List<BackfillBench.Result> results, BenchOptions o) {
        StringBuilder md = new StringBuilder("## 4. Backfill vs the rate-limit floor\n\n");
        md.append(BackfillBench.tasks(o)).append(" tasks per list in a fake ClickUp of the bench's own (own workspace and team ")
                .append("id, so they stay out of the other benches' way; `date_updated` spread over the past day), loaded into an empty mirror by the production path: `ScheduledReconcile.run` -> `Reconciler`'s ")
                .append("first run for the scope (`sync.reconcile.list-ids` = that list, so its own watermark), which backfills ")
                .append("`backfill-days`: `GET /team` (no `team-ids` configured), then `GET /team/{id}/task` oldest update first by ")
                .append("keyset, 100 a page, each task through the guarded mirror write. Every call goes through the application's ")
                .append("`ClickUpClient`/`ClickUpCalls` on a `SharedRateBudget` at the time-scaled limit (").append(o.backfillLimit())
                .append(" requests / ").append(o.backfillWindow().toSeconds()).append(" s, margin 0.1, resets in ms) after a slot of ")
                .append("reconcile's own share cell (`ReconcileBudget`), as production wires them. The webhook lifecycle is off ")
                .append("(1-2 calls a run when on). **Floor** = calls / (share x limit); the budget's steady rate is 90 % of that, ")
                .append("so a perfectly paced walk is about 1/0.9 = 1.11x its floor minus the burst. Baseline: **pages alone**, the ")
                .append("same calls under the same budgets with no mirror work. `sync.reconcile.budget-share` is already a setting: ")
                .append("**1.0** is what a dedicated backfill would set, **0.3** the production default (70 % kept for live events). ")
                .append("A backfill is an ordinary reconcile run (the first one for a scope, or the next one after `POST /admin/backfill` ")
                .append("rewinds the watermarks), so production caps it at that share like any run: there is no backfill-only share, ")
                .append("and raising `SYNC_RECONCILE_BUDGET_SHARE` for a backfill takes the headroom from live events for as long.\n\n")
                .append("**Time scale.** ClickUp's limit here is ").append(f0(timeScale(o))).append(" times faster than the real ")
                .append("one (100 / 60 s), not the pacing bench's ").append(f0(pacingTimeScale(o))).append(" times: at that scale a ")
                .append("slot (").append(f0(slotMillis(o.pacingLimit(), o.pacingWindow(), 1.0)))
                .append(" ms at share 1.0) is shorter than a page's own mirror work on dynalite (the \"work / page\" column), so ")
                .append("the walk would measure the emulator, not the pacing; at ClickUp's real limit a slot is ")
                .append(f0(realSlotMillis(1.0))).append(" ms, far longer than that work, and at this scale it still is (")
                .append(f0(slotMillis(o.backfillLimit(), o.backfillWindow(), 1.0)))
                .append(" ms).\n\n");
        md.append("| cell | tasks | calls | pages | floor s | elapsed s | elapsed / floor | steady-rate floor s | budget wait s ")
                .append("| work ms / page | 429s | written | missing | different | complete |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (BackfillBench.Result r : results) {
            md.append("| ").append(r.name()).append(" | ").append(r.tasks()).append(" | ").append(r.calls()).append(" | ")
                    .append(r.pages()).append(" | ").append(f1(r.floorSeconds())).append(" | ").append(f1(r.seconds()))
                    .append(" | x").append(f2(r.ratio())).append(" | ").append(f1(r.steadyFloorSeconds())).append(" | ")
                    .append(f1(r.budgetWait().toMillis() / 1000.0)).append(" | ").append(f0(r.workPerPageMillis())).append(" | ")
                    .append(r.rateLimited()).append(" | ").append(r.baseline() ? "n/a" : String.valueOf(r.written()))
                    .append(" | ").append(r.missing()).append(" | ").append(r.baseline() ? "n/a" : String.valueOf(r.mismatches()))
                    .append(" | ").append(r.complete() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n\"budget wait\" is the time slept in `acquire` for a slot (both budget cells); \"work / page\" is the rest ")
                .append("of the elapsed time per page: the budgets' conditional writes, the listing call and, for a backfill, the ")
                .append("page's mirror work (one `BatchGetItem` for the page, the newer tasks' conditional writes 8 at a time, ")
                .append("then the page's list-membership record and the cursor save). The walk requests the next page while it ")
                .append("writes the current one (`PageAhead`), so a page costs the longer of the two, not their sum, and the ")
                .append("budget wait and the work overlap.\n\n");
        md.append(explanation(results, o)).append('\n');
        return md.toString();
    }

    private static String explanation(List<BackfillBench.Result> results, BenchOptions o) {
        BackfillBench.Result full = cell(results, 1.0);
        BackfillBench.Result production = cell(results, BackfillBench.PRODUCTION_SHARE);
        if (full.ratio() <= BackfillBench.RATIO_GOAL) {
            return "The dedicated backfill (share 1.0) stays within 1.1x its floor (x" + f2(full.ratio()) + "; share 0.3: x"
                    + f2(production.ratio()) + ", pages alone: x" + f2(baseline(results).ratio()) + "): the walk is paced by the "
                    + "budget, not by its own work. The budget's 10 % safety margin alone would make a long walk 1/0.9 = 1.11x "
                    + "its floor; on about a hundred calls the burst it allows at the start (limit - steady rate - 1 slots: "
                    + "9 of ClickUp's 100, 2 of a 0.3 share's 30) pays most of that back, which a 0.3 share's burst cannot "
                    + "quite do. Before the walk overlapped its page writes with the next listing, at the pacing bench's 18x "
                    + "scale, share 1.0 took x2.99 its floor; before it batched a page's reads and writes, x17.\n";
        }
        StringBuilder out = new StringBuilder("**Why the goal is missed here:** the walk is bound by its own work, not by the ")
                .append("rate limit. At the time-scaled limit the budget offers a slot every ").append(f0(slotMillis(full)))
                .append(" ms (share 1.0) or ").append(f0(slotMillis(production))).append(" ms (share 0.3), but a page costs ")
                .append(f0(full.workPerPageMillis())).append(" / ").append(f0(production.workPerPageMillis()))
                .append(" ms of work, so the walks waited for the budget only ").append(f1(full.budgetWait().toMillis() / 1000.0))
                .append(" s of ").append(f1(full.seconds())).append(" s and ").append(f1(production.budgetWait().toMillis() / 1000.0))
                .append(" s of ").append(f1(production.seconds())).append(" s. Pacing alone (the baseline) reaches x")
                .append(f2(baseline(results).ratio())).append(" of its floor; its own work is the listing, ")
                .append(f0(baseline(results).workPerPageMillis())).append(" ms a page from the fake. The bench makes ClickUp's slots ")
                .append(f0(timeScale(o))).append(" times shorter but not DynamoDB's latency, so it overstates the miss. ")
                .append("At ClickUp's real limit (100 / min) a slot comes every ")
                .append(f0(realSlotMillis(1.0))).append(" ms (share 1.0) or ").append(f0(realSlotMillis(BackfillBench.PRODUCTION_SHARE)))
                .append(" ms (share 0.3); with the work per page measured here a walk would take about calls x max(slot, work), ")
                .append("i.e. x").append(f2(realRatio(full, 1.0))).append(" (share 1.0) and x")
                .append(f2(realRatio(production, BackfillBench.PRODUCTION_SHARE)))
                .append(" (share 0.3) of the real floor, where x1.11 is the budget's 10 % safety margin alone (an estimate ")
                .append("from this run's figures, not a measurement; the burst saves a few slots more). ")
                .append("`Reconciler` already batches a page's reads and writes its tasks 8 at a time (before that, one read and ")
                .append("one write per task in sequence, the share-1.0 walk took x17 its floor); what is left is dynalite's ")
                .append("latency on this machine. At share 0.3 ")
                .append("the remaining gap to 1.1x is the budget's own 10 % safety margin (1/0.9 = 1.11): the goal sits below ")
                .append("what a budget with that margin can reach by design.\n");
        return out.toString();
    }

    /** How many times shorter the backfill's time per allowed request is than ClickUp's. */
    private static double timeScale(BenchOptions o) {
        return scale(o.backfillLimit(), o.backfillWindow());
    }

    private static double pacingTimeScale(BenchOptions o) {
        return scale(o.pacingLimit(), o.pacingWindow());
    }

    private static double scale(int limit, java.time.Duration window) {
        double benchSecondsPerRequest = window.toNanos() / 1e9 / limit;
        return REAL_WINDOW_SECONDS / REAL_LIMIT / benchSecondsPerRequest;
    }

    /** The share's steady emission interval at the bench's limit, in ms. */
    private static double slotMillis(BackfillBench.Result r) {
        return 1000 / r.steadyPerSecond();
    }

    private static double realSlotMillis(double share) {
        return slotMillis(REAL_LIMIT, java.time.Duration.ofSeconds((long) REAL_WINDOW_SECONDS), share);
    }

    /** The steady emission interval of a share of {@code limit} per {@code window}, as the budget computes it. */
    private static double slotMillis(int limit, java.time.Duration window, double share) {
        return ReconcileBudget.gcra(limit, window, MARGIN, share).intervalMicros() / 1000.0;
    }

    /**
     * Estimated elapsed over the real floor (calls / (share x 100 per minute)): each call costs its
     * slot or its work, whichever is longer (the burst, a few slots saved at the start, ignored).
     */
    private static double realRatio(BackfillBench.Result r, double share) {
        double floorMillis = r.calls() * REAL_WINDOW_SECONDS * 1000 / ReconcileBudget.limit(REAL_LIMIT, share);
        return r.calls() * Math.max(realSlotMillis(share), r.workPerPageMillis()) / floorMillis;
    }

    private static BackfillBench.Result cell(List<BackfillBench.Result> results, double share) {
        return results.stream().filter(r -> !r.baseline() && r.share() == share).findFirst().orElseThrow();
    }

    private static BackfillBench.Result baseline(List<BackfillBench.Result> results) {
        return results.stream().filter(BackfillBench.Result::baseline).findFirst().orElseThrow();
    }
}
