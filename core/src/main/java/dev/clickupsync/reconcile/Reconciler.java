package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.clickup.TeamRoutes;
import dev.clickupsync.clickup.WorkspaceTeams;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.history.TransitionRestore;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.reconcile.ReconcileReport.Stop;
import dev.clickupsync.reconcile.ReconcileReport.SweepResult;
import dev.clickupsync.reconcile.StopPolicy.Stopped;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.timesync.TimeWalk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Reconcile and backfill: brings the mirror back to ClickUp's truth for whatever webhooks missed.
 * This class is the orchestrator of one run; the package comment gives the design. A run lists the
 * workspaces (or takes the configured ones), walks each scope in turn ({@link ChangeWalk}: keyset
 * pages from the watermark, the cursor saved after every page), then sweeps the lists that are due
 * for deletions ({@link DeletionSweep}), and reports, counts and logs what it did. Both write the
 * mirror through {@link MirrorWrites} (the guarded write, a tombstone a 404 left healed by a
 * listing). Before every ClickUp call the {@link StopPolicy} checks the invocation's deadline and
 * reconcile's own budget share; a stop on either ends the whole run with {@code complete=false}
 * (what follows would hit the same wall), while an error or a superseded walk ends only its scope.
 * Around the walks, each workspace's own passes run ({@link TeamPasses}: hierarchy and time entries
 * before, the transition restore after; the comment repair last, after the sweeps, each workspace's in
 * a slice of the time left, never ending the run).
 * {@link #backfill} rewinds watermarks for the admin API and the webhook gap
 * ({@link WatermarkRewind}).
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final ClickUpClient clickUp;
    private final Metrics metrics;
    private final ReconcileSettings settings;
    private final Clock clock;
    private final StopPolicy stops;
    private final ChangeWalk walk;
    private final DeletionSweep sweep;
    private final WatermarkRewind rewind;
    private final TeamPasses passes;
    private final TeamScopes teamScopes;

    @Inject
    public Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                      Metrics metrics, ReconcileConfig config, BudgetConfig budgetConfig, ClickUpConfig clickUpConfig,
                      SyncConfig sync, DynamoDbClient dynamo, HierarchyPass hierarchy, TransitionRestore restore,
                      TimeWalk timeWalk) {
        this(clickUp, mirror, watermarks, membership, metrics, ReconcileSettings.of(config),
                new ReconcileBudgets(ReconcileBudget.shared(dynamo, sync.tables().control(), clickUpConfig.token(),
                        budgetConfig, config.budgetShare(), Clock.systemUTC()),
                        tokenKey -> ReconcileBudget.sharedByKey(dynamo, sync.tables().control(), tokenKey, budgetConfig,
                                config.budgetShare(), Clock.systemUTC())),
                Clock.systemUTC(), hierarchy, restore, timeWalk);
    }

    /** @param reconcileBudget reconcile's share of the token's budget (see {@link ReconcileBudget}) */
    public Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                      Metrics metrics, ReconcileSettings settings, RateBudget reconcileBudget, Clock clock) {
        this(clickUp, mirror, watermarks, membership, metrics, settings, new ReconcileBudgets(reconcileBudget, null), clock,
                null, null, null);
    }

    /** @param budgets reconcile's share of each workspace's token (see {@link ReconcileBudgets}) */
    public Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                      Metrics metrics, ReconcileSettings settings, RateBudget defaultCell,
                      java.util.function.Function<String, RateBudget> cellOfTokenKey, Clock clock) {
        this(clickUp, mirror, watermarks, membership, metrics, settings, new ReconcileBudgets(defaultCell, cellOfTokenKey),
                clock, null, null, null);
    }

    /**
     * @param hierarchy the hierarchy pass run first for each workspace; null: none
     * @param restore   the transition restore pass run after the walks of each workspace; null: none
     * @param timeWalk  the time-entry walk ({@code timesync}) run after the hierarchy pass; null: none
     */
    public Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                      Metrics metrics, ReconcileSettings settings, RateBudget reconcileBudget, Clock clock,
                      HierarchyPass hierarchy, TransitionRestore restore, TimeWalk timeWalk) {
        this(clickUp, mirror, watermarks, membership, metrics, settings, new ReconcileBudgets(reconcileBudget, null), clock,
                hierarchy, restore, timeWalk);
    }

    private Reconciler(ClickUpClient clickUp, MirrorStore mirror, WatermarkStore watermarks, ListMembership membership,
                       Metrics metrics, ReconcileSettings settings, ReconcileBudgets budgets, Clock clock,
                       HierarchyPass hierarchy, TransitionRestore restore, TimeWalk timeWalk) {
        this.passes = new TeamPasses(hierarchy, timeWalk, restore, metrics, budgets);
        this.clickUp = clickUp;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.stops = new StopPolicy(budgets, settings, metrics, clock);
        MirrorWrites writes = new MirrorWrites(mirror, membership, metrics);
        BackfillProgress progress = new BackfillProgress(watermarks.backfills(), metrics, clock);
        this.walk = new ChangeWalk(clickUp, mirror, watermarks, writes, stops, progress, metrics, settings, clock,
                new PageNotes(mirror, passes));
        this.teamScopes = new TeamScopes(settings);
        this.sweep = new DeletionSweep(clickUp, mirror, membership, writes, stops, metrics, settings, teamScopes, clock);
        this.rewind = new WatermarkRewind(watermarks, progress, metrics, settings, teamScopes, clock);
    }

    /** Each team's calls through its own workspace's client (see {@link TeamRoutes}). */
    @Inject
    public void routes(TeamRoutes routes) {
        passes.routes(routes);
    }

    /** The comment repair run after the transition restore ({@link TeamPasses}); unset: none. */
    @Inject
    public void comments(CommentRepair repair) {
        passes.comments(repair);
    }

    /** The further workspaces' teams, reconciled each with its own scope (see {@link TeamScopes}). */
    @Inject
    public void workspaces(WorkspaceTeams workspaces) {
        teamScopes.workspaces(workspaces);
    }

    public ReconcileSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------------------------- run

    /** One scheduled run: every configured workspace and scope, the deletion sweep if due, then the comment repairs. */
    public ReconcileReport run(Instant deadline) {
        return run(deadline, ReconcileListener.NONE);
    }

    public ReconcileReport run(Instant deadline, ReconcileListener listener) {
        Instant started = clock.instant();
        List<ScopeResult> scopes = new ArrayList<>();
        List<SweepResult> sweeps = new ArrayList<>();
        Stop stop = null;
        Stop listing = null;
        List<String> teams;
        try {
            teams = teams(deadline);
        } catch (Stopped stopped) {
            // The default token's GET /team failed: its teams are unknown this run, and the run is reported
            // incomplete; the further workspaces' teams (their own tokens) are walked all the same.
            listing = stopped.stop;
            stop = listing == Stop.DEADLINE ? listing : null;
            teams = stop == null ? teamScopes.teams(List::of) : List.of();
        }
        // A deadline ends the run; a spent budget share ends only its team's steps (each workspace's
        // token has its own cell), and the run reports it (incomplete) once the other teams are done.
        Set<String> spent = new HashSet<>();
        for (String team : teams) {
            stop = endTeam(team, stop != null ? stop : passes.before(team, stops, deadline), spent, stop);
        }
        for (String team : teams) {
            for (Scope scope : ended(stop) || spent.contains(team) ? List.<Scope>of() : scopesOf(team)) {
                ScopeResult result = reconcile(scope, deadline, listener);
                scopes.add(result);
                if (StopPolicy.endsRun(result.stop())) {
                    stop = endTeam(team, Stop.valueOf(result.stop().toUpperCase()), spent, stop);
                    break;
                }
            }
        }
        for (String team : teams) {
            if (!ended(stop) && !spent.contains(team)) {
                stop = endTeam(team, passes.restore(team, stops, deadline), spent, stop);
            }
        }
        if (stop == null && settings.sweepEnabled()) {
            for (String team : teams) {
                List<SweepResult> swept = sweepDeletions(team, sweep.dueLists(team), deadline);
                sweeps.addAll(swept);
                SweepResult last = swept.isEmpty() ? null : swept.get(swept.size() - 1);
                if (last != null && StopPolicy.endsRun(last.stop())) {
                    stop = endTeam(team, Stop.valueOf(last.stop().toUpperCase()), spent, stop);
                    if (ended(stop)) {
                        break;
                    }
                }
            }
        }
        if (!ended(stop)) {
            repairComments(teams.stream().filter(team -> !spent.contains(team)).toList(), deadline);
        }
        ReconcileReport report = ReconcileReport.of(started, clock.instant(), stop != null ? stop : listing, scopes, sweeps);
        metrics.increment("ReconcileRun", "Outcome", report.complete() ? "complete" : "incomplete");
        ReconcileReport.oldestWatermark(scopes).ifPresent(w -> metrics.record("ReconcileWatermarkAge",
                Math.max(0, Duration.between(w, clock.instant()).toSeconds()), "Seconds"));
        StructuredLog.log(LOG, report.complete() ? Logger.Level.INFO : Logger.Level.WARN, "reconcile run",
                "complete", report.complete(), "stop", report.stop() == null ? "-" : report.stop(),
                "teams", teams.size(), "scopes", scopes.size(), "pages", report.pages(),
                "tasks_seen", report.tasksSeen(), "tasks_written", report.tasksWritten(),
                "lists_swept", sweeps.size(), "deletions", report.deletionsFound(),
                "backfill", scopes.stream().anyMatch(ScopeResult::backfill),
                "watermark", ReconcileReport.oldestWatermark(scopes).map(Instant::toString).orElse("-"),
                "duration_ms", report.durationMs());
        return report;
    }

    /**
     * The scopes a run walks for one workspace: live tasks, and archived ones when configured; narrowed by
     * the global keys for the default workspace, by its own {@code reconcile-*} keys for a further one.
     */
    public List<Scope> scopesOf(String teamId) {
        return teamScopes.scopes(teamId);
    }

    /** Walks one scope from its watermark until the end, the deadline or the budget share. */
    public ScopeResult reconcile(Scope scope, Instant deadline) {
        return reconcile(scope, deadline, ReconcileListener.NONE);
    }

    public ScopeResult reconcile(Scope scope, Instant deadline, ReconcileListener listener) {
        try (TeamPasses.TeamScope route = passes.route(scope.teamId())) {
            return walk.walk(scope, deadline, listener);
        }
    }

    /**
     * Rewinds the workspace's watermarks (every scope stored for it, and the configured ones) to
     * {@code from}, never forward: the next run walks from there, resumably, with the same guarded
     * writes. Returns at once; the admin API's {@code POST /admin/backfill} calls this.
     *
     * @throws IllegalArgumentException for a blank team, a workspace reconcile does not walk (outside
     *                                  {@code sync.reconcile.team-ids} and every {@code sync.workspaces.*.team-id}),
     *                                  or {@code from} in the future
     */
    public void backfill(String teamId, Instant from) {
        rewind.backfill(teamId, from);
    }

    /** Sweeps these lists now, whatever their last sweep (the scheduled run sweeps only due lists). */
    public List<SweepResult> sweepDeletions(String teamId, Collection<String> listIds, Instant deadline) {
        try (TeamPasses.TeamScope route = passes.route(teamId)) {
            return sweep.sweep(teamId, listIds, deadline);
        }
    }

    /**
     * One list: ClickUp's ids (live and archived, closed and subtasks included) against the
     * mirror's membership; a mirrored id ClickUp no longer lists is confirmed with
     * {@code GET /task}: 404 tombstones it, an answer from another list moves its membership.
     */
    public SweepResult sweepList(String teamId, String listId, Instant deadline) {
        return sweep.sweepList(teamId, listId, deadline);
    }

    /**
     * Each workspace's comment repair, the run's last step: a slice of the time left each (the first
     * repair cannot take the second's), and a stop ends only that repair. The run's outcome is not the
     * repair's: what it leaves stays pending ({@code ReconcileCommentDeferred}), as over its cap.
     */
    private void repairComments(List<String> teams, Instant deadline) {
        for (int i = 0; i < teams.size(); i++) {
            passes.comments(teams.get(i), stops, deadline, stops.slice(deadline, teams.size() - i));
        }
    }

    // ------------------------------------------------------------------------------ helpers

    /** The run's stop after {@code team} stopped with {@code teamStop} (null: it did not); a budget stop spends only the team. */
    private static Stop endTeam(String team, Stop teamStop, Set<String> spent, Stop runStop) {
        if (teamStop == Stop.BUDGET) {
            spent.add(team);
        }
        return runStop == Stop.DEADLINE || teamStop == null ? runStop : teamStop;
    }

    /** Whether nothing more runs: the deadline holds for every team. */
    private static boolean ended(Stop stop) {
        return stop == Stop.DEADLINE;
    }

    private List<String> teams(Instant deadline) {
        return teamScopes.teams(() -> listedTeams(deadline));
    }

    /** The default token's teams ({@code GET /team}), when {@code sync.reconcile.team-ids} is unset. */
    private List<String> listedTeams(Instant deadline) {
        stops.checkDeadlineAndBudget(deadline);
        try {
            return clickUp.teams().stream().map(Teams.Team::id).toList();
        } catch (BudgetExhaustedException e) {
            metrics.increment("ReconcileBudgetStop");
            throw new Stopped(Stop.BUDGET);
        } catch (RuntimeException e) {
            String reason = failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile could not list workspaces", "reason", reason,
                    "error", e.getMessage());
            throw new Stopped(Stop.ERROR);
        }
    }

    static String failureReason(RuntimeException e) {
        return ClickUpFailures.reason(e);
    }
}
