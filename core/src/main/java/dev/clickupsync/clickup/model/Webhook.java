package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A webhook subscription as ClickUp reports it. {@code secret} signs its deliveries:
 * {@link #toString()} never prints it.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Webhook(String id, String userid, String teamId, String endpoint, List<String> events,
                      String taskId, String listId, String folderId, String spaceId, Health health, String secret) {

    /** {@code active}, {@code failing} (with a fail count) or {@code suspended}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Health(String status, Integer failCount) {
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", endpoint=" + endpoint + ", events=" + events
                + ", health=" + health + ", secret=" + (secret == null ? "none" : "<redacted>") + "]";
    }

    /** {@code GET /team/{id}/webhook}'s answer. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<Webhook> webhooks) {
        public Page {
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        }
    }

    /** {@code POST /team/{id}/webhook} and {@code PUT /webhook/{id}}'s answer. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Created(String id, Webhook webhook) {
    }

    /** The body of {@code POST /team/{id}/webhook} and {@code PUT /webhook/{id}}; nulls are left out. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(String endpoint, List<String> events, String spaceId, String folderId, String listId,
                          String taskId, String status) {
    }
}
