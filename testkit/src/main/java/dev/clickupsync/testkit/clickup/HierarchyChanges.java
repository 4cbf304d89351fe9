package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;

import java.util.List;

/**
 * Changes to spaces, folders and lists, each with the webhook ClickUp sends for it ({@code spaceCreated},
 * {@code folderUpdated}, {@code listDeleted}, ...: the object's id only). Deleting a container deletes
 * what is in it (folders, lists, and their tasks, which then answer 404) with one event for the
 * container alone. Moving a list to another folder is a {@code listUpdated}. Callers hold the workspace lock.
 */
final class HierarchyChanges {
    private final WorkspaceModel model;

    HierarchyChanges(WorkspaceModel model) {
        this.model = model;
    }

    List<WebhookDelivery> createSpace(String id, String name) {
        require(!model.spaces.containsKey(id), "space " + id + " exists");
        model.spaces.put(id, new Space(id, name));
        return event("spaceCreated", "space_id", id);
    }

    List<WebhookDelivery> renameSpace(String id, String name) {
        require(model.spaces.containsKey(id), "no space " + id);
        model.spaces.put(id, new Space(id, name));
        return event("spaceUpdated", "space_id", id);
    }

    List<WebhookDelivery> deleteSpace(String id) {
        require(model.spaces.remove(id) != null, "no space " + id);
        model.folders.values().stream().filter(f -> f.spaceId().equals(id)).map(Folder::id).toList()
                .forEach(this::removeFolder);
        return event("spaceDeleted", "space_id", id);
    }

    List<WebhookDelivery> createFolder(String id, String spaceId, String name) {
        require(model.spaces.containsKey(spaceId), "no space " + spaceId);
        require(!model.folders.containsKey(id), "folder " + id + " exists");
        model.folders.put(id, new Folder(id, name, spaceId, false));
        model.orderindex.put(id, nextOrder());
        return event("folderCreated", "folder_id", id);
    }

    List<WebhookDelivery> renameFolder(String id, String name) {
        Folder folder = model.folders.get(id);
        require(folder != null && !folder.hidden(), "no folder " + id);
        model.folders.put(id, new Folder(id, name, folder.spaceId(), false));
        return event("folderUpdated", "folder_id", id);
    }

    List<WebhookDelivery> deleteFolder(String id) {
        Folder folder = model.folders.get(id);
        require(folder != null && !folder.hidden(), "no folder " + id);
        removeFolder(id);
        return event("folderDeleted", "folder_id", id);
    }

    /** A list in a folder, or, with {@code folderId} null, a folderless list of {@code spaceId} (in its hidden folder). */
    List<WebhookDelivery> createList(String id, String folderId, String spaceId, String name, List<FakeStatus> statuses) {
        require(!model.lists.containsKey(id), "list " + id + " exists");
        String folder = folderId != null ? folderId : hiddenFolder(spaceId);
        require(model.folders.containsKey(folder), "no folder " + folder);
        model.lists.put(id, new TaskList(id, name, folder, statuses));
        model.orderindex.put(id, nextOrder());
        return event("listCreated", "list_id", id);
    }

    List<WebhookDelivery> renameList(String id, String name) {
        TaskList list = model.requireList(id);
        model.lists.put(id, new TaskList(id, name, list.folderId(), list.statuses()));
        return event("listUpdated", "list_id", id);
    }

    List<WebhookDelivery> moveList(String id, String folderId) {
        TaskList list = model.requireList(id);
        require(model.folders.containsKey(folderId), "no folder " + folderId);
        model.lists.put(id, new TaskList(id, list.name(), folderId, list.statuses()));
        model.orderindex.put(id, nextOrder()); // last in its new folder
        return event("listUpdated", "list_id", id);
    }

    List<WebhookDelivery> deleteList(String id) {
        model.requireList(id);
        removeList(id);
        return event("listDeleted", "list_id", id);
    }

    /** After every orderindex given so far: a new or moved object goes last. */
    private int nextOrder() {
        return model.orderindex.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    private String hiddenFolder(String spaceId) {
        require(model.spaces.containsKey(spaceId), "no space " + spaceId);
        String id = "hidden" + spaceId;
        model.folders.putIfAbsent(id, new Folder(id, "hidden", spaceId, true));
        return id;
    }

    private void removeFolder(String id) {
        model.lists.values().stream().filter(l -> l.folderId().equals(id)).map(TaskList::id).toList()
                .forEach(this::removeList);
        model.folders.remove(id);
    }

    /** The list goes, and its tasks with it (GET /task answers 404 for them, as for tasks in ClickUp's trash). */
    private void removeList(String id) {
        for (TaskState task : model.tasks.values()) {
            if (!task.deleted && task.listId.equals(id)) {
                task.deleted = true;
                task.dateUpdated = model.nextChangeTime(task);
            }
        }
        model.lists.remove(id);
    }

    private List<WebhookDelivery> event(String event, String idField, String id) {
        return model.webhooks.deliverObject(event, idField, id);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
