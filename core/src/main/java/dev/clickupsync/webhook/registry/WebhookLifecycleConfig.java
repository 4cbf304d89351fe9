package dev.clickupsync.webhook.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The webhook lifecycle ({@link WebhookLifecycle}): keep one workspace-wide ClickUp webhook
 * delivering to our endpoint, heal it when ClickUp reports it failing or suspended, and keep its
 * secrets in the webhook registry. Every workspace ({@code sync.workspaces.<name>.*}) gets its own webhook
 * with these settings, for its own {@code team-id} and through its own token ({@link WebhookLifecycles});
 * {@link #teamId()} is the {@code default} workspace's.
 */
@ConfigMapping(prefix = "sync.webhook-lifecycle")
public interface WebhookLifecycleConfig {

    /**
     * Run the lifecycle at all ({@code SYNC_WEBHOOK_LIFECYCLE_ENABLED}). Off by default, so nothing
     * creates webhooks by accident (tests, the local run, a function without a ClickUp token); on
     * AWS the reconcile function turns it on.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The public URL ClickUp delivers to ({@code SYNC_WEBHOOK_LIFECYCLE_ENDPOINT}), e.g. the SAM
     * template's webhook URL output ({@code https://<api>.execute-api.<region>.amazonaws.com/webhooks/clickup}).
     * Required when enabled; a webhook is "ours" when its endpoint is exactly this and it has no
     * space, folder, list or task location.
     */
    Optional<String> endpoint();

    /**
     * The workspace (team) id ({@code SYNC_WEBHOOK_LIFECYCLE_TEAM_ID}). Unset: the token's only
     * workspace ({@code GET /team}); with several workspaces it must be set. The drain also reads it
     * to list a space created by a {@code spaceCreated} event under its workspace at once (ClickUp's
     * space JSON does not name it); unset there, reconcile's hierarchy pass lists it.
     */
    Optional<String> teamId();

    /**
     * Events to subscribe to; {@code *} (the default) is every event. An explicit list is kept in
     * step: a webhook subscribed to other events is updated with {@code PUT /webhook/{id}}.
     */
    @WithDefault("*")
    List<String> events();

    /**
     * How long a replaced secret stays valid after the webhook is re-created (or ClickUp changes its
     * secret), so deliveries signed with it, and ingest instances that have not yet read the new
     * one, are not rejected.
     */
    @WithDefault("24h")
    Duration secretGrace();

    /**
     * How far back reconcile is asked to look after a gap (webhook missing, failing, suspended or
     * re-created) when the registry does not know when the webhook was last healthy.
     */
    @WithDefault("24h")
    Duration gapLookback();
}
