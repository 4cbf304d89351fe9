package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ClickUp API v2 routes the fake serves (everything lives under {@code /api/v2}):
 * GET /task/{id}, GET /list/{id}/field, GET /user, GET /team. Anything else is ClickUp's
 * "Route not found". Authentication and rate limiting happen before, in {@link ApiHandler}.
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
    }

    private final FakeWorkspace workspace;
    private volatile boolean unknownIdsAsTeamNotAuthorized;

    ApiRoutes(FakeWorkspace workspace) {
        this.workspace = workspace;
    }

    void unknownIdsAsTeamNotAuthorized(boolean enabled) {
        this.unknownIdsAsTeamNotAuthorized = enabled;
    }

    Response route(String method, String path, Map<String, List<String>> query) {
        if (!path.startsWith(PREFIX + "/") || !method.equals("GET")) {
            return routeNotFound();
        }
        String[] s = path.substring(PREFIX.length() + 1).split("/", -1);
        if (s.length == 2 && s[0].equals("task") && !s[1].isEmpty()) {
            return task(s[1], query);
        }
        if (s.length == 3 && s[0].equals("list") && s[2].equals("field") && !s[1].isEmpty()) {
            return listFields(s[1]);
        }
        if (s.length == 1 && s[0].equals("user")) {
            return Response.ok(workspace.apiUser());
        }
        if (s.length == 1 && s[0].equals("team")) {
            return Response.ok(workspace.apiTeams());
        }
        return routeNotFound();
    }

    /** custom_task_ids=true looks the id up as a custom task id and, as in ClickUp, needs team_id. */
    private Response task(String id, Map<String, List<String>> query) {
        boolean byCustomId = isTrue(query, "custom_task_ids");
        if (byCustomId) {
            String teamId = first(query, "team_id");
            if (teamId == null) {
                return Response.error(400, "team_id is required when custom_task_ids is true", ClickUpErrors.TEAM_ID_REQUIRED);
            }
            if (!teamId.equals(workspace.teamId())) {
                return Response.error(401, "Team not authorized", ClickUpErrors.TEAM_NOT_AUTHORIZED);
            }
        }
        FakeWorkspace.ApiTask task = workspace.apiTask(id, byCustomId, isTrue(query, "include_subtasks"));
        if (task == null) {
            return unknownIdsAsTeamNotAuthorized
                    ? Response.error(401, "Team not authorized", ClickUpErrors.TEAM_NOT_AUTHORIZED)
                    : Response.error(404, "Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND);
        }
        if (task.deleted()) {
            return Response.error(404, "Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND);
        }
        return Response.ok(task.json());
    }

    private Response listFields(String listId) {
        Optional<ArrayNode> fields = workspace.apiListFields(listId);
        if (fields.isEmpty()) {
            return unknownIdsAsTeamNotAuthorized
                    ? Response.error(401, "Team not authorized", ClickUpErrors.TEAM_NOT_AUTHORIZED)
                    : Response.error(404, "List not found", ClickUpErrors.LIST_NOT_FOUND);
        }
        ObjectNode body = ClickUpJson.object();
        body.set("fields", fields.get());
        return Response.ok(body);
    }

    private static Response routeNotFound() {
        return Response.error(404, "Route not found", ClickUpErrors.ROUTE_NOT_FOUND);
    }

    private static boolean isTrue(Map<String, List<String>> query, String name) {
        return "true".equalsIgnoreCase(first(query, name));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
