package dev.clickupsync.drain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Objects;

/**
 * The parts of a ClickUp webhook body the drain acts on. Ingest has already validated the body
 * against the schema; unknown fields are ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookPayload(String event, String webhookId, String taskId, String listId,
                             List<HistoryItem> historyItems) {

    public WebhookPayload {
        historyItems = historyItems == null ? List.of() : historyItems.stream().filter(Objects::nonNull).toList();
    }

    /** One change record; {@code date} is a string of Unix milliseconds. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryItem(String id, String date, String field) {
    }

    public List<String> historyItemIds() {
        return historyItems.stream().map(HistoryItem::id).filter(Objects::nonNull).toList();
    }

    public boolean isTaskEvent() {
        return taskId != null && !taskId.isBlank() && event != null && event.startsWith("task");
    }
}
