package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import dev.clickupsync.testkit.clickup.TaskChange.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Applies requested changes to a task and says which webhook event each one makes, with its history
 * item, following ClickUp's examples (event names, {@code field} values, before/after shapes).
 * Every effective change gets its own, strictly later, date_updated.
 */
final class TaskChanges {

    /**
     * One webhook event; {@code historyItems} is null for events that carry none (taskDeleted), and
     * {@code data} is the payload's top-level {@code data} object, which only some events carry
     * (taskTimeTrackedUpdated), else null.
     */
    record Event(String name, String taskId, List<ObjectNode> historyItems, ObjectNode data) {
        Event(String name, String taskId, List<ObjectNode> historyItems) {
            this(name, taskId, historyItems, null);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TaskChanges() {
    }

    /** taskCreated: a status item (from the "removed" placeholder) and a task_creation item. */
    static Event created(WorkspaceModel model, TaskState task) {
        FakeStatus status = model.requireList(task.listId).status(task.status).orElseThrow();
        ObjectNode data = ClickUpJson.object().put("status_type", status.type());
        ObjectNode statusItem = HistoryItems.item(model, task.dateCreated, "status", task.listId, data,
                HistoryItems.removedStatus(), HistoryItems.status(status));
        ObjectNode creation = HistoryItems.item(model, task.dateCreated, "task_creation", task.listId, null, null, null);
        return new Event("taskCreated", task.id, List.of(statusItem, creation));
    }

    /** Applies the ops to {@code task} (a working copy) in order; no-op changes make no event. */
    static List<Event> apply(WorkspaceModel model, TaskState task, List<Op> ops) {
        List<Event> events = new ArrayList<>();
        for (Op op : ops) {
            Event event = applyOne(model, task, op);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    private static Event applyOne(WorkspaceModel model, TaskState task, Op op) {
        return switch (op.kind()) {
            case NAME -> name(model, task, (String) op.value());
            case DESCRIPTION -> description(model, task, (String) op.value());
            case STATUS -> status(model, task, (String) op.value());
            case PRIORITY -> priority(model, task, (Integer) op.value());
            case ADD_ASSIGNEE -> assignee(model, task, (Long) op.value(), true);
            case REMOVE_ASSIGNEE -> assignee(model, task, (Long) op.value(), false);
            case ADD_TAG -> tag(model, task, (String) op.value(), true);
            case REMOVE_TAG -> tag(model, task, (String) op.value(), false);
            case DUE_DATE -> dueDate(model, task, (Long) op.value());
            case TIME_ESTIMATE -> timeEstimate(model, task, (Long) op.value());
            case CUSTOM_FIELD -> customField(model, task, op.key(), op.value());
            case MOVE -> move(model, task, (String) op.value());
        };
    }

    private static Event name(WorkspaceModel model, TaskState task, String name) {
        if (name.equals(task.name)) {
            return null;
        }
        String before = task.name;
        task.name = name;
        return event("taskUpdated", model, task, "name", null, NODES.textNode(before), NODES.textNode(name));
    }

    private static Event description(WorkspaceModel model, TaskState task, String description) {
        if (description.equals(task.description)) {
            return null;
        }
        String before = task.description;
        task.description = description;
        return event("taskUpdated", model, task, "content", null, NODES.textNode(before), NODES.textNode(description));
    }

    private static Event status(WorkspaceModel model, TaskState task, String name) {
        TaskList list = model.requireList(task.listId);
        FakeStatus after = list.status(name)
                .orElseThrow(() -> new IllegalArgumentException("list " + list.id() + " has no status " + name));
        FakeStatus before = list.status(task.status).orElseThrow();
        if (after.equals(before)) {
            return null;
        }
        long at = model.nextChangeTime(task);
        task.status = after.status();
        task.statusChanges.add(new TaskState.StatusChange(at, before, after));
        task.dateClosed = after.isClosed() ? Long.valueOf(at) : null;
        task.dateDone = after.isDone() ? Long.valueOf(at) : null;
        ObjectNode data = ClickUpJson.object().put("status_type", after.type());
        return event("taskStatusUpdated", model, task, at,
                HistoryItems.item(model, at, "status", task.listId, data, HistoryItems.status(before), HistoryItems.status(after)));
    }

    private static Event priority(WorkspaceModel model, TaskState task, Integer priority) {
        if (Objects.equals(priority, task.priority)) {
            return null;
        }
        JsonNode before = task.priority == null ? NODES.nullNode() : TaskJson.priority(task.priority);
        JsonNode after = priority == null ? NODES.nullNode() : TaskJson.priority(priority);
        task.priority = priority;
        return event("taskPriorityUpdated", model, task, "priority", null, before, after);
    }

    /** As in the example, assignee_add carries only {@code after}; assignee_rem only {@code before}. */
    private static Event assignee(WorkspaceModel model, TaskState task, long userId, boolean add) {
        ObjectNode user = ClickUpJson.user(model.requireUser(userId));
        if (add ? !task.assignees.add(userId) : !task.assignees.remove(userId)) {
            return null;
        }
        if (add) {
            task.watchers.add(userId);
        }
        long at = model.nextChangeTime(task);
        ObjectNode item = HistoryItems.item(model, at, add ? "assignee_add" : "assignee_rem", task.listId, null,
                add ? null : user, add ? user : null, !add, add);
        return event("taskAssigneeUpdated", model, task, at, item);
    }

    /** Added tags come as field "tag", removed ones as "tag_removed"; both list the tag in {@code after}. */
    private static Event tag(WorkspaceModel model, TaskState task, String name, boolean add) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (add == task.tags.contains(key)) {
            return null;
        }
        ArrayNode tags = NODES.arrayNode().add(TaskJson.tag(model.tag(key)));
        if (add) {
            task.tags.add(key);
        } else {
            task.tags.remove(key);
        }
        return event("taskTagUpdated", model, task, add ? "tag" : "tag_removed", null, NODES.nullNode(), tags);
    }

    private static Event dueDate(WorkspaceModel model, TaskState task, Long dueDate) {
        if (Objects.equals(dueDate, task.dueDate)) {
            return null;
        }
        ObjectNode data = ClickUpJson.object().put("due_date_time", dueDate != null).put("old_due_date_time", task.dueDate != null);
        JsonNode before = millis(task.dueDate);
        task.dueDate = dueDate;
        return event("taskDueDateUpdated", model, task, "due_date", data, before, millis(dueDate));
    }

    private static Event timeEstimate(WorkspaceModel model, TaskState task, Long estimate) {
        if (Objects.equals(estimate, task.timeEstimate)) {
            return null;
        }
        ObjectNode data = ClickUpJson.object();
        data.put("time_estimate_string", HistoryItems.duration(estimate));
        data.put("old_time_estimate_string", HistoryItems.duration(task.timeEstimate));
        data.put("rolled_up_time_estimate", estimate);
        data.put("time_estimate", estimate);
        ArrayNode byUser = data.putArray("time_estimates_by_user");
        if (estimate != null) {
            byUser.addObject().put("userid", model.actingUser().id())
                    .put("user_time_estimate", estimate.toString()).put("user_rollup_time_estimate", estimate.toString());
        }
        JsonNode before = millis(task.timeEstimate);
        task.timeEstimate = estimate;
        return event("taskTimeEstimateUpdated", model, task, "time_estimate", data, before, millis(estimate));
    }

    private static Event customField(WorkspaceModel model, TaskState task, String fieldId, Object raw) {
        FakeCustomField field = model.field(task.listId, fieldId)
                .orElseThrow(() -> new IllegalArgumentException("list " + task.listId + " has no custom field " + fieldId));
        Object value = CustomFieldValues.normalize(field, raw, model.users::get);
        Object old = task.customValues.get(fieldId);
        if (Objects.equals(value, old)) {
            return null;
        }
        if (value == null) {
            task.customValues.remove(fieldId);
        } else {
            task.customValues.put(fieldId, value);
        }
        long at = model.nextChangeTime(task);
        ObjectNode item = HistoryItems.item(model, at, "custom_field", task.listId, null,
                CustomFieldValues.historyValue(field, old), CustomFieldValues.historyValue(field, value));
        item.set("custom_field", customFieldOfItem(model, field));
        return event("taskUpdated", model, task, at, item);
    }

    /** Moving keeps the status if the new list has it, else takes its first status of the same type. */
    private static Event move(WorkspaceModel model, TaskState task, String listId) {
        if (listId.equals(task.listId)) {
            return null;
        }
        TaskList from = model.requireList(task.listId);
        TaskList to = model.requireList(listId);
        FakeStatus current = from.status(task.status).orElseThrow();
        FakeStatus mapped = to.status(current.status())
                .or(() -> to.statuses().stream().filter(s -> s.type().equals(current.type())).findFirst())
                .orElse(to.firstStatus());
        task.listId = to.id();
        task.status = mapped.status();
        long at = model.nextChangeTime(task);
        if (!mapped.status().equalsIgnoreCase(current.status())) {
            // ClickUp counts the mapped status as entered on the move (no status history item is sent)
            task.statusChanges.add(new TaskState.StatusChange(at, current, mapped));
        }
        ObjectNode data = ClickUpJson.object().put("mute_notifications", true);
        return event("taskMoved", model, task, at, HistoryItems.item(model, at, "section_moved", to.id(), data,
                HistoryItems.list(model, from), HistoryItems.list(model, to)));
    }

    private static ObjectNode customFieldOfItem(WorkspaceModel model, FakeCustomField field) {
        ObjectNode node = TaskJson.fieldWithType(field);
        node.remove("date_created");
        node.remove("hide_from_guests");
        node.putNull("values_set");
        node.put("userid", Long.toString(model.users.keySet().iterator().next()));
        node.put("date_created", Long.toString(field.dateCreated()));
        node.put("hide_from_guests", false);
        node.put("team_id", model.teamId);
        node.put("deleted", false);
        node.putNull("deleted_by");
        node.put("pinned", false);
        node.put("required", false);
        node.put("required_on_subtasks", false);
        node.putNull("linked_subcategory");
        return node;
    }

    private static JsonNode millis(Long value) {
        return value == null ? NODES.nullNode() : NODES.textNode(value.toString());
    }

    private static Event event(String name, WorkspaceModel model, TaskState task, String field, ObjectNode data,
            JsonNode before, JsonNode after) {
        long at = model.nextChangeTime(task);
        return event(name, model, task, at, HistoryItems.item(model, at, field, task.listId, data, before, after));
    }

    private static Event event(String name, WorkspaceModel model, TaskState task, long at, ObjectNode item) {
        task.dateUpdated = at;
        return new Event(name, task.id, List.of(item));
    }
}
