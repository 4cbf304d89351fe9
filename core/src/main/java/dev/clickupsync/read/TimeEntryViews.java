package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TimeEntryRecord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mirror's {@link TimeEntryRecord}s in ClickUp's two shapes:
 * <ul>
 *   <li>legacy {@code GET /task/{id}/time}: {@code {"data": [{user, time, intervals}]}}, one element
 *       per user in order of their first entry (entries by start), finished entries only (ClickUp
 *       leaves a running timer out), {@code time} the sum of the intervals, interval values as
 *       strings of ms;</li>
 *   <li>{@code GET /team/{id}/time_entries}: one object per entry, with the task, the workspace,
 *       the location (ids as numbers where they are numeric, as ClickUp sends them) and the URL from
 *       the task's snapshot; {@code end} absent while a timer runs.</li>
 * </ul>
 * Users carry {@code id} and {@code username} only; {@code billable} and {@code description} only
 * when the mirror knows them (the legacy shape, which the drain reads, has neither); an entry's
 * {@code tags} and the task's {@code custom_type} are not stored and are left out.
 */
final class TimeEntryViews {
    private TimeEntryViews() {
    }

    static ObjectNode legacy(List<TimeEntryRecord> entries) {
        Map<Long, ObjectNode> byUser = new LinkedHashMap<>();
        for (TimeEntryRecord e : entries) {
            if (e.running()) {
                continue;
            }
            ObjectNode group = byUser.computeIfAbsent(e.userId(), id -> {
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.set("user", user(e));
                node.put("time", 0L);
                node.putArray("intervals");
                return node;
            });
            group.put("time", group.get("time").asLong() + e.durationMs());
            ObjectNode interval = ((ArrayNode) group.get("intervals")).addObject();
            interval.put("id", e.entryId());
            TaskView.millis(interval, "start", e.start());
            TaskView.millis(interval, "end", e.end());
            interval.put("time", Long.toString(e.durationMs()));
            interval.put("source", e.source());
            TaskView.millis(interval, "date_added", e.recordedAt());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        byUser.values().forEach(data::add);
        return body;
    }

    static ObjectNode teamEntry(TimeEntryRecord e, TaskSnapshot task) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", e.entryId());
        ObjectNode ref = node.putObject("task");
        ref.put("id", task.id());
        if (task.customId() != null) {
            ref.put("custom_id", task.customId());
        }
        ref.put("name", task.name());
        ref.putObject("status").put("status", task.status()).put("type", task.statusType());
        node.put("wid", task.teamId());
        node.set("user", user(e));
        if (e.billable() != null) {
            node.put("billable", e.billable());
        }
        TaskView.millis(node, "start", e.start());
        if (!e.running()) {
            TaskView.millis(node, "end", e.end());
        }
        node.put("duration", Long.toString(e.durationMs()));
        if (e.description() != null) {
            node.put("description", e.description());
        }
        node.put("source", e.source());
        TaskView.millis(node, "at", e.recordedAt());
        ObjectNode location = node.putObject("task_location");
        putId(location, "list_id", task.listId());
        putId(location, "folder_id", task.folderId());
        putId(location, "space_id", task.spaceId());
        node.put("task_url", task.url());
        return node;
    }

    /** Whether the entry started within {@code [from, to]} (an entry without a start never does). */
    static boolean startsWithin(TimeEntryRecord e, Instant from, Instant to) {
        return e.start() != null && !e.start().isBefore(from) && !e.start().isAfter(to);
    }

    static boolean byOneOf(TimeEntryRecord e, List<Long> users) {
        return users.stream().anyMatch(u -> Objects.equals(u, e.userId()));
    }

    private static ObjectNode user(TimeEntryRecord e) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        if (e.userId() == null) {
            user.putNull("id");
        } else {
            user.put("id", e.userId());
        }
        user.put("username", e.username());
        return user;
    }

    private static void putId(ObjectNode node, String field, String id) {
        if (id == null) {
            node.putNull(field);
            return;
        }
        try {
            node.put(field, Long.parseLong(id));
        } catch (NumberFormatException e) {
            node.put(field, id);
        }
    }
}
