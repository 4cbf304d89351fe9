package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task writes of ClickUp's API v2, on the workspace truth, each making the webhook events the same
 * change made through {@link FakeWorkspace} makes:
 * <ul>
 * <li>{@code POST /list/{list_id}/task}: {@code name} (required), {@code description} or
 * {@code markdown_content} (which wins), {@code status}, {@code priority} (1..4 or null),
 * {@code due_date} (ms), {@code assignees} (user ids), {@code custom_fields} ({@code [{id, value}]});
 * all checked before anything is stored (a refused request creates nothing); answers the task as
 * GET /task does; one taskCreated event.</li>
 * <li>{@code PUT /task/{task_id}}: {@code name}, {@code description}/{@code markdown_content},
 * {@code status}, {@code priority} (null clears), {@code due_date} (null clears),
 * {@code assignees: {add, rem}}; all or nothing; answers the task; one event per effective change.</li>
 * <li>{@code POST /task/{task_id}/field/{field_id}} {@code {"value": ...}} (typed per field, see
 * {@link FieldWrites}) and {@code DELETE} of the same path (clears); answer {@code {}}.</li>
 * </ul>
 */
final class TaskWriteRoutes {

    private final FakeWorkspace workspace;
    private final ApiRoutes routes;

    TaskWriteRoutes(FakeWorkspace workspace, ApiRoutes routes) {
        this.workspace = workspace;
        this.routes = routes;
    }

    Response create(String listId, String body) {
        JsonNode json = JsonBodies.object(body);
        JsonNode name = json.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new ApiQuery.BadInput("Task name invalid");
        }
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            TaskList list = model.lists.get(listId);
            if (list == null) {
                return routes.listNotFound();
            }
            TaskState task = model.newTask(model.freshTaskId(), listId, name.asText());
            String description = description(json);
            if (description != null) {
                task.description = description;
            }
            if (json.hasNonNull("status")) {
                task.status = status(list, json.get("status"));
            }
            task.priority = priority(json);
            task.dueDate = JsonBodies.optionalLong(json, "due_date");
            for (JsonNode assignee : json.path("assignees")) {
                task.assignees.add(member(model, assignee));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            try {
                for (JsonNode setting : json.path("custom_fields")) {
                    FakeCustomField field = FieldWrites.field(model, listId, JsonBodies.optionalId(setting, "id"));
                    Object value = FieldWrites.accept(model, field, setting.get("value"), null);
                    if (value != null) {
                        values.put(field.id(), value);
                    }
                }
            } catch (FieldWrites.Rejected rejected) {
                return rejected.response();
            }
            task.customValues.putAll(values);
            long now = model.clock.millis();
            task.dateCreated = now;
            task.dateUpdated = now;
            task.creatorId = model.tokenUser().id();
            task.watchers.add(task.creatorId);
            task.watchers.addAll(task.assignees);
            FakeStatus status = list.status(task.status).orElseThrow();
            task.dateClosed = status.isClosed() ? Long.valueOf(now) : null;
            task.dateDone = status.isDone() ? Long.valueOf(now) : null;
            model.tasks.put(task.id, task);
            workspace.deliveries(List.of(TaskChanges.created(model, task)));
            return Response.ok(TaskJson.render(model, task, false));
        }
    }

    Response update(String taskId, ApiQuery query, String body) {
        JsonNode json = JsonBodies.object(body);
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            TaskState task = found.task();
            TaskList list = model.requireList(task.listId);
            // Parse everything first: a refused request changes nothing.
            List<java.util.function.Consumer<TaskChange>> changes = new ArrayList<>();
            if (json.has("name")) {
                JsonNode name = json.get("name");
                if (!name.isTextual() || name.asText().isBlank()) {
                    throw new ApiQuery.BadInput("Task name invalid");
                }
                changes.add(c -> c.name(name.asText()));
            }
            String description = description(json);
            if (description != null) {
                changes.add(c -> c.description(description));
            }
            if (json.has("status")) {
                String status = status(list, json.get("status"));
                changes.add(c -> c.status(status));
            }
            if (json.has("priority")) {
                Integer priority = priority(json);
                changes.add(c -> c.priority(priority));
            }
            if (json.has("due_date")) {
                Long due = JsonBodies.optionalLong(json, "due_date");
                changes.add(c -> c.dueDate(due == null ? null : java.time.Instant.ofEpochMilli(due)));
            }
            JsonNode assignees = json.path("assignees");
            for (JsonNode add : assignees.path("add")) {
                long id = member(model, add);
                changes.add(c -> c.addAssignee(id));
            }
            for (JsonNode rem : assignees.path("rem")) {
                long id = member(model, rem);
                changes.add(c -> c.removeAssignee(id));
            }
            workspace.updateTask(task.id, c -> changes.forEach(change -> change.accept(c)));
            return Response.ok(TaskJson.render(model, model.requireTask(task.id), false));
        }
    }

    /** POST (set) or, with {@code body} null, DELETE (clear) a custom field's value. */
    Response setField(String taskId, String fieldId, ApiQuery query, String body) {
        JsonNode value = body == null ? null : JsonBodies.object(body).get("value");
        if (body != null && value == null) {
            throw new ApiQuery.BadInput("value is required");
        }
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            TaskState task = found.task();
            Object stored;
            try {
                FakeCustomField field = FieldWrites.field(model, task.listId, fieldId);
                stored = FieldWrites.accept(model, field, value, task.customValues.get(field.id()));
            } catch (FieldWrites.Rejected rejected) {
                return rejected.response();
            }
            workspace.updateTask(task.id, c -> c.customField(fieldId, stored));
            return Response.ok(ClickUpJson.object());
        }
    }

    /** {@code markdown_content} wins over {@code description}, as ClickUp documents; null when neither is given. */
    private static String description(JsonNode json) {
        JsonNode markdown = json.get("markdown_content");
        JsonNode plain = json.get("description");
        JsonNode chosen = markdown != null && !markdown.isNull() ? markdown : plain;
        if (chosen == null || chosen.isNull()) {
            return null;
        }
        if (!chosen.isTextual()) {
            throw new ApiQuery.BadInput("description must be a string");
        }
        return chosen.asText();
    }

    private static String status(TaskList list, JsonNode status) {
        if (!status.isTextual()) {
            throw new ApiQuery.BadInput("status must be a string");
        }
        return list.status(status.asText()).map(FakeStatus::status)
                .orElseThrow(() -> new ApiQuery.BadInput("Status does not exist"));
    }

    private static Integer priority(JsonNode json) {
        JsonNode priority = json.get("priority");
        if (priority == null || priority.isNull()) {
            return null;
        }
        if (!priority.isInt() || priority.asInt() < 1 || priority.asInt() > 4) {
            throw new ApiQuery.BadInput("Priority invalid");
        }
        return priority.asInt();
    }

    private static long member(WorkspaceModel model, JsonNode id) {
        if (!id.canConvertToLong() || !model.users.containsKey(id.asLong())) {
            throw new ApiQuery.BadInput("Assignee " + id.asText() + " is not a member of the workspace");
        }
        return id.asLong();
    }
}
