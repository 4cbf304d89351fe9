package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.clickup.TeamRoutes;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.history.TransitionRestore;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.reconcile.ReconcileReport.Stop;
import dev.clickupsync.reconcile.StopPolicy.Stopped;
import dev.clickupsync.timesync.TimeWalk;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The per-workspace passes around a run's task walks, and the route every step of a workspace takes:
 * before the walks, the hierarchy pass ({@link HierarchyPass}, when due: cheap, and it names what the
 * walks then find) and the time-entry walk ({@link TimeWalk}); after them, the transition restore
 * ({@link TransitionRestore}) and, last, the comment repair ({@link CommentRepair}), which ask about the
 * tasks the walks noted ({@link PageNotes}). Each runs under the run's
 * deadline and budget share through the team's own workspace client ({@link TeamRoutes}). A pass that
 * is not wired (null) is skipped; a deadline or budget stop ends the run like a walk's (the comment
 * repair's ends only that repair: {@link Reconciler} runs it last); any other
 * failure is counted and logged like the walk's ({@code ReconcileError{Reason}}) and the run goes on.
 */
final class TeamPasses {
    private static final Logger LOG = Logger.getLogger(TeamPasses.class);

    private final HierarchyPass hierarchy;
    private final TimeWalk timeWalk;
    private final TransitionRestore restore;
    private final Metrics metrics;
    private volatile TeamRoutes routes = TeamRoutes.NONE;
    private volatile CommentRepair comments;

    private final ReconcileBudgets budgets;

    TeamPasses(HierarchyPass hierarchy, TimeWalk timeWalk, TransitionRestore restore, Metrics metrics,
               ReconcileBudgets budgets) {
        this.budgets = budgets;
        this.hierarchy = hierarchy;
        this.timeWalk = timeWalk;
        this.restore = restore;
        this.metrics = metrics;
    }

    void routes(TeamRoutes routes) {
        this.routes = routes;
    }

    /**
     * The route of every ClickUp call made for {@code team} until the scope closes, and the budget share
     * they count on: the cell of the same token ({@link ReconcileBudgets}).
     */
    TeamScope route(String team) {
        ReconcileBudgets.Selection cell = budgets.select(team, routes);
        return new TeamScope(routes.route(team), cell);
    }

    /** A team's route and budget cell, closed together (the route first, as it was opened last). */
    record TeamScope(ClickUpRoute.Scope route, ReconcileBudgets.Selection cell) implements AutoCloseable {
        @Override
        public void close() {
            try {
                route.close();
            } finally {
                cell.close();
            }
        }
    }

    void comments(CommentRepair comments) {
        this.comments = comments;
    }

    /** The comment repair, for the change walk's notes; null when not wired. */
    CommentRepair comments() {
        return comments;
    }

    /** The restore's record of tasks to ask about, for the change walk; null when there is no restore. */
    dev.clickupsync.history.RestoreCandidates candidates() {
        return restore == null ? null : restore.candidates();
    }

    /** The passes before the walks; the stop that ends the run, or null. */
    Stop before(String team, StopPolicy stops, Instant deadline) {
        Stop stop = pass("hierarchy", team, hierarchy == null ? null
                : () -> hierarchy.runIfDue(team, () -> stops.checkDeadlineAndBudget(deadline), () -> stops.checkDeadline(deadline)));
        return stop != null ? stop : pass("time walk", team, timeWalk == null ? null
                : () -> timeWalk.run(team, () -> stops.checkDeadlineAndBudget(deadline)));
    }

    /** The transition restore after the walks; the stop that ends the run, or null. */
    Stop restore(String team, StopPolicy stops, Instant deadline) {
        return pass("restore", team, restore == null ? null
                : () -> restore.run(team, () -> stops.checkDeadlineAndBudget(deadline)));
    }

    /**
     * The comment repair, the run's last step, until {@code sliceEnd} (its share of the time left, see
     * {@link StopPolicy#slice}); its stop, or null. What a stop leaves stays pending for the next run.
     */
    Stop comments(String team, StopPolicy stops, Instant deadline, Instant sliceEnd) {
        CommentRepair repair = comments;
        return pass("comment", team, repair == null ? null : () -> repair.run(team, () -> {
            stops.checkSlice(sliceEnd);
            stops.checkDeadlineAndBudget(deadline);
        }));
    }

    private Stop pass(String name, String team, Runnable pass) {
        if (pass == null) {
            return null;
        }
        try (TeamScope route = route(team)) {
            pass.run();
            return null;
        } catch (Stopped stopped) {
            return stopped.stop;
        } catch (BudgetExhaustedException spent) {
            metrics.increment("ReconcileBudgetStop");
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile " + name + " pass stopped", "team", team, "reason",
                    ClickUpFailures.BUDGET, "retry_after_ms", spent.retryAfter().toMillis());
            return Stop.BUDGET;
        } catch (RuntimeException e) {
            String reason = ClickUpFailures.reason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile " + name + " pass failed", "team", team,
                    "reason", reason, "error", e.getClass().getSimpleName());
            return null;
        }
    }
}
