package dev.clickupsync.webhook.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How ingest reads the webhook registry (the control table, {@code sync.tables.control}) for the
 * secrets of webhooks the lifecycle created or re-created. Ingest needs read access
 * ({@code dynamodb:Query}) to that table; without it, the configured secrets keep working.
 */
@ConfigMapping(prefix = "sync.webhook-registry")
public interface WebhookRegistryConfig {

    /**
     * Accept the registry's secrets in ingest, besides {@code clickup.webhook.secret} and
     * {@code previous-secret}. Off: only the configured secrets are accepted and the table is not read.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long ingest reuses one read of the registry. Each secret's own expiry is still checked on
     * every delivery, and a delivery no known secret matches triggers a fresh read (at most every
     * second), so a re-created webhook's new secret works at once; this only bounds how long a removed
     * secret can linger.
     */
    @WithDefault("60s")
    Duration cacheFor();

    /**
     * Longest one registry read may take, retries included. ClickUp waits 7 s for our answer; when
     * the read fails, ingest carries on with the secrets it has.
     */
    @WithDefault("1s")
    Duration readTimeout();
}
