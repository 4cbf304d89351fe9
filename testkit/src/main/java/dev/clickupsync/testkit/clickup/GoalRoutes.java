package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;

/**
 * The goal reads: {@code GET /team/{id}/goal?include_completed=} and {@code GET /goal/{id}}
 * (shapes in {@link GoalJson}). Choices ClickUp does not document: a goal is <em>completed</em> when
 * its {@code percent_completed} is 100, and the listing leaves those out (in {@code goals} and in each
 * folder's {@code goals}) unless {@code include_completed=true}; {@code goals} holds the goals without
 * a folder, {@code folders} every goal folder; both in creation order; a folder's {@code goal_count}
 * counts the goals it lists. An unknown or deleted goal is
 * {@code 404} with the invented {@link ClickUpErrors#GOAL_NOT_FOUND}; another workspace's listing is
 * {@code 401} "Team not authorized".
 */
final class GoalRoutes {
    private final FakeWorkspace workspace;

    GoalRoutes(FakeWorkspace workspace) {
        this.workspace = workspace;
    }

    Response listing(String teamId, ApiQuery query) {
        boolean includeCompleted = query.isTrue("include_completed");
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.teamId.equals(teamId)) {
                return Response.teamNotAuthorized();
            }
            ObjectNode body = ClickUpJson.object();
            body.set("goals", goalsIn(model, null, includeCompleted));
            ArrayNode folders = body.putArray("folders");
            model.goalFolders.values().forEach(f -> folders.add(GoalJson.folder(model, f, goalsIn(model, f.id(), includeCompleted))));
            return Response.ok(body);
        }
    }

    Response goal(String id) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            FakeGoal goal = model.goals.get(id);
            if (goal == null) {
                return Response.error(404, "Goal not found", ClickUpErrors.GOAL_NOT_FOUND);
            }
            ObjectNode body = ClickUpJson.object();
            body.set("goal", GoalJson.goal(model, goal));
            return Response.ok(body);
        }
    }

    private static ArrayNode goalsIn(WorkspaceModel model, String folderId, boolean includeCompleted) {
        ArrayNode goals = ClickUpJson.array();
        model.goals.values().stream()
                .filter(g -> java.util.Objects.equals(g.folderId, folderId))
                .filter(g -> includeCompleted || g.percentCompleted() < 100)
                .forEach(g -> goals.add(GoalJson.listed(model, g)));
        return goals;
    }
}
