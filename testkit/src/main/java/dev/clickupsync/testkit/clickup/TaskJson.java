package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.util.List;

/**
 * Renders a task exactly as ClickUp's GET /task/{id} does (field order and types follow the
 * OpenAPI example in get_task.json): string ids, dates as strings of Unix ms, numeric
 * time_estimate/time_spent/points, and every custom field of the list, with {@code value} only
 * when one is set.
 *
 * <p>{@code markdown_description} (after {@code description}, where ClickUp's OpenAPI document puts
 * it) only when the request asked {@code include_markdown_description=true}, as ClickUp documents it,
 * on {@code GET /task} and on the listings, for every task object of the answer (embedded subtasks
 * too). The fake keeps one description string, as set ({@code markdown_content} wins over
 * {@code description}): {@code description}, {@code text_content} and {@code markdown_description}
 * all carry it. For plain text the three agree in ClickUp as well (the team listing's OpenAPI example);
 * ClickUp renders markdown syntax out of the first two, which the fake does not imitate.
 */
final class TaskJson {

    private static final List<String> PUBLIC_FIELDS = List.of("assignees", "priority", "due_date", "content", "comments",
            "attachments", "customFields", "subtasks", "tags", "checklists", "coverimage");

    private TaskJson() {
    }

    static ObjectNode render(WorkspaceModel model, TaskState task, boolean includeSubtasks) {
        return render(model, task, includeSubtasks, false);
    }

    static ObjectNode render(WorkspaceModel model, TaskState task, boolean includeSubtasks, boolean markdown) {
        TaskList list = model.requireList(task.listId);
        Folder folder = model.folderOf(list);
        ObjectNode node = ClickUpJson.object();
        node.put("id", task.id);
        node.put("custom_id", task.customId);
        node.put("custom_item_id", task.customItemId);
        node.put("name", task.name);
        node.put("text_content", task.description);
        node.put("description", task.description);
        if (markdown) {
            node.put("markdown_description", task.description);
        }
        node.set("status", status(list, list.status(task.status).orElseThrow()));
        node.put("orderindex", task.orderindex);
        ClickUpJson.putMillis(node, "date_created", task.dateCreated);
        ClickUpJson.putMillis(node, "date_updated", task.dateUpdated);
        ClickUpJson.putMillis(node, "date_closed", task.dateClosed);
        ClickUpJson.putMillis(node, "date_done", task.dateDone);
        node.put("archived", task.archived);
        node.set("creator", ClickUpJson.creator(model.requireUser(task.creatorId)));
        node.set("assignees", users(model, task.assignees));
        node.putArray("group_assignees");
        node.set("watchers", users(model, task.watchers));
        node.putArray("checklists");
        node.set("tags", tags(model, task.tags));
        node.put("parent", task.parent);
        node.put("top_level_parent", topLevelParent(model, task));
        node.set("priority", task.priority == null ? null : priority(task.priority));
        ClickUpJson.putMillis(node, "due_date", task.dueDate);
        ClickUpJson.putMillis(node, "start_date", task.startDate);
        if (task.points == null) {
            node.putNull("points");
        } else {
            node.put("points", task.points.doubleValue() % 1 == 0 ? task.points.longValue() : task.points.doubleValue());
        }
        if (task.timeEstimate == null) {
            node.putNull("time_estimate");
        } else {
            node.put("time_estimate", task.timeEstimate);
        }
        node.put("time_spent", task.timeSpent);
        node.set("custom_fields", customFields(model, task));
        node.putArray("dependencies");
        node.putArray("linked_tasks");
        node.putArray("locations");
        node.put("team_id", model.teamId);
        node.put("url", "https://app.clickup.com/t/" + task.id);
        node.set("sharing", sharing());
        node.put("permission_level", "create");
        node.putObject("list").put("id", list.id()).put("name", list.name()).put("access", true);
        node.set("project", folder(folder));
        node.set("folder", folder(folder));
        node.putObject("space").put("id", folder.spaceId());
        if (includeSubtasks) {
            ArrayNode subtasks = node.putArray("subtasks");
            model.tasks.values().stream()
                    .filter(t -> !t.deleted && task.id.equals(t.parent))
                    .forEach(t -> subtasks.add(render(model, t, false, markdown)));
        }
        node.putArray("attachments");
        return node;
    }

