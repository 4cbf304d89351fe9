package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Time tracking on the workspace model: records finished entries and running timers, keeps the
 * task's {@code time_spent} (the sum of finished entries) and makes the taskTimeTrackedUpdated event
 * of each change, shaped as ClickUp's example: a {@code time_spent} history item whose {@code after}
 * is the interval and whose {@code data} carries the task's total, plus a top-level {@code data}
 * naming the change and the interval. Callers hold the workspace lock.
 */
final class TimeTracking {

    static final String EVENT = "taskTimeTrackedUpdated";

    private TimeTracking() {
    }

    /** A finished entry of {@code duration} ms from {@code start}. */
    static TaskChanges.Event track(WorkspaceModel model, String taskId, long userId, long start, long duration) {
        if (duration < 0) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        TaskState task = model.requireTask(taskId);
        model.requireUser(userId);
        long at = model.nextChangeTime(task);
        FakeTimeEntry entry = new FakeTimeEntry(model.nextHistoryId(), taskId, userId, start, start + duration, "clickup", at);
        model.timeEntries.add(entry);
        task.timeSpent += duration;
        return event(model, task, entry, at, null, "Time Tracking Created");
    }

    /** A running timer from {@code start}; a user has at most one running timer, as in ClickUp. */
    static TaskChanges.Event start(WorkspaceModel model, String taskId, long userId, long start) {
        TaskState task = model.requireTask(taskId);
        model.requireUser(userId);
        if (running(model, userId) != null) {
            throw new IllegalStateException("user " + userId + " already has a running timer; stop it first");
        }
        long at = model.nextChangeTime(task);
        FakeTimeEntry entry = new FakeTimeEntry(model.nextHistoryId(), taskId, userId, start, null, "clickup", at);
        model.timeEntries.add(entry);
        return event(model, task, entry, at, null, "Time Tracking Started");
    }

    /** Stops the user's running timer at {@code end}; the before of the item is the running interval. */
    static TaskChanges.Event stop(WorkspaceModel model, long userId, long end) {
        FakeTimeEntry running = running(model, userId);
        if (running == null) {
            throw new IllegalStateException("user " + userId + " has no running timer");
        }
        TaskState task = model.requireTask(running.taskId());
        long at = model.nextChangeTime(task);
        FakeTimeEntry stopped = running.stoppedAt(end, at);
        model.timeEntries.set(model.timeEntries.indexOf(running), stopped);
        task.timeSpent += stopped.duration();
        return event(model, task, stopped, at, interval(running), "Time Tracking Updated");
    }

    /**
     * Edits a finished entry as {@code PUT /team/{id}/time_entries/{timer_id}} does: new duration
     * (the start kept), description and tags; the task's {@code time_spent} follows.
     */
    static TaskChanges.Event edit(WorkspaceModel model, String entryId, long duration, String description, List<String> tags) {
        if (duration < 0) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        FakeTimeEntry old = requireEntry(model, entryId);
        if (old.running()) {
            throw new IllegalStateException("entry " + entryId + " is a running timer; stop it first");
        }
        TaskState task = model.requireTask(old.taskId());
        long at = model.nextChangeTime(task);
        FakeTimeEntry edited = old.edited(duration, description, tags, at);
        model.timeEntries.set(model.timeEntries.indexOf(old), edited);
        task.timeSpent += edited.duration() - old.duration();
        return event(model, task, edited, at, interval(old), "Time Tracking Updated");
    }

    /** Deletes an entry (a running timer too) as {@code DELETE /team/{id}/time_entries/{timer_id}} does. */
    static TaskChanges.Event delete(WorkspaceModel model, String entryId) {
        FakeTimeEntry old = requireEntry(model, entryId);
        TaskState task = model.requireTask(old.taskId());
        long at = model.nextChangeTime(task);
        model.timeEntries.remove(old);
        if (!old.running()) {
            task.timeSpent -= old.duration();
        }
        return event(model, task, old, at, interval(old), "Time Tracking Deleted");
    }

    private static FakeTimeEntry requireEntry(WorkspaceModel model, String entryId) {
        return model.timeEntries.stream().filter(e -> e.id().equals(entryId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no time entry " + entryId));
    }

    static FakeTimeEntry running(WorkspaceModel model, long userId) {
        return model.timeEntries.stream().filter(e -> e.userId() == userId && e.running()).findFirst().orElse(null);
    }

    /** The interval shape of history items and the legacy endpoint: every value a string, end null while running. */
    static ObjectNode interval(FakeTimeEntry entry) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", entry.id());
        node.put("start", Long.toString(entry.start()));
        ClickUpJson.putMillis(node, "end", entry.end());
        node.put("time", Long.toString(entry.duration()));
        node.put("source", entry.source());
        node.put("date_added", Long.toString(entry.at()));
        return node;
    }

    private static TaskChanges.Event event(WorkspaceModel model, TaskState task, FakeTimeEntry entry, long at, JsonNode before,
            String description) {
        task.dateUpdated = at;
        ObjectNode itemData = ClickUpJson.object();
        itemData.put("total_time", Long.toString(task.timeSpent));
        itemData.put("rollup_time", Long.toString(task.timeSpent));
        ObjectNode item = HistoryItems.item(model, at, "time_spent", task.listId, itemData,
                before == null ? JsonNodeFactory.instance.nullNode() : before, interval(entry));
        item.set("user", ClickUpJson.user(model.requireUser(entry.userId())));
        ObjectNode data = ClickUpJson.object().put("description", description).put("interval_id", entry.id());
        return new TaskChanges.Event(EVENT, task.id, List.of(item), data);
    }
}
