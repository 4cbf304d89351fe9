package dev.clickupsync.workspace;

import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.clickup.TeamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reconcile's route for a team: the client of the workspace whose {@code team-id} it is, so a
 * second workspace's team in {@code sync.reconcile.team-ids} is walked with its own token and budget
 * cell (ClickUp would refuse the default token there). A team no workspace names goes through the
 * default client, as it always did.
 *
 * <p>Reconcile's budget share ({@code reconcile.ReconcileBudget}) is still the default token's cell
 * for every team: conservative (another workspace's reconcile calls are capped by it too, while its
 * own token's budget, in its client, keeps ClickUp's limit), noted in {@code package-info.java}.
 */
@ApplicationScoped
public class WorkspaceTeamRoutes implements TeamRoutes {
    private final ClickUpClients clients;

    @Inject
    public WorkspaceTeamRoutes(ClickUpClients clients) {
        this.clients = clients;
    }

    @Override
    public ClickUpRoute.Scope route(String teamId) {
        return clients.workspaces().byTeamId(teamId).map(w -> clients.route(w.name())).orElseGet(() -> ClickUpRoute.to(null));
    }
}
