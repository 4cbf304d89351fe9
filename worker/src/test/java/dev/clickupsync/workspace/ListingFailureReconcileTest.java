package dev.clickupsync.workspace;

import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code sync.reconcile.team-ids} unset, the default workspace's teams come from its token's
 * {@code GET /team}. When that call fails, the run cannot know the default's teams and is reported
 * incomplete ({@code ReconcileError}), but a further workspace, whose team and token are configured, is
 * walked all the same: one token's failure stops no other workspace. Own profile: no team ids.
 */
@QuarkusTest
@TestProfile(ListingFailureReconcileTest.NoTeamIds.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ListingFailureReconcileTest {

    public static class NoTeamIds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickup.rate-limit.limit", "6000");
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
    Metrics metrics;
    @Inject
    ClickUpConfig clickUpConfig;

    FakeClickUp clickUp;

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    @Test
    void aFailingGetTeamOfTheDefaultTokenLeavesAFurtherWorkspaceWalked() {
        clickUp.setRateLimit(6000, Duration.ofMinutes(1));
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        acme.setRateLimit(6000, Duration.ofMinutes(1));
        acme.workspace().createTask("86c0bb901", AcmeWorkspaceResource.LIST_ID, "Walked despite the default's failure");
        long errors = metrics.count("ReconcileError", "Reason", "clickup_server_error");
        int acmeWalks = acme.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/task");
        clickUp.faults().failNext(1 + clickUpConfig.retry().maxRetries(), 500, "^/api/v2/team$|^/team$");

        ReconcileReport report = reconciler.run(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(report.complete()).as("the default's teams are unknown this run").isFalse();
        assertThat(report.stop()).isEqualTo("error");
        assertThat(metrics.count("ReconcileError", "Reason", "clickup_server_error")).isEqualTo(errors + 1);
        assertThat(acme.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/task")).as("acme walked")
                .isGreaterThan(acmeWalks);
        assertThat(mirror.find("86c0bb901")).isPresent();
    }
}
