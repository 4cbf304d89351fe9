package dev.clickupsync.clickup;

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
}
