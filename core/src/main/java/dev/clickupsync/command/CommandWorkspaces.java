package dev.clickupsync.command;

import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.hierarchy.HierarchyObject;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Which workspace's token executes a command (issue #17), decided once, at submit, and queued with
 * the command, so the commands function never guesses:
 * <ol>
 *   <li>the command's {@code workspace}, which must name a workspace of this deployment (else
 *       {@link InvalidCommandException} on {@code workspace}: {@code 400});</li>
 *   <li>unset, with one workspace: {@code default} (no read);</li>
 *   <li>unset, with several: the workspace whose {@code team-id} the mirror records for the target, the
 *       task's snapshot ({@code task_id}: one {@code GetItem}) or else the list's space's hierarchy entry
 *       ({@code list_id}, as {@code create_task} has: two);</li>
 *   <li>else {@code default}: a task the mirror has not seen, or of a team no workspace names. A command
 *       for another workspace's task ClickUp does not know under the default token then fails there
 *       ({@code clickup_not_found}, {@code clickup_workspace_not_authorized}); naming the workspace avoids that.</li>
 * </ol>
 * A token is never lent: whatever is decided, only that workspace's client executes the command
 * ({@link CommandProcessor}).
 */
@ApplicationScoped
public class CommandWorkspaces {
    private final Workspaces workspaces;
    private final MirrorStore mirror;
    private final HierarchyStore hierarchy;

    @Inject
    public CommandWorkspaces(Workspaces workspaces, MirrorStore mirror, HierarchyStore hierarchy) {
        this.workspaces = workspaces;
        this.mirror = mirror;
        this.hierarchy = hierarchy;
    }

    /**
     * The command with its workspace named (a validated command in, see {@link CommandValidator}).
     *
     * @throws InvalidCommandException when it names a workspace this deployment does not have
     */
    public Command assign(Command command) {
        if (command.workspace() != null) {
            return CommandValidator.knownWorkspace(command, workspaces.names());
        }
        if (workspaces.single()) {
            return command.inWorkspace(Workspace.DEFAULT);
        }
        return command.inWorkspace(teamOf(command).flatMap(workspaces::byTeamId)
                .orElse(workspaces.defaultWorkspace()).name());
    }

    /** The team the mirror records for the command's task, else for its list. */
    private Optional<String> teamOf(Command command) {
        if (command.taskId() != null) {
            Optional<String> team = mirror.find(command.taskId()).map(TaskSnapshot::teamId);
            if (team.isPresent()) {
                return team;
            }
        }
        if (command.listId() == null) {
            return Optional.empty();
        }
        // A list's JSON names its space; the space's entry holds the team (a space's JSON does not name it).
        return hierarchy.find(HierarchyKind.LIST, command.listId()).map(HierarchyObject::json)
                .map(json -> json.path("space").path("id").asText(null))
                .flatMap(space -> hierarchy.find(HierarchyKind.SPACE, space)).map(HierarchyObject::teamId);
    }

    /** The registry, for the executing side. */
    public Workspaces workspaces() {
        return workspaces;
    }
}
