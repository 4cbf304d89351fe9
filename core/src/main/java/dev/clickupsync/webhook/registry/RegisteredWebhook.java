package dev.clickupsync.webhook.registry;

import dev.clickupsync.workspace.Workspace;

import java.time.Instant;
import java.util.Optional;

/**
 * One webhook as the registry knows it (one item of the control table, see {@link WebhookRegistry}).
 *
 * @param webhookId          ClickUp's webhook id (the {@code webhook_id} of every delivery)
 * @param teamId             the workspace it belongs to, or null when unknown
 * @param endpoint           where ClickUp delivers
 * @param secret             the signing secret ClickUp returned for it; null if never seen
 * @param status             ClickUp's health ({@code active}, {@code failing}, {@code suspended},
 *                           {@code inactive}) as last observed, or {@link #RETIRED}
 * @param failCount          ClickUp's {@code fail_count} as last observed
 * @param lastHealthyAt      the last time it was seen {@code active} with no failures; null if never
 * @param lastReactivatedAt  the last time the lifecycle re-activated it, or created it to replace a
 *                           suspended one it could not re-activate; null if never
 * @param createdAt          when the registry first saw it
 * @param updatedAt          the last write
 * @param validUntil         for a retired webhook, when its secret stops being accepted; else null
 * @param previousSecret     the secret before ClickUp changed it, accepted until {@code previousValidUntil}
 * @param previousValidUntil see {@code previousSecret}
 * @param version            optimistic-locking counter; every write adds one
 * @param workspace          the {@code sync.workspaces} name of the workspace whose lifecycle keeps it
 *                           ({@code default} for a record written before records named one)
 *
 * <p>{@link #toString()} never prints either secret.
 */
public record RegisteredWebhook(String webhookId, String teamId, String endpoint, String secret, String status,
                                int failCount, Instant lastHealthyAt, Instant lastReactivatedAt, Instant createdAt,
                                Instant updatedAt,
                                Instant validUntil, String previousSecret, Instant previousValidUntil, long version,
                                String workspace) {

    public RegisteredWebhook {
        workspace = workspaceOrDefault(workspace);
    }

    /** A record or grant that names no workspace is the single-workspace deployment's, {@code default}. */
    static String workspaceOrDefault(String workspace) {
        return workspace == null || workspace.isBlank() ? Workspace.DEFAULT : workspace;
    }

    /** Replaced or deleted: its secret is accepted until {@link #validUntil()}, then forgotten. */
    public static final String RETIRED = "retired";

    public boolean retired() {
        return RETIRED.equals(status);
    }

    public Optional<Instant> lastHealthy() {
        return Optional.ofNullable(lastHealthyAt);
    }

    /** Whether its current secret may sign deliveries at {@code now}. */
    public boolean secretValidAt(Instant now) {
        return secret != null && (!retired() || (validUntil != null && validUntil.isAfter(now)));
    }

    /** Whether its previous secret may sign deliveries at {@code now}. */
    public boolean previousSecretValidAt(Instant now) {
        return previousSecret != null && previousValidUntil != null && previousValidUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "RegisteredWebhook[id=" + webhookId + ", workspace=" + workspace + ", team=" + teamId + ", endpoint=" + endpoint
                + ", status=" + status + ", failCount=" + failCount + ", lastHealthyAt=" + lastHealthyAt
                + ", validUntil=" + validUntil + ", secret=" + (secret == null ? "none" : "<redacted>")
                + ", previousSecret=" + (previousSecret == null ? "none" : "<redacted until " + previousValidUntil + ">")
                + ", version=" + version + "]";
    }
}
