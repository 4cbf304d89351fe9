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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

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
    final List<FakeWebhook> webhooks = new ArrayList<>();
    Long actingUserId;
    Clock clock;
    /** History item ids: numeric, unique, and seeded from wall time so restarts do not reuse them. */
    private long nextHistoryId = System.currentTimeMillis() * 1_000_000L + ThreadLocalRandom.current().nextLong(1_000_000L);

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
}
