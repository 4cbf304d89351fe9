package dev.clickupsync.clickup;

import java.util.List;

/**
 * The teams of the workspaces beyond the default one, each with the scope reconcile walks there
 * ({@code sync.workspaces.<name>.reconcile-space-ids} / {@code reconcile-list-ids}): reconcile walks every
 * one of them, whether or not {@code sync.reconcile.team-ids} repeats it, while the global
 * {@code sync.reconcile.*} keys keep describing the default workspace. Implemented by
 * {@code workspace.WorkspaceReconcileTeams}; here, beside {@link TeamRoutes}, for the same reason:
 * reconcile and the workspaces meet in {@code clickup} and depend on neither each other.
 */
public interface WorkspaceTeams {
    /** No further workspace: a deployment of one workspace, and reconcilers built by hand. */
    WorkspaceTeams NONE = List::of;

    /** The further workspaces' teams, in the registry's order (by name). */
    List<Team> teams();

    /**
     * One further workspace's team and its reconcile scope.
     *
     * @param spaceIds the spaces its walk is narrowed to; empty: the whole workspace
     * @param listIds  the lists its walk (and deletion sweep) is narrowed to; empty: the whole workspace
     */
    record Team(String workspace, String teamId, List<String> spaceIds, List<String> listIds) {
        public Team {
            spaceIds = List.copyOf(spaceIds);
            listIds = List.copyOf(listIds);
        }
    }
}
