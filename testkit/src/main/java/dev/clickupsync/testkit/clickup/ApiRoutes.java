package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ClickUp API v2 routes the fake serves (everything lives under {@code /api/v2}): GET /task/{id},
 * GET /list/{id}/field, GET /user, GET /team here, and through their own classes the task listings
 * ({@link TaskListRoutes}), task writes ({@link TaskWriteRoutes}), time tracking ({@link TimeRoutes}),
 * time in status ({@link TimeInStatusRoutes}), spaces, folders and lists ({@link HierarchyRoutes}), goals ({@link GoalRoutes}), comments ({@link CommentRoutes}) and webhooks ({@link WebhookRoutes}). Anything else is ClickUp's "Route not found". Authentication and
 * rate limiting happen before, in {@link ApiHandler}. Reads and writes hold the workspace lock.
 */
final class ApiRoutes {

    static final String PREFIX = "/api/v2";

    /** An answer: status and compact JSON body. */
    record Response(int status, String body) {
        static Response ok(JsonNode body) {
            return new Response(200, ClickUpJson.string(body));
        }

        static Response error(int status, String err, String ecode) {
            return new Response(status, ClickUpErrors.body(err, ecode));
        }

        static Response badInput(String err) {
            return error(400, err, ClickUpErrors.INVALID_INPUT);
        }

        static Response teamNotAuthorized() {
            return error(401, "Team not authorized", ClickUpErrors.TEAM_NOT_AUTHORIZED);
        }
    }

    private final FakeWorkspace workspace;
    private final TaskListRoutes taskLists;
    private final TimeRoutes time;
    private final TimeInStatusRoutes timeInStatus;
    private final CommentRoutes comments;
    private final TaskWriteRoutes writes;
    private final WebhookRoutes webhooks;
    private final HierarchyRoutes hierarchy;
    private final GoalRoutes goals;
    private volatile boolean unknownIdsAsTeamNotAuthorized;

    ApiRoutes(FakeWorkspace workspace) {
        this.workspace = workspace;
        this.taskLists = new TaskListRoutes(workspace, this);
        this.time = new TimeRoutes(workspace, this);
        this.timeInStatus = new TimeInStatusRoutes(workspace, this);
        this.comments = new CommentRoutes(workspace, this);
        this.writes = new TaskWriteRoutes(workspace, this);
        this.webhooks = new WebhookRoutes(workspace);
        this.hierarchy = new HierarchyRoutes(workspace, this);
        this.goals = new GoalRoutes(workspace);
    }

    void unknownIdsAsTeamNotAuthorized(boolean enabled) {
        this.unknownIdsAsTeamNotAuthorized = enabled;
    }

    Response route(String method, String path, Map<String, List<String>> rawQuery, String body) {
        if (!path.startsWith(PREFIX + "/")) {
            return routeNotFound();
        }
        String[] s = path.substring(PREFIX.length() + 1).split("/", -1);
        for (String segment : s) {
            if (segment.isEmpty()) {
                return routeNotFound();
            }
        }
        ApiQuery query = new ApiQuery(rawQuery);
        String route = method + " " + shape(s);
        try {
            return switch (route) {
                case "GET task/_" -> task(s[1], query);
                case "PUT task/_" -> writes.update(s[1], query, body);
                case "POST task/_/field/_" -> writes.setField(s[1], s[3], query, body);
                case "DELETE task/_/field/_" -> writes.setField(s[1], s[3], query, null);
                case "POST list/_/task" -> writes.create(s[1], body);
                case "GET task/_/time" -> time.legacy(s[1], query);
                case "GET task/_/time_in_status" -> timeInStatus.single(s[1], query);
                case "GET task/_/task_ids" -> "bulk_time_in_status".equals(s[1]) ? timeInStatus.bulk(query) : routeNotFound();
                case "GET task/_/comment" -> comments.list(s[1], query);
                case "POST task/_/comment" -> comments.post(s[1], query, body);
                case "PUT comment/_" -> comments.update(s[1], body);
                case "DELETE comment/_" -> comments.delete(s[1]);
                case "GET list/_/field" -> listFields(s[1]);
                case "GET team/_/space", "GET space/_", "GET space/_/folder", "GET space/_/list", "GET folder/_",
                     "GET folder/_/list", "GET list/_", "GET list/_/member" -> hierarchy.route(route, s[1]);
                case "GET team/_/goal" -> goals.listing(s[1], query);
                case "GET goal/_" -> goals.goal(s[1]);
                case "GET list/_/task" -> taskLists.listTasks(s[1], query);
                case "GET user" -> read(AccountJson::user);
                case "GET team" -> read(AccountJson::teams);
                case "GET team/_/task" -> taskLists.teamTasks(s[1], query);
                case "GET team/_/time_entries" -> time.entries(s[1], query);
                case "GET team/_/webhook" -> webhooks.list(s[1]);
                case "POST team/_/webhook" -> webhooks.create(s[1], body);
                case "PUT webhook/_" -> webhooks.update(s[1], body);
                case "DELETE webhook/_" -> webhooks.delete(s[1]);
                default -> routeNotFound();
            };
        } catch (ApiQuery.BadInput | IllegalArgumentException e) {
            return Response.badInput(e.getMessage());
        }
    }

