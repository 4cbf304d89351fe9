package dev.clickupsync.workspace;

import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.clickup.TeamRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Reconcile's route for a team: the client of the workspace whose {@code team-id} it is, so a
 * second workspace's team in {@code sync.reconcile.team-ids} is walked with its own token and budget
 * cell (ClickUp would refuse the default token there). A team no workspace names goes through the
 * default client, as it always did.
 *
 * <p>Reconcile's budget share ({@code reconcile.ReconcileBudget}) is counted on the cell of the same
 * token ({@link #tokenKey}), so a spent share in one workspace does not stop another's reconcile.
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

    @Override
    public Optional<String> tokenKey(String teamId) {
        // The default workspace counts on the default cell, which the reconciler already holds.
        return clients.workspaces().byTeamId(teamId).filter(w -> !Workspace.DEFAULT.equals(w.name()))
                .flatMap(Workspace::token).map(BudgetKey::of);
    }
}
