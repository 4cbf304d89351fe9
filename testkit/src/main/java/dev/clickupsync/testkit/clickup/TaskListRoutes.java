package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;

/**
 * GET /list/{list_id}/task ({@code {"tasks":[...], "last_page": bool}}) and GET /team/{team_Id}/task
 * ({@code {"tasks":[...]}} with no {@code last_page}: as with ClickUp, a page shorter than 100 ends the
 * listing). Both share {@link TaskQuery}; tasks render as GET /task does, without attachments
 * ({@code markdown_description} with {@code include_markdown_description=true}).
 */
final class TaskListRoutes {

    private final FakeWorkspace workspace;
    private final ApiRoutes routes;

    TaskListRoutes(FakeWorkspace workspace, ApiRoutes routes) {
        this.workspace = workspace;
        this.routes = routes;
    }

    Response listTasks(String listId, ApiQuery query) {
        TaskQuery taskQuery = new TaskQuery(query);
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.lists.containsKey(listId)) {
                return routes.listNotFound();
            }
            TaskQuery.Page page = taskQuery.run(model, task -> task.listId.equals(listId));
            ObjectNode body = render(model, page, query);
            body.put("last_page", page.lastPage());
            return Response.ok(body);
        }
    }

    Response teamTasks(String teamId, ApiQuery query) {
        TaskQuery taskQuery = new TaskQuery(query);
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.teamId.equals(teamId)) {
                return Response.teamNotAuthorized();
            }
            return Response.ok(render(model, taskQuery.run(model, taskQuery.teamScope(model)), query));
        }
    }

    private static ObjectNode render(WorkspaceModel model, TaskQuery.Page page, ApiQuery query) {
        boolean markdown = query.isTrue("include_markdown_description");
        ObjectNode body = ClickUpJson.object();
        ArrayNode tasks = body.putArray("tasks");
        page.tasks().forEach(task -> tasks.add(TaskJson.listed(model, task, markdown)));
        return body;
    }
}
