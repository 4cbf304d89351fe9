package dev.clickupsync.workspace;

import dev.clickupsync.clickup.WorkspaceTeams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Every further workspace's team with its own reconcile scope ({@code reconcile-space-ids},
 * {@code reconcile-list-ids}), for reconcile ({@link WorkspaceTeams}). Reads only the registry, never a
 * token, so an application that holds no further workspace's token (ingest) can still build it.
 */
@ApplicationScoped
public class WorkspaceReconcileTeams implements WorkspaceTeams {
    private final List<Team> teams;

    @Inject
    public WorkspaceReconcileTeams(Workspaces workspaces) {
        this.teams = workspaces.all().stream()
                .filter(w -> !w.isDefault() && w.teamId().isPresent())
                .map(w -> new Team(w.name(), w.teamId().get(), w.reconcileSpaceIds(), w.reconcileListIds()))
                .toList();
    }

    @Override
    public List<Team> teams() {
        return teams;
    }
}
