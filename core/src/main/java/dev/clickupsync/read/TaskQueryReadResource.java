package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.query.QueryException;
import dev.clickupsync.query.Scope;
import dev.clickupsync.query.TaskPage;
import dev.clickupsync.query.TaskQuery;
import dev.clickupsync.query.TaskQueryEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickUp's task queries, from the mirror: {@code GET /list/{list_id}/task} and
 * {@code GET /team/{team_id}/task}, answered {@code {"tasks": [...], "last_page": bool}}. Declared
 * under {@code /api/v2} itself (the other read resources declare longer class paths), with
 * {@link ReadApiFilter} having checked access and mapped the prefix. Each request: the id checked
 * ({@link ReadParams#id}), the parameters parsed by {@link TaskQuery#parse} (a {@link QueryException}
 * is a {@code 400} naming the parameter), the answer kept by {@link PageCache} if its partition is
 * unchanged ({@code X-Mirror-Cache: hit}, one {@code GetItem}; {@code Cache-Control: no-cache} or
 * {@code max-age=0} on the request skips it, {@link RequestCacheControl}), else one page run by {@link TaskQueryEngine} (index
 * {@code Query}s and one {@code BatchGetItem}: never a scan, never a write, never a ClickUp call),
 * each task rendered by {@link TaskView#listed} as ClickUp lists it ({@code GET /task/{id}}'s object
 * without {@code attachments}, and without {@code markdown_description} unless
 * {@code include_markdown_description=true}; tasks served reduced are named by {@link TaskView#REDUCED_HEADER}). Freshness: the
 * least fresh of the page's entries; an empty page has no entry to vouch for and carries no
 * freshness headers.
 */
@Path(ReadPrefix.CANONICAL)
public class TaskQueryReadResource {
    /** Caps what of a refused parameter's reason reaches the answer. */
    private static final int MAX_REASON = 160;

    @Inject
    TaskQueryEngine engine;
    @Inject
    PageCache cache;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    /** The query parameters are components of the hand-written OpenAPI part (local's META-INF/openapi.yaml). */
    @Parameters({
            @Parameter(name = "page", in = ParameterIn.QUERY, ref = "q_page"),
            @Parameter(name = "order_by", in = ParameterIn.QUERY, ref = "q_order_by"),
            @Parameter(name = "reverse", in = ParameterIn.QUERY, ref = "q_reverse"),
            @Parameter(name = "archived", in = ParameterIn.QUERY, ref = "q_archived"),
            @Parameter(name = "include_closed", in = ParameterIn.QUERY, ref = "q_include_closed"),
            @Parameter(name = "subtasks", in = ParameterIn.QUERY, ref = "q_subtasks"),
            @Parameter(name = "parent", in = ParameterIn.QUERY, ref = "q_parent"),
            @Parameter(name = "statuses[]", in = ParameterIn.QUERY, ref = "q_statuses"),
            @Parameter(name = "assignees[]", in = ParameterIn.QUERY, ref = "q_assignees"),
            @Parameter(name = "watchers[]", in = ParameterIn.QUERY, ref = "q_watchers"),
            @Parameter(name = "tags[]", in = ParameterIn.QUERY, ref = "q_tags"),
            @Parameter(name = "due_date_gt", in = ParameterIn.QUERY, ref = "q_due_date_gt"),
            @Parameter(name = "due_date_lt", in = ParameterIn.QUERY, ref = "q_due_date_lt"),
            @Parameter(name = "date_created_gt", in = ParameterIn.QUERY, ref = "q_date_created_gt"),
            @Parameter(name = "date_created_lt", in = ParameterIn.QUERY, ref = "q_date_created_lt"),
            @Parameter(name = "date_updated_gt", in = ParameterIn.QUERY, ref = "q_date_updated_gt"),
            @Parameter(name = "date_updated_lt", in = ParameterIn.QUERY, ref = "q_date_updated_lt"),
            @Parameter(name = "date_done_gt", in = ParameterIn.QUERY, ref = "q_date_done_gt"),
            @Parameter(name = "date_done_lt", in = ParameterIn.QUERY, ref = "q_date_done_lt"),
            @Parameter(name = "custom_fields", in = ParameterIn.QUERY, ref = "q_custom_fields"),
            @Parameter(name = "custom_field", in = ParameterIn.QUERY, ref = "q_custom_field"),
            @Parameter(name = "custom_items[]", in = ParameterIn.QUERY, ref = "q_custom_items"),
            @Parameter(name = "include_timl", in = ParameterIn.QUERY, ref = "q_include_timl"),
            @Parameter(name = "include_markdown_description", in = ParameterIn.QUERY, ref = "q_include_markdown_description")})
    @Operation(summary = "Tasks of a list, paged as ClickUp pages them")
    @APIResponse(responseCode = "200", description = "A page of tasks")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @GET
    @Path("/list/{list_id}/task")
    public Response listTasks(@PathParam("list_id") String listId, @HeaderParam("Cache-Control") String cacheControl) {
        return page(Scope.list(ReadParams.id("list", listId)), RequestCacheControl.refresh(cacheControl));
    }

    @Parameters({
            @Parameter(name = "page", in = ParameterIn.QUERY, ref = "q_page"),
            @Parameter(name = "order_by", in = ParameterIn.QUERY, ref = "q_order_by"),
            @Parameter(name = "reverse", in = ParameterIn.QUERY, ref = "q_reverse"),
            @Parameter(name = "archived", in = ParameterIn.QUERY, ref = "q_archived"),
            @Parameter(name = "include_closed", in = ParameterIn.QUERY, ref = "q_include_closed"),
            @Parameter(name = "subtasks", in = ParameterIn.QUERY, ref = "q_subtasks"),
            @Parameter(name = "parent", in = ParameterIn.QUERY, ref = "q_parent"),
            @Parameter(name = "statuses[]", in = ParameterIn.QUERY, ref = "q_statuses"),
            @Parameter(name = "assignees[]", in = ParameterIn.QUERY, ref = "q_assignees"),
            @Parameter(name = "watchers[]", in = ParameterIn.QUERY, ref = "q_watchers"),
            @Parameter(name = "tags[]", in = ParameterIn.QUERY, ref = "q_tags"),
            @Parameter(name = "due_date_gt", in = ParameterIn.QUERY, ref = "q_due_date_gt"),
            @Parameter(name = "due_date_lt", in = ParameterIn.QUERY, ref = "q_due_date_lt"),
            @Parameter(name = "date_created_gt", in = ParameterIn.QUERY, ref = "q_date_created_gt"),
            @Parameter(name = "date_created_lt", in = ParameterIn.QUERY, ref = "q_date_created_lt"),
            @Parameter(name = "date_updated_gt", in = ParameterIn.QUERY, ref = "q_date_updated_gt"),
            @Parameter(name = "date_updated_lt", in = ParameterIn.QUERY, ref = "q_date_updated_lt"),
            @Parameter(name = "date_done_gt", in = ParameterIn.QUERY, ref = "q_date_done_gt"),
            @Parameter(name = "date_done_lt", in = ParameterIn.QUERY, ref = "q_date_done_lt"),
            @Parameter(name = "custom_fields", in = ParameterIn.QUERY, ref = "q_custom_fields"),
            @Parameter(name = "custom_field", in = ParameterIn.QUERY, ref = "q_custom_field"),
            @Parameter(name = "custom_items[]", in = ParameterIn.QUERY, ref = "q_custom_items"),
            @Parameter(name = "include_timl", in = ParameterIn.QUERY, ref = "q_include_timl"),
            @Parameter(name = "include_markdown_description", in = ParameterIn.QUERY, ref = "q_include_markdown_description"),
            @Parameter(name = "space_ids[]", in = ParameterIn.QUERY, ref = "q_space_ids"),
            @Parameter(name = "project_ids[]", in = ParameterIn.QUERY, ref = "q_project_ids"),
            @Parameter(name = "list_ids[]", in = ParameterIn.QUERY, ref = "q_list_ids")})
    @Operation(summary = "Filtered tasks of a workspace, paged as ClickUp pages them")
    @APIResponse(responseCode = "200", description = "A page of tasks")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @GET
    @Path("/team/{team_id}/task")
    public Response teamTasks(@PathParam("team_id") String teamId, @HeaderParam("Cache-Control") String cacheControl) {
        return page(Scope.team(ReadParams.id("team", teamId)), RequestCacheControl.refresh(cacheControl));
    }

    private Response page(Scope scope, boolean refresh) {
        TaskQuery query;
        try {
            query = TaskQuery.parse(scope, uri.getQueryParameters());
        } catch (QueryException e) {
            throw new ReadRejection(refusal(e));
        }
        PageCache.Served served = cache.answer(query,
                generation -> render(engine.run(query, generation), query.markdownDescription()), refresh);
        PageCache.Answer answer = served.answer();
        Freshness freshness = new Freshness(answer.verifiedThrough(), answer.writtenAt());
        Response.ResponseBuilder response = freshness.on(Response.ok(answer.body(), MediaType.APPLICATION_JSON), clock.instant())
                .header(PageCache.HEADER, served.hit() ? "hit" : "miss");
        if (!answer.reduced().isEmpty()) {
            response.header(TaskView.REDUCED_HEADER, String.join(",", answer.reduced()));
        }
        return response.build();
    }

    /** ClickUp's {@code {"tasks": [...], "last_page": bool}}, and which tasks are served reduced. */
    private static PageCache.Answer render(TaskPage page, boolean markdown) {
        if (markdown) {
            TaskView.requireMarkdown(page.tasks()); // a 409, never a page with the member missing on some tasks
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode tasks = body.putArray("tasks");
        List<String> reduced = new ArrayList<>();
        for (TaskSnapshot task : page.tasks()) {
            tasks.add(TaskView.listed(task, markdown));
            if (TaskView.isReduced(task)) {
                reduced.add(task.id());
            }
        }
        body.put("last_page", page.lastPage());
        return new PageCache.Answer(body.toString(), reduced, page.verifiedThrough(), page.writtenAt());
    }

    /** The 400 for a refused parameter: its name (made printable) and the engine's reason, sanitised. */
    static Response refusal(QueryException e) {
        String name = ReadParams.printable(e.parameter());
        return switch (e.kind()) {
            case UNKNOWN -> ReadProblems.unsupported(name, "this endpoint does not serve it");
            case UNSUPPORTED -> ReadProblems.unsupported(name, reason(e));
            case MALFORMED -> ReadProblems.badParameter(name, "is malformed: " + reason(e));
        };
    }

    /** The engine's message may quote a caller's value (an operator): only a safe alphabet, capped. */
    private static String reason(QueryException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String safe = message.replaceAll("[^A-Za-z0-9_ ,.:\\[\\]()-]", "?");
        return safe.length() > MAX_REASON ? safe.substring(0, MAX_REASON) + "..." : safe;
    }
}
