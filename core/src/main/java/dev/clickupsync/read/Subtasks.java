package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.query.Scope;
import dev.clickupsync.query.TaskPage;
import dev.clickupsync.query.TaskQuery;
import dev.clickupsync.query.TaskQueryEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /task/{id}?include_subtasks=true}: the task's direct subtasks, embedded as ClickUp does
 * ({@code subtasks}: each subtask's own {@code GET /task} object, closed and archived ones included,
 * in creation order, oldest first; the fake ClickUp answers the same).
 *
 * <p>Found with the task-query engine, not a parent index: the subtasks of a task live in its list
 * (ClickUp creates them there), so they are the {@code parent=<id>} query of that list, once for
 * {@code archived=false} and once for {@code archived=true}, every page until the last. The filter
 * is evaluated on the walked index items, so this walks the whole list partition (a list of 10,000
 * tasks: at most 3 {@code Query}s per archive state) plus one {@code BatchGetItem} per 100 subtasks;
 * a subtask moved into another list than its parent's is not found (documented).
 */
@ApplicationScoped
class Subtasks {
    private final TaskQueryEngine engine;

    @Inject
    Subtasks(TaskQueryEngine engine) {
        this.engine = engine;
    }

    /** Subtasks, and the least fresh of their pages (nulls when there are none). */
    record Found(List<TaskSnapshot> tasks, Freshness freshness) {
    }

    /** The live subtasks of {@code parent} in its list, oldest first (ties by id). */
    Found of(TaskSnapshot parent) {
        List<TaskSnapshot> found = new ArrayList<>();
        List<Freshness> freshness = new ArrayList<>();
        if (parent.listId() == null) {
            return new Found(found, new Freshness(null, null));
        }
        for (String archived : List.of("false", "true")) {
            for (int page = 0; ; page++) {
                TaskQuery query = TaskQuery.parse(Scope.list(parent.listId()), Map.of("parent", List.of(parent.id()),
                        "archived", List.of(archived), "include_closed", List.of("true"), "order_by", List.of("created"),
                        "reverse", List.of("true"), "page", List.of(Integer.toString(page))));
                TaskPage answer = engine.run(query);
                found.addAll(answer.tasks());
                freshness.add(new Freshness(answer.verifiedThrough(), answer.writtenAt()));
                if (answer.lastPage()) {
                    break;
                }
            }
        }
        found.sort(Comparator.comparing(TaskSnapshot::dateCreated, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(TaskSnapshot::id));
        return new Found(found, Freshness.leastOf(freshness));
    }

    /**
     * {@code task} (its {@code GET /task} object) with {@code subtasks} placed before {@code attachments},
     * as ClickUp sends it; each with {@code markdown_description} when {@code markdown} (as the fake does).
     */
    static ObjectNode embed(ObjectNode task, List<TaskSnapshot> subtasks, boolean markdown) {
        JsonNode attachments = task.remove("attachments");
        ArrayNode array = task.putArray("subtasks");
        subtasks.forEach(s -> array.add(TaskView.render(s, markdown)));
        if (attachments != null) {
            task.set("attachments", attachments);
        }
        return task;
    }
}
