package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import java.util.List;

/**
 * The comment routes, on {@link Comments}:
 * <ul>
 *   <li>POST /task/{task_id}/comment (body {@code comment_text}, optional {@code notify_all} and
 *       {@code assignee}; answers {@code {"id", "hist_id", "date"}} with date a number, as in the
 *       OpenAPI example), written by the token user, a taskCommentPosted delivery for every matching
 *       webhook (see {@link FakeWorkspace#deliveryLog()});</li>
 *   <li>GET /task/{task_id}/comment: 25 newest first; {@code start} and {@code start_id} (the last
 *       comment of the previous page) give the next older ones; one without the other is 400;</li>
 *   <li>PUT /comment/{comment_id} (body {@code comment_text} required, {@code assignee} and
 *       {@code resolved} kept when absent; answers {@code {}}): a taskCommentUpdated delivery;</li>
 *   <li>DELETE /comment/{comment_id} (answers {@code {}}): no delivery, ClickUp has no such event.</li>
 * </ul>
 * An unknown comment id is 404 ({@link ClickUpErrors#COMMENT_NOT_FOUND}).
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
        String text = text(json);
        Long assignee = JsonBodies.optionalLong(json, "assignee");
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            requireMember(model, assignee);
            Comments.Posted posted = Comments.post(model, found.task().id, model.tokenUser().id(), text, assignee,
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
        Long start = query.longValue("start");
        String startId = query.first("start_id");
        if ((start == null) != (startId == null || startId.isBlank())) {
            throw new ApiQuery.BadInput("start and start_id must be used together");
        }
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            return Response.ok(Comments.list(model, model.comments.getOrDefault(found.task().id, List.of()), start, startId));
        }
    }

    Response update(String commentId, String body) {
        JsonNode json = JsonBodies.object(body);
        String text = text(json);
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            FakeComment old = find(model, commentId);
            if (old == null) {
                return notFound();
            }
            Long assignee = json.has("assignee") ? JsonBodies.optionalLong(json, "assignee") : old.assigneeId();
            requireMember(model, assignee);
            JsonNode resolved = json.get("resolved");
            if (resolved != null && !resolved.isBoolean()) {
                throw new ApiQuery.BadInput("resolved must be a boolean");
            }
            boolean nowResolved = resolved == null ? old.resolved() : resolved.booleanValue();
            workspace.deliveries(List.of(Comments.update(model, commentId, text, assignee, nowResolved)));
            return Response.ok(ClickUpJson.object());
        }
    }

    Response delete(String commentId) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (find(model, commentId) == null) {
                return notFound();
            }
            Comments.delete(model, commentId);
            return Response.ok(ClickUpJson.object());
        }
    }

    private static String text(JsonNode json) {
        JsonNode text = json.get("comment_text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new ApiQuery.BadInput("comment_text is required");
        }
        return text.asText();
    }

    private static void requireMember(WorkspaceModel model, Long assignee) {
        if (assignee != null && !model.users.containsKey(assignee)) {
            throw new ApiQuery.BadInput("assignee " + assignee + " is not a member of the workspace");
        }
    }

    private static FakeComment find(WorkspaceModel model, String commentId) {
        try {
            return Comments.require(model, commentId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response notFound() {
        return Response.error(404, "Comment not found", ClickUpErrors.COMMENT_NOT_FOUND);
    }
}
