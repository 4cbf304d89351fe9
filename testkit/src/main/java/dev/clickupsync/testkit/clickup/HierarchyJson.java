package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;

import java.util.List;

/**
 * Spaces, folders and lists as ClickUp's API v2 renders them (the shapes of the OpenAPI examples of
 * {@code GET /space/{id}}, {@code /folder/{id}}, {@code /list/{id}}); a listing's elements are the same
 * objects as the single-object answer. Members the fake has no model for are fixed values (a space's
 * statuses and features, a list's priority and dates); {@code orderindex} is given when a folder or
 * list is created or moved and then kept (seeded ones have 0), and siblings are listed by it, then by
 * id; spaces by id. {@code task_count} counts live tasks (a string on folders, a number on lists, as ClickUp).
 */
final class HierarchyJson {
    private static final List<FakeStatus> SPACE_STATUSES = List.of(
            new FakeStatus("to do", "#d3d3d3", 0, "open"), new FakeStatus("complete", "#6bc950", 1, "closed"));

    private HierarchyJson() {
    }

    static ObjectNode space(Space space) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", space.id()).put("name", space.name()).put("private", false);
        node.putNull("color");
        node.putNull("avatar");
        node.put("admin_can_manage", true).put("archived", false);
        node.putArray("members");
        node.set("statuses", statuses(SPACE_STATUSES));
        node.put("multiple_assignees", true);
        ObjectNode features = node.putObject("features");
        features.putObject("due_dates").put("enabled", true).put("start_date", true).put("remap_due_dates", false)
                .put("remap_closed_due_date", false);
        for (String feature : new String[] {"time_tracking", "tags", "time_estimates", "checklists", "custom_fields"}) {
            features.putObject(feature).put("enabled", true);
        }
        return node;
    }

    static ObjectNode folder(WorkspaceModel model, Folder folder) {
        Space space = model.spaces.get(folder.spaceId());
        ObjectNode node = ClickUpJson.object();
        node.put("id", folder.id()).put("name", folder.name())
                .put("orderindex", order(model, folder.id()))
                .put("override_statuses", false).put("hidden", folder.hidden());
        node.set("space", ref(space.id(), space.name()));
        node.put("task_count", Long.toString(model.tasks.values().stream()
                .filter(t -> !t.deleted && folder.id().equals(model.lists.get(t.listId).folderId())).count()));
        node.put("archived", false);
        node.putArray("statuses");
        ArrayNode lists = node.putArray("lists");
        listsOf(model, folder.id()).forEach(l -> lists.add(list(model, l)));
        node.put("permission_level", "create");
        return node;
    }

    static ObjectNode list(WorkspaceModel model, TaskList list) {
        Folder folder = model.folderOf(list);
        Space space = model.spaceOf(list);
        ObjectNode node = ClickUpJson.object();
        node.put("id", list.id()).put("name", list.name())
                .put("orderindex", order(model, list.id()))
                .put("content", "");
        node.putNull("status");
        node.putNull("priority");
        node.putNull("assignee");
        node.put("task_count", model.tasks.values().stream().filter(t -> !t.deleted && t.listId.equals(list.id())).count());
        node.putNull("due_date");
        node.putNull("start_date");
        node.set("folder", ref(folder.id(), folder.name()).put("hidden", folder.hidden()));
        ((ObjectNode) node.get("folder")).remove("access");
        ((ObjectNode) node.get("folder")).put("access", true);
        node.set("space", ref(space.id(), space.name()));
        node.put("archived", false).put("override_statuses", true);
        node.set("statuses", statuses(list.statuses()));
        node.put("permission_level", "create");
        return node;
    }

    static List<TaskList> listsOf(WorkspaceModel model, String folderId) {
        return model.lists.values().stream().filter(l -> l.folderId().equals(folderId))
                .sorted(java.util.Comparator.comparing((TaskList l) -> order(model, l.id())).thenComparing(TaskList::id))
                .toList();
    }

    static List<Folder> foldersOf(WorkspaceModel model, String spaceId, boolean hidden) {
        return model.folders.values().stream().filter(f -> f.spaceId().equals(spaceId) && f.hidden() == hidden)
                .sorted(java.util.Comparator.comparing((Folder f) -> order(model, f.id())).thenComparing(Folder::id))
                .toList();
    }

    static int order(WorkspaceModel model, String id) {
        return model.orderindex.getOrDefault(id, 0);
    }

    private static ObjectNode ref(String id, String name) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", id).put("name", name).put("access", true);
        return node;
    }

    private static ArrayNode statuses(List<FakeStatus> statuses) {
        ArrayNode array = ClickUpJson.array();
        for (FakeStatus s : statuses) {
            array.addObject().put("status", s.status()).put("orderindex", s.orderindex()).put("color", s.color())
                    .put("type", s.type());
        }
        return array;
    }
}
