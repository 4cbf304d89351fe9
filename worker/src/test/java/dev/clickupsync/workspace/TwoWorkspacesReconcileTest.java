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
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
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
    @org.junit.jupiter.api.Order(1)
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

    @Test
    @org.junit.jupiter.api.Order(2) // after the first run set the watermark: its tasks are then restore candidates
    void pagesReadAheadAndTheRestoreForASecondWorkspaceGoThroughItsOwnTokenToo() {
        // More tasks than a page: the walk reads the next page on a reader thread while it writes this one,
        // and that read must use acme's client as well (the route is per thread). The tasks are new since the
        // last run's watermark, so the restore pass then asks about them (bulk time in status) at acme too.
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        for (int i = 0; i < 130; i++) {
            acme.workspace().createTask("86c0bb3" + String.format("%02d", i), AcmeWorkspaceResource.LIST_ID, "Paged " + i);
        }
        // One of them is commented too (no webhook either): the only one the comment repair asks about, as the
        // others show no activity after their creation (a webhook suspension costs no comment call per task).
        acme.workspace().postComment("86c0bb307", 301, "said while the webhook was suspended");
        int commentReads = acme.count("GET", "/comment");
        int defaultAsked = clickUp.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/");
        int defaultBulk = clickUp.count("GET", "bulk_time_in_status");

        ReconcileReport report = reconciler.run(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(report.complete()).as("stop: %s", report.stop()).isTrue();
        assertThat(report.pages()).as("more than one page walked").isGreaterThan(1);
        // The restore pass after the walk asks acme's ClickUp about acme's tasks, not the default one.
        assertThat(acme.count("GET", "bulk_time_in_status")).as("restored at acme").isPositive();
        assertThat(clickUp.count("GET", "bulk_time_in_status") - defaultBulk).isZero();
        // So does the comment repair, for the one task the mirror lacked that shows activity after its creation.
        assertThat(acme.count("GET", "/comment") - commentReads).as("comments re-read at acme, one task").isEqualTo(1);
        assertThat(clickUp.count("GET", "/task/86c0bb3")).as("no acme task asked at the default ClickUp").isZero();
        for (int i = 0; i < 130; i++) {
            assertThat(mirror.find("86c0bb3" + String.format("%02d", i))).as("task %d", i).isPresent();
        }
        assertThat(clickUp.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/") - defaultAsked)
                .as("no page of acme's team was read with the default token").isZero();
    }
}
