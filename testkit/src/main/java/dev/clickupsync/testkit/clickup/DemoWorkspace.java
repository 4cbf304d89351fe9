package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.clickup.FakeCustomField.Option;
import java.math.BigDecimal;
import java.util.List;

/**
 * The fixed ids of {@link FakeWorkspace#demo()}, which other parts of the project (local run, bench,
 * tests) rely on, and the seeding itself. Seeded dates are fixed so renders are stable; later
 * changes use the workspace clock.
 */
public final class DemoWorkspace {

    public static final String TEAM_ID = "9012345";
    public static final String TEAM_NAME = "Demo Workspace";
    public static final String SPACE_ID = "90120001";
    public static final String FOLDER_ID = "90120010";
    public static final String LIST_ID = "901200100";
    public static final String LIST_NAME = "Sprint Backlog";
    public static final long ADA = 183;
    public static final long ALAN = 184;

    public static final String TASK_LOGIN_BUG = "86c0aa001";
    public static final String TASK_RELEASE_NOTES = "86c0aa002";
    public static final String TASK_SHIP_V1 = "86c0aa003";

    public static final String FIELD_SEVERITY = "3f1d2c4b-5a69-4e8f-9b1a-2c3d4e5f6a01";
    public static final String FIELD_STORY_POINTS = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c02";
    public static final String FIELD_SPRINT_GOAL = "b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d03";
    public static final String SEVERITY_LOW = "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f10";
    public static final String SEVERITY_MEDIUM = "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a11";
    public static final String SEVERITY_HIGH = "2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b12";
    public static final String SEVERITY_CRITICAL = "3a4b5c6d-7e8f-4a9b-8c1d-2e3f4a5b6c13";

    public static final String WEBHOOK_ID = "4b67ac88-6e3a-4d5b-9b61-0c1f3c5e2a10";
    public static final String WEBHOOK_SECRET = "local-dev-webhook-secret";

    /** 2025-01-06T09:00:00Z, when the demo tasks were "created". */
    static final long SEEDED_AT = 1736154000000L;

    public static final List<FakeStatus> STATUSES = List.of(
            new FakeStatus("to do", "#d3d3d3", 0, "open"),
            new FakeStatus("in progress", "#4194f6", 1, "custom"),
            new FakeStatus("review", "#a875ff", 2, "custom"),
            new FakeStatus("complete", "#6bc950", 3, "closed"));

    private DemoWorkspace() {
    }

    static void seed(FakeWorkspace ws) {
        ws.addUser(FakeUser.of(ADA, "Ada Lovelace", "ada@example.com", "#7b68ee"))
                .addUser(FakeUser.of(ALAN, "Alan Turing", "alan@example.com", "#e91e63"))
                .addSpace(SPACE_ID, "Engineering")
                .addFolder(FOLDER_ID, SPACE_ID, "Product")
                .addList(LIST_ID, FOLDER_ID, LIST_NAME, STATUSES)
                .addCustomField(LIST_ID, FakeCustomField.dropDown(FIELD_SEVERITY, "Severity",
                        new Option(SEVERITY_LOW, "Low", "#2ecd6f", 0),
                        new Option(SEVERITY_MEDIUM, "Medium", "#f9d900", 1),
                        new Option(SEVERITY_HIGH, "High", "#ff7800", 2),
                        new Option(SEVERITY_CRITICAL, "Critical", "#e50000", 3)))
                .addCustomField(LIST_ID, FakeCustomField.number(FIELD_STORY_POINTS, "Story Points"))
                .addCustomField(LIST_ID, FakeCustomField.shortText(FIELD_SPRINT_GOAL, "Sprint Goal"))
                .addWebhook(FakeWebhook.allEvents(WEBHOOK_ID, WEBHOOK_SECRET));
        ws.seedTag("bug", "#e50000", ADA);
        ws.seedTag("docs", "#0231e8", ALAN);

        TaskState loginBug = task(TASK_LOGIN_BUG, "Fix login bug", "to do", 0);
        loginBug.description = "Users are unable to log in when SSO is enabled.";
        loginBug.assignees.add(ADA);
        loginBug.tags.add("bug");
        loginBug.priority = 2;
        loginBug.dueDate = SEEDED_AT + 14 * 86_400_000L;
        loginBug.customValues.put(FIELD_SEVERITY, SEVERITY_HIGH);
        loginBug.customValues.put(FIELD_STORY_POINTS, new BigDecimal("3"));
        ws.seed(loginBug);

        TaskState releaseNotes = task(TASK_RELEASE_NOTES, "Write release notes", "in progress", 1);
        releaseNotes.assignees.add(ALAN);
        releaseNotes.tags.add("docs");
        releaseNotes.priority = 3;
        releaseNotes.timeEstimate = 5_400_000L;
        releaseNotes.customValues.put(FIELD_SPRINT_GOAL, "Ship v1");
        releaseNotes.customValues.put(FIELD_STORY_POINTS, new BigDecimal("2"));
        ws.seed(releaseNotes);

        TaskState shipV1 = task(TASK_SHIP_V1, "Ship v1", "complete", 2);
        shipV1.assignees.add(ADA);
        shipV1.assignees.add(ALAN);
        shipV1.priority = 1;
        shipV1.dateClosed = SEEDED_AT + 3 * 86_400_000L;
        shipV1.dateDone = shipV1.dateClosed;
        shipV1.dateUpdated = shipV1.dateClosed;
        shipV1.customValues.put(FIELD_SEVERITY, SEVERITY_CRITICAL);
        ws.seed(shipV1);
    }

    private static TaskState task(String id, String name, String status, int index) {
        TaskState task = new TaskState();
        task.id = id;
        task.name = name;
        task.listId = LIST_ID;
        task.status = status;
        task.creatorId = ADA;
        task.watchers.add(ADA);
        task.dateCreated = SEEDED_AT + index * 60_000L;
        task.dateUpdated = task.dateCreated;
        task.orderindex = (index + 1) + ".00000000000000000000000000000000";
        return task;
    }
}