    /** A task as GET /list/{id}/task and GET /team/{id}/task list it: GET /task's shape without attachments. */
    static ObjectNode listed(WorkspaceModel model, TaskState task, boolean markdown) {
        ObjectNode node = render(model, task, false, markdown);
        node.remove("attachments");
        return node;
    }

    /** The root of the task's parent chain (null for a top-level task). */
    private static String topLevelParent(WorkspaceModel model, TaskState task) {
        String root = task.parent;
        for (int depth = 0; root != null && depth < 100; depth++) {
            TaskState parent = model.tasks.get(root);
            if (parent == null || parent.parent == null) {
                break;
            }
            root = parent.parent;
        }
        return root;
    }

    /** A status as GET /task shows it, with ClickUp-like id. */
    static ObjectNode status(TaskList list, FakeStatus status) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", "sc" + list.id() + "_" + Integer.toHexString(status.status().hashCode()));
        node.put("status", status.status());
        node.put("color", status.color());
        node.put("orderindex", status.orderindex());
        node.put("type", status.type());
        return node;
    }

    /** ClickUp's fixed priorities: 1 urgent, 2 high, 3 normal, 4 low; id and orderindex are strings. */
    static ObjectNode priority(int priority) {
        String[] names = {"urgent", "high", "normal", "low"};
        String[] colors = {"#f50000", "#ffcc00", "#6fddff", "#d8d8d8"};
        ObjectNode node = ClickUpJson.object();
        node.put("id", Integer.toString(priority));
        node.put("priority", names[priority - 1]);
        node.put("color", colors[priority - 1]);
        node.put("orderindex", Integer.toString(priority));
        return node;
    }

    static ObjectNode tag(WorkspaceModel.Tag tag) {
        return ClickUpJson.object().put("name", tag.name()).put("tag_fg", tag.fg()).put("tag_bg", tag.bg()).put("creator", tag.creator());
    }

    /** A custom field with its definition, as in GET /task and in history items' custom_field. */
    static ObjectNode fieldWithType(FakeCustomField field) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", field.id());
        node.put("name", field.name());
        node.put("type", field.type());
        node.set("type_config", CustomFieldValues.typeConfig(field));
        node.put("date_created", Long.toString(field.dateCreated()));
        node.put("hide_from_guests", false);
        return node;
    }

    private static ArrayNode customFields(WorkspaceModel model, TaskState task) {
        ArrayNode array = ClickUpJson.array();
        for (FakeCustomField field : model.fields(task.listId)) {
            ObjectNode node = fieldWithType(field);
            Object value = task.customValues.get(field.id());
            if (value != null) {
                node.set("value", CustomFieldValues.taskValue(field, value, model.users::get));
                node.put("value_richtext", "");
            }
            node.put("required", false);
            array.add(node);
        }
        return array;
    }

    private static ArrayNode users(WorkspaceModel model, Iterable<Long> ids) {
        ArrayNode array = ClickUpJson.array();
        ids.forEach(id -> array.add(ClickUpJson.taskUser(model.requireUser(id))));
        return array;
    }

    private static ArrayNode tags(WorkspaceModel model, List<String> names) {
        ArrayNode array = ClickUpJson.array();
        names.forEach(name -> array.add(tag(model.tag(name))));
        return array;
    }

    private static ObjectNode folder(Folder folder) {
        return ClickUpJson.object().put("id", folder.id()).put("name", folder.name()).put("hidden", folder.hidden()).put("access", true);
    }

    private static ObjectNode sharing() {
        ObjectNode node = ClickUpJson.object();
        node.put("public", false);
        node.putNull("public_share_expires_on");
        ArrayNode fields = node.putArray("public_fields");
        PUBLIC_FIELDS.forEach(fields::add);
        node.putNull("token");
        node.put("seo_optimized", false);
        return node;
    }
}
