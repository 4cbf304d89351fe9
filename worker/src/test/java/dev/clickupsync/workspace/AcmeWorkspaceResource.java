package dev.clickupsync.workspace;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeUser;
import dev.clickupsync.testkit.clickup.FakeWebhook;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A second ClickUp workspace, "acme", on a fake ClickUp of its own with its own token, configured as
 * one {@code sync.workspaces.acme.*} entry beside the demo workspace (the {@code default} one).
 * Test-only values.
 */
public class AcmeWorkspaceResource implements QuarkusTestResourceLifecycleManager {
    static final String TEAM_ID = "9099999";
    static final String LIST_ID = "909900100";
    static final String TOKEN = "pk_acme_fake_token";
    static final String WEBHOOK_ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String WEBHOOK_SECRET = "acme-test-webhook-secret";

    private static volatile FakeClickUp clickUp;

    static FakeClickUp clickUp() {
        return clickUp;
    }

    @Override
    public Map<String, String> start() {
        FakeWorkspace acme = new FakeWorkspace(TEAM_ID, "Acme")
                .addUser(FakeUser.of(301, "Grace Hopper", "grace@example.com", "#7b68ee"))
                .addSpace("90990001", "Acme Engineering")
                .addFolder("90990010", "90990001", "Acme Product")
                .addList(LIST_ID, "90990010", "Acme Backlog", DemoWorkspace.STATUSES)
                .addWebhook(FakeWebhook.allEvents(WEBHOOK_ID, WEBHOOK_SECRET));
        clickUp = FakeClickUp.builder().workspace(acme).token(TOKEN).start();
        return Map.of(
                "sync.workspaces.acme.team-id", TEAM_ID,
                "sync.workspaces.acme.token", TOKEN,
                "sync.workspaces.acme.api-url", clickUp.baseUrl(),
                "sync.workspaces.acme.webhook-id", WEBHOOK_ID,
                "sync.workspaces.acme.webhook-secret", WEBHOOK_SECRET);
    }

    @Override
    public void stop() {
        if (clickUp != null) {
            clickUp.close();
        }
    }
}
