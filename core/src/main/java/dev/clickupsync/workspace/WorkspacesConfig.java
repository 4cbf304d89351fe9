package dev.clickupsync.workspace;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Further ClickUp workspaces served by this deployment, one entry each under
 * {@code sync.workspaces.<name>.*}: adding a workspace is one config entry (docs/deploy.md).
 *
 * <p>The single-workspace keys ({@code clickup.api.token}, {@code clickup.webhook.secret},
 * {@code sync.webhook-lifecycle.team-id}, {@code sync.reconcile.*}) keep their meaning: they are the
 * workspace named {@code default}, which always exists, so a deployment with no entry here behaves
 * exactly as before. A name is lower-case letters and digits ({@code [a-z][a-z0-9]*}, at most 32), so
 * that its environment form is unambiguous ({@code SYNC_WORKSPACES_ACME_TEAM_ID}); {@code default} is
 * taken. Secrets never appear in logs or errors; each may come from an SSM SecureString named by
 * {@code <key>-parameter}, as the single-workspace secrets do ({@code infra.secrets.SecretParameters}).
 *
 * <p>Each application validates what it uses: the worker needs every workspace's token, ingest
 * every workspace's webhook secret; both need the team id.
 */
@Unremovable
@ConfigMapping(prefix = "sync.workspaces")
public interface WorkspacesConfig {

    /** The workspaces by name. */
    @WithParentName
    Map<String, Entry> named();

    interface Entry {
        /** The ClickUp workspace (team) id ({@code SYNC_WORKSPACES_<NAME>_TEAM_ID}). */
        String teamId();

        /**
         * This workspace's API token ({@code pk_...} or OAuth; {@code SYNC_WORKSPACES_<NAME>_TOKEN}). It has
         * its own rate budget (ClickUp limits per token) and its own circuit breaker. Required by the worker.
         */
        Optional<String> token();

        /** The SSM SecureString parameter holding {@link #token()} ({@code SYNC_WORKSPACES_<NAME>_TOKEN_PARAMETER}). */
        Optional<String> tokenParameter();

        /**
         * The secret ClickUp signs this workspace's webhook with ({@code SYNC_WORKSPACES_<NAME>_WEBHOOK_SECRET}).
         * Required by ingest.
         */
        Optional<String> webhookSecret();

        /** The SSM SecureString parameter holding {@link #webhookSecret()}. */
        Optional<String> webhookSecretParameter();

        /**
         * The webhook's id, when known (ClickUp returns it when the webhook is created). With it, a
         * delivery naming this webhook must be signed with this workspace's secret, and the drain routes
         * its events here even without ingest's {@code workspace} attribute.
         */
        Optional<String> webhookId();

        /**
         * ClickUp's API base URL for this workspace; unset: {@code clickup.api.url}. (For a second fake
         * ClickUp in tests and the local run; every real workspace is at api.clickup.com.)
         */
        Optional<String> apiUrl();

        /**
         * Spaces reconcile walks in this workspace, as {@code sync.reconcile.space-ids} does for the default one
         * (which it does not inherit); unset: the whole workspace. Its team is reconciled whether or not
         * {@code sync.reconcile.team-ids} lists it.
         */
        Optional<List<String>> reconcileSpaceIds();

        /** Lists reconcile walks (and the deletion sweep checks) in this workspace, as {@code sync.reconcile.list-ids}; unset: the whole workspace. */
        Optional<List<String>> reconcileListIds();

        /** The digest's scopes in this workspace, as {@code sync.digest.scopes} spells them. */
        Optional<List<String>> digestScopes();
    }
}
