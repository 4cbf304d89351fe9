package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A mirrored {@link TaskSnapshot} in the shape of ClickUp's {@code GET /task/{id}}: the full JSON
 * the mirror stored (as ClickUp returned it, kept exact by the drain; see {@code SnapshotDeltas}),
 * or, for an entry without it ({@link #isReduced}: a task too large to store whole, or an entry
 * written before full snapshots), the reduced view. List and team pages show a task as ClickUp's
 * listings do: the same object without {@code attachments} ({@link #listed}).
 *
 * <p>{@code markdown_description}: every fetch asks ClickUp for it, so the stored JSON has it, and
 * ClickUp shows it only to a client that asked {@code include_markdown_description=true}; so it is
 * removed unless asked ({@code markdown}), and the default answer stays exactly ClickUp's. An entry
 * fetched before it was asked for has the JSON without it: such tasks are refused when it is asked
 * ({@link #requireMarkdown}, a {@code 409} naming them), never served without it. The reduced view
 * has no description of any kind (its tasks are named in {@link #REDUCED_HEADER} either way).
 *
 * <p>The reduced view ({@link #reduced}) keeps ClickUp's field order: ids as strings, dates as
 * strings of epoch ms (null when unset), numbers as ClickUp sends them. Only what the typed snapshot
 * holds is rendered; a field it lacks is left out rather than invented (the list is {@link #SERVED}
 * and {@code docs/read-api.md}), and nested objects carry only their known members. Priorities are
 * ClickUp's four fixed ones, so their color and orderindex are known.
 */
final class TaskView {
    /** The header that names the tasks of an answer served in the reduced view (comma-separated ids). */
    static final String REDUCED_HEADER = "X-Mirror-Reduced";
    /** ClickUp's member for the description in markdown, shown only with {@code include_markdown_description=true}. */
    static final String MARKDOWN = TaskSnapshot.MARKDOWN_DESCRIPTION;
    /** The top-level fields of the reduced view, in order; the docs list the same. */
    static final List<String> SERVED = List.of("id", "custom_id", "name", "status", "date_created", "date_updated",
            "date_closed", "date_done", "archived", "assignees", "tags", "parent", "priority", "due_date",
            "start_date", "points", "time_estimate", "time_spent", "custom_fields", "team_id", "url", "list",
            "project", "folder", "space");

    /** ClickUp's fixed priorities by id: name and color (orderindex is the id). */
    private static final Map<String, String> PRIORITY_COLORS = Map.of(
            "1", "#f50000", "2", "#ffcc00", "3", "#6fddff", "4", "#d8d8d8");

    private TaskView() {
    }

    /** The task as {@code GET /task/{id}} shows it (without {@code markdown_description}). */
    static ObjectNode render(TaskSnapshot task) {
        return render(task, false);
    }

    /**
     * The task as {@code GET /task/{id}} shows it, with {@code markdown_description} when {@code markdown}
     * ({@code include_markdown_description=true}; check the tasks with {@link #requireMarkdown} first).
     */
    static ObjectNode render(TaskSnapshot task, boolean markdown) {
        if (task.json() == null) {
            return reduced(task);
        }
        ObjectNode node = task.json().deepCopy();
        if (!markdown) {
            node.remove(MARKDOWN);
        }
        return node;
    }

    /** The task as {@code GET /list/{id}/task} and {@code GET /team/{id}/task} show it: without attachments. */
    static ObjectNode listed(TaskSnapshot task, boolean markdown) {
        ObjectNode node = render(task, markdown);
        node.remove("attachments");
        return node;
    }

    static ObjectNode listed(TaskSnapshot task) {
        return listed(task, false);
    }

    /**
     * For {@code include_markdown_description=true}: refuses ({@code 409}, naming them) when any of
     * {@code tasks} has its full JSON but no {@code markdown_description} in it (stored before fetches
     * asked for it), rather than answer those tasks without it.
     */
    static void requireMarkdown(Collection<TaskSnapshot> tasks) {
        List<String> missing = tasks.stream().filter(TaskSnapshot::lacksMarkdown)
                .map(TaskSnapshot::id).toList();
        if (!missing.isEmpty()) {
            throw new ReadRejection(ReadProblems.markdownNotMirrored(missing));
        }
    }

    /** No full JSON is stored for this task: it is served in the reduced view. */
    static boolean isReduced(TaskSnapshot task) {
        return task.json() == null;
    }

    static ObjectNode reduced(TaskSnapshot task) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", task.id());
        node.put("custom_id", task.customId());
        node.put("name", task.name());
        ObjectNode status = node.putObject("status");
        status.put("status", task.status());
        status.put("type", task.statusType());
        millis(node, "date_created", task.dateCreated());
        millis(node, "date_updated", task.dateUpdated());
        millis(node, "date_closed", task.dateClosed());
        millis(node, "date_done", task.dateDone());
        node.put("archived", task.archived());
        ArrayNode assignees = node.putArray("assignees");
        task.assignees().forEach(p -> assignees.addObject().put("id", p.id()).put("username", p.username()));
        ArrayNode tags = node.putArray("tags");
        task.tags().forEach(t -> tags.addObject().put("name", t));
        node.put("parent", task.parentId());
        node.set("priority", priority(task));
        millis(node, "due_date", task.dueDate());
        millis(node, "start_date", task.startDate());
        if (task.points() == null) {
            node.putNull("points");
        } else if (task.points() % 1 == 0) {
            node.put("points", task.points().longValue());
        } else {
            node.put("points", task.points());
        }
        node.put("time_estimate", task.timeEstimate());
        node.put("time_spent", task.timeSpent());
        ArrayNode fields = node.putArray("custom_fields");
        for (TaskSnapshot.FieldValue f : task.customFields()) {
            ObjectNode field = fields.addObject().put("id", f.id()).put("name", f.name()).put("type", f.type());
            if (!f.value().isNull()) {
                field.set("value", f.value()); // ClickUp leaves value out when none is set
            }
        }
        node.put("team_id", task.teamId());
        node.put("url", task.url());
        node.putObject("list").put("id", task.listId());
        node.putObject("project").put("id", task.folderId());
        node.putObject("folder").put("id", task.folderId());
        node.putObject("space").put("id", task.spaceId());
        return node;
    }

    private static ObjectNode priority(TaskSnapshot task) {
        if (task.priorityId() == null && task.priority() == null) {
            return null;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", task.priorityId());
        node.put("priority", task.priority());
        String color = task.priorityId() == null ? null : PRIORITY_COLORS.get(task.priorityId());
        if (color != null) {
            node.put("color", color);
            node.put("orderindex", task.priorityId());
        }
        return node;
    }

    static void millis(ObjectNode node, String field, Instant value) {
        node.put(field, value == null ? null : Long.toString(value.toEpochMilli()));
    }
}
