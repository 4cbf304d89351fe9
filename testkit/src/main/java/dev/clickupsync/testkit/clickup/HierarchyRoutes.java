package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.ApiRoutes.Response;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;

import java.util.List;

/**
 * The hierarchy reads: {@code GET /team/{id}/space}, {@code /space/{id}}, {@code /space/{id}/folder}
 * (visible folders), {@code /space/{id}/list} (lists of the space's hidden folder: ClickUp's
 * folderless lists), {@code /folder/{id}}, {@code /folder/{id}/list}, {@code /list/{id}}, {@code /list/{id}/member}. A deleted
 * or unknown object is {@code 404} ({@code ITEM_015} for lists as ClickUp; invented codes for spaces
 * and folders), or {@code 401} in the "unknown ids as team not authorized" mode.
 */
final class HierarchyRoutes {
    private final FakeWorkspace workspace;
    private final ApiRoutes routes;

    HierarchyRoutes(FakeWorkspace workspace, ApiRoutes routes) {
        this.workspace = workspace;
        this.routes = routes;
    }

    Response route(String route, String id) {
        synchronized (workspace) {
            WorkspaceModel model = workspace.model();
            return switch (route) {
                case "GET team/_/space" -> spaces(model, id);
                case "GET space/_" -> space(model, id, () -> Response.ok(HierarchyJson.space(model.spaces.get(id))));
                case "GET space/_/folder" -> space(model, id, () -> folders(model, id, false));
                case "GET space/_/list" -> space(model, id, () -> folderless(model, id));
                case "GET folder/_" -> folder(model, id, () -> Response.ok(HierarchyJson.folder(model, model.folders.get(id))));
                case "GET folder/_/list" -> folder(model, id, () -> lists(model, id));
                case "GET list/_" -> model.lists.containsKey(id) ? Response.ok(HierarchyJson.list(model, model.lists.get(id)))
                        : routes.listNotFound();
                case "GET list/_/member" -> model.lists.containsKey(id) ? Response.ok(members(model, id)) : routes.listNotFound();
                default -> throw new IllegalArgumentException("not a hierarchy route: " + route);
            };
        }
    }

    /**
     * {@code GET /list/{id}/member}: who can see the list, in the OpenAPI example's shape (with
     * {@code profileInfo}); every workspace member unless the list was shared with some only
     * ({@code FakeWorkspace#setListMembers}), in user id order.
     */
    private static ObjectNode members(WorkspaceModel model, String listId) {
        ObjectNode body = ClickUpJson.object();
        ArrayNode members = body.putArray("members");
        List<Long> ids = model.listMembers.getOrDefault(listId, List.copyOf(model.users.keySet()));
        ids.stream().sorted().map(model.users::get).filter(java.util.Objects::nonNull).forEach(u -> {
            ObjectNode m = members.addObject();
            m.put("id", u.id()).put("username", u.username()).put("email", u.email()).put("color", u.color())
                    .put("initials", u.initials()).putNull("profilePicture");
            ObjectNode info = m.putObject("profileInfo");
            for (String f : List.of("display_profile", "verified_ambassador", "verified_consultant", "top_tier_user",
                    "viewed_verified_ambassador", "viewed_verified_consultant", "viewed_top_tier_user")) {
                info.putNull(f);
            }
        });
        return body;
    }

    private static Response spaces(WorkspaceModel model, String teamId) {
        if (!model.teamId.equals(teamId)) {
            return Response.teamNotAuthorized();
        }
        ObjectNode body = ClickUpJson.object();
        ArrayNode spaces = body.putArray("spaces");
        model.spaces.values().stream().sorted(java.util.Comparator.comparing(Space::id))
                .forEach(s -> spaces.add(HierarchyJson.space(s)));
        return Response.ok(body);
    }

    private static Response folders(WorkspaceModel model, String spaceId, boolean hidden) {
        ObjectNode body = ClickUpJson.object();
        ArrayNode folders = body.putArray("folders");
        HierarchyJson.foldersOf(model, spaceId, hidden).forEach(f -> folders.add(HierarchyJson.folder(model, f)));
        return Response.ok(body);
    }

    private static Response folderless(WorkspaceModel model, String spaceId) {
        ObjectNode body = ClickUpJson.object();
        ArrayNode lists = body.putArray("lists");
        for (Folder f : HierarchyJson.foldersOf(model, spaceId, true)) {
            HierarchyJson.listsOf(model, f.id()).forEach(l -> lists.add(HierarchyJson.list(model, l)));
        }
        return Response.ok(body);
    }

    private static Response lists(WorkspaceModel model, String folderId) {
        ObjectNode body = ClickUpJson.object();
        ArrayNode lists = body.putArray("lists");
        for (TaskList l : HierarchyJson.listsOf(model, folderId)) {
            lists.add(HierarchyJson.list(model, l));
        }
        return Response.ok(body);
    }

    private Response space(WorkspaceModel model, String id, java.util.function.Supplier<Response> answer) {
        Space space = model.spaces.get(id);
        return space != null ? answer.get() : notFound("Space not found", ClickUpErrors.SPACE_NOT_FOUND);
    }

    private Response folder(WorkspaceModel model, String id, java.util.function.Supplier<Response> answer) {
        Folder folder = model.folders.get(id);
        return folder != null && !folder.hidden() ? answer.get() : notFound("Folder not found", ClickUpErrors.FOLDER_NOT_FOUND);
    }

    private Response notFound(String err, String ecode) {
        Response listStyle = routes.listNotFound();
        return listStyle.status() == 401 ? listStyle : Response.error(404, err, ecode);
    }
}
