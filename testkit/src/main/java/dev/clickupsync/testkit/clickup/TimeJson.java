package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two shapes ClickUp gives time entries. GET /team/{id}/time_entries: one object per entry
 * (get_team_time_entries.json; start, end, duration and at as strings of ms per the schema, no
 * {@code end} while a timer runs, as in the current-timer example; task_tags and location names only
 * when asked). GET /task/{id}/time (legacy): entries grouped by user with their total and intervals
 * (get_task_time_legacy.json).
 */
final class TimeJson {

    private TimeJson() {
    }

    static ObjectNode entry(WorkspaceModel model, FakeTimeEntry entry, boolean includeTaskTags, boolean includeLocationNames) {
        TaskState task = model.tasks.get(entry.taskId());
        TaskList list = model.requireList(task.listId);
        ObjectNode node = ClickUpJson.object();
        node.put("id", entry.id());
        node.set("task", task(list, task));
        node.put("wid", model.teamId);
        node.set("user", ClickUpJson.user(model.requireUser(entry.userId())));
        node.put("billable", entry.billable());
        node.put("start", Long.toString(entry.start()));
        if (!entry.running()) {
            node.put("end", Long.toString(entry.end()));
        }
        node.put("duration", Long.toString(entry.duration()));
        node.put("description", entry.description());
        ArrayNode entryTags = node.putArray("tags");
        entry.tags().forEach(entryTags::add);
        node.put("source", entry.source());
        node.put("at", Long.toString(entry.at()));
        node.set("task_location", location(model, list, includeLocationNames));
        if (includeTaskTags) {
            ArrayNode tags = node.putArray("task_tags");
            task.tags.forEach(name -> tags.add(TaskJson.tag(model.tag(name))));
        }
        node.put("task_url", "https://app.clickup.com/t/" + task.id);
        return node;
    }

    /** {@code {"data":[{"user", "time", "intervals"}]}}, one element per user, finished entries only. */
    static ObjectNode legacy(WorkspaceModel model, List<FakeTimeEntry> entries) {
        Map<Long, ObjectNode> byUser = new LinkedHashMap<>();
        for (FakeTimeEntry entry : entries) {
            if (entry.running()) {
                continue;
            }
            ObjectNode group = byUser.computeIfAbsent(entry.userId(), id -> {
                ObjectNode node = ClickUpJson.object();
                node.set("user", ClickUpJson.user(model.requireUser(id)));
                node.put("time", 0L);
                node.putArray("intervals");
                return node;
            });
            group.put("time", group.get("time").asLong() + entry.duration());
            ((ArrayNode) group.get("intervals")).add(TimeTracking.interval(entry));
        }
        ObjectNode body = ClickUpJson.object();
        ArrayNode data = body.putArray("data");
        byUser.values().forEach(data::add);
        return body;
    }

    private static ObjectNode task(TaskList list, TaskState task) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", task.id);
        if (task.customId != null) {
            node.put("custom_id", task.customId);
        }
        node.put("name", task.name);
        FakeStatus status = list.status(task.status).orElseThrow();
        node.putObject("status").put("status", status.status()).put("color", status.color())
                .put("type", status.type()).put("orderindex", status.orderindex());
        node.putNull("custom_type");
        return node;
    }

    /** Ids are integers in ClickUp's schema; ids that are not numbers stay strings. */
    private static ObjectNode location(WorkspaceModel model, TaskList list, boolean names) {
        Folder folder = model.folderOf(list);
        Space space = model.spaceOf(list);
        ObjectNode node = ClickUpJson.object();
        putId(node, "list_id", list.id());
        putId(node, "folder_id", folder.id());
        putId(node, "space_id", space.id());
        if (names) {
            node.put("list_name", list.name());
            node.put("folder_name", folder.name());
            node.put("space_name", space.name());
        }
        return node;
    }

    private static void putId(ObjectNode node, String field, String id) {
        try {
            node.put(field, Long.parseLong(id));
        } catch (NumberFormatException e) {
            node.put(field, id);
        }
    }
}
