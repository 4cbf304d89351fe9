package dev.clickupsync.bench;

import dev.clickupsync.workspace.Workspace;

import java.util.List;
import java.util.function.Function;

/** The chaos bench's part of {@code REPORT.md}: its goal row and its section. */
final class ChaosReport {
    private ChaosReport() {
    }

    /** The chaos scenario's result of the default workspace (the run the goals name first). */
    static ChaosBench.Result chaos(List<ChaosBench.Result> results) {
        return chaosRuns(results).stream().filter(ChaosBench.Result::isDefault).findFirst().orElse(results.get(results.size() - 1));
    }

    /** The chaos scenario's results, one per workspace, the default first. */
    static List<ChaosBench.Result> chaosRuns(List<ChaosBench.Result> results) {
        String chaos = ChaosWorkload.Scenario.CHAOS.label();
        return results.stream().filter(r -> r.name().equals(chaos)).toList();
    }

    static boolean met(ChaosBench.Result r) {
        return r.lost() == 0 && r.appliedTwice() == 0 && r.parkedWithoutReason() == 0 && r.mismatchesAfter() == 0
                && r.drained();
    }

    /** One row of the Goals table, over every workspace of the chaos run. */
    static String goalRow(List<ChaosBench.Result> results) {
        List<ChaosBench.Result> runs = chaosRuns(results);
        ChaosBench.Result r = chaos(results);
        int lost = runs.stream().mapToInt(ChaosBench.Result::lost).sum();
        int twice = runs.stream().mapToInt(ChaosBench.Result::appliedTwice).sum();
        int after = runs.stream().mapToInt(ChaosBench.Result::mismatchesAfter).sum();
        int beforeReconcile = runs.stream().mapToInt(x -> x.before().mismatches()).sum();
        int faults = runs.stream().mapToInt(ChaosReport::total).sum() - (runs.size() - 1) * r.faultsOf(ChaosWorkload.CRASHES);
        return "| Chaos: 0 events lost, 0 applied twice, 0 in the DLQ without a reason, 0 tasks differing from ClickUp after"
                + " reconcile | lost " + lost + ", twice " + twice + ", without a reason "
                + r.parkedWithoutReason() + ", mismatches " + after + " (before reconcile "
                + beforeReconcile + ") under " + faults + " injected faults" + (runs.size() > 1 ? " in " + runs.size()
                + " workspaces on their own tokens" : "") + " | **"
                + (runs.stream().allMatch(ChaosReport::met) ? "met" : "missed") + "** |\n";
    }

    /**
     * The chaos run's correctness failures, per workspace: anything lost, applied twice, parked without a
     * reason, or left different.
     */
    static List<String> failures(List<ChaosBench.Result> results) {
        return chaosRuns(results).stream()
                .filter(c -> c.lost() > 0 || c.appliedTwice() > 0 || c.parkedWithoutReason() > 0 || c.mismatchesAfter() > 0)
                .map(c -> "chaos (workspace " + c.workspace() + "): " + c.lost() + " lost, " + c.appliedTwice()
                        + " applied twice, " + c.parkedWithoutReason() + " in the DLQ without a reason, " + c.mismatchesAfter()
                        + " tasks differing after reconcile")
                .toList();
    }

