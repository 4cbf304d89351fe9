package dev.clickupsync.clickup;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.ClickUpUser;
import dev.clickupsync.clickup.model.Comment;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.clickup.model.TaskTime;
import dev.clickupsync.clickup.model.TaskWrite;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.clickup.model.TimeEntry;
import dev.clickupsync.clickup.model.Webhook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * ClickUp, the way the rest of clickup-sync should call it: every method is one logical request
 * through {@link ClickUpCalls} (kill switch, shared rate budget, timeout, retries, circuit breaker,
 * metrics), and listings are lazy streams over pages. Every id is checked against ClickUp's shapes
 * first, outside the call ({@link ClickUpIds}): a malformed one throws
 * {@link ClickUpIds.InvalidClickUpIdException}, and nothing is sent, budgeted or retried.
 */
@ApplicationScoped
public class ClickUpClient {
    private final ClickUpApi api;
    private final ClickUpCalls calls;
    private final int maxPages;

    @Inject
    public ClickUpClient(@RestClient ClickUpApi api, ClickUpCalls calls, ClickUpConfig config) {
        this.api = api;
        this.calls = calls;
        this.maxPages = config.maxPages();
    }

    /** {@code GET /user}: who the token belongs to (the connectivity check). */
    public ClickUpUser me() {
        return calls.execute("GET /user", api::getUser).user();
    }

    /** {@code GET /team}: the workspaces the token can see. */
    public List<Teams.Team> teams() {
        return calls.execute("GET /team", api::getTeams).teams();
    }

    /** {@code GET /task/{id}}. */
    public ClickUpTask task(String taskId) {
        ClickUpIds.require("task", taskId);
        return calls.execute("GET /task/{id}", () -> api.getTask(taskId, null, null, null));
    }

    /** {@code GET /task/{id}?custom_task_ids=true&team_id=...}: by custom task id (e.g. {@code DEV-42}). */
    public ClickUpTask taskByCustomId(String customId, String teamId) {
        ClickUpIds.require("custom task", customId);
        ClickUpIds.require("team", teamId);
        return calls.execute("GET /task/{id}", () -> api.getTask(customId, true, teamId, null));
    }

    /** {@code GET /list/{id}/task}, every page, lazily. */
    public Stream<ClickUpTask> listTasks(String listId, TaskQuery q) {
        ClickUpIds.require("list", listId);
        return Pages.tasks(page -> calls.execute("GET /list/{id}/task", () -> api.getListTasks(listId, page,
                q.dateUpdatedGtMillis(), q.dateUpdatedLtMillis(), q.includeClosed(), q.subtasks(), q.archived(),
                q.orderBy(), q.reverse(), q.statuses())), maxPages);
    }

    /** {@code GET /team/{id}/task} (filtered team tasks), every page, lazily. */
    public Stream<ClickUpTask> teamTasks(String teamId, TaskQuery q) {
        ClickUpIds.require("team", teamId);
        return Pages.tasks(page -> calls.execute("GET /team/{id}/task", () -> api.getTeamTasks(teamId, page,
                q.dateUpdatedGtMillis(), q.dateUpdatedLtMillis(), q.includeClosed(), q.subtasks(), q.archived(),
                q.orderBy(), q.reverse(), q.statuses(), q.spaceIds(), q.listIds())), maxPages);
    }

    /** {@code GET /list/{id}/field}: the list's custom fields (ids, names, types, options). */
    public ListFields listFields(String listId) {
        ClickUpIds.require("list", listId);
        return calls.execute("GET /list/{id}/field", () -> api.getListFields(listId));
    }

    /** {@code GET /team/{id}/space}: the workspace's spaces ({@code {"spaces": [...]}}). */
    public JsonNode spaces(String teamId) {
        ClickUpIds.require("team", teamId);
        return calls.execute("GET /team/{id}/space", () -> api.getSpaces(teamId));
    }

    /** {@code GET /space/{id}/folder}: the space's (visible) folders ({@code {"folders": [...]}}). */
    public JsonNode folders(String spaceId) {
        ClickUpIds.require("space", spaceId);
        return calls.execute("GET /space/{id}/folder", () -> api.getFolders(spaceId));
    }

    /** {@code GET /space/{id}/list}: the space's folderless lists ({@code {"lists": [...]}}). */
    public JsonNode folderlessLists(String spaceId) {
        ClickUpIds.require("space", spaceId);
        return calls.execute("GET /space/{id}/list", () -> api.getFolderlessLists(spaceId));
    }

    /** {@code GET /folder/{id}/list}: the folder's lists ({@code {"lists": [...]}}). */
    public JsonNode folderLists(String folderId) {
        ClickUpIds.require("folder", folderId);
        return calls.execute("GET /folder/{id}/list", () -> api.getFolderLists(folderId));
    }

    /** {@code GET /space/{id}}, {@code /folder/{id}} or {@code /list/{id}}: one hierarchy object, as ClickUp's JSON. */
    public JsonNode hierarchyObject(String kind, String id) {
        ClickUpIds.require(kind, id);
        return switch (kind) {
            case "space" -> calls.execute("GET /space/{id}", () -> api.getSpace(id));
            case "folder" -> calls.execute("GET /folder/{id}", () -> api.getFolder(id));
            case "list" -> calls.execute("GET /list/{id}", () -> api.getList(id));
            default -> throw new IllegalArgumentException("not a hierarchy kind: " + kind);
        };
    }

