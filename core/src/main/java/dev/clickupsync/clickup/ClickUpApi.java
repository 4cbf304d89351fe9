package dev.clickupsync.clickup;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.Comment;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.clickup.model.TaskTime;
import dev.clickupsync.clickup.model.TaskWrite;
import dev.clickupsync.clickup.model.TasksPage;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.clickup.model.UserResponse;
import dev.clickupsync.clickup.model.Webhook;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * ClickUp API v2, the calls clickup-sync makes, as declared HTTP (base URL from
 * {@code clickup.api.url}). Every method answers a {@link RestResponse} so the caller can read the
 * {@code X-RateLimit-*} headers; errors arrive as {@link ClickUpException}s. Use it through
 * {@link ClickUpClient}, which adds the rate budget, retries, the circuit breaker and metrics.
 */
@RegisterRestClient(configKey = "clickup")
@RegisterClientHeaders(ClickUpAuthHeaders.class)
@RegisterProvider(ClickUpErrorMapper.class)
public interface ClickUpApi {

    @GET
    @Path("/user")
    RestResponse<UserResponse> getUser();

    @GET
    @Path("/team")
    RestResponse<Teams> getTeams();

    @GET
    @Path("/task/{taskId}")
    RestResponse<ClickUpTask> getTask(@PathParam("taskId") String taskId,
                                      @QueryParam("custom_task_ids") Boolean customTaskIds,
                                      @QueryParam("team_id") String teamId,
                                      @QueryParam("include_subtasks") Boolean includeSubtasks,
                                      @QueryParam("include_markdown_description") Boolean includeMarkdownDescription);

    @GET
    @Path("/list/{listId}/task")
    RestResponse<TasksPage> getListTasks(@PathParam("listId") String listId,
                                         @QueryParam("page") int page,
                                         @QueryParam("date_updated_gt") Long dateUpdatedGt,
                                         @QueryParam("date_updated_lt") Long dateUpdatedLt,
                                         @QueryParam("include_closed") Boolean includeClosed,
                                         @QueryParam("subtasks") Boolean subtasks,
                                         @QueryParam("archived") Boolean archived,
                                         @QueryParam("order_by") String orderBy,
                                         @QueryParam("reverse") Boolean reverse,
                                         @QueryParam("statuses[]") List<String> statuses,
                                         @QueryParam("include_markdown_description") Boolean includeMarkdownDescription);

    @GET
    @Path("/team/{teamId}/task")
    RestResponse<TasksPage> getTeamTasks(@PathParam("teamId") String teamId,
                                         @QueryParam("page") int page,
                                         @QueryParam("date_updated_gt") Long dateUpdatedGt,
                                         @QueryParam("date_updated_lt") Long dateUpdatedLt,
                                         @QueryParam("include_closed") Boolean includeClosed,
                                         @QueryParam("subtasks") Boolean subtasks,
                                         @QueryParam("archived") Boolean archived,
                                         @QueryParam("order_by") String orderBy,
                                         @QueryParam("reverse") Boolean reverse,
                                         @QueryParam("statuses[]") List<String> statuses,
                                         @QueryParam("space_ids[]") List<String> spaceIds,
                                         @QueryParam("list_ids[]") List<String> listIds,
                                         @QueryParam("include_markdown_description") Boolean includeMarkdownDescription);

    @GET
    @Path("/list/{listId}/field")
    RestResponse<ListFields> getListFields(@PathParam("listId") String listId);

    // The hierarchy (spaces, folders, lists): kept as ClickUp's JSON, so read as trees, not records.

    @GET
    @Path("/team/{teamId}/space")
    RestResponse<JsonNode> getSpaces(@PathParam("teamId") String teamId);

    @GET
    @Path("/space/{spaceId}")
    RestResponse<JsonNode> getSpace(@PathParam("spaceId") String spaceId);

    @GET
    @Path("/space/{spaceId}/folder")
    RestResponse<JsonNode> getFolders(@PathParam("spaceId") String spaceId);

