package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.mirror.TaskTimeline;
import dev.clickupsync.mirror.TransitionStore;
import java.util.ArrayList;
import dev.clickupsync.mirror.TaskSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ClickUp's task reads, from the mirror: {@code GET /task/{task_id}}, {@code GET /task/{task_id}/time_in_status},
 * {@code GET /task/bulk_time_in_status/task_ids} and the legacy {@code GET /task/{task_id}/time}.
 * Declared under {@code /api/v2}; {@link ReadApiFilter} has already checked access and mapped the
 * configured prefix. With {@code custom_task_ids=true&team_id=X} the path id (or each of
 * {@code task_ids}) is a custom id in workspace X, found through its lookup item ({@link MirrorReads}).
 * {@code include_subtasks=true} embeds the task's subtasks ({@link Subtasks}: the parent's list queried by
 * {@code parent}). {@code include_markdown_description=true} keeps {@code markdown_description} in the
 * task (and its subtasks) as stored; without it, it is removed, as ClickUp shows it only when asked
 * ({@link TaskView}). Each request: parameters checked ({@link ReadParams}), the id checked, the
 * task's entry read (one consistent {@code GetItem}, or one {@code BatchGetItem} per 100 for bulk),
 * its transitions or time entries queried (one {@code Query} each), the answer rendered with its
 * {@link Freshness} headers. Time in status of one task reads its entry and transitions in one
 * {@code Query} ({@link TaskTimeline}) and its list's statuses through {@link ListStatuses}. Never a
 * write, never a ClickUp call.
 */
@Path(ReadPrefix.CANONICAL + "/task")
public class TaskReadResource {
    /** ClickUp's limit for bulk time in status. */
    static final int MAX_BULK_TASKS = 100;
    private static final Set<String> TASK_PARAMS = Set.of("custom_task_ids", "team_id", "include_subtasks",
            "include_markdown_description", "custom_fields");
    private static final Set<String> BY_ID_PARAMS = Set.of("custom_task_ids", "team_id");
    private static final Set<String> BULK_PARAMS = Set.of("task_ids", "custom_task_ids", "team_id");

    @Inject
    MirrorReads reads;
    @Inject
    TransitionStore transitions;
    @Inject
    TimeEntryStore timeEntries;
    @Inject
    Subtasks subtasks;
    @Inject
    ListStatuses listStatuses;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    @Operation(summary = "Get a task, as ClickUp's GET /task/{task_id}")
    @APIResponse(responseCode = "200", description = "The task", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "task", ref = "readTask")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @GET
    @Path("/{task_id}")
    @Parameters({
            @Parameter(name = "custom_task_ids", in = ParameterIn.QUERY, ref = "p_custom_task_ids"),
            @Parameter(name = "team_id", in = ParameterIn.QUERY, ref = "p_team_id"),
            @Parameter(name = "include_subtasks", in = ParameterIn.QUERY, ref = "p_include_subtasks"),
            @Parameter(name = "include_markdown_description", in = ParameterIn.QUERY, ref = "p_include_markdown_description"),
            @Parameter(name = "custom_fields", in = ParameterIn.QUERY, ref = "p_custom_fields")})
    public Response task(@PathParam("task_id") String taskId) {
        ReadParams params = ReadParams.of(uri, TASK_PARAMS);
        String customIdTeam = params.customIdTeam();
        boolean withSubtasks = params.flag("include_subtasks");
        boolean markdown = params.flag("include_markdown_description");
        if (params.first("custom_fields") != null) {
            throw new ReadRejection(ReadProblems.unsupported("custom_fields", "custom-field filters are not served"));
        }
        MirrorStore.Entry entry = reads.live(taskId, customIdTeam);
        if (markdown) {
            TaskView.requireMarkdown(List.of(entry.snapshot()));
        }
        ObjectNode body = TaskView.render(entry.snapshot(), markdown);
        Freshness freshness = Freshness.of(entry);
        List<String> reduced = new ArrayList<>();
        if (TaskView.isReduced(entry.snapshot())) {
            reduced.add(entry.snapshot().id());
        }
        if (withSubtasks) {
            Subtasks.Found children = subtasks.of(entry.snapshot());
            if (markdown) {
                TaskView.requireMarkdown(children.tasks());
            }
            Subtasks.embed(body, children.tasks(), markdown);
            children.tasks().stream().filter(TaskView::isReduced).forEach(s -> reduced.add(s.id()));
            freshness = Freshness.leastOf(List.of(freshness, children.freshness()));
        }
        Response.ResponseBuilder response = freshness.on(Response.ok(body.toString(), MediaType.APPLICATION_JSON),
                clock.instant());
        if (!reduced.isEmpty()) {
            response.header(TaskView.REDUCED_HEADER, String.join(",", reduced));
        }
        return response.build();
    }

