package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.mirror.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code smart} policy for {@code custom_field} history items: applies a change to a field the
 * snapshot already carries when its value shape is known. Webhooks and {@code GET /task} shape some
 * values differently (a drop-down is an option id in one, the option's orderindex in the other), so
 * drop-down option ids are translated through the field's definition from the {@code FieldCache}
 * (which rediscovers the list once when it does not know the field). Like {@link SnapshotDeltas}:
 * strictly newer, {@code before} must match, and anything unknown (a type whose shapes differ, an
 * option the definition lacks, a field renamed since the snapshot, a snapshot without its full JSON)
 * means "fetch instead". The full JSON gets the value in the task shape, with {@code value_richtext}
 * as ClickUp shows it ({@link FullJsonPatch#setCustomField}); the field's definition there
 * ({@code type_config}...) is not touched by a value change.
 */
public final class CustomFieldDeltas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomFieldDeltas() {
    }

    public static Optional<TaskSnapshot> apply(TaskSnapshot s, WebhookPayload.HistoryItem item,
                                               Function<String, Optional<CustomField>> definitions) {
        Instant at = item.at();
        String fieldId = item.customField() == null ? null : item.customField().path("id").asText(null);
        if (s == null || s.deleted() || s.json() == null || at == null || fieldId == null
                || !at.isAfter(s.dateUpdated())) {
            return Optional.empty();
        }
        List<TaskSnapshot.FieldValue> values = new ArrayList<>(s.customFields());
        for (int i = 0; i < values.size(); i++) {
            TaskSnapshot.FieldValue current = values.get(i);
            if (!fieldId.equals(current.id())) {
                continue;
            }
            String nameNow = item.customField().path("name").asText(null);
            if (nameNow != null && !nameNow.equals(current.name())) {
                return Optional.empty(); // renamed since the snapshot: fetch the truth
            }
            Optional<JsonNode> before = taskShape(current.type(), fieldId, item.before(), definitions);
            Optional<JsonNode> after = taskShape(current.type(), fieldId, item.after(), definitions);
            if (before.isEmpty() || after.isEmpty() || !Objects.equals(normal(current.value()), normal(before.get()))) {
                return Optional.empty();
            }
            JsonNode value = after.get().isNull() ? null : after.get();
            FullJsonPatch json = new FullJsonPatch(s.json());
            if (!json.setCustomField(fieldId, value)) {
                return Optional.empty(); // the full JSON does not list the field: fetch the truth
            }
            values.set(i, new TaskSnapshot.FieldValue(current.id(), current.name(), current.type(), value));
            return Optional.of(s.withCustomFields(values, at, json.done(at)));
        }
        return Optional.empty();
    }

    /** A webhook value in the shape {@code GET /task} uses, for the types whose shapes are known. */
    private static Optional<JsonNode> taskShape(String type, String fieldId, JsonNode value,
                                                Function<String, Optional<CustomField>> definitions) {
        if (value == null || value.isNull()) {
            return Optional.of(NODES.nullNode());
        }
        switch (String.valueOf(type)) {
            case "short_text", "text", "number":
                return value.isTextual() ? Optional.of(value) : Optional.empty();
            case "drop_down":
                if (!value.isTextual()) {
                    return Optional.empty();
                }
                return definitions.apply(fieldId).flatMap(def -> orderIndexOf(def, value.asText()));
            default:
                return Optional.empty();
        }
    }

    private static Optional<JsonNode> orderIndexOf(CustomField definition, String optionId) {
        JsonNode options = definition.typeConfig() == null ? null : definition.typeConfig().path("options");
        if (options != null) {
            for (JsonNode option : options) {
                if (optionId.equals(option.path("id").asText()) && option.has("orderindex")) {
                    return Optional.of(NODES.numberNode(option.path("orderindex").asInt()));
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode normal(JsonNode node) {
        return node == null || node.isMissingNode() ? NODES.nullNode() : node;
    }
}
