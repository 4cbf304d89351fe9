package dev.clickupsync.bench;

import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.clickup.ClickUpApi;
import dev.clickupsync.clickup.ClickUpCalls;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.Pages;
import dev.clickupsync.clickup.TaskQuery;
import dev.clickupsync.clickup.model.TasksPage;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.reconcile.GapRewinds;
import dev.clickupsync.reconcile.ReconcileBudget;
import dev.clickupsync.reconcile.ReconcileConfig;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.ReconcileSettings;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.reconcile.WatermarkStore;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import dev.clickupsync.webhook.registry.WebhookRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Backfill against the rate-limit floor: N tasks created in a fake ClickUp of the bench's own (its
 * own workspace and team id, so the tasks stay out of other benches' way) are loaded into an
 * empty mirror by the production path ({@link ScheduledReconcile} -> {@link Reconciler}'s first run,
 * which backfills {@code backfill-days}), every call through the application's {@link ClickUpClient}
 * and {@link ClickUpCalls}, whose token budget ({@link SwitchableBudget}) is for the cell a
 * {@link SharedRateBudget} at the time-scaled limit, plus reconcile's own share cell
 * ({@link ReconcileBudget}), as production wires them. Nothing but the limit is scaled, and less
 * than in the pacing bench ({@link BenchOptions#backfillWindow()}): the walk's own work per page
 * (dynalite's writes) does not shrink with the scale, and at 18x it outlasts a slot, which at
 * ClickUp's real limit it never does.
 *
 * <p>The floor is what the limit allows: calls / (share x limit) per window. Cells:
 * <ul>
 *   <li><b>pages alone</b> (baseline, measured): the same listing under the same budgets with no
 *       mirror work, i.e. what pacing alone achieves for this many pages;</li>
 *   <li><b>backfill, share 1.0</b>: {@code sync.reconcile.budget-share=1}, the setting for a
 *       dedicated backfill run (live events then wait for it);</li>
 *   <li><b>backfill, share 0.3</b>: the production default, which keeps 70 % for live events.</li>
 * </ul>
 * Each backfill gets its own list, scoped with {@code sync.reconcile.list-ids} (so its own watermark
 * and an empty mirror), and ends with a comparison of every task with the fake's truth.
 */
@ApplicationScoped
public class BackfillBench {
    private static final Logger LOG = Logger.getLogger(BackfillBench.class);
    static final double RATIO_GOAL = 1.1;
    private static final String TEAM_ID = "90990001";
    static final double PRODUCTION_SHARE = 0.3;
    private static final double SAFETY_MARGIN = 0.1;

    @Inject
    ClickUpCalls calls;
    @Inject
    ClickUpConfig clickUpConfig;
    @Inject
    SwitchableBudget tokenBudget;
    @Inject
    ReconcileConfig reconcileConfig;
    @Inject
    MirrorStore mirror;
    @Inject
    WatermarkStore watermarks;
    @Inject
    ListMembership membership;
    @Inject
    WebhookRegistry registry;
    @Inject
    Metrics metrics;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;

    /**
     * One cell. {@code limitPerSecond} is ClickUp's limit times the share; {@code steadyPerSecond}
     * what the budget admits after its safety margin; {@code budgetWait} the time slept waiting for
     * slots (both cells), so {@code elapsed - budgetWait} is the walk's own work (calls and writes);
     * {@code written} is -1 for the baseline, which writes nothing.
     */
    record Result(String name, double share, int tasks, int calls, int pages, int rateLimited, Duration elapsed,
                  double limitPerSecond, double steadyPerSecond, Duration budgetWait, int written, int missing,
                  int mismatches, boolean complete) {
        double floorSeconds() {
            return calls / limitPerSecond;
        }

        double steadyFloorSeconds() {
            return calls / steadyPerSecond;
        }

        double seconds() {
            return elapsed.toNanos() / 1e9;
        }

        double ratio() {
            return seconds() / floorSeconds();
        }

        /** Time per page not spent waiting for a slot: the listing call plus the page's mirror work. */
        double workPerPageMillis() {
            return pages == 0 ? 0 : (elapsed.minus(budgetWait).toNanos() / 1e6) / pages;
        }

        boolean baseline() {
            return written < 0;
        }
    }

    /** Tasks per size: the issue's 10,000 at {@code default}. */
    static int tasks(BenchOptions options) {
        return "smoke".equals(options.size()) ? 500 : 10_000;
    }

    public List<Result> run(BenchOptions options) throws Exception {
        int n = tasks(options);
        String run = UUID.randomUUID().toString().substring(0, 8); // fresh scopes even on a reused DynamoDB
        String listA = "bench-backfill-a-" + run;
        String listB = "bench-backfill-b-" + run;
        List<Result> results = new ArrayList<>();
        long setUp = System.nanoTime();
        Progress seeding = Progress.start("backfill: seeding " + 2 * n + " tasks in its fake ClickUp");
        try (FakeClickUp clickUp = FakeClickUp.start(BackfillWorkspace.of(TEAM_ID, n, listA, listB));
             Progress cells = Progress.start("backfill", 3, "cells")) {
            seeding.close();
            LOG.infof("backfill: %d tasks created in the bench's fake ClickUp in %.1f s", 2 * n, (System.nanoTime() - setUp) / 1e9);
            clickUp.setRateLimitResetInMillis(true);
            // The application's ClickUpCalls (budget, retries, breaker), pointed at this fake.
            ClickUpApi api = QuarkusRestClientBuilder.newBuilder().baseUri(clickUp.baseUri())
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(ClickUpApi.class);
            ClickUpClient client = new ClickUpClient(api, calls, clickUpConfig);
            // Warm-up, not recorded, on the application's own budget: the new REST client's first calls.
            client.teamTasks(TEAM_ID, TaskQuery.updatedSince(Instant.EPOCH)).limit(1).count();
            results.add(pagesAlone(clickUp, api, client, options, listA, n)); // writes nothing: list A stays unmirrored
            cells.step();
            results.add(backfill(clickUp, client, options, listA, n, 1.0));
            cells.step();
            results.add(backfill(clickUp, client, options, listB, n, PRODUCTION_SHARE));
            cells.step();
        }
        for (Result r : results) {
            LOG.infof("backfill %s: %d tasks, %d calls (%d pages) in %.1f s, floor %.1f s (x%.2f), 429s %d, "
                            + "budget wait %.1f s, work %.0f ms/page, missing %d, mismatches %d, complete %s",
                    r.name(), r.tasks(), r.calls(), r.pages(), r.seconds(), r.floorSeconds(), r.ratio(), r.rateLimited(),
                    r.budgetWait().toMillis() / 1000.0, r.workPerPageMillis(), r.missing(), r.mismatches(), r.complete());
        }
        return results;
    }

    /**
     * The baseline: the listing the walk makes (GET /team, then oldest update first, 100 a page),
     * one slot of each budget per call as in the walk, nothing written.
     */
    private Result pagesAlone(FakeClickUp clickUp, ClickUpApi api, ClickUpClient client, BenchOptions options, String listId,
                              int n) {
        Budgets budgets = new Budgets(clickUp, options, 1.0);
        Duration maxWait = ReconcileSettings.of(reconcileConfig).budgetMaxWait();
        Counters before = Counters.of(clickUp);
        long started = System.nanoTime();
        int listed = 0;
        try (SwitchableBudget.Lease scaled = tokenBudget.use(budgets.token)) {
            budgets.share.acquire(maxWait);
            client.teams();
            for (int page = 0; ; page++) {
                budgets.share.acquire(maxWait);
                int number = page;
                TasksPage tasks = calls.execute("GET /team/{id}/task", () -> api.getTeamTasks(TEAM_ID, number,
                        0L, null, true, true, null, "updated", true, null, null, List.of(listId), true));
                listed += tasks.tasks().size();
                if (tasks.tasks().size() < Pages.PAGE_SIZE) {
                    break;
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Counters after = Counters.of(clickUp);
        return new Result("pages alone (baseline)", 1.0, listed, after.calls - before.calls, after.pages - before.pages,
                after.limited - before.limited, elapsed, budgets.limitPerSecond, budgets.steadyPerSecond,
                budgets.waited(), -1, n - listed, 0, listed == n);
    }

    private Result backfill(FakeClickUp clickUp, ClickUpClient client, BenchOptions options, String listId, int n,
                            double share) throws Exception {
        Budgets budgets = new Budgets(clickUp, options, share);
        ReconcileSettings base = ReconcileSettings.of(reconcileConfig);
        // The production settings, narrowed to this cell's list (its own scope and watermark) and this share.
        ReconcileSettings settings = new ReconcileSettings(List.of(), List.of(), List.of(listId), base.overlap(),
                base.backfillDays(), share, base.budgetMaxWait(), base.safetyMargin(), false, false, base.sweepInterval());
        Reconciler reconciler = new Reconciler(client, mirror, watermarks, membership, metrics, settings, budgets.share,
                Clock.systemUTC());
        // The webhook lifecycle is off: it is not backfill work (1-2 calls a run when on).
        WebhookLifecycle lifecycle = new WebhookLifecycle(client, registry, metrics,
                new WebhookLifecycle.Settings(false, null, null, List.of(), Duration.ZERO, Duration.ZERO), Clock.systemUTC());
        ScheduledReconcile scheduled = new ScheduledReconcile(reconciler, lifecycle, client, new GapRewinds(dynamo, sync.tables().control(), metrics));

        Counters before = Counters.of(clickUp);
        long started = System.nanoTime();
        ReconcileReport report;
        try (SwitchableBudget.Lease scaled = tokenBudget.use(budgets.token)) {
            report = scheduled.run(Instant.now().plus(Duration.ofMinutes(15))); // Lambda's longest run
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Counters after = Counters.of(clickUp);
        long checking = System.nanoTime();
        int[] check = BackfillWorkspace.compare(mirror, clickUp, listId, n);
        LOG.infof("backfill: %d tasks compared with the fake's truth in %.1f s", n, (System.nanoTime() - checking) / 1e9);
        return new Result("backfill, share " + share, share, n, after.calls - before.calls, after.pages - before.pages,
                after.limited - before.limited, elapsed, budgets.limitPerSecond, budgets.steadyPerSecond, budgets.waited(),
                report.tasksWritten(), check[0], check[1], report.complete());
    }

    /** The fake's counters at one moment: every request, the team-task pages, the 429s. */
    private record Counters(int calls, int pages, int limited) {
        static Counters of(FakeClickUp clickUp) {
            return new Counters(clickUp.requestCount(), clickUp.count("GET", "/team/[^/]+/task$"), clickUp.rateLimited());
        }
    }

    /**
     * The token's budget and reconcile's share of it, fresh cells on the control table, both at the
     * time-scaled limit (as {@code ClickUpBudgetProducer} and {@code ReconcileBudget} build them), each
     * counting the time its callers waited.
     */
    private final class Budgets {
        final TimedBudget token;
        final TimedBudget share;
        final double limitPerSecond;
        final double steadyPerSecond;

        Budgets(FakeClickUp clickUp, BenchOptions options, double share) {
            int limit = options.backfillLimit();
            Duration window = options.backfillWindow();
            double windowSeconds = window.toNanos() / 1e9;
            String key = "bench-backfill-" + UUID.randomUUID();
            SharedRateBudget.Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            String table = sync.tables().control();
            this.token = new TimedBudget(new SharedRateBudget(dynamo, table, key, new Gcra(limit, window, SAFETY_MARGIN),
                    Clock.systemUTC(), sleeper));
            Gcra shareGcra = ReconcileBudget.gcra(limit, window, SAFETY_MARGIN, share);
            this.share = new TimedBudget(new SharedRateBudget(dynamo, table, "reconcile#" + key, shareGcra, Clock.systemUTC(), sleeper));
            this.limitPerSecond = ReconcileBudget.limit(limit, share) / windowSeconds;
            this.steadyPerSecond = shareGcra.rate() / windowSeconds;
            clickUp.setRateLimit(limit, window); // a fresh fixed window on the fake too
        }

        Duration waited() {
            return Duration.ofNanos(token.waitedNanos() + share.waitedNanos());
        }
    }
}
