package dev.clickupsync.workspace;

import dev.clickupsync.admin.TaskResync;
import dev.clickupsync.admin.UnknownWorkspace;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.reconcile.Scope;
import dev.clickupsync.reconcile.Watermark;
import dev.clickupsync.reconcile.WatermarkStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reconcile scopes and the admin resync per workspace (issue #17). Acme ({@link AcmeWorkspaceResource}, its own
 * fake ClickUp answering only its token) is not in {@code sync.reconcile.team-ids}, which names only the demo
 * workspace, and its {@code reconcile-list-ids} names one of its two lists: reconcile must still walk acme, only
 * that list, with acme's token, and the demo workspace's whole workspace as before. Tasks appear without a webhook,
 * so only reconcile (or a resync) can bring them to the mirror. Own profile: its own scopes and team ids.
 */
@QuarkusTest
@TestProfile(WorkspaceReconcileScopesTest.AcmeScoped.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceReconcileScopesTest {
    static final String OTHER_LIST = "909900200";

    public static class AcmeScoped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.reconcile.team-ids", DemoWorkspace.TEAM_ID,
                    "sync.webhook-lifecycle.team-id", DemoWorkspace.TEAM_ID,
                    "sync.workspaces.acme.reconcile-list-ids", AcmeWorkspaceResource.LIST_ID);
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
    @Inject
    WatermarkStore watermarks;
    @Inject
    TaskResync resync;

    FakeClickUp clickUp;

    @Test
    @Order(1)
    void acmesListIdsNarrowAcmesWalkWhileTheDefaultWalksItsWholeWorkspace() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        acme.workspace().addList(OTHER_LIST, "90990010", "Acme Archive", DemoWorkspace.STATUSES);
        acme.workspace().createTask("86c0be001", AcmeWorkspaceResource.LIST_ID, "Inside acme's scope");
        acme.workspace().createTask("86c0be002", OTHER_LIST, "Outside acme's scope");
        clickUp.workspace().createTask("86c0be003", DemoWorkspace.LIST_ID, "Default, whole workspace");

        assertThat(reconciler.scopesOf(AcmeWorkspaceResource.TEAM_ID)).extracting(Scope::listIds)
                .containsOnly(List.of(AcmeWorkspaceResource.LIST_ID));
        assertThat(reconciler.scopesOf(DemoWorkspace.TEAM_ID)).extracting(Scope::listIds).containsOnly(List.of());

        ReconcileReport report = reconciler.run(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(report.complete()).as("stop: %s", report.stop()).isTrue();
        assertThat(mirror.find("86c0be001")).as("acme, inside its list scope").isPresent();
        assertThat(mirror.find("86c0be002")).as("acme, outside its list scope").isEmpty();
        assertThat(mirror.find("86c0be003")).as("default workspace, unaffected").isPresent();
        assertThat(acme.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/task")).as("walked at acme").isPositive();
        assertThat(clickUp.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/")).as("never with the default token").isZero();
        // Each workspace's watermark under its own team and scope: acme's names its list, the default's none.
        assertThat(watermarks.forTeam(AcmeWorkspaceResource.TEAM_ID)).extracting(Watermark::scopeKey)
                .contains("spaces=|lists=" + AcmeWorkspaceResource.LIST_ID + "|live")
                .doesNotContain("spaces=|lists=|live");
        assertThat(watermarks.forTeam(DemoWorkspace.TEAM_ID)).extracting(Watermark::scopeKey).contains("spaces=|lists=|live");
    }

    @Test
    @Order(2)
    void aBackfillOfAcmesTeamIsAcceptedThoughNotInTheTeamIdsAndAnUnknownTeamIsRefused() {
        Instant from = Instant.now().minus(Duration.ofDays(3));

        reconciler.backfill(AcmeWorkspaceResource.TEAM_ID, from);

        assertThat(watermarks.load(AcmeWorkspaceResource.TEAM_ID, "spaces=|lists=" + AcmeWorkspaceResource.LIST_ID + "|live"))
                .hasValueSatisfying(w -> assertThat(w.cursor().millis()).isLessThanOrEqualTo(from.toEpochMilli()));
        assertThat(watermarks.load(AcmeWorkspaceResource.TEAM_ID, "spaces=|lists=|live"))
                .as("no watermark for a scope acme does not walk").isEmpty();
        assertThatThrownBy(() -> reconciler.backfill("9000001", from))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9000001");
    }

    @Test
    @Order(3)
    void resyncOfAMirroredAcmeTaskGoesThroughAcmesToken() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        acme.workspace().updateTask("86c0be001", c -> c.name("Renamed at acme")); // no webhook sent
        int defaultAsked = clickUp.count("GET", "/task/86c0be001");

        TaskResync.Result result = resync.resync("86c0be001");

        assertThat(result.workspace()).isEqualTo("acme");
        assertThat(result.outcome()).isEqualTo(TaskResync.Outcome.APPLIED);
        assertThat(mirror.find("86c0be001")).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Renamed at acme"));
        assertThat(acme.count("GET", "/task/86c0be001")).isPositive();
        assertThat(clickUp.count("GET", "/task/86c0be001") - defaultAsked).as("never the default token").isZero();
    }

    @Test
    @Order(4)
    void resyncOfAnUnmirroredTaskUsesTheNamedWorkspaceOrElseTheDefault() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        acme.workspace().createTask("86c0be004", OTHER_LIST, "Named explicitly");
        clickUp.workspace().createTask("86c0be005", DemoWorkspace.LIST_ID, "Default as before");

        TaskResync.Result named = resync.resync("86c0be004", "acme");
        TaskResync.Result unnamed = resync.resync("86c0be005");

        assertThat(named.workspace()).isEqualTo("acme");
        assertThat(named.outcome()).isEqualTo(TaskResync.Outcome.APPLIED);
        assertThat(clickUp.count("GET", "/task/86c0be004")).isZero();
        assertThat(unnamed.workspace()).isEqualTo(Workspace.DEFAULT);
        assertThat(mirror.find("86c0be005")).isPresent();
        assertThat(acme.count("GET", "/task/86c0be005")).isZero();
    }

    @Test
    @Order(5)
    void resyncNamingAnUnknownWorkspaceOrAnotherWorkspaceThanTheTasksIsRefusedBeforeAnyCall() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        int acmeAsked = acme.requestCount();
        int defaultAsked = clickUp.requestCount();

        assertThatThrownBy(() -> resync.resync("86c0be001", "nosuch"))
                .isInstanceOf(UnknownWorkspace.class).hasMessageContaining("'nosuch'").hasMessageContaining("acme");
        assertThatThrownBy(() -> resync.resync("86c0be001", Workspace.DEFAULT))
                .isInstanceOf(UnknownWorkspace.class).hasMessageContaining("belongs to workspace 'acme'");

        assertThat(acme.requestCount()).isEqualTo(acmeAsked);
        assertThat(clickUp.requestCount()).isEqualTo(defaultAsked);
    }
}
