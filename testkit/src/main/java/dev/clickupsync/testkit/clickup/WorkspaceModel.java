package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.clickup.FakeHierarchy.Folder;
import dev.clickupsync.testkit.clickup.FakeHierarchy.Space;
import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The plain data of a workspace and its lookups, shared by the renderers and the change logic.
 * Not thread-safe by itself: {@link FakeWorkspace} guards every access with its lock.
 */
final class WorkspaceModel {

    /** A workspace tag; ClickUp tags belong to a space, here to the workspace. */
    record Tag(String name, String fg, String bg, long creator) {
    }

    private static final String[] TAG_COLORS = {"#FF4081", "#7C4DFF", "#00B8D4", "#2ECD6F", "#F9D900", "#FF7800"};

    final String teamId;
    final String teamName;
    final Map<Long, FakeUser> users = new LinkedHashMap<>();
    final Map<String, Space> spaces = new LinkedHashMap<>();
    final Map<String, Folder> folders = new LinkedHashMap<>();
    final Map<String, TaskList> lists = new LinkedHashMap<>();
    final Map<String, List<FakeCustomField>> fields = new LinkedHashMap<>();
    final Map<String, TaskState> tasks = new LinkedHashMap<>();
    final Map<String, Tag> tags = new LinkedHashMap<>();
    /** Folder and list {@code orderindex}es given by hierarchy changes (seeded ones are 0): stable, as ClickUp's. */
    final Map<String, Integer> orderindex = new java.util.HashMap<>();
    final WebhookRegistry webhooks = new WebhookRegistry();
    final List<FakeTimeEntry> timeEntries = new ArrayList<>();
    /** Elements served verbatim by GET /team/{id}/time_entries (see FakeWorkspace.addRawTimeEntry). */
    final List<com.fasterxml.jackson.databind.node.ObjectNode> rawTimeEntries = new ArrayList<>();
    final Map<String, List<FakeComment>> comments = new LinkedHashMap<>();
    /** Lists shared with some members only (GET /list/{id}/member); any other list: every workspace member. */
    final Map<String, List<Long>> listMembers = new java.util.HashMap<>();
    /** Goals and goal folders in creation order (the order listings show them in). */
    final Map<String, FakeGoal> goals = new LinkedHashMap<>();
    final Map<String, FakeGoal.Folder> goalFolders = new LinkedHashMap<>();
    /** The last goal {@code pretty_id} given: ClickUp numbers a workspace's goals 1, 2, 3, ... */
    int goalPrettyIds;
    Long actingUserId;
    Long tokenUserId;
    Clock clock;
    /** Added to every {@code since} of time in status (ClickUp's and its history's dates were seen apart). */
    long timeInStatusSkewMillis;
    /** History item ids: numeric, unique, and seeded from wall time so restarts do not reuse them. */
    private long nextHistoryId = System.currentTimeMillis() * 1_000_000L + ThreadLocalRandom.current().nextLong(1_000_000L);
    /** Comment ids: numeric strings of nine digits, as in ClickUp's examples. */
    private long nextCommentId = 600_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L);

    WorkspaceModel(String teamId, String teamName, Clock clock) {
        this.teamId = teamId;
        this.teamName = teamName;
        this.clock = clock;
    }

    FakeUser requireUser(long id) {
        FakeUser user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("user " + id + " is not a member of workspace " + teamId);
        }
        return user;
    }

    /** The acting user of history items: the one set, else the first member. */
    FakeUser actingUser() {
        if (actingUserId != null) {
            return requireUser(actingUserId);
        }
        return users.values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("workspace " + teamId + " has no members"));
    }

    /** The user the API token belongs to: the one set, else the first member (the owner). */
    FakeUser tokenUser() {
        if (tokenUserId != null) {
            return requireUser(tokenUserId);
        }
        return users.values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("workspace " + teamId + " has no members"));
    }

    TaskList requireList(String id) {
        TaskList list = lists.get(id);
        if (list == null) {
            throw new IllegalArgumentException("no list " + id);
        }
        return list;
    }

    Folder folderOf(TaskList list) {
        return folders.get(list.folderId());
    }

    Space spaceOf(TaskList list) {
        return spaces.get(folderOf(list).spaceId());
    }

    List<FakeCustomField> fields(String listId) {
        return fields.getOrDefault(listId, List.of());
    }

    Optional<FakeCustomField> field(String listId, String fieldId) {
        return fields(listId).stream().filter(f -> f.id().equals(fieldId)).findFirst();
    }

    /** Replaces the list's field by {@code change} of it, or removes it when that gives null. */
    void replaceField(String listId, String fieldId, UnaryOperator<FakeCustomField> change) {
        requireList(listId);
        List<FakeCustomField> listFields = fields.computeIfAbsent(listId, k -> new ArrayList<>());
        for (int i = 0; i < listFields.size(); i++) {
            if (listFields.get(i).id().equals(fieldId)) {
                FakeCustomField changed = change.apply(listFields.get(i));
                if (changed == null) {
                    listFields.remove(i);
                } else {
                    listFields.set(i, changed);
                }
                return;
            }
        }
        throw new IllegalArgumentException("list " + listId + " has no custom field " + fieldId);
    }

    /** A new, not yet stored task in the list's first status. */
    TaskState newTask(String taskId, String listId, String name) {
        if (tasks.containsKey(Objects.requireNonNull(taskId, "taskId"))) {
            throw new IllegalArgumentException("task id " + taskId + " is taken");
        }
        TaskState task = new TaskState();
        task.id = taskId;
        task.name = Objects.requireNonNull(name, "name");
        task.listId = listId;
        task.status = requireList(listId).firstStatus().status();
        return task;
    }

    /** A free id in ClickUp's style: "86" and seven base-36 characters. */
    String freshTaskId() {
        String id;
        do {
            id = "86" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36, 78364164096L), 36);
        } while (tasks.containsKey(id));
        return id;
    }

    /** A live (not deleted) task. */
    TaskState requireTask(String id) {
        TaskState task = tasks.get(id);
        if (task == null || task.deleted) {
            throw new IllegalArgumentException("no task " + id + (task == null ? "" : " (deleted)"));
        }
        return task;
    }

    /** The tag named so, created with the acting user as creator if it is new. */
    Tag tag(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return tags.computeIfAbsent(key, k -> {
            String color = TAG_COLORS[tags.size() % TAG_COLORS.length];
            return new Tag(k, color, color, actingUser().id());
        });
    }

    /** When a change of this task happens: now, but never at or before its last change. */
    long nextChangeTime(TaskState task) {
        return Math.max(clock.millis(), task.dateUpdated + 1);
    }

    String nextHistoryId() {
        return Long.toString(nextHistoryId++);
    }

    String nextCommentId() {
        return Long.toString(nextCommentId++);
    }

    /** Whether the task lies in this list, folder and space (a null filter matches any). */
    boolean inLocation(TaskState task, String listId, String folderId, String spaceId) {
        TaskList list = lists.get(task.listId);
        return (listId == null || listId.equals(task.listId))
                && (folderId == null || folderId.equals(list.folderId()))
                && (spaceId == null || spaceId.equals(spaceOf(list).id()));
    }
}
