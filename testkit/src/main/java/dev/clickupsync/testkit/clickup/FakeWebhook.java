package dev.clickupsync.testkit.clickup;

import java.util.Objects;
import java.util.Set;

/**
 * A webhook registered on the workspace: its id goes into every payload's {@code webhook_id}, its
 * secret keys the {@code X-Signature} HMAC, and {@code events} ({@code "*"} for all) filters deliveries.
 */
public record FakeWebhook(String id, String secret, Set<String> events) {

    public FakeWebhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        events = Set.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs at least one event (or \"*\")");
        }
    }

    public static FakeWebhook allEvents(String id, String secret) {
        return new FakeWebhook(id, secret, Set.of("*"));
    }

    public boolean accepts(String event) {
        return events.contains("*") || events.contains(event);
    }
}
