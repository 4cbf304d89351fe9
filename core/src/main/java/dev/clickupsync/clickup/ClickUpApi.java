package dev.clickupsync.clickup;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.ListFields;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * ClickUp API v2, the calls clickup-sync makes. Base URL from {@code clickup.api.url}
 * ({@code quarkus.rest-client.clickup.url}); errors arrive as {@link ClickUpException}s.
 */
@RegisterRestClient(configKey = "clickup")
@RegisterClientHeaders(ClickUpAuthHeaders.class)
@RegisterProvider(ClickUpErrorMapper.class)
public interface ClickUpApi {

    /** {@code GET /task/{id}}: the full task, custom fields included. */
    @GET
    @Path("/task/{taskId}")
    ClickUpTask getTask(@PathParam("taskId") String taskId,
                        @QueryParam("include_subtasks") Boolean includeSubtasks);

    /** {@code GET /list/{id}/field}: the custom fields a list can carry (ids, names, types, options). */
    @GET
    @Path("/list/{listId}/field")
    ListFields getListFields(@PathParam("listId") String listId);
}
