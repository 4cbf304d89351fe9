package dev.clickupsync.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clickupsync.json.Json;
import dev.clickupsync.http.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /tasks/{taskId}}: the mirrored snapshot, {@code 404} when the mirror has none. */
@Path("/tasks")
public class MirrorResource {

    @Inject
    MirrorStore mirror;

    @GET
    @Path("/{taskId}")
    public Response task(@PathParam("taskId") String taskId) throws JsonProcessingException {
        var snapshot = mirror.find(taskId);
        if (snapshot.isEmpty()) {
            Problem problem = new Problem("task-not-mirrored", "Task not in the mirror", 404,
                    "The mirror holds no task with this id (yet).");
            return Response.status(404).type(Problem.MEDIA_TYPE).entity(problem.toJson()).build();
        }
        return Response.ok(Json.MAPPER.writeValueAsString(snapshot.get()), MediaType.APPLICATION_JSON).build();
    }
}
