package dev.clickupsync.workspace;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * Two workspaces writing back (issue #17): the demo workspace ({@code default}) and "acme" on its own fake
 * ClickUp and token ({@link AcmeWorkspaceResource}), each with one digest scope. Shared by
 * {@link TwoWorkspacesDigestTest} and {@link TwoWorkspacesCommandsTest}, so they share one boot; the
 * digest's comment commands run through the real command path ({@code digest/RecordingCommandSubmitter}).
 * Task ids 86c0bf*.
 */
public class AcmeWriteBackProfile implements QuarkusTestProfile {
    static final String DEFAULT_LIST = "wsd-default";
    static final String DEFAULT_TARGET = DemoWorkspace.TASK_SHIP_V1;
    static final String ACME_TARGET = "86c0bf001";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.lambda.handler", "commands",
                "sync.webhook-lifecycle.team-id", DemoWorkspace.TEAM_ID,
                "sync.digest.scopes", "list:" + DEFAULT_LIST + "=" + DEFAULT_TARGET,
                "sync.workspaces.acme.digest-scopes", "list:" + AcmeWorkspaceResource.LIST_ID + "=" + ACME_TARGET,
                "sync.digest.llm.timeout", "5s",
                "sync.fields.min-refresh-interval", "0s",
                "sync.metrics.emf", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AcmeWorkspaceResource.class));
    }
}
