package dev.clickupsync.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.util.Set;

/**
 * How ingest authenticates, bounds and filters ClickUp's webhook deliveries.
 *
 * <p>The secrets never appear in logs, metrics, exceptions or error bodies.
 */
@ConfigMapping(prefix = "clickup.webhook")
public interface WebhookConfig {

    /**
     * The webhook's signing secret ({@code CLICKUP_WEBHOOK_SECRET}): ClickUp returns it when the
     * webhook is created. {@code X-Signature} must be the hex HMAC-SHA256 of the raw body under it.
     */
    String secret();

    /**
     * The secret before the last rotation ({@code CLICKUP_WEBHOOK_PREVIOUS_SECRET}). While set,
     * deliveries signed with either secret are accepted, so rotating never rejects a delivery in flight.
     * Unset, blank or {@code -} (what the deployment stores in SSM for "none") means no previous secret.
     */
    Optional<String> previousSecret();

    /**
     * Largest body accepted, in bytes; larger deliveries get {@code 413}. ClickUp's payloads are a
     * few KiB; the default leaves room while bounding memory per request.
     */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Which events are worth queueing. Everything else is acknowledged with 2xx and counted. */
    Filter filter();

    interface Filter {
        /**
         * Event names to keep (e.g. {@code taskCreated,taskUpdated}). Unset keeps every event the
         * schema knows.
         */
        Optional<Set<String>> events();

        /**
         * List ids to keep. Applies when a payload names its list ({@code list_id}, or the
         * {@code parent_id} of its history items); payloads that name no list pass.
         */
        Optional<Set<String>> listIds();

        /** Space ids to keep; applies when a payload names its space ({@code space_id}). */
        Optional<Set<String>> spaceIds();
    }
}
