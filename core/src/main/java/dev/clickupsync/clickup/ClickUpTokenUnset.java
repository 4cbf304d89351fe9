package dev.clickupsync.clickup;

/**
 * A workspace this function serves has no ClickUp token here, so nothing could be asked on its behalf: no
 * call was made. Reason {@link ClickUpFailures#NOT_CONFIGURED} everywhere (the drain parks the event in the
 * DLQ with it, to be redriven once the token is set; the admin API answers {@code 503}; the webhook
 * lifecycle fails that workspace's step). Only that workspace's work fails: the others' clients are built
 * as usual. The message names the key to set, never a value.
 */
public class ClickUpTokenUnset extends IllegalStateException {
    private final String workspace;

    public ClickUpTokenUnset(String workspace) {
        super("workspace " + workspace + " has no ClickUp token in this function: set sync.workspaces." + workspace
                + ".token-parameter (or .token)");
        this.workspace = workspace;
    }

    public String workspace() {
        return workspace;
    }
}
