package dev.clickupsync.clickup;

import java.util.Optional;

/**
 * Which workspace's ClickUp client the calls for one team go through: the workspace whose team it is
 * ({@code workspace.WorkspaceTeamRoutes}), so each workspace is walked with its own token and budget.
 * Reconcile opens a route around every step of a team (its passes, each scope's walk, its deletion
 * sweep); the calls below follow it as the drain's do ({@link ClickUpRoute}). Here, beside the route,
 * so that reconcile and the workspaces meet in {@code clickup} and depend on neither each other.
 */
public interface TeamRoutes {
    /** The default client for every team: a deployment of one workspace, and reconcilers built by hand. */
    TeamRoutes NONE = teamId -> ClickUpRoute.to(null);

    /** ClickUp calls on this thread go through {@code teamId}'s workspace until the scope closes. */
    ClickUpRoute.Scope route(String teamId);

    /**
     * The budget key ({@code budget.BudgetKey}, a hash, never the token) of the token {@code teamId}'s
     * workspace calls with, so reconcile counts its share on that token's own cell; empty: the default token.
     */
    default Optional<String> tokenKey(String teamId) {
        return Optional.empty();
    }
}
