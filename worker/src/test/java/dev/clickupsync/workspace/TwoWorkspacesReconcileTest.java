package dev.clickupsync.workspace;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconcile of a second workspace's team (issue #17): acme's team is in {@code sync.reconcile.team-ids},
 * and reconcile walks it through acme's client, whose fake ClickUp answers only acme's token, so a task
 * no webhook announced reaches the mirror only if every call for that team used acme's token. The
 * default workspace's fake is never asked about acme's team. Own profile: one reconcile scope of its own.
 */
@QuarkusTest
@TestProfile(TwoWorkspacesReconcileTest.AcmeReconciled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class TwoWorkspacesReconcileTest {

    public static class AcmeReconciled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.reconcile.team-ids", AcmeWorkspaceResource.TEAM_ID,
                    "sync.webhook-lifecycle.team-id", DemoWorkspace.TEAM_ID);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AcmeWorkspaceResource.class));
        }
    }

    @Inject
    Reconciler reconciler;
    @Inject
    MirrorStore mirror;

    FakeClickUp clickUp;

    @Test
    void aSecondWorkspacesTeamIsReconciledWithItsOwnToken() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        acme.workspace().createTask("86c0bb201", AcmeWorkspaceResource.LIST_ID, "Only reconcile can tell"); // no webhook sent
        int defaultAsked = clickUp.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/");

        ReconcileReport report = reconciler.run(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(report.complete()).as("stop: %s", report.stop()).isTrue();
        assertThat(mirror.find("86c0bb201")).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Only reconcile can tell"));
        assertThat(acme.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/task")).as("walked at acme").isPositive();
        assertThat(acme.rateLimited()).isZero();
        assertThat(clickUp.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/") - defaultAsked)
                .as("the default workspace's ClickUp is never asked about acme's team").isZero();
    }
}
