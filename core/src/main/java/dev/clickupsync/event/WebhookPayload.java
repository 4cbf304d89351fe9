package dev.clickupsync.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The parts of a ClickUp webhook body the drain acts on. Ingest has already validated the body
 * against the schema; unknown fields are ignored. A package of its own because both the drain
 * (which reads events) and the mirror (which records their status transitions) parse it, and the
 * drain writes the mirror: living in either would make the two depend on each other. Goal and
 * key-result events name {@code goal_id} (and {@code key_result_id}) instead of a task.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookPayload(String event, String webhookId, String taskId, String listId, String folderId,
                             String spaceId, List<HistoryItem> historyItems, String goalId, String keyResultId) {

    public WebhookPayload {
        historyItems = historyItems == null ? List.of() : historyItems.stream().filter(Objects::nonNull).toList();
    }

    /**
     * One change record; {@code date} is a string of Unix milliseconds. {@code before} and
     * {@code after} change shape with {@code field}; {@code customField} is the field's definition
     * on {@code custom_field} changes; {@code comment} the whole comment on {@code comment} items
     * (taskCommentPosted/Updated; {@code comment/CommentPayloads} reads it).
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record HistoryItem(String id, String date, String field, String parentId, JsonNode user, JsonNode data,
                              JsonNode before, JsonNode after, JsonNode customField,
                              JsonNode comment) {

        /** {@code date} as an instant, or null when absent or not a number. */
        public Instant at() {
            try {
                return date == null ? null : Instant.ofEpochMilli(Long.parseLong(date.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** The acting user's id, or null. */
        public Long userId() {
            return user == null || !user.path("id").canConvertToLong() ? null : user.path("id").asLong();
        }
    }

    public List<String> historyItemIds() {
        return historyItems.stream().map(HistoryItem::id).filter(Objects::nonNull).toList();
    }

    public boolean isTaskEvent() {
        return taskId != null && !taskId.isBlank() && event != null && event.startsWith("task");
    }
}
