package dev.clickupsync.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.clickupsync.event.WebhookPayload;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One status change of a task, from a webhook history item with {@code field = "status"}:
 * {@code before}/{@code after} are status objects ({@code status}, {@code type}), {@code date} is a
 * string of Unix ms, {@code user} the actor.
 *
 * <p>{@code fromStatus} and {@code fromType} are null when the task had no status before (its
 * creation: ClickUp then sends {@code before} null, or a placeholder {@code {"status": null,
 * "type": "removed"}}, whose type is not kept). {@code byUserId} is null when ClickUp names no user.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Transition(String taskId, String historyId, String fromStatus, String fromType, String toStatus,
                         String toType, Instant at, Long byUserId) {

    static final String STATUS_FIELD = "status";

    /**
     * The transition a history item records, or empty unless the item is a status change with an id,
     * a parseable {@code date} and an {@code after} status.
     */
    public static Optional<Transition> from(String taskId, WebhookPayload.HistoryItem item) {
        if (item == null || taskId == null || taskId.isBlank() || !STATUS_FIELD.equals(item.field())
                || item.id() == null || item.id().isBlank()) {
            return Optional.empty();
        }
        Instant at = item.at();
        String toStatus = status(item.after());
        if (at == null || toStatus == null) {
            return Optional.empty();
        }
        String fromStatus = status(item.before());
        return Optional.of(new Transition(taskId, item.id(), fromStatus, fromStatus == null ? null : type(item.before()),
                toStatus, type(item.after()), at, item.userId()));
    }

    /** Every status transition in a task event's history items, in the payload's order. */
    public static List<Transition> fromPayload(WebhookPayload payload) {
        if (payload == null || payload.taskId() == null) {
            return List.of();
        }
        return payload.historyItems().stream().flatMap(i -> from(payload.taskId(), i).stream()).toList();
    }

    private static String status(JsonNode side) {
        JsonNode status = side == null ? null : side.get("status");
        return status == null || !status.isTextual() ? null : status.asText();
    }

    private static String type(JsonNode side) {
        JsonNode type = side == null ? null : side.get("type");
        return type == null || !type.isTextual() ? null : type.asText();
    }
}
