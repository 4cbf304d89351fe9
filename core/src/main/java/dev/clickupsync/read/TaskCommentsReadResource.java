package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /task/{task_id}/comment} from the mirror's comments ({@link CommentStore}): ClickUp's
 * {@code {"comments": [...]}}, each comment as ClickUp's own endpoint (or the webhook that carried
 * it) gave it, newest first (by date, then id), {@link #PAGE_SIZE} a page as ClickUp answers. The
 * next page is asked, as from ClickUp, with {@code start} (the last comment's {@code date}) and
 * {@code start_id} (its {@code id}) together: the comments after that one in this order. The task must
 * be live in the mirror ({@link MirrorReads}: 404 {@code task-not-mirrored} or {@code task-deleted}
 * otherwise; {@code custom_task_ids=true&team_id=X} as on {@code GET /task}). Cost: the entry's
 * {@code GetItem} and one {@code Query} of the task's comments (tombstones included, filtered here).
 * Freshness headers: the task's (its comment events are applied in the same drain pass as its entry).
 */
@Path(ReadPrefix.CANONICAL + "/task/{task_id}/comment")
public class TaskCommentsReadResource {
    static final int PAGE_SIZE = 25;
    private static final Set<String> PARAMS = Set.of("custom_task_ids", "team_id", "start", "start_id");

    @Inject
    MirrorReads reads;
    @Inject
    CommentStore comments;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    @Operation(summary = "Comments of a task, newest first")
    @APIResponse(responseCode = "200", description = "The comments")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Parameters({
            @Parameter(name = "custom_task_ids", in = ParameterIn.QUERY, ref = "p_custom_task_ids"),
            @Parameter(name = "team_id", in = ParameterIn.QUERY, ref = "p_team_id"),
            @Parameter(name = "start", in = ParameterIn.QUERY, ref = "p_start"),
            @Parameter(name = "start_id", in = ParameterIn.QUERY, ref = "p_start_id")})
    public Response comments(@PathParam("task_id") String taskId) {
        ReadParams params = ReadParams.of(uri, PARAMS);
        Long start = params.epochMillis("start");
        String startId = params.first("start_id");
        if ((start == null) != (startId == null)) {
            throw new ReadRejection(ReadProblems.badParameter(start == null ? "start_id" : "start",
                    "must be used together with " + (start == null ? "start" : "start_id")));
        }
        if (startId != null) {
            ReadParams.id("comment", startId);
        }
        MirrorStore.Entry entry = reads.live(taskId, params.customIdTeam());
        List<CommentStore.StoredComment> live = comments.live(entry.snapshot().id());
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode page = body.putArray("comments");
        CommentStore.StoredComment after = start == null ? null
                : new CommentStore.StoredComment(startId, Instant.ofEpochMilli(start), null, false, null);
        for (CommentStore.StoredComment c : live) {
            if (page.size() == PAGE_SIZE) {
                break;
            }
            if (after == null || CommentStore.NEWEST_FIRST.compare(c, after) > 0) {
                page.add(c.json());
            }
        }
        return Freshness.of(entry).on(Response.ok(body.toString(), MediaType.APPLICATION_JSON), clock.instant()).build();
    }
}
