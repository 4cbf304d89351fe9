package dev.clickupsync.read;

import dev.clickupsync.hierarchy.HierarchyKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.util.Set;

/**
 * ClickUp's hierarchy reads, from the mirror ({@code hierarchy/}'s items, rendered by
 * {@link HierarchyViews}): {@code GET /team/{id}/space}, {@code /space/{id}}, {@code /space/{id}/folder},
 * {@code /space/{id}/list}, {@code /folder/{id}}, {@code /folder/{id}/list}, {@code /list/{id}}.
 * {@code /list/{id}/member} ({@code hierarchy/HierarchyPass} keeps them). {@code archived=true} is refused
 * (archived objects are not kept apart). An object the mirror does not hold (never seen, or
 * deleted) is {@code 404}, and so is a listing under one. Freshness: the least fresh fetch the answer
 * was built from (a listing's written time is its least fresh child's fetch).
 */
@Path(ReadPrefix.CANONICAL)
public class HierarchyReadResource {
    private static final Set<String> LISTING = Set.of("archived");
    private static final Set<String> NONE = Set.of();

    @Inject
    HierarchyViews views;
    @Context
    UriInfo uri;

    Clock clock = Clock.systemUTC();

    @Parameter(name = "archived", in = ParameterIn.QUERY, ref = "p_archived")
    @APIResponse(responseCode = "200", description = "The workspace's spaces")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/team/{team_id}/space")
    public Response spaces(@PathParam("team_id") String teamId) {
        return listing(() -> views.spaces(ReadParams.id("team", teamId)));
    }

    @APIResponse(responseCode = "200", description = "The space")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/space/{space_id}")
    public Response space(@PathParam("space_id") String spaceId) {
        return single(() -> views.space(ReadParams.id("space", spaceId)));
    }

    @Parameter(name = "archived", in = ParameterIn.QUERY, ref = "p_archived")
    @APIResponse(responseCode = "200", description = "The space's folders")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/space/{space_id}/folder")
    public Response folders(@PathParam("space_id") String spaceId) {
        return listing(() -> views.folders(ReadParams.id("space", spaceId)));
    }

    @Parameter(name = "archived", in = ParameterIn.QUERY, ref = "p_archived")
    @APIResponse(responseCode = "200", description = "The space's folderless lists")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/space/{space_id}/list")
    public Response folderlessLists(@PathParam("space_id") String spaceId) {
        return listing(() -> views.folderlessLists(ReadParams.id("space", spaceId)));
    }

    @Parameter(name = "include_subfolders", in = ParameterIn.QUERY, ref = "p_include_subfolders")
    @APIResponse(responseCode = "200", description = "The folder")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/folder/{folder_id}")
    public Response folder(@PathParam("folder_id") String folderId) {
        ReadParams.of(uri, Set.of("include_subfolders")).refuseTrue("include_subfolders", "subfolders are not mirrored");
        return answer(views.folder(ReadParams.id("folder", folderId)));
    }

    @Parameter(name = "archived", in = ParameterIn.QUERY, ref = "p_archived")
    @APIResponse(responseCode = "200", description = "The folder's lists")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/folder/{folder_id}/list")
    public Response folderLists(@PathParam("folder_id") String folderId) {
        return listing(() -> views.folderLists(ReadParams.id("folder", folderId)));
    }

    @APIResponse(responseCode = "200", description = "The list")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/list/{list_id}")
    public Response list(@PathParam("list_id") String listId) {
        return single(() -> views.list(ReadParams.id("list", listId)));
    }

    @APIResponse(responseCode = "200", description = "The list's members")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/list/{list_id}/member")
    public Response members(@PathParam("list_id") String listId) {
        return single(() -> views.members(ReadParams.id("list", listId)));
    }

    private Response single(java.util.function.Supplier<HierarchyViews.View> view) {
        ReadParams.of(uri, NONE);
        return answer(view.get());
    }

    private Response listing(java.util.function.Supplier<HierarchyViews.View> view) {
        ReadParams.of(uri, LISTING).refuseTrue("archived", "archived spaces, folders and lists are not kept apart");
        return answer(view.get());
    }

    private Response answer(HierarchyViews.View view) {
        Freshness freshness = new Freshness(view.fetchedAt(), view.writtenAt());
        return freshness.on(Response.ok(view.json().toString(), MediaType.APPLICATION_JSON), clock.instant()).build();
    }
}