    static String section(String number, List<ChaosBench.Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(number).append(". Chaos: nothing lost, nothing applied twice, the mirror converges\n\n");
        md.append("A seeded stream of task changes in a fresh list, and (issue #17, `ChaosObjects`) in the run's own space, ")
                .append("folder and lists: spaces, folders and lists created, renamed and deleted (a list with tasks under it, a space ")
                .append("with a folder, a list and tasks), comments posted and edited, time tracked with a webhook and without one, ")
                .append("past entries edited, goes through the real pipeline: the fake ClickUp pushes each ")
                .append("signed webhook over HTTP (retrying non-2xx answers 5 times, like ClickUp) to an endpoint that hands the raw ")
                .append("bytes to `WebhookIngestor`, which enqueues on ElasticMQ; ").append(ChaosPipeline.POLLERS)
                .append(" drain instances receive batches of ").append(ChaosPipeline.BATCH).append(" (visibility timeout ")
                .append(ChaosPipeline.VISIBILITY_SECONDS).append(" s, invocation deadline ").append(ChaosPipeline.INVOCATION.toSeconds())
                .append(" s, both time-scaled), run `DrainProcessor` and delete what it did not report as failed, as the SQS event ")
                .append("source mapping does; an invocation that returns after its deadline has lost its batch response, as in ")
                .append("Lambda, and deletes nothing; the mirror is dynalite. After the stream: the DLQ is read, redriven ")
                .append("(`DeadLetterRedrive`) and drained, the audit runs (**before reconcile**), then `ScheduledReconcile` runs once ")
                .append("(hierarchy pass, time-entry walk, task walk, transition restore, comment repair and deletion sweep, the walks narrowed to the run's ")
                .append("lists) and the mirror is compared again (**after reconcile**): tasks, the run's spaces, folders and lists ")
                .append("(live with the same name, or gone), comments and time entries of its live tasks (`ObjectTruth`). ")
                .append("Both runs use the same workload seed; **no faults** is the baseline.\n\n");
        if (results.stream().anyMatch(r -> !r.isDefault())) {
            ChaosBench.Result other = results.stream().filter(r -> !r.isDefault()).findFirst().orElseThrow();
            md.append("**Two workspaces on two tokens** (`ChaosSide`): each run drives the demo workspace (`default`) and a second ")
                    .append("one, `").append(other.workspace()).append("` (`sync.workspaces.").append(other.workspace())
                    .append(".*`: its own fake ClickUp that answers only its own token, its own team id, webhook and secret, its own ")
                    .append("rate-budget cell and circuit breaker), a third the size, at once: their changes are made in turn and both ")
                    .append("fakes push to the one endpoint, so their events are interleaved in the one queue and drained by the same ")
                    .append("instances; ingest tells the workspace by the signature and the drain routes each event to its workspace's ")
                    .append("client (`DrainProcessor` with `ClickUpClients`). Every fault is applied to both fakes alike; last, a 429 ")
                    .append("storm on the default token alone, while both workspaces change tasks, shows whether the other workspace ")
                    .append("stalls. Reconcile runs for each workspace (the second one's steps through its own client, its share on its ")
                    .append("own token's cell), and the audit compares each workspace's mirror with its own fake: one column per ")
                    .append("workspace. Rows marked *(run)* are figures of the one queue and the drain instances, both workspaces ")
                    .append("together, shown under the default workspace's column.\n\n");
        }
        md.append("Faults (chaos run): every round a seeded 25 % of `/task/` requests and a burst of 2 answer 5xx, a storm of 3-6 consecutive 429s ")
                .append("(reset within 1 s), and 1-2 requests hang past the client's 1 s timeout; after the last round ClickUp ")
                .append("**hangs**: every `/task/` request goes unanswered for ").append(ChaosWorkload.HANG_LENGTH.toSeconds())
                .append(" s (six invocation deadlines) while tasks are created and changed, so only the drain's deadline ends ")
                .append("its calls; then an outage: ")
                .append("every `/task/` request answers 503 for ").append(ChaosWorkload.OUTAGE_LENGTH.toSeconds())
                .append(" s while tasks are created (the breaker opens; its delay, ").append(millis(chaos(results).breakerDelay()))
                .append(", and the drain's deferral while it is open, ").append(millis(chaos(results).circuitOpenDeferral()))
                .append(", are time-scaled like the invocation, from production's 10 s and 15 s); ")
                .append("10 % of webhooks are dropped by the fake (never sent), a fifth of the acknowledged ones ")
                .append("are delivered a second time, and a fifth of drain batches **crash**: the instance dies right after applying ")
                .append("1-3 of the batch's tasks and before completing their idempotency keys, so nothing of the batch is deleted and ")
                .append("SQS redelivers all of it after the visibility timeout (the locks the dead instance held expire first); ")
                .append("no crash is injected into a batch holding an event on its last allowed receive, which SQS would park ")
                .append("without a reason by design.\n\n");
        md.append("Definitions. An *event* is one webhook body, named by the drain's idempotency key (webhook id + history item ids, or ")
                .append("the body's SHA-256), so a second copy is the same event. **Lost**: an event ingest acknowledged whose key was ")
                .append("never completed and that is not in the DLQ with a `failure_reason`, plus every status change of an applied ")
                .append("event missing from `TransitionStore`. **Applied twice**: a key whose IN_PROGRESS to COMPLETED step succeeded ")
                .append("for two attempts (`IdempotencyStore.complete`, counted per key), plus a history item stored as two transitions. ")
                .append("**Mismatch**: a task whose mirrored snapshot differs from `GET /task/{id}` on the fake, or a task deleted in ")
                .append("the fake that the mirror still shows live. Re-running a crashed attempt before its key was completed is by design ")
                .append("(\"re-claimed\" below): the key records one application and every mirror write is conditional.\n\n");

        md.append("| fault injected | ").append(String.join(" | ", results.stream().map(ChaosBench.Result::label).toList())).append(" |\n|---|");
        results.forEach(r -> md.append("---:|"));
        md.append('\n');
        for (String kind : ChaosWorkload.KINDS) {
            row(md, kind + (kind.equals(ChaosWorkload.CRASHES) ? " *(run)*" : ""), results, r -> kind.equals(ChaosWorkload.CRASHES)
                    ? shared(r, String.valueOf(r.faultsOf(kind))) : String.valueOf(r.faultsOf(kind)));
        }
        md.append('\n');

        md.append("| | ").append(String.join(" | ", results.stream().map(ChaosBench.Result::label).toList())).append(" |\n|---|");
        results.forEach(r -> md.append("---:|"));
        md.append('\n');
        row(md, "tasks (deleted in the fake)", results, r -> r.tasks() + " (" + r.deletedTasks() + ")");
        row(md, "webhook deliveries made by the fake", results, r -> String.valueOf(r.deliveries()));
        row(md, "acknowledged by ingest (second copies included)", results, r -> String.valueOf(r.acknowledged()));
        row(md, "distinct events acknowledged / applied", results, r -> r.before().acknowledgedEvents() + " / " + r.before().applied());
        row(md, "ClickUp calls of the workspace's token during the stream (per distinct event) / during reconcile", results,
                r -> r.calls() + " (" + Fmt.f2(r.callsPerEvent()) + ") / " + r.reconcileCalls());
        row(md, "429 answers to the workspace's token", results, r -> String.valueOf(r.rateLimited()));
        if (results.stream().anyMatch(r -> !r.storm().made().isEmpty())) {
            row(md, "during the 429 storm on the default token alone: events made / applied while it lasted", results,
                    r -> r.storm().made().isEmpty() ? "-" : r.storm().made().getOrDefault(r.workspace(), 0) + " / "
                            + r.storm().appliedDuringStorm().getOrDefault(r.workspace(), 0));
        }
        row(md, "drain batches *(run)*", results, r -> shared(r, String.valueOf(r.batches())));
        row(md, "events claimed again (after a crash, a failure or a deferral) *(run)*", results,
                r -> shared(r, String.valueOf(r.reclaimed())));
        row(md, "in the DLQ after the stream: with a reason / moved by SQS without one *(run)*", results,
                r -> shared(r, r.parkedWithReason() + " / " + r.parkedWithoutReason()));
        row(md, "redriven from the DLQ *(run)*", results, r -> shared(r, String.valueOf(r.redriven())));
        row(md, "in the DLQ at the audit, after the redrive: with a reason / without *(run)*", results,
                r -> shared(r, r.leftWithReason() + " / " + r.leftWithoutReason()));
        row(md, "batches deferred because the circuit breaker was open (no receive spent) *(run)*", results,
                r -> shared(r, String.valueOf(r.circuitDeferrals())));
        row(md, "batches whose ClickUp calls were cut at the deadline, deferred (no receive spent) *(run)*", results,
                r -> shared(r, String.valueOf(r.outOfTimeDeferrals())));
        row(md, "invocations that overran their deadline (batch response lost) *(run)*", results,
                r -> shared(r, String.valueOf(r.overran())));
        row(md, "**events lost**", results, r -> "**" + r.lost() + "**" + (r.before().lostTransitions() > 0
                ? " (" + r.before().lostTransitions() + " transitions)" : ""));
        row(md, "**events applied twice**", results, r -> "**" + r.appliedTwice() + "**");
        row(md, "tasks differing from ClickUp, before reconcile", results, r -> String.valueOf(r.before().mismatches()));
        row(md, "**tasks differing from ClickUp, after reconcile**", results, r -> "**" + r.mismatchesAfter() + "**");
        row(md, "spaces, folders and lists made / comments posted, edited / time entries tracked with a webhook, without, edits",
                results, r -> r.objects().containers.size() + " / " + r.objects().commentsPosted + ", " + r.objects().commentsEdited
                        + " / " + r.objects().timeTracked + ", " + r.objects().timeWithoutWebhook + ", " + r.objects().timeEdited);
        row(md, "spaces, folders and lists differing from ClickUp, before / **after** reconcile", results,
                r -> r.objectsBefore().containers() + " / **" + r.objectsAfter().containers() + "**");
        row(md, "comments differing from ClickUp, before / **after** reconcile", results,
                r -> r.objectsBefore().comments() + " / **" + r.objectsAfter().comments() + "**");
        row(md, "time entries differing from ClickUp, before / **after** reconcile", results,
                r -> r.objectsBefore().timeEntries() + " / **" + r.objectsAfter().timeEntries() + "**");
        row(md, "tasks written by reconcile / deletions found by its sweep", results,
                r -> r.reconcileWritten() + " / " + r.deletionsFound());
        row(md, "status changes only in dropped webhooks (of which on tasks ClickUp deleted since)", results,
                r -> r.droppedTransitions() + " (" + r.droppedOnDeletedTasks() + ")");
        row(md, "**of those on live tasks, missing from the history after reconcile**", results,
                r -> "**" + r.transitionsMissingAfter() + "**");
        row(md, "of those, visits ClickUp's `time_in_status` does not show and no heard `before` tells / **shown but not restored**",
                results, r -> r.transitionsNotShown() + " / **" + (r.transitionsMissingAfter() - r.transitionsNotShown()) + "**");
        row(md, "dropped status changes restored to the minute (a return to a status a heard `before` told; window <= 1 min holds the time)",
                results, r -> Integer.toString(r.transitionsApproximate()));
        row(md, "queue drained at the end of every round *(run)*", results, r -> shared(r, r.drained() ? "yes" : "**no**"));
        row(md, "run time, s *(run)*", results, r -> shared(r, Fmt.f1(r.elapsed().toMillis() / 1000.0)));
        md.append('\n');
        ChaosBench.Result chaos = chaos(results);
        md.append("What reconcile repaired: ").append(chaos.before().mismatches()).append(" task(s) of the chaos run differed from ")
                .append("ClickUp before it (baseline: ").append(results.get(0).before().mismatches()).append("), ")
                .append(chaos.mismatchesAfter()).append(" after. ");
        if (chaos.lost() == 0) {
            md.append("As no acknowledged event was lost, those differences are the work of the webhooks the fake dropped, which ")
                    .append("never reach ingest and so can be neither retried nor dead-lettered. ");
        }
        if (chaos.parkedWithReason() + chaos.parkedWithoutReason() == 0) {
            md.append("The DLQ stayed empty: with the drain deferring while the circuit breaker is open (")
                    .append(chaos.circuitDeferrals()).append(" batches), no fault here spends all of an event's receives. ")
                    .append("The DLQ path itself is covered by tests (`DeferralAndDeadLetterTest`, `DeadLetterRedriveTest`). ");
        }
        md.append("The status transitions that dropped webhooks carried (").append(chaos.droppedTransitions()).append(", ")
                .append(chaos.droppedOnDeletedTasks()).append(" of them on tasks ClickUp deleted since, whose history is gone ")
                .append("there too): reconcile's restore pass (`history/TransitionRestore`: ClickUp's `bulk_time_in_status` for ")
                .append("the tasks its walk lists as changed, `sync.reconcile.restore.check=changed`, and, in a list's first walk, ")
                .append("those created since the drain began to hear the workspace, `history/HeardSince`) left ")
                .append(chaos.transitionsMissingAfter()).append(" of the live tasks' missing. `time_in_status` keeps one entry ")
                .append("per status, so a return to a status shows no entry; where a heard webhook's `before` names the status ")
                .append("it left and the mirror's timeline stood elsewhere, the return is restored to the minute ClickUp counts ")
                .append("(`history/UnseenVisits`: an approximate transition whose window, at most a minute wide, holds the ")
                .append("dropped change's time; ").append(chaos.transitionsApproximate()).append(" here), and the audit counts it ")
                .append("present by the store's own same-entry rule (`TransitionStore.sameEntry`, widened to the window). ")
                .append("The comment repair ")
                .append("(`comment/CommentRepair`) runs with `sync.reconcile.comments.check=changed` and `max-tasks=1000` here ")
                .append("(the bench's application.properties: these workspaces are small): it re-reads the comments of every task ")
                .append("changed since the last walk, which alone sees a dropped comment whose task a later heard change levelled; ")
                .append("the default, `behind`, leaves that one differing. Lost and applied-twice ")
                .append("are properties of the event path; reconcile does not change them.");
        for (ChaosBench.Result other : chaosRuns(results).stream().filter(r -> !r.isDefault()).toList()) {
            md.append(" In `").append(other.workspace()).append("`, on its own token: ").append(other.before().mismatches())
                    .append(" task(s) differed before reconcile, ").append(other.mismatchesAfter()).append(" after; after reconcile ")
                    .append(other.objectsAfter().containers()).append(" spaces, folders or lists, ").append(other.objectsAfter().comments())
                    .append(" comments and ").append(other.objectsAfter().timeEntries()).append(" time entries differ, ")
                    .append(other.transitionsMissingAfter()).append(" transitions are missing (").append(other.transitionsNotShown())
                    .append(" not shown by `time_in_status`; ").append(other.transitionsApproximate())
                    .append(" restored to the minute); ").append(other.lost()).append(" events lost, ")
                    .append(other.appliedTwice()).append(" applied twice.");
            ChaosWorkload.StormProbe storm = other.storm();
            if (!storm.made().isEmpty()) {
                md.append(" While the default token answered nothing but 429s for ").append(ChaosWorkload.STORM_LENGTH.toSeconds())
                        .append(" s, `").append(other.workspace()).append("` had ")
                        .append(storm.appliedDuringStorm().getOrDefault(other.workspace(), 0)).append(" of its ")
                        .append(storm.made().getOrDefault(other.workspace(), 0)).append(" events of that phase applied");
                if (storm.appliedDuringStorm().getOrDefault(other.workspace(), 0).equals(storm.made().get(other.workspace()))) {
                    md.append(" (the last ").append(millis(storm.othersApplied())).append(" after the storm began)");
                }
                md.append(" and the default workspace ")
                        .append(storm.appliedDuringStorm().getOrDefault(Workspace.DEFAULT, 0)).append(" of its ")
                        .append(storm.made().getOrDefault(Workspace.DEFAULT, 0))
                        .append(" (only events the `smart` policy applies from the webhook alone, without a ClickUp call, can be)")
                        .append(": a 429 storm on one token holds up only that workspace's events (`drain/WorkspaceStops`); an ")
                        .append("event of the other workspace in a batch with the stormed one's waits at most while one of that ")
                        .append("workspace's calls retries its 429s, bounded by the invocation's deadline, then runs or is deferred ")
                        .append("without spending a receive.");
            }
        }
        md.append("\n\n");
        return md.toString();
    }

    /** A figure of the whole run: under the default workspace's column only. */
    private static String shared(ChaosBench.Result r, String value) {
        return r.isDefault() ? value : "(run)";
    }

    private static String millis(java.time.Duration d) {
        return d.toMillis() + " ms";
    }

    private static void row(StringBuilder md, String label, List<ChaosBench.Result> results, Function<ChaosBench.Result, String> cell) {
        md.append("| ").append(label).append(" |");
        results.forEach(r -> md.append(' ').append(cell.apply(r)).append(" |"));
        md.append('\n');
    }

    private static int total(ChaosBench.Result r) {
        return r.faults().values().stream().mapToInt(Integer::intValue).sum();
    }
}
