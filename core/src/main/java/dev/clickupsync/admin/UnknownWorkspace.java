package dev.clickupsync.admin;

/**
 * An admin request naming a workspace this deployment does not serve, or one that does not own the task
 * named: {@code 400} with reason {@code unknown_workspace} (the drain's reason for an event no workspace
 * owns). Its message names the workspace (a validated name, never a secret) and the known ones.
 */
public final class UnknownWorkspace extends IllegalArgumentException {
    public UnknownWorkspace(String message) {
        super(message);
    }

    /** No workspace has this name: the message names it and the known ones. */
    public static UnknownWorkspace named(String name, dev.clickupsync.workspace.Workspaces workspaces) {
        return new UnknownWorkspace("No workspace '" + name + "' (known: " + String.join(", ", workspaces.names()) + ").");
    }
}