    @Operation(summary = "Time in status of a task")
    @APIResponse(responseCode = "200", description = "Current status and history")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{task_id}/time_in_status")
    @Parameters({
            @Parameter(name = "custom_task_ids", in = ParameterIn.QUERY, ref = "p_custom_task_ids"),
            @Parameter(name = "team_id", in = ParameterIn.QUERY, ref = "p_team_id")})
    public Response timeInStatus(@PathParam("task_id") String taskId) {
        TaskTimeline.Timeline timeline = reads.liveTimeline(taskId, ReadParams.of(uri, BY_ID_PARAMS).customIdTeam());
        MirrorStore.Entry entry = timeline.entry();
        ObjectNode body = TimeInStatusView.render(entry.snapshot(), timeline.transitions(), clock.instant(),
                looks(entry.snapshot(), new HashMap<>()));
        return ok(body, Freshness.of(entry));
    }

    @Operation(summary = "Time in status of several tasks (task_ids, repeated)")
    @APIResponse(responseCode = "200", description = "Per task id")
    @GET
    @Path("/bulk_time_in_status/task_ids")
    @Parameters({
            @Parameter(name = "task_ids", in = ParameterIn.QUERY, ref = "p_task_ids"),
            @Parameter(name = "custom_task_ids", in = ParameterIn.QUERY, ref = "p_custom_task_ids"),
            @Parameter(name = "team_id", in = ParameterIn.QUERY, ref = "p_team_id")})
    public Response bulkTimeInStatus() {
        ReadParams params = ReadParams.of(uri, BULK_PARAMS);
        String customIdTeam = params.customIdTeam();
        Set<String> ids = new LinkedHashSet<>();
        for (String id : params.all("task_ids")) {
            ids.add(ReadParams.id("task", id));
        }
        if (ids.isEmpty() || ids.size() > MAX_BULK_TASKS) {
            throw new ReadRejection(ReadProblems.badParameter("task_ids", "must name 1 to " + MAX_BULK_TASKS + " tasks"));
        }
        Map<String, MirrorStore.Entry> entries = reads.allLive(List.copyOf(ids), customIdTeam);
        Instant now = clock.instant();
        ObjectNode body = Json.MAPPER.createObjectNode();
        // keyed by the ids as asked (custom ids with custom_task_ids=true), so a client finds its own
        Map<String, Optional<JsonNode>> lists = new HashMap<>(); // one GetItem per list, not per task
        entries.forEach((id, entry) -> body.set(id, TimeInStatusView.render(entry.snapshot(),
                transitions.forTask(entry.snapshot().id()), now, looks(entry.snapshot(), lists))));
        return ok(body, Freshness.leastOf(entries.values().stream().map(Freshness::of).toList()));
    }

    @Operation(summary = "Tracked time of a task (legacy shape)")
    @APIResponse(responseCode = "200", description = "The intervals per user")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{task_id}/time")
    @Parameters({
            @Parameter(name = "custom_task_ids", in = ParameterIn.QUERY, ref = "p_custom_task_ids"),
            @Parameter(name = "team_id", in = ParameterIn.QUERY, ref = "p_team_id")})
    public Response time(@PathParam("task_id") String taskId) {
        MirrorStore.Entry entry = reads.live(taskId, ReadParams.of(uri, BY_ID_PARAMS).customIdTeam());
        return ok(TimeEntryViews.legacy(timeEntries.forTask(entry.snapshot().id())), Freshness.of(entry));
    }

    /** The statuses' colors and order: the task's list as mirrored ({@link ListStatuses}, remembered in {@code lists}). */
    private StatusLooks looks(TaskSnapshot task, Map<String, Optional<JsonNode>> lists) {
        Optional<JsonNode> statuses = task.listId() == null ? Optional.empty()
                : lists.computeIfAbsent(task.listId(), listStatuses::of);
        return StatusLooks.of(statuses.orElse(null), task);
    }

    private Response ok(ObjectNode body, Freshness freshness) {
        return freshness.on(Response.ok(body.toString(), MediaType.APPLICATION_JSON), clock.instant()).build();
    }
}