    /** A task found by id, or the error to answer instead. */
    record Lookup(TaskState task, Response error) {
        static Lookup failed(Response error) {
            return new Lookup(null, error);
        }
    }

    /** The live task by id or, with custom_task_ids=true (which needs team_id), by custom id; else the error answer. */
    Lookup findTask(WorkspaceModel model, String id, ApiQuery query) {
        Lookup found = findAny(model, id, query);
        if (found.error() == null && found.task().deleted) {
            return Lookup.failed(Response.error(404, "Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND));
        }
        return found;
    }

    /** As {@link #findTask}, but a deleted task is found too (a listing filter then leaves it out). */
    Lookup findAny(WorkspaceModel model, String id, ApiQuery query) {
        boolean byCustomId = query.isTrue("custom_task_ids");
        if (byCustomId) {
            String teamId = query.first("team_id");
            if (teamId == null) {
                return Lookup.failed(Response.error(400, "team_id is required when custom_task_ids is true",
                        ClickUpErrors.TEAM_ID_REQUIRED));
            }
            if (!teamId.equals(model.teamId)) {
                return Lookup.failed(Response.teamNotAuthorized());
            }
        }
        TaskState task = byCustomId
                ? model.tasks.values().stream().filter(t -> id.equalsIgnoreCase(t.customId)).findFirst().orElse(null)
                : model.tasks.get(id);
        if (task == null) {
            return Lookup.failed(unknownIdsAsTeamNotAuthorized ? Response.teamNotAuthorized()
                    : Response.error(404, "Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND));
        }
        return new Lookup(task, null);
    }

    Response listNotFound() {
        return unknownIdsAsTeamNotAuthorized ? Response.teamNotAuthorized()
                : Response.error(404, "List not found", ClickUpErrors.LIST_NOT_FOUND);
    }

    private Response task(String id, ApiQuery query) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            Lookup found = findTask(model, id, query);
            return found.error() != null ? found.error()
                    : Response.ok(TaskJson.render(model, found.task(), query.isTrue("include_subtasks"),
                            query.isTrue("include_markdown_description")));
        }
    }

    private Response listFields(String listId) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.lists.containsKey(listId)) {
                return listNotFound();
            }
            ArrayNode fields = ClickUpJson.array();
            model.fields(listId).forEach(f -> fields.add(CustomFieldValues.definition(f)));
            ObjectNode body = ClickUpJson.object();
            body.set("fields", fields);
            return Response.ok(body);
        }
    }

    private Response read(Function<WorkspaceModel, ObjectNode> renderer) {
        synchronized (workspace) {
            return Response.ok(renderer.apply(workspace.model()));
        }
    }

    /** The path with every id segment (odd positions) replaced by "_": "task/86c/time" gives "task/_/time". */
    private static String shape(String[] segments) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                shape.append('/');
            }
            shape.append(i % 2 == 1 ? "_" : segments[i]);
        }
        return shape.toString();
    }

    private static Response routeNotFound() {
        return Response.error(404, "Route not found", ClickUpErrors.ROUTE_NOT_FOUND);
    }
}
