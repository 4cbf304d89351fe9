package dev.clickupsync.clickup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds {@code Authorization}: personal tokens ({@code pk_...}) go as they are, OAuth tokens as
 * {@code Bearer ...}, which is what ClickUp expects of each.
 */
@ApplicationScoped
public class ClickUpAuthHeaders implements ClientHeadersFactory {

    @Inject
    ClickUpConfig config;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle("Authorization", authorization(config.token()));
        return headers;
    }

    /**
     * The same header for a fixed token: another workspace's client ({@code workspace.ClickUpClients}),
     * built programmatically, where this bean's injected configuration names the default token.
     */
    public static ClientHeadersFactory forToken(String token) {
        String header = authorization(token);
        return (incoming, outgoing) -> {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            headers.putSingle("Authorization", header);
            return headers;
        };
    }

    static String authorization(String token) {
        String trimmed = token.trim();
        if (trimmed.startsWith("pk_") || trimmed.startsWith("Bearer ")) {
            return trimmed;
        }
        return "Bearer " + trimmed;
    }
}