    @GET
    @Path("/space/{spaceId}/list")
    RestResponse<JsonNode> getFolderlessLists(@PathParam("spaceId") String spaceId);

    @GET
    @Path("/folder/{folderId}")
    RestResponse<JsonNode> getFolder(@PathParam("folderId") String folderId);

    @GET
    @Path("/folder/{folderId}/list")
    RestResponse<JsonNode> getFolderLists(@PathParam("folderId") String folderId);

    @GET
    @Path("/list/{listId}")
    RestResponse<JsonNode> getList(@PathParam("listId") String listId);

    // Goals: kept as ClickUp's JSON too; the listing and the single goal differ in shape.

    @GET
    @Path("/team/{teamId}/goal")
    RestResponse<JsonNode> getGoals(@PathParam("teamId") String teamId,
                                    @QueryParam("include_completed") Boolean includeCompleted);

    @GET
    @Path("/goal/{goalId}")
    RestResponse<JsonNode> getGoal(@PathParam("goalId") String goalId);

    @GET
    @Path("/list/{listId}/member")
    RestResponse<JsonNode> getListMembers(@PathParam("listId") String listId);

    @GET
    @Path("/team/{teamId}/time_entries")
    RestResponse<JsonNode> getTimeEntries(@PathParam("teamId") String teamId,
                                                @QueryParam("start_date") Long startDate,
                                                @QueryParam("end_date") Long endDate,
                                                @QueryParam("assignee") String assignees,
                                                @QueryParam("task_id") String taskId);

    /** Time in status of 1 to 100 tasks ({@code task_ids} repeated), an object keyed by task id. */
    @GET
    @Path("/task/bulk_time_in_status/task_ids")
    RestResponse<JsonNode> getBulkTimeInStatus(@QueryParam("task_ids") List<String> taskIds);

    @GET
    @Path("/task/{taskId}/time")
    RestResponse<TaskTime> getTaskTime(@PathParam("taskId") String taskId);

    @POST
    @Path("/team/{teamId}/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<Webhook.Created> createWebhook(@PathParam("teamId") String teamId, Webhook.Request request);

    @GET
    @Path("/team/{teamId}/webhook")
    RestResponse<Webhook.Page> getWebhooks(@PathParam("teamId") String teamId);

    @PUT
    @Path("/webhook/{webhookId}")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<Webhook.Created> updateWebhook(@PathParam("webhookId") String webhookId, Webhook.Request request);

    @DELETE
    @Path("/webhook/{webhookId}")
    RestResponse<String> deleteWebhook(@PathParam("webhookId") String webhookId);

    /** One page of the task's comments (25, newest first; {@code start}/{@code start_id}: those older than that comment). */
    @GET
    @Path("/task/{taskId}/comment")
    RestResponse<JsonNode> getTaskComments(@PathParam("taskId") String taskId, @QueryParam("start") Long start,
                                           @QueryParam("start_id") String startId);

    @POST
    @Path("/task/{taskId}/comment")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<Comment.Created> createComment(@PathParam("taskId") String taskId, Comment.Request request);

    @POST
    @Path("/list/{listId}/task")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<ClickUpTask> createTask(@PathParam("listId") String listId, TaskWrite.Create request);

    @PUT
    @Path("/task/{taskId}")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<ClickUpTask> updateTask(@PathParam("taskId") String taskId, JsonNode request);

    @POST
    @Path("/task/{taskId}/field/{fieldId}")
    @Consumes(MediaType.APPLICATION_JSON)
    RestResponse<String> setFieldValue(@PathParam("taskId") String taskId, @PathParam("fieldId") String fieldId,
                                       TaskWrite.SetValue request);

    @DELETE
    @Path("/task/{taskId}/field/{fieldId}")
    RestResponse<String> removeFieldValue(@PathParam("taskId") String taskId, @PathParam("fieldId") String fieldId);
}
