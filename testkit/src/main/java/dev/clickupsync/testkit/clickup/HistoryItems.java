package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;

/**
 * Builds webhook history items in the shape of ClickUp's examples: {@code id} (numeric string),
 * {@code type} 1, {@code date} (string of ms), {@code field}, {@code parent_id} (the task's list),
 * {@code data}, {@code source} (null: a change made in the UI), {@code user}, then before/after.
 */
final class HistoryItems {

    private HistoryItems() {
    }

    static ObjectNode item(WorkspaceModel model, long date, String field, String parentId, ObjectNode data,
            JsonNode before, JsonNode after, boolean withBefore, boolean withAfter) {
        ObjectNode item = ClickUpJson.object();
        item.put("id", model.nextHistoryId());
        item.put("type", 1);
        item.put("date", Long.toString(date));
        item.put("field", field);
        item.put("parent_id", parentId);
        item.set("data", data == null ? ClickUpJson.object() : data);
        item.putNull("source");
        item.set("user", ClickUpJson.user(model.actingUser()));
        if (withBefore) {
            item.set("before", before);
        }
        if (withAfter) {
            item.set("after", after);
        }
        return item;
    }

    /** An item with both before and after (nulls written as JSON null). */
    static ObjectNode item(WorkspaceModel model, long date, String field, String parentId, ObjectNode data,
            JsonNode before, JsonNode after) {
        return item(model, date, field, parentId, data, before, after, true, true);
    }

    /** A status as history items show it: status, color, orderindex, type (no id). */
    static ObjectNode status(FakeStatus status) {
        return ClickUpJson.object().put("status", status.status()).put("color", status.color())
                .put("orderindex", status.orderindex()).put("type", status.type());
    }

    /** The placeholder "before" of a new task's status item. */
    static ObjectNode removedStatus() {
        ObjectNode node = ClickUpJson.object();
        node.putNull("status");
        node.put("color", "#000000");
        node.put("type", "removed");
        node.put("orderindex", -1);
        return node;
    }

    /** A list as taskMoved shows it: id, name, category (the folder), project (the space). */
    static ObjectNode list(WorkspaceModel model, TaskList list) {
        ObjectNode node = ClickUpJson.object().put("id", list.id()).put("name", list.name());
        FakeHierarchy.Folder folder = model.folderOf(list);
        node.putObject("category").put("id", folder.id()).put("name", folder.name()).put("hidden", folder.hidden());
        FakeHierarchy.Space space = model.spaceOf(list);
        node.putObject("project").put("id", space.id()).put("name", space.name());
        return node;
    }

    /** "1 hour 30 minutes", as in data.time_estimate_string. */
    static String duration(Long millis) {
        if (millis == null) {
            return null;
        }
        long minutes = millis / 60_000;
        long hours = minutes / 60;
        minutes %= 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(hours == 1 ? " hour" : " hours");
        }
        if (minutes > 0 || hours == 0) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(minutes).append(minutes == 1 ? " minute" : " minutes");
        }
        return text.toString();
    }
}
