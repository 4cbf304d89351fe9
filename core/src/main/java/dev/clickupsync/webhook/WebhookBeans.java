package dev.clickupsync.webhook;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Wires the ingest path from {@link WebhookConfig}; the classes themselves stay plain Java. Besides the
 * configured secrets, signatures are checked against the webhook registry's
 * ({@code dev.clickupsync.webhook.registry.RegistrySecrets}, the {@link SignatureVerifier.SecretSource}).
 */
@ApplicationScoped
public class WebhookBeans {

    @Produces
    @Singleton
    PayloadValidator payloadValidator() {
        return new PayloadValidator();
    }

    @Produces
    @Singleton
    WebhookIngestor webhookIngestor(WebhookConfig config, PayloadValidator validator, EventQueue queue, Metrics metrics,
                                    SignatureVerifier.SecretSource registrySecrets) {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.secret());
        config.previousSecret().filter(WebhookBeans::isSet).ifPresent(secrets::add);
        return new WebhookIngestor(new SignatureVerifier(secrets, registrySecrets), validator,
                EventFilter.from(config.filter()), queue, metrics, config.maxBodyBytes());
    }

    /**
     * SSM cannot store an empty string, so the deployment writes {@code -} for "no previous
     * secret". Treating it as a secret would let anyone sign with "-".
     */
    static boolean isSet(String secret) {
        return secret != null && !secret.isBlank() && !"-".equals(secret.trim());
    }
}
