package dev.clickupsync.testkit.clickup;

/**
 * A second demo workspace, "Acme", for runs of two workspaces on two tokens (issue #17): the local run
 * with {@code LOCAL_WORKSPACES=2} and tests. Its own fake ClickUp answers only {@link #TOKEN}; its ids
 * never collide with {@link DemoWorkspace}'s. Fixed, fake, test-only values.
 */
public final class SecondDemoWorkspace {
    /** The name it is configured under: {@code sync.workspaces.acme.*}. */
    public static final String NAME = "acme";
    public static final String TEAM_ID = "9099999";
    public static final String TEAM_NAME = "Acme";
    public static final String SPACE_ID = "90990001";
    public static final String FOLDER_ID = "90990010";
    public static final String LIST_ID = "909900100";
    public static final String TASK_ONBOARDING = "86c0bb001";
    public static final String TASK_INVOICES = "86c0bb002";
    public static final String TOKEN = "pk_local_fake_acme_token";
    public static final String WEBHOOK_ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public static final String WEBHOOK_SECRET = "local-dev-acme-webhook-secret";

    private SecondDemoWorkspace() {
    }

    /** The workspace, seeded with two tasks in one list and one webhook. */
    public static FakeWorkspace create() {
        FakeWorkspace acme = new FakeWorkspace(TEAM_ID, TEAM_NAME)
                .addUser(FakeUser.of(301, "Grace Hopper", "grace@example.com", "#7b68ee"))
                .addSpace(SPACE_ID, "Acme Operations")
                .addFolder(FOLDER_ID, SPACE_ID, "Back office")
                .addList(LIST_ID, FOLDER_ID, "Acme Backlog", DemoWorkspace.STATUSES)
                .addWebhook(FakeWebhook.allEvents(WEBHOOK_ID, WEBHOOK_SECRET));
        acme.createTask(TASK_ONBOARDING, LIST_ID, "Onboard new client");
        acme.createTask(TASK_INVOICES, LIST_ID, "Send March invoices");
        return acme;
    }

    /** A fake ClickUp serving only this workspace, with its own token. */
    public static FakeClickUp start() {
        return FakeClickUp.builder().workspace(create()).token(TOKEN).start();
    }
}
