package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * GET /team/{team_Id}/time_entries and the legacy GET /task/{task_id}/time. Time entries default, as
 * documented, to the last 30 days (by start) of the token user's own entries; {@code assignee} takes
 * comma-separated user ids; {@code task_id} (a custom task id with {@code custom_task_ids=true&team_id=X}),
 * {@code list_id}, {@code folder_id} and {@code space_id} narrow by location (all that are given apply); the window is by start, both ends inclusive. Entries
 * come oldest first. Entries of deleted tasks are left out, as are deleted entries; an edited entry
 * shows its new values. Elements added with {@code FakeWorkspace.addRawTimeEntry} come first, verbatim.
 */
final class TimeRoutes {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final FakeWorkspace workspace;
    private final ApiRoutes routes;

    TimeRoutes(FakeWorkspace workspace, ApiRoutes routes) {
        this.workspace = workspace;
        this.routes = routes;
    }

    Response entries(String teamId, ApiQuery query) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            if (!model.teamId.equals(teamId)) {
                return Response.teamNotAuthorized();
            }
            long now = model.clock.millis();
            Long end = query.longValue("end_date");
            Long start = query.longValue("start_date");
            long to = end == null ? now : end;
            long from = start == null ? to - DEFAULT_WINDOW.toMillis() : start;
            Set<Long> users = assignees(model, query.first("assignee"));
            String asked = query.first("task_id");
            ApiRoutes.Lookup byCustomId = asked != null && query.isTrue("custom_task_ids")
                    ? routes.findAny(model, asked, query) : null;
            if (byCustomId != null && byCustomId.error() != null) {
                return byCustomId.error();
            }
            String taskId = byCustomId != null ? byCustomId.task().id : asked;
            String listId = query.first("list_id");
            String folderId = query.first("folder_id");
            String spaceId = query.first("space_id");
            boolean tags = query.isTrue("include_task_tags");
            boolean names = query.isTrue("include_location_names");

            ObjectNode body = ClickUpJson.object();
            ArrayNode data = body.putArray("data");
            model.rawTimeEntries.forEach(raw -> data.add(raw.deepCopy()));
            model.timeEntries.stream()
                    .filter(e -> users.contains(e.userId()) && e.start() >= from && e.start() <= to)
                    .filter(e -> taskId == null || taskId.equals(e.taskId()))
                    .filter(e -> {
                        TaskState task = model.tasks.get(e.taskId());
                        return !task.deleted && model.inLocation(task, listId, folderId, spaceId);
                    })
                    .sorted((a, b) -> Long.compare(a.start(), b.start()))
                    .forEach(e -> data.add(TimeJson.entry(model, e, tags, names)));
            return Response.ok(body);
        }
    }

    Response legacy(String taskId, ApiQuery query) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            ApiRoutes.Lookup found = routes.findTask(model, taskId, query);
            if (found.error() != null) {
                return found.error();
            }
            String id = found.task().id;
            List<FakeTimeEntry> entries = model.timeEntries.stream().filter(e -> e.taskId().equals(id)).toList();
            return Response.ok(TimeJson.legacy(model, entries));
        }
    }

    private static Set<Long> assignees(WorkspaceModel model, String assignee) {
        if (assignee == null || assignee.isBlank()) {
            return Set.of(model.tokenUser().id());
        }
        Set<Long> ids = new HashSet<>();
        for (String part : assignee.split(",")) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new ApiQuery.BadInput("assignee must be comma-separated user ids: " + assignee);
            }
        }
        return ids;
    }
}
