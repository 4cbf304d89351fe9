package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import java.util.List;

/**
 * POST /task/{task_id}/comment (body {@code comment_text}, optional {@code notify_all} and
 * {@code assignee}; answers {@code {"id", "hist_id", "date"}} with date a number, as in the OpenAPI
 * example) and GET /task/{task_id}/comment. The comment is written by the token user and makes a
 * taskCommentPosted delivery for every matching webhook (see {@link FakeWorkspace#deliveryLog()}).
 */
final class CommentRoutes {

    private final FakeWorkspace workspace;
    private final ApiRoutes routes;

    CommentRoutes(FakeWorkspace workspace, ApiRoutes routes) {
        this.workspace = workspace;
        this.routes = routes;
    }

    Response post(String taskId, ApiQuery query, String body) {
        JsonNode json = JsonBodies.object(body);
        JsonNode text = json.get("comment_text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new ApiQuery.BadInput("comment_text is required");
        }
        Long assignee = JsonBodies.optionalLong(json, "assignee");
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            if (assignee != null && !model.users.containsKey(assignee)) {
                throw new ApiQuery.BadInput("assignee " + assignee + " is not a member of the workspace");
            }
            Comments.Posted posted = Comments.post(model, found.task().id, model.tokenUser().id(), text.asText(), assignee,
                    json.path("notify_all").asBoolean(false));
            workspace.deliveries(List.of(posted.event()));
            ObjectNode answer = ClickUpJson.object();
            answer.put("id", posted.comment().id());
            answer.put("hist_id", posted.comment().historyId());
            answer.put("date", posted.comment().date());
            return Response.ok(answer);
        }
    }

    Response list(String taskId, ApiQuery query) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            return Response.ok(Comments.list(model, model.comments.getOrDefault(found.task().id, List.of())));
        }
    }
}
