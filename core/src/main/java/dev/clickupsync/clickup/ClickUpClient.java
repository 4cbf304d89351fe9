package dev.clickupsync.clickup;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.ClickUpUser;
import dev.clickupsync.clickup.model.Comment;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.clickup.model.TaskTime;
import dev.clickupsync.clickup.model.TaskWrite;
import dev.clickupsync.clickup.model.Teams;
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
 *
 * <p>Several workspaces (issue #17): the injected client is the {@code default} workspace's, and it
 * sends a call through another workspace's client (its token, budget and breaker) while a
 * {@link ClickUpRoute} scope on this thread names one, so code several layers below the drain needs no
 * workspace parameter. Each method picks its client once, when called, so a lazy listing keeps the
 * client it was started with wherever its pages are read. A workspace's own client never re-routes.
 */
@ApplicationScoped
public class ClickUpClient {
    /** Every task read and listing asks for {@code markdown_description} (see {@link #task}). */
    private static final Boolean MARKDOWN = Boolean.TRUE;
    private final ClickUpApi api;
    private final ClickUpCalls calls;
    private final int maxPages;
    private final boolean routes;

    @Inject
    public ClickUpClient(@RestClient ClickUpApi api, ClickUpCalls calls, ClickUpConfig config) {
        this(api, calls, config, true);
    }

    /** @param routes whether a {@link ClickUpRoute} on the calling thread may send calls elsewhere (the default client's) */
    public ClickUpClient(ClickUpApi api, ClickUpCalls calls, ClickUpConfig config, boolean routes) {
        this.api = api;
        this.calls = calls;
        this.maxPages = config.maxPages();
        this.routes = routes;
    }

    /** The client this call goes through: the routed workspace's, else this one. */
    private ClickUpClient target() {
        ClickUpClient routed = routes ? ClickUpRoute.current() : null;
        return routed == null ? this : routed;
    }

    /** {@code GET /user}: who the token belongs to (the connectivity check). */
    public ClickUpUser me() {
        ClickUpClient t = target();
        return t.calls.execute("GET /user", t.api::getUser).user();
    }

    /** {@code GET /team}: the workspaces the token can see. */
    public List<Teams.Team> teams() {
        ClickUpClient t = target();
        return t.calls.execute("GET /team", t.api::getTeams).teams();
    }

    /**
     * {@code GET /task/{id}?include_markdown_description=true}: every task read asks for
     * {@code markdown_description} (same call, no extra cost), so the mirror stores it with the task
     * and the read API can serve {@code include_markdown_description=true}; the read API drops it
     * again for a client that did not ask ({@code read/TaskView}). Listings ask for it too.
     */
    public ClickUpTask task(String taskId) {
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        return t.calls.execute("GET /task/{id}", () -> t.api.getTask(taskId, null, null, null, MARKDOWN));
    }

    /** {@code GET /task/{id}?custom_task_ids=true&team_id=...}: by custom task id (e.g. {@code DEV-42}). */
    public ClickUpTask taskByCustomId(String customId, String teamId) {
        ClickUpClient t = target();
        ClickUpIds.require("custom task", customId);
        ClickUpIds.require("team", teamId);
        return t.calls.execute("GET /task/{id}", () -> t.api.getTask(customId, true, teamId, null, MARKDOWN));
    }

    /** {@code GET /list/{id}/task}, every page, lazily. */
    public Stream<ClickUpTask> listTasks(String listId, TaskQuery q) {
        ClickUpClient t = target();
        ClickUpIds.require("list", listId);
        return Pages.tasks(page -> t.calls.execute("GET /list/{id}/task", () -> t.api.getListTasks(listId, page,
                q.dateUpdatedGtMillis(), q.dateUpdatedLtMillis(), q.includeClosed(), q.subtasks(), q.archived(),
                q.orderBy(), q.reverse(), q.statuses(), MARKDOWN)), maxPages);
    }

    /** {@code GET /team/{id}/task} (filtered team tasks), every page, lazily. */
    public Stream<ClickUpTask> teamTasks(String teamId, TaskQuery q) {
        ClickUpClient t = target();
        ClickUpIds.require("team", teamId);
        return Pages.tasks(page -> t.calls.execute("GET /team/{id}/task", () -> t.api.getTeamTasks(teamId, page,
                q.dateUpdatedGtMillis(), q.dateUpdatedLtMillis(), q.includeClosed(), q.subtasks(), q.archived(),
                q.orderBy(), q.reverse(), q.statuses(), q.spaceIds(), q.listIds(), MARKDOWN)), maxPages);
    }

    /** {@code GET /list/{id}/field}: the list's custom fields (ids, names, types, options). */
    public ListFields listFields(String listId) {
        ClickUpClient t = target();
        ClickUpIds.require("list", listId);
        return t.calls.execute("GET /list/{id}/field", () -> t.api.getListFields(listId));
    }

    /** {@code GET /team/{id}/space}: the workspace's spaces ({@code {"spaces": [...]}}). */
    public JsonNode spaces(String teamId) {
        ClickUpClient t = target();
        ClickUpIds.require("team", teamId);
        return t.calls.execute("GET /team/{id}/space", () -> t.api.getSpaces(teamId));
    }

    /** {@code GET /space/{id}/folder}: the space's (visible) folders ({@code {"folders": [...]}}). */
    public JsonNode folders(String spaceId) {
        ClickUpClient t = target();
        ClickUpIds.require("space", spaceId);
        return t.calls.execute("GET /space/{id}/folder", () -> t.api.getFolders(spaceId));
    }

    /** {@code GET /space/{id}/list}: the space's folderless lists ({@code {"lists": [...]}}). */
    public JsonNode folderlessLists(String spaceId) {
        ClickUpClient t = target();
        ClickUpIds.require("space", spaceId);
        return t.calls.execute("GET /space/{id}/list", () -> t.api.getFolderlessLists(spaceId));
    }

    /** {@code GET /folder/{id}/list}: the folder's lists ({@code {"lists": [...]}}). */
    public JsonNode folderLists(String folderId) {
        ClickUpClient t = target();
        ClickUpIds.require("folder", folderId);
        return t.calls.execute("GET /folder/{id}/list", () -> t.api.getFolderLists(folderId));
    }

    /** {@code GET /list/{id}/member}: who can see the list ({@code {"members": [...]}}), as ClickUp's JSON. */
    public JsonNode listMembers(String listId) {
        ClickUpClient t = target();
        ClickUpIds.require("list", listId);
        return t.calls.execute("GET /list/{id}/member", () -> t.api.getListMembers(listId));
    }

    /** {@code GET /space/{id}}, {@code /folder/{id}} or {@code /list/{id}}: one hierarchy object, as ClickUp's JSON. */
    public JsonNode hierarchyObject(String kind, String id) {
        ClickUpClient t = target();
        ClickUpIds.require(kind, id);
        return switch (kind) {
            case "space" -> t.calls.execute("GET /space/{id}", () -> t.api.getSpace(id));
            case "folder" -> t.calls.execute("GET /folder/{id}", () -> t.api.getFolder(id));
            case "list" -> t.calls.execute("GET /list/{id}", () -> t.api.getList(id));
            default -> throw new IllegalArgumentException("not a hierarchy kind: " + kind);
        };
    }

    /**
     * {@code GET /team/{id}/goal?include_completed=true}: every goal of the workspace, completed ones
     * too ({@code {"goals": [...], "folders": [...]}}, listing entries without key results).
     */
    public JsonNode goals(String teamId) {
        ClickUpClient t = target();
        ClickUpIds.require("team", teamId);
        return t.calls.execute("GET /team/{id}/goal", () -> t.api.getGoals(teamId, true));
    }

    /** {@code GET /goal/{id}}: the goal with its key results ({@code {"goal": {...}}}). */
    public JsonNode goal(String goalId) {
        ClickUpClient t = target();
        ClickUpIds.require("goal", goalId);
        return t.calls.execute("GET /goal/{id}", () -> t.api.getGoal(goalId));
    }

    /**
     * {@code GET /team/{id}/time_entries} between two instants (ClickUp filters by entry start), the
     * {@code data} elements as ClickUp sent them: the caller validates each one, so one malformed
     * entry does not lose the others. ClickUp defaults to the caller's own entries of the last 30
     * days; {@code assignees} (comma-separated user ids; owners and admins only) widens that. An
     * answer without a {@code data} array is an {@link IllegalStateException} (an empty list would
     * read as "every entry deleted").
     */
    public List<JsonNode> timeEntries(String teamId, Instant start, Instant end, String assignees, String taskId) {
        ClickUpClient t = target();
        ClickUpIds.require("team", teamId);
        JsonNode body = t.calls.execute("GET /team/{id}/time_entries", () -> t.api.getTimeEntries(teamId,
                start == null ? null : start.toEpochMilli(), end == null ? null : end.toEpochMilli(),
                assignees, taskId));
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalStateException("GET /team/{id}/time_entries answered without a data array");
        }
        List<JsonNode> out = new java.util.ArrayList<>(data.size());
        data.forEach(out::add);
        return out;
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
        ClickUpClient t = target(); // the routed workspace's token, as every other call
        return t.calls.execute("GET /task/bulk_time_in_status/task_ids", () -> t.api.getBulkTimeInStatus(ids));
    }

    /** {@code GET /task/{id}/time}: tracked time grouped by user (the legacy shape). */
    public TaskTime taskTime(String taskId) {
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        return t.calls.execute("GET /task/{id}/time", () -> t.api.getTaskTime(taskId));
    }

    public Webhook.Created createWebhook(String teamId, Webhook.Request request) {
        ClickUpClient t = target();
        ClickUpIds.require("team", teamId);
        return t.calls.execute("POST /team/{id}/webhook", () -> t.api.createWebhook(teamId, request));
    }

    public List<Webhook> webhooks(String teamId) {
        ClickUpClient t = target();
        ClickUpIds.require("team", teamId);
        return t.calls.execute("GET /team/{id}/webhook", () -> t.api.getWebhooks(teamId)).webhooks();
    }

    public Webhook.Created updateWebhook(String webhookId, Webhook.Request request) {
        ClickUpClient t = target();
        ClickUpIds.require("webhook", webhookId);
        return t.calls.execute("PUT /webhook/{id}", () -> t.api.updateWebhook(webhookId, request));
    }

    public void deleteWebhook(String webhookId) {
        ClickUpClient t = target();
        ClickUpIds.require("webhook", webhookId);
        t.calls.execute("DELETE /webhook/{id}", () -> t.api.deleteWebhook(webhookId));
    }

    /**
     * {@code GET /task/{id}/comment}: one page of the task's comments as ClickUp renders them, 25 newest
     * first; with {@code start} (a comment's date, epoch ms) and {@code startId} (its id) the ones older
     * than that comment. An answer without a {@code comments} array is an {@link IllegalStateException}
     * (an empty list would read as "every comment deleted").
     */
    public List<ObjectNode> taskComments(String taskId, Long start, String startId) {
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        if (startId != null) {
            ClickUpIds.require("comment", startId);
        }
        JsonNode body = t.calls.execute("GET /task/{id}/comment", () -> t.api.getTaskComments(taskId, start, startId));
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
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        return t.calls.executeOnce("POST /task/{id}/comment", () -> t.api.createComment(taskId, new Comment.Request(text, false, null)));
    }

    /**
     * {@code POST /list/{id}/task}. Not retried once sent ({@link ClickUpCalls#executeOnce}): a retry
     * after a timeout could create the task twice, so that case ends in
     * {@link ClickUpException.OutcomeUnknown}.
     */
    public ClickUpTask createTask(String listId, TaskWrite.Create request) {
        ClickUpClient t = target();
        ClickUpIds.require("list", listId);
        return t.calls.executeOnce("POST /list/{id}/task", () -> t.api.createTask(listId, request));
    }

    /** {@code PUT /task/{id}}: sets what the update names; idempotent, so retried like a read. */
    public ClickUpTask updateTask(String taskId, TaskWrite.Update update) {
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        return t.calls.execute("PUT /task/{id}", () -> t.api.updateTask(taskId, update.json()));
    }

    /** {@code POST /task/{id}/field/{field_id}}: sets one custom field (idempotent for every type we send). */
    public void setFieldValue(String taskId, String fieldId, JsonNode value) {
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        ClickUpIds.require("custom field", fieldId);
        t.calls.execute("POST /task/{id}/field/{id}", () -> t.api.setFieldValue(taskId, fieldId, new TaskWrite.SetValue(value)));
    }

    /** {@code DELETE /task/{id}/field/{field_id}}: clears one custom field. */
    public void removeFieldValue(String taskId, String fieldId) {
        ClickUpClient t = target();
        ClickUpIds.require("task", taskId);
        ClickUpIds.require("custom field", fieldId);
        t.calls.execute("DELETE /task/{id}/field/{id}", () -> t.api.removeFieldValue(taskId, fieldId));
    }
}