    /**
     * {@code GET /team/{id}/time_entries} between two instants. ClickUp defaults to the caller's
     * own entries of the last 30 days; {@code assignees} (comma-separated user ids) widens that.
     */
    public List<TimeEntry> timeEntries(String teamId, Instant start, Instant end, String assignees, String taskId) {
        ClickUpIds.require("team", teamId);
        return calls.execute("GET /team/{id}/time_entries", () -> api.getTimeEntries(teamId,
                start == null ? null : start.toEpochMilli(), end == null ? null : end.toEpochMilli(),
                assignees, taskId)).data();
    }

    /** The most task ids {@link #bulkTimeInStatus} takes in one call (ClickUp's limit). */
    public static final int BULK_TIME_IN_STATUS_MAX = 100;

    /**
     * {@code GET /task/bulk_time_in_status/task_ids}: the time in status of 1 to
     * {@value #BULK_TIME_IN_STATUS_MAX} tasks, ClickUp's object keyed by task id (each value the shape
     * of {@code GET /task/{id}/time_in_status}). Needs the workspace's "Total time in Status" ClickApp.
     */
    public JsonNode bulkTimeInStatus(List<String> taskIds) {
        if (taskIds.isEmpty() || taskIds.size() > BULK_TIME_IN_STATUS_MAX) {
            throw new IllegalArgumentException("bulk time in status takes 1 to " + BULK_TIME_IN_STATUS_MAX
                    + " task ids, got " + taskIds.size());
        }
        taskIds.forEach(id -> ClickUpIds.require("task", id));
        List<String> ids = List.copyOf(taskIds);
        return calls.execute("GET /task/bulk_time_in_status/task_ids", () -> api.getBulkTimeInStatus(ids));
    }

    /** {@code GET /task/{id}/time}: tracked time grouped by user (the legacy shape). */
    public TaskTime taskTime(String taskId) {
        ClickUpIds.require("task", taskId);
        return calls.execute("GET /task/{id}/time", () -> api.getTaskTime(taskId));
    }

    public Webhook.Created createWebhook(String teamId, Webhook.Request request) {
        ClickUpIds.require("team", teamId);
        return calls.execute("POST /team/{id}/webhook", () -> api.createWebhook(teamId, request));
    }

    public List<Webhook> webhooks(String teamId) {
        ClickUpIds.require("team", teamId);
        return calls.execute("GET /team/{id}/webhook", () -> api.getWebhooks(teamId)).webhooks();
    }

    public Webhook.Created updateWebhook(String webhookId, Webhook.Request request) {
        ClickUpIds.require("webhook", webhookId);
        return calls.execute("PUT /webhook/{id}", () -> api.updateWebhook(webhookId, request));
    }

    public void deleteWebhook(String webhookId) {
        ClickUpIds.require("webhook", webhookId);
        calls.execute("DELETE /webhook/{id}", () -> api.deleteWebhook(webhookId));
    }

    /**
     * {@code GET /task/{id}/comment}: one page of the task's comments as ClickUp renders them, 25 newest
     * first; with {@code start} (a comment's date, epoch ms) and {@code startId} (its id) the ones older
     * than that comment. An answer without a {@code comments} array is an {@link IllegalStateException}
     * (an empty list would read as "every comment deleted").
     */
    public List<ObjectNode> taskComments(String taskId, Long start, String startId) {
        ClickUpIds.require("task", taskId);
        if (startId != null) {
            ClickUpIds.require("comment", startId);
        }
        JsonNode body = calls.execute("GET /task/{id}/comment", () -> api.getTaskComments(taskId, start, startId));
        JsonNode comments = body == null ? null : body.get("comments");
        if (comments == null || !comments.isArray()) {
            throw new IllegalStateException("GET /task/{id}/comment answered without a comments array");
        }
        List<ObjectNode> out = new java.util.ArrayList<>();
        comments.forEach(c -> {
            if (c instanceof ObjectNode object) {
                out.add(object);
            }
        });
        return out;
    }

    /** {@code POST /task/{id}/comment}. Not retried once sent, like {@link #createTask}: a retry could post it twice. */
    public Comment.Created comment(String taskId, String text) {
        ClickUpIds.require("task", taskId);
        return calls.executeOnce("POST /task/{id}/comment", () -> api.createComment(taskId, new Comment.Request(text, false, null)));
    }

    /**
     * {@code POST /list/{id}/task}. Not retried once sent ({@link ClickUpCalls#executeOnce}): a retry
     * after a timeout could create the task twice, so that case ends in
     * {@link ClickUpException.OutcomeUnknown}.
     */
    public ClickUpTask createTask(String listId, TaskWrite.Create request) {
        ClickUpIds.require("list", listId);
        return calls.executeOnce("POST /list/{id}/task", () -> api.createTask(listId, request));
    }

    /** {@code PUT /task/{id}}: sets what the update names; idempotent, so retried like a read. */
    public ClickUpTask updateTask(String taskId, TaskWrite.Update update) {
        ClickUpIds.require("task", taskId);
        return calls.execute("PUT /task/{id}", () -> api.updateTask(taskId, update.json()));
    }

    /** {@code POST /task/{id}/field/{field_id}}: sets one custom field (idempotent for every type we send). */
    public void setFieldValue(String taskId, String fieldId, JsonNode value) {
        ClickUpIds.require("task", taskId);
        ClickUpIds.require("custom field", fieldId);
        calls.execute("POST /task/{id}/field/{id}", () -> api.setFieldValue(taskId, fieldId, new TaskWrite.SetValue(value)));
    }

    /** {@code DELETE /task/{id}/field/{field_id}}: clears one custom field. */
    public void removeFieldValue(String taskId, String fieldId) {
        ClickUpIds.require("task", taskId);
        ClickUpIds.require("custom field", fieldId);
        calls.execute("DELETE /task/{id}/field/{id}", () -> api.removeFieldValue(taskId, fieldId));
    }
}
