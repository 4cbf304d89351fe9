package dev.clickupsync.webhook;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                                    SignatureVerifier.SecretSource registrySecrets, Workspaces workspaces) {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.secret());
        config.previousSecret().filter(WebhookBeans::isSet).ifPresent(secrets::add);
        Map<String, List<String>> others = new LinkedHashMap<>();
        for (Workspace w : workspaces.all()) {
            if (w.isDefault()) {
                continue;
            }
            if (w.webhookSecrets().isEmpty()) {
                throw new IllegalStateException("workspace " + w.name() + " has no webhook secret: set sync.workspaces."
                        + w.name() + ".webhook-secret-parameter (or .webhook-secret)");
            }
            others.put(w.name(), w.webhookSecrets());
        }
        return new WebhookIngestor(new SignatureVerifier(secrets, registrySecrets, Workspace.DEFAULT, others), validator,
                EventFilter.from(config.filter()), queue, metrics, config.maxBodyBytes(), workspaces);
    }

    /**
     * SSM cannot store an empty string, so the deployment writes {@code -} for "no previous
     * secret". Treating it as a secret would let anyone sign with "-".
     */
    static boolean isSet(String secret) {
        return secret != null && !secret.isBlank() && !"-".equals(secret.trim());
    }
}
