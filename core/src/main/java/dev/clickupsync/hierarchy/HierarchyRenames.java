package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A renamed or moved list or folder, followed into the tasks under it. ClickUp's task JSON names its
 * place ({@code list: {id, name}}, {@code folder} and its legacy twin {@code project}:
 * {@code {id, name, hidden}}, {@code space: {id}}), and renaming a list or folder, or moving a list to
 * another folder, changes that in every task without a task webhook and without a new
 * {@code date_updated}. Without this the mirror kept the old names for good (the storm bench found
 * every task of a renamed list differing from {@code GET /task}).
 *
 * <p><b>Algorithm.</b> {@link #write} ({@link HierarchyCascade#write}) is how the drain and reconcile's
 * hierarchy pass store an object they fetched. Before the object is written, its stored copy is compared with the new JSON on
 * the fields tasks copy; when they differ (or a list was never stored: its tasks may predate the
 * hierarchy), every task under it is read from the list's task index, a page of
 * a page at a time ({@link ListTasks}), and each live entry whose JSON differs is rewritten in place
 * ({@link MirrorStore#relocate}: same version, compare-and-set on the entry read, reread and retried
 * when something was written in between). A folder's change goes to the tasks of each of its lists.
 *
 * <p><b>Invariants.</b> The object is written only after its tasks, so a cascade cut short (the
 * drain's deadline, via {@code beforePage}) leaves the old copy stored and the redelivered event, or
 * the next pass, finds the difference again and finishes it. A fetch that loses to a newer stored
 * copy changes no task. Costs are DynamoDB reads and writes only, never a ClickUp call: one
 * {@code Query} and one {@code BatchGetItem} per 100 tasks, one {@code PutItem} per task that changed.
 * Two different renames of one list applied at the same moment by two instances may leave the older
 * name on some tasks until the next rename or task change; reconcile's hierarchy pass, which compares
 * with what it stores, does not see that case (noted in issue #17).
 */
final class HierarchyRenames {
    private static final int ATTEMPTS = 3;

    private final HierarchyStore store;
    private final MirrorStore mirror;
    private final ListTasks tasks;
    private final Metrics metrics;

    HierarchyRenames(HierarchyStore store, MirrorStore mirror, ListTasks tasks, Metrics metrics) {
        this.store = store;
        this.mirror = mirror;
        this.tasks = tasks;
        this.metrics = metrics;
    }

    /**
     * Stores ClickUp's JSON of one object as {@link HierarchyStore#write} does, after bringing the tasks
     * under a renamed or moved list or folder in line with it.
     *
     * @return false when the stored object is as new or newer (nothing changed, no task touched)
     */
    boolean write(HierarchyKind kind, JsonNode json, String teamId, Instant fetchedAt, Runnable beforePage) {
        String id = HierarchyItems.text(json, "id");
        Optional<HierarchyObject> stored = id == null ? Optional.empty() : store.find(kind, id);
        if (stored.isPresent() && !stored.get().fetchedAt().isBefore(fetchedAt)) {
            return false;
        }
        JsonNode before = stored.filter(s -> !s.deleted()).map(HierarchyObject::json).orElse(null);
        int moved = switch (kind) {
            case LIST -> before == null || !sameListPlace(before, json) ? follow(id, json, json.path("folder"), beforePage) : 0;
            case FOLDER -> before != null && !sameFolderPlace(before, json) ? followFolder(id, json, beforePage) : 0;
            case SPACE -> 0; // a task names its space by id only
        };
        if (moved > 0) {
            metrics.record("HierarchyTasksRelocated", moved, "Count");
        }
        return store.write(kind, json, teamId, fetchedAt);
    }

    private int followFolder(String folderId, JsonNode folder, Runnable beforePage) {
        int moved = 0;
        for (HierarchyStore.Link list : store.children(HierarchyItems.listsOf(folderId))) {
            moved += follow(list.id(), null, folder, beforePage);
        }
        return moved;
    }

    /** Rewrites the live tasks of {@code listId} whose JSON differs from the list's (null: unchanged) or folder's JSON. */
    private int follow(String listId, JsonNode list, JsonNode folder, Runnable beforePage) {
        return tasks.each(listId, beforePage, (entry, read) -> relocate(entry, listId, list, folder));
    }

    /** One task brought in line, retried on a concurrent write; true when a new JSON was written. */
    private boolean relocate(MirrorStore.Entry first, String listId, JsonNode list, JsonNode folder) {
        MirrorStore.Entry entry = first;
        for (int attempt = 0; attempt < ATTEMPTS && entry != null; attempt++) {
            TaskSnapshot task = entry.snapshot();
            if (task.deleted() || task.json() == null || !listId.equals(task.listId())) {
                return false; // gone, moved to another list, or a reduced entry: nothing of the place to fix
            }
            ObjectNode json = task.json().deepCopy();
            if (!place(json, list, folder)) {
                return false;
            }
            String folderId = HierarchyItems.text(json.path("folder"), "id");
            String spaceId = HierarchyItems.text(json.path("space"), "id");
            if (mirror.relocate(entry, task.relocated(folderId == null ? task.folderId() : folderId,
                    spaceId == null ? task.spaceId() : spaceId, json)).written()) {
                return true;
            }
            entry = mirror.findEntry(task.id()).orElse(null);
        }
        return false;
    }

    /**
     * Writes into a task's JSON where it lives: its list's name and space from {@code list} (the list's
     * JSON; null: not changed) and its folder from {@code folder} (a list's {@code folder} member, or a
     * folder's JSON); true when anything changed.
     */
    static boolean place(ObjectNode task, JsonNode list, JsonNode folder) {
        boolean changed = false;
        if (list != null) {
            changed |= set(task, "list", "name", list.get("name"));
            JsonNode space = list.path("space").get("id");
            changed |= space != null && set(task, "space", "id", space);
        }
        return folder(task, folder) | changed;
    }

    private static boolean folder(ObjectNode task, JsonNode folder) {
        if (!folder.isObject() || folder.get("id") == null) {
            return false;
        }
        boolean changed = false;
        for (String member : List.of("folder", "project")) {
            if (member.equals("project") && !task.has("project")) {
                continue; // legacy twin: only where ClickUp sent it
            }
            for (String field : List.of("id", "name", "hidden")) {
                changed |= set(task, member, field, folder.get(field));
            }
        }
        return changed;
    }

    private static boolean set(ObjectNode task, String member, String field, JsonNode value) {
        if (value == null || value.isNull() && !task.path(member).has(field)) {
            return false;
        }
        JsonNode holder = task.get(member);
        ObjectNode target = holder instanceof ObjectNode o ? o : task.putObject(member);
        if (Objects.equals(target.get(field), value)) {
            return false;
        }
        target.set(field, value.deepCopy());
        return true;
    }

    private static boolean sameListPlace(JsonNode before, JsonNode now) {
        return Objects.equals(before.get("name"), now.get("name")) && sameFolderPlace(before.path("folder"), now.path("folder"))
                && Objects.equals(before.path("space").get("id"), now.path("space").get("id"));
    }

    private static boolean sameFolderPlace(JsonNode before, JsonNode now) {
        return Objects.equals(before.get("id"), now.get("id")) && Objects.equals(before.get("name"), now.get("name"))
                && Objects.equals(before.get("hidden"), now.get("hidden"));
    }
}
