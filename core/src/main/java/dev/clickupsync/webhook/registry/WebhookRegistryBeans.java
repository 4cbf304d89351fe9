package dev.clickupsync.webhook.registry;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Wires the registry, ingest's view of its secrets and the lifecycle from configuration; the
 * classes themselves stay plain Java. Nothing here touches DynamoDB or ClickUp at start-up.
 */
@ApplicationScoped
public class WebhookRegistryBeans {

    @Produces
    @Singleton
    WebhookRegistry webhookRegistry(DynamoDbClient dynamo, SyncConfig sync) {
        return new WebhookRegistry(dynamo, sync.tables().control(), Clock.systemUTC());
    }

    /** Also a {@code SignatureVerifier.SecretSource}: ingest's signature check asks it for extra secrets. */
    @Produces
    @Singleton
    RegistrySecrets registrySecrets(WebhookRegistry registry, WebhookRegistryConfig config, Metrics metrics) {
        return new RegistrySecrets(registry, metrics, Clock.systemUTC(), config.cacheFor(), config.readTimeout(),
                config.enabled());
    }

    @Produces
    @Singleton
    WebhookLifecycle webhookLifecycle(ClickUpClient clickUp, WebhookRegistry registry, Metrics metrics,
                                      WebhookLifecycleConfig config) {
        return new WebhookLifecycle(clickUp, registry, metrics, WebhookLifecycle.Settings.from(config), Clock.systemUTC());
    }

    /** Every workspace's lifecycle; {@code clients} is a proxy, so no workspace client is built here. */
    @Produces
    @Singleton
    WebhookLifecycles webhookLifecycles(WebhookLifecycle defaultLifecycle, Workspaces workspaces, ClickUpClients clients,
                                        WebhookRegistry registry, Metrics metrics) {
        return WebhookLifecycles.of(defaultLifecycle, workspaces, clients, registry, metrics, Clock.systemUTC());
    }
}
