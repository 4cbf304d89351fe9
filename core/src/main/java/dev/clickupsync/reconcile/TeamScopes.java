package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.WorkspaceTeams;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which teams a run reconciles and what each one's scope is. The default workspace keeps the global keys'
 * meaning: the teams of {@code sync.reconcile.team-ids} (unset: every team {@code GET /team} lists for the
 * default token), narrowed by {@code sync.reconcile.space-ids} / {@code list-ids}. Every further workspace's
 * team ({@link WorkspaceTeams}) is reconciled as well, listed there or not, and narrowed by its own
 * {@code reconcile-space-ids} / {@code reconcile-list-ids} only (the global keys name the default's spaces and
 * lists, which another workspace does not have).
 *
 * <p>Invariant: scopes of different workspaces never share a watermark. A watermark is keyed by team and
 * scope key ({@link Scope#key()}), and the registry refuses two workspaces with one team id, so a team
 * has one scope definition, and one workspace's scope key cannot name another's watermark.
 */
final class TeamScopes {
    private final ReconcileSettings settings;
    private volatile WorkspaceTeams workspaces = WorkspaceTeams.NONE;

    TeamScopes(ReconcileSettings settings) {
        this.settings = settings;
    }

    void workspaces(WorkspaceTeams workspaces) {
        this.workspaces = workspaces;
    }

    /**
     * The teams a run walks: the default's ({@code listed} is asked only when {@code sync.reconcile.team-ids}
     * is unset), then every further workspace's team not among them.
     */
    List<String> teams(Supplier<List<String>> listed) {
        LinkedHashSet<String> teams = new LinkedHashSet<>(settings.teamIds().isEmpty() ? listed.get() : settings.teamIds());
        workspaces.teams().forEach(t -> teams.add(t.teamId()));
        return List.copyOf(teams);
    }

    /** Whether a run walks {@code teamId} (for a backfill request); without team ids every team listed is. */
    boolean reconciled(String teamId) {
        return settings.teamIds().isEmpty() || settings.teamIds().contains(teamId) || own(teamId).isPresent();
    }

    List<String> spaceIds(String teamId) {
        return own(teamId).map(WorkspaceTeams.Team::spaceIds).orElse(settings.spaceIds());
    }

    List<String> listIds(String teamId) {
        return own(teamId).map(WorkspaceTeams.Team::listIds).orElse(settings.listIds());
    }

    /** The scopes a run walks for one team: live tasks, and archived ones when configured. */
    List<Scope> scopes(String teamId) {
        return settings.scopes(teamId, spaceIds(teamId), listIds(teamId));
    }

    /** The further workspace whose team this is, or empty (the default's, or a team no workspace names). */
    private Optional<WorkspaceTeams.Team> own(String teamId) {
        return workspaces.teams().stream().filter(t -> t.teamId().equals(teamId)).findFirst();
    }
}
