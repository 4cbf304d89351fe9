package dev.clickupsync.read;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /list/{list_id}/comment}, ClickUp's comments on a list itself (not on its tasks), is
 * <b>not served</b>: {@code 400} {@code read-unsupported-endpoint} naming why. ClickUp sends no webhook
 * for a list's comments (its 28 events have none), so the mirror could only know them by asking
 * ClickUp, and a read never calls ClickUp; a reconcile walk over every list for them was judged not
 * worth its budget share (docs/read-api.md, "What is not served yet"). A client asks ClickUp for these.
 * Declared so the answer says this, rather than the generic 404 of a route that does not exist.
 */
@Path(ReadPrefix.CANONICAL + "/list/{list_id}/comment")
public class ListCommentsReadResource {

    @Operation(summary = "List comments: not served (always 400 read-unsupported-endpoint)")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response comments(@PathParam("list_id") String listId) {
        ReadParams.id("list", listId);
        throw new ReadRejection(ReadProblems.unsupportedEndpoint("GET /list/{list_id}/comment",
                "ClickUp sends no event for a list's own comments, so the mirror does not hold them;"
                        + " ask ClickUp for them"));
    }
}
