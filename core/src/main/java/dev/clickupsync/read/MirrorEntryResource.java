package dev.clickupsync.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clickupsync.json.Json;
import dev.clickupsync.http.Problem;
import dev.clickupsync.mirror.MirrorStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /tasks/{taskId}}: the mirror's own entry for a task (clickup-sync's snapshot shape, a
 * tombstone included), {@code 404} when the mirror has none. A debugging view of the local
 * pipeline, not ClickUp's API (that is {@link TaskReadResource}). It is served only where the read
 * API is on, like every read: the ingest Lambda includes core's resources and must never read the
 * mirror, and no route of the template reaches this path.
 */
@Tag(name = "read")
@Path("/tasks")
public class MirrorEntryResource {

    @Inject
    MirrorStore mirror;
    @Inject
    ReadApiConfig config;

    @Operation(summary = "The mirror's own entry for a task (local debugging view, not ClickUp's shape)")
    @APIResponse(responseCode = "200", description = "The mirror's snapshot")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/{taskId}")
    public Response task(@PathParam("taskId") String taskId) throws JsonProcessingException {
        if (!config.enabled()) {
            return ReadProblems.notFound();
        }
        var snapshot = mirror.find(taskId);
        if (snapshot.isEmpty()) {
            Problem problem = new Problem("task-not-mirrored", "Task not in the mirror", 404,
                    "The mirror holds no task with this id (yet).");
            return Response.status(404).type(Problem.MEDIA_TYPE).entity(problem.toJson()).build();
        }
        return Response.ok(Json.MAPPER.writeValueAsString(snapshot.get()), MediaType.APPLICATION_JSON).build();
    }
}
