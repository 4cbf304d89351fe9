package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.clickupsync.mirror.TaskSnapshot;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code color} and {@code orderindex} of a task's statuses by name, for time in status: from
 * the task's list as the mirror keeps it ({@code hierarchy}: the list's {@code statuses} as
 * {@code GET /list/{id}} returned them) and, for the current status, from the task's own JSON (what
 * {@code GET /task} returned, exact even when the list is not mirrored yet). A status found in
 * neither (a list the mirror has not fetched, or a status since removed from it) is {@code null}.
 * Names match case-insensitively, as ClickUp's statuses are.
 */
final class StatusLooks {
    private final Map<String, JsonNode> byName = new HashMap<>();

    private StatusLooks() {
    }

    /** Nothing known: every color and orderindex is null. */
    static StatusLooks none() {
        return new StatusLooks();
    }

    /** @param listStatuses the list's stored {@code statuses} ({@link ListStatuses}), or null when the mirror has none */
    static StatusLooks of(JsonNode listStatuses, TaskSnapshot task) {
        StatusLooks looks = new StatusLooks();
        if (listStatuses != null) {
            listStatuses.forEach(looks::add);
        }
        if (task.json() != null) {
            looks.add(task.json().path("status")); // the current status, as GET /task showed it
        }
        return looks;
    }

    private void add(JsonNode status) {
        JsonNode name = status.path("status");
        if (name.isTextual()) {
            byName.put(name.asText().toLowerCase(Locale.ROOT), status);
        }
    }

    JsonNode color(String status) {
        return field(status, "color");
    }

    JsonNode orderindex(String status) {
        return field(status, "orderindex");
    }

    private JsonNode field(String status, String field) {
        JsonNode found = status == null ? null : byName.get(status.toLowerCase(Locale.ROOT));
        JsonNode value = found == null ? null : found.get(field);
        return value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }
}
