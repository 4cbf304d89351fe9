package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import dev.clickupsync.testkit.clickup.TaskState.StatusChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /task/{task_id}/time_in_status and GET /task/bulk_time_in_status/task_ids, computed from the
 * task's own record of status changes ({@link TaskState#statusChanges}), so the fake is an oracle
 * for the replica's {@code read/TimeInStatusView}.
 *
 * <p>The stays are the creation's status from {@code date_created}, then one per change, each lasting
 * until the next change and the last one until the fake's clock says now. Where ClickUp does not
 * document its choice, the same choice as the replica (docs/read-api.md): {@code status_history} has
 * one element per status entered, in the order first entered, {@code since} that first entry,
 * {@code by_minute} the whole minutes (floor) of the summed stays, {@code type}/{@code color}/
 * {@code orderindex} as of the latest entry; {@code current_status.since} is the latest entry into
 * the current status ({@code date_created} if it never changed). Bulk takes {@code task_ids} repeated,
 * 1 to 100 (400 otherwise), answers an object keyed by the ids as asked, and the first id not found
 * answers for the whole request ({@code 404 ITEM_013}). Every {@code since} is shifted by the
 * workspace's {@link FakeWorkspace#setTimeInStatusSkew skew} (none by default).
 */
final class TimeInStatusRoutes {

    static final int MAX_BULK_IDS = 100;

    private final FakeWorkspace workspace;
    private final ApiRoutes routes;

    TimeInStatusRoutes(FakeWorkspace workspace, ApiRoutes routes) {
        this.workspace = workspace;
        this.routes = routes;
    }

    Response single(String taskId, ApiQuery query) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            return found.error() != null ? found.error() : Response.ok(render(model, found.task()));
        }
    }

    Response bulk(ApiQuery query) {
        Set<String> ids = new LinkedHashSet<>(query.all("task_ids"));
        if (ids.isEmpty() || ids.size() > MAX_BULK_IDS) {
            return Response.badInput("task_ids must name 1 to " + MAX_BULK_IDS + " tasks");
        }
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ObjectNode body = ClickUpJson.object();
            for (String id : ids) {
                ApiRoutes.Lookup found = routes.findTask(model, id, query);
                if (found.error() != null) {
                    return found.error();
                }
                body.set(id, render(model, found.task()));
            }
            return Response.ok(body);
        }
    }

    /** One status's line of status_history while it is being summed. */
    private static final class Line {
        final long since;
        FakeStatus latest;
        long millis;

        Line(long since, FakeStatus status) {
            this.since = since;
            this.latest = status;
        }
    }

    static ObjectNode render(WorkspaceModel model, TaskState task) {
        long now = model.clock.millis();
        FakeStatus current = model.requireList(task.listId).status(task.status).orElseThrow();
        List<StatusChange> stays = new ArrayList<>();
        FakeStatus initial = task.statusChanges.isEmpty() ? current : task.statusChanges.get(0).from();
        stays.add(new StatusChange(task.dateCreated, null, initial));
        stays.addAll(task.statusChanges);
        Map<String, Line> lines = new LinkedHashMap<>();
        for (int i = 0; i < stays.size(); i++) {
            StatusChange stay = stays.get(i);
            long until = i + 1 < stays.size() ? stays.get(i + 1).at() : now;
            Line line = lines.computeIfAbsent(stay.to().status(), k -> new Line(stay.at(), stay.to()));
            line.latest = stay.to();
            line.millis += Math.max(0, until - stay.at());
        }
        long currentSince = stays.get(stays.size() - 1).at();

        ObjectNode body = ClickUpJson.object();
        ObjectNode currentNode = body.putObject("current_status");
        currentNode.put("status", current.status());
        currentNode.put("color", current.color());
        totalTime(currentNode, currentSince + model.timeInStatusSkewMillis, Math.max(0, now - currentSince));
        ArrayNode history = body.putArray("status_history");
        lines.values().forEach(line -> {
            ObjectNode node = history.addObject();
            node.put("status", line.latest.status());
            node.put("color", line.latest.color());
            node.put("type", line.latest.type());
            totalTime(node, line.since + model.timeInStatusSkewMillis, line.millis);
            node.put("orderindex", line.latest.orderindex());
        });
        return body;
    }

    private static void totalTime(ObjectNode parent, long since, long millis) {
        ObjectNode total = parent.putObject("total_time");
        total.put("by_minute", millis / 60_000);
        total.put("since", Long.toString(since));
    }
}
