package dev.clickupsync.query;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.clickup.FakeCustomField;
import dev.clickupsync.testkit.clickup.FakeCustomField.Option;
import dev.clickupsync.testkit.clickup.FakeStatus;
import dev.clickupsync.testkit.clickup.FakeUser;
import dev.clickupsync.testkit.clickup.FakeWorkspace;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded fake workspace for the query tests: two spaces, three folders, four lists (one empty),
 * {@value #TASKS} tasks created a few minutes apart with statuses of every type, assignees, tags,
 * due dates, custom fields (number, drop-down, labels, text), task types, subtasks; then a second round of changes
 * (moves between lists, status and due-date changes) mirrored as newer versions, some tasks archived
 * and some deleted (tombstones), so the index has moved under many tasks. Mirrored the way reconcile
 * does it: {@code TaskSnapshot.of} the fake's task JSON, written through {@link MirrorStore}.
 */
final class SeededWorkspace {
    static final int TASKS = 360;
    static final String TEAM = "7770001";
    static final String SPACE_A = "7771", SPACE_B = "7772";
    static final String FOLDER_A1 = "77710", FOLDER_A2 = "77711", FOLDER_B1 = "77720";
    static final String LIST_1 = "777100", LIST_2 = "777110", LIST_3 = "777200", EMPTY_LIST = "777201";
    static final List<String> LISTS = List.of(LIST_1, LIST_2, LIST_3);
    static final List<String> STATUS_NAMES = List.of("to do", "in progress", "review", "done", "closed");
    static final List<Long> USERS = List.of(501L, 502L, 503L, 504L);
    static final List<String> TAGS = List.of("bug", "docs", "ops", "ux");
    /** Task types ({@code custom_item_id}): 0 a plain task, 1 a milestone, the others custom types. */
    static final List<Long> CUSTOM_ITEMS = List.of(0L, 1L, 1300L, 1301L);
    static final String FIELD_POINTS = "f-points", FIELD_SEVERITY = "f-severity", FIELD_LABELS = "f-labels",
            FIELD_GOAL = "f-goal";
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final FakeWorkspace fake;
    final MutableClock clock = new MutableClock(START);
    final List<String> deleted = new ArrayList<>();
    final List<String> parents = new ArrayList<>();

    SeededWorkspace() {
        fake = new FakeWorkspace(TEAM, "Query workspace", clock);
        List<FakeStatus> statuses = List.of(new FakeStatus("to do", "#d3d3d3", 0, "open"),
                new FakeStatus("in progress", "#4194f6", 1, "custom"), new FakeStatus("review", "#a875ff", 2, "custom"),
                new FakeStatus("done", "#6bc950", 3, "done"), new FakeStatus("closed", "#000000", 4, "closed"));
        for (long user : USERS) {
            fake.addUser(FakeUser.of(user, "user " + user, "u" + user + "@example.com", "#7b68ee"));
        }
        fake.addSpace(SPACE_A, "A").addSpace(SPACE_B, "B").addFolder(FOLDER_A1, SPACE_A, "A1")
                .addFolder(FOLDER_A2, SPACE_A, "A2").addFolder(FOLDER_B1, SPACE_B, "B1")
                .addList(LIST_1, FOLDER_A1, "one", statuses).addList(LIST_2, FOLDER_A2, "two", statuses)
                .addList(LIST_3, FOLDER_B1, "three", statuses).addList(EMPTY_LIST, FOLDER_B1, "empty", statuses);
        for (String list : LISTS) {
            fake.addCustomField(list, FakeCustomField.number(FIELD_POINTS, "Points"))
                    .addCustomField(list, FakeCustomField.dropDown(FIELD_SEVERITY, "Severity",
                            new Option("sev-low", "Low", "#2ecd6f", 0), new Option("sev-high", "High", "#ff7800", 1)))
                    .addCustomField(list, FakeCustomField.labels(FIELD_LABELS, "Labels",
                            new Option("lab-a", "A", "#2ecd6f", 0), new Option("lab-b", "B", "#ff7800", 1)))
                    .addCustomField(list, FakeCustomField.shortText(FIELD_GOAL, "Goal"));
        }
    }

    /** Seeds the fake and mirrors it into {@code mirror}; returns the task ids the fake still has. */
    List<String> seedAndMirror(MirrorStore mirror, long seed) {
        Random rnd = new Random(seed);
        Random types = new Random(seed + 1); // its own stream: the rest of the seeding stays as it was
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            clock.advance(Duration.ofMinutes(3).plusMillis(rnd.nextInt(60_000)));
            String id = String.format("q%05d", i);
            if (!parents.isEmpty() && rnd.nextInt(100) < 15) {
                fake.createSubtask(id, parents.get(rnd.nextInt(parents.size())), "Subtask " + i);
            } else {
                fake.createTask(id, LISTS.get(rnd.nextInt(LISTS.size())), "Task " + i);
                if (rnd.nextInt(100) < 20) {
                    parents.add(id);
                }
            }
            clock.advance(Duration.ofSeconds(1 + rnd.nextInt(30)));
            fake.updateTask(id, c -> change(c, rnd));
            typed(id, types, 20);
            ids.add(id);
        }
        ids.forEach(id -> mirror.upsert(snapshot(id)));
        // second round: newer versions move the index items (updated order, due date, list, status)
        for (int i = 0; i < 90; i++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            clock.advance(Duration.ofSeconds(20 + rnd.nextInt(600)));
            boolean topLevel = fake.taskJson(id).path("parent").isNull();
            fake.updateTask(id, c -> {
                change(c, rnd);
                if (topLevel && rnd.nextInt(100) < 30) {
                    c.moveTo(LISTS.get(rnd.nextInt(LISTS.size())));
                }
            });
            typed(id, types, 10);
            mirror.upsert(snapshot(id));
        }
        for (int i = 0; i < 25; i++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            clock.advance(Duration.ofSeconds(5));
            fake.setArchived(id, true);
            mirror.upsert(snapshot(id));
        }
        for (int i = 0; i < 12; i++) {
            String id = ids.remove(rnd.nextInt(ids.size()));
            clock.advance(Duration.ofSeconds(5));
            fake.deleteTask(id);
            mirror.tombstone(id, clock.instant());
            deleted.add(id);
        }
        return ids;
    }

    /** With {@code percent} chance, gives the task a type: a milestone (1) or a custom type (1300, 1301). */
    private void typed(String id, Random types, int percent) {
        if (types.nextInt(100) < percent) {
            fake.setCustomItemId(id, CUSTOM_ITEMS.get(1 + types.nextInt(CUSTOM_ITEMS.size() - 1)));
        }
    }

    TaskSnapshot snapshot(String id) {
        try {
            return TaskSnapshot.of(Json.MAPPER.treeToValue(fake.taskJson(id), ClickUpTask.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void change(dev.clickupsync.testkit.clickup.TaskChange c, Random rnd) {
        c.status(STATUS_NAMES.get(rnd.nextInt(STATUS_NAMES.size())));
        if (rnd.nextInt(100) < 60) {
            c.addAssignee(USERS.get(rnd.nextInt(USERS.size())));
        }
        if (rnd.nextInt(100) < 25) {
            c.addAssignee(USERS.get(rnd.nextInt(USERS.size())));
        }
        if (rnd.nextInt(100) < 50) {
            c.addTag(TAGS.get(rnd.nextInt(TAGS.size())));
        }
        if (rnd.nextInt(100) < 70) {
            c.dueDate(START.plus(Duration.ofHours(rnd.nextInt(24 * 60))).plusMillis(rnd.nextInt(1000)));
        } else if (rnd.nextInt(100) < 30) {
            c.dueDate(null);
        }
        if (rnd.nextInt(100) < 50) {
            c.customField(FIELD_POINTS, new BigDecimal(rnd.nextInt(13)));
        }
        if (rnd.nextInt(100) < 40) {
            c.customField(FIELD_SEVERITY, rnd.nextBoolean() ? "sev-low" : "sev-high");
        }
        if (rnd.nextInt(100) < 40) {
            c.customField(FIELD_LABELS, rnd.nextBoolean() ? List.of("lab-a") : List.of("lab-a", "lab-b"));
        }
        if (rnd.nextInt(100) < 30) {
            c.customField(FIELD_GOAL, "goal " + rnd.nextInt(4));
        }
    }
}
