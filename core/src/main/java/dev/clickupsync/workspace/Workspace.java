package dev.clickupsync.workspace;

import java.util.List;
import java.util.Optional;

/**
 * One ClickUp workspace this deployment serves: its name (a metric dimension and the SQS attribute
 * {@code workspace}), team id, token, webhook secrets, and scopes. {@link #toString()} names no secret.
 *
 * @param token          the API token, or empty where this application does not call ClickUp (ingest)
 * @param webhookSecrets the secrets that may sign its deliveries (current first), or none where this
 *                       application does not verify deliveries (the worker)
 * @param apiUrl         ClickUp's base URL for it, or empty for {@code clickup.api.url}
 */
public record Workspace(String name, Optional<String> teamId, Optional<String> token, List<String> webhookSecrets,
                        Optional<String> webhookId, Optional<String> apiUrl, List<String> reconcileSpaceIds,
                        List<String> reconcileListIds, List<String> digestScopes) {

    /** The name of the workspace the single-workspace keys describe. */
    public static final String DEFAULT = "default";

    public Workspace {
        webhookSecrets = List.copyOf(webhookSecrets);
        reconcileSpaceIds = List.copyOf(reconcileSpaceIds);
        reconcileListIds = List.copyOf(reconcileListIds);
        digestScopes = List.copyOf(digestScopes);
    }

    public boolean isDefault() {
        return DEFAULT.equals(name);
    }

    @Override
    public String toString() {
        return "Workspace[" + name + ", team " + teamId.orElse("?") + ", webhook " + webhookId.orElse("?") + "]";
    }
}
