package dev.clickupsync.workspace;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.testkit.clickup.ClickUpErrors;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.clickup.WebhookRegistration;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.webhook.registry.LifecycleReport;
import dev.clickupsync.webhook.registry.LifecycleReport.Action;
import dev.clickupsync.webhook.registry.RegisteredWebhook;
import dev.clickupsync.webhook.registry.WebhookLifecycles;
import dev.clickupsync.webhook.registry.WebhookRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook lifecycle of two workspaces (issue #17): the demo one ({@code default}) and acme, each on a
 * fake ClickUp of its own over real HTTP that answers only its own token (so a call acme's fake served was
 * made with acme's token), the registry on dynalite. Both webhooks go to the same endpoint. Own profile: the
 * lifecycle on, both teams reconciled, a budget wide enough that these calls never wait. The tests build on
 * each other's webhooks, hence the order; the revoked token is last (it may open acme's breaker).
 */
@QuarkusTest
@TestProfile(TwoWorkspacesWebhookLifecycleTest.BothLifecycles.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoWorkspacesWebhookLifecycleTest {
    static final String ENDPOINT = "https://hooks.two-workspaces.invalid/webhooks/clickup";

    public static class BothLifecycles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.webhook-lifecycle.enabled", "true",
                    "sync.webhook-lifecycle.endpoint", ENDPOINT,
                    "sync.webhook-lifecycle.team-id", DemoWorkspace.TEAM_ID,
                    "sync.reconcile.team-ids", DemoWorkspace.TEAM_ID + "," + AcmeWorkspaceResource.TEAM_ID,
                    "clickup.rate-limit.limit", "6000");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AcmeWorkspaceResource.class));
        }
    }

    @Inject
    WebhookLifecycles lifecycles;
    @Inject
    WebhookRegistry registry;
    @Inject
    ScheduledReconcile scheduled;
    @Inject
    Metrics metrics;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;

    FakeClickUp clickUp;
    /** Acme's fake, set before each test (the stack resource first fills every FakeClickUp field with the default one). */
    private FakeClickUp acme;

    @BeforeEach
    void widenTheFakesLimits() {
        acme = AcmeWorkspaceResource.clickUp();
        clickUp.setRateLimit(6000, Duration.ofMinutes(1));
        acme.setRateLimit(6000, Duration.ofMinutes(1));
    }

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
        acme.faults().clear();
    }

    @Test
    @Order(1)
    void eachWorkspaceGetsItsOwnWebhookCreatedThroughItsOwnToken() {
        int defaultAskedAboutAcme = clickUp.count(null, "/team/" + AcmeWorkspaceResource.TEAM_ID + "/");

        Map<String, LifecycleReport> reports = byWorkspace(lifecycles.run());

        assertThat(reports.get("default").action()).isEqualTo(Action.CREATED);
        assertThat(reports.get("acme").action()).isEqualTo(Action.CREATED);
        WebhookRegistration defaults = ours(clickUp);
        WebhookRegistration acmes = ours(acme);
        assertThat(acme.count("POST", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/webhook"))
                .as("created at acme's ClickUp, which answers acme's token only").isEqualTo(1);
        assertThat(clickUp.count(null, "/team/" + AcmeWorkspaceResource.TEAM_ID + "/") - defaultAskedAboutAcme)
                .as("the default token is never used for acme's team").isZero();
        assertThat(reports.get("acme").webhookId()).isEqualTo(acmes.id());

        RegisteredWebhook acmeRecord = registry.get(acmes.id()).orElseThrow();
        assertThat(acmeRecord.workspace()).isEqualTo("acme");
        assertThat(acmeRecord.teamId()).isEqualTo(AcmeWorkspaceResource.TEAM_ID);
        assertThat(acmeRecord.secret()).as("the secret ClickUp returned, stored for acme").isEqualTo(acmes.secret());
        RegisteredWebhook defaultRecord = registry.get(defaults.id()).orElseThrow();
        assertThat(defaultRecord.workspace()).isEqualTo("default");
        assertThat(defaultRecord.teamId()).isEqualTo(DemoWorkspace.TEAM_ID);

        Map<String, LifecycleReport> again = byWorkspace(lifecycles.run());

        assertThat(again.get("default").action()).isEqualTo(Action.NONE);
        assertThat(again.get("acme").action()).isEqualTo(Action.NONE);
        assertThat(registry.get(defaults.id()).orElseThrow().retired())
                .as("acme's lifecycle never retires the default's webhook to the same endpoint").isFalse();
        assertThat(registry.get(acmes.id()).orElseThrow().retired()).isFalse();
    }

    @Test
    @Order(2)
    void acmesSuspendedWebhookIsReactivatedThroughAcmesTokenWhileTheDefaultsIsUntouched() {
        lifecycles.run();
        WebhookRegistration acmes = ours(acme);
        WebhookRegistration defaults = ours(clickUp);
        long defaultVersion = registry.get(defaults.id()).orElseThrow().version();
        acme.workspace().suspendWebhook(acmes.id());
        int defaultPuts = clickUp.count("PUT", "/webhook/");

        Map<String, LifecycleReport> reports = byWorkspace(lifecycles.run());

        assertThat(reports.get("acme").action()).isEqualTo(Action.REACTIVATED);
        assertThat(reports.get("acme").gap()).isTrue();
        assertThat(acme.count("PUT", "/webhook/" + acmes.id())).isEqualTo(1);
        assertThat(ours(acme).status()).isEqualTo(WebhookRegistration.ACTIVE);
        assertThat(registry.get(acmes.id()).orElseThrow().lastReactivatedAt()).isNotNull();
        assertThat(reports.get("default").action()).isEqualTo(Action.NONE);
        assertThat(reports.get("default").gap()).isFalse();
        assertThat(clickUp.count("PUT", "/webhook/") - defaultPuts).as("the default's webhook is left alone").isZero();
        assertThat(registry.get(defaults.id()).orElseThrow().lastReactivatedAt()).isNull();
        assertThat(registry.get(defaults.id()).orElseThrow().version()).as("one healthy check, nothing else")
                .isEqualTo(defaultVersion + 1);
    }

    @Test
    @Order(3)
    void aGapInAcmesWebhookRewindsOnlyAcmesTeam() {
        // A task in each workspace, so both watermarks stand at about now after two settled runs.
        acme.workspace().createTask("86c0be001", AcmeWorkspaceResource.LIST_ID, "Acme task before the gap");
        clickUp.workspace().createTask("86c0be002", DemoWorkspace.LIST_ID, "Default task before the gap");
        scheduled.run(Instant.now().plusSeconds(60));
        clickUp.resetJournal();
        scheduled.run(Instant.now().plusSeconds(60));
        OptionalLong defaultBefore = walkedFrom(clickUp, DemoWorkspace.TEAM_ID);
        // Acme's webhook was last seen healthy three days ago, and is suspended now.
        Instant lastHealthy = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        WebhookRegistration acmes = ours(acme);
        new WebhookRegistry(dynamo, sync.tables().control(), Clock.fixed(lastHealthy, ZoneOffset.UTC)).record(
                new WebhookRegistry.Observed(acmes.id(), AcmeWorkspaceResource.TEAM_ID, ENDPOINT, null, "active", 0, "acme"),
                true, Duration.ofHours(24));
        acme.workspace().suspendWebhook(acmes.id());
        clickUp.resetJournal();
        acme.resetJournal();

        scheduled.run(Instant.now().plusSeconds(60));

        assertThat(ours(acme).status()).isEqualTo(WebhookRegistration.ACTIVE);
        OptionalLong acmeFrom = walkedFrom(acme, AcmeWorkspaceResource.TEAM_ID);
        assertThat(acmeFrom).isPresent();
        assertThat(acmeFrom.getAsLong()).as("acme's team walked again from its gap")
                .isLessThanOrEqualTo(lastHealthy.toEpochMilli());
        assertThat(defaultBefore).isPresent();
        assertThat(walkedFrom(clickUp, DemoWorkspace.TEAM_ID)).as("the default's team is not rewound for acme's gap")
                .isEqualTo(defaultBefore);
    }

    @Test
    @Order(4)
    void acmesRevokedTokenStopsOnlyAcmesLifecycleAndIsCountedByReason() {
        lifecycles.run();
        long acmeRejected = metrics.count("WebhookLifecycleFailed", "Reason", "clickup_authentication", "Workspace", "acme");
        long defaultRejected = metrics.count("WebhookLifecycleFailed", "Reason", "clickup_authentication", "Workspace", "default");
        acme.faults().failNext(5, 401, "/team/" + AcmeWorkspaceResource.TEAM_ID + "/webhook", ClickUpErrors.tokenInvalid());

        Map<String, LifecycleReport> reports = byWorkspace(lifecycles.run());

        assertThat(reports.get("acme").action()).isEqualTo(Action.FAILED);
        assertThat(reports.get("acme").failure()).isEqualTo("clickup_authentication").doesNotContain(AcmeWorkspaceResource.TOKEN);
        assertThat(reports.get("acme").gap()).as("a failed run knows nothing of a gap").isFalse();
        assertThat(reports.get("default").action()).as("the default workspace's lifecycle runs on").isEqualTo(Action.NONE);
        assertThat(metrics.count("WebhookLifecycleFailed", "Reason", "clickup_authentication", "Workspace", "acme"))
                .isEqualTo(acmeRejected + 1);
        assertThat(metrics.count("WebhookLifecycleFailed", "Reason", "clickup_authentication", "Workspace", "default"))
                .isEqualTo(defaultRejected);
        assertThat(registry.get(ours(acme).id()).orElseThrow().retired()).as("nothing changed at acme").isFalse();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static Map<String, LifecycleReport> byWorkspace(List<WebhookLifecycles.Ran> ran) {
        assertThat(ran).extracting(WebhookLifecycles.Ran::workspace).containsExactly("default", "acme");
        return Map.of(ran.get(0).workspace(), ran.get(0).report(), ran.get(1).workspace(), ran.get(1).report());
    }

    private static WebhookRegistration ours(FakeClickUp fake) {
        List<WebhookRegistration> matching = fake.workspace().webhookRegistrations().stream()
                .filter(w -> ENDPOINT.equals(w.endpoint())).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** The earliest {@code date_updated_gt} the task walk of {@code team} asked since the journal was reset. */
    private static OptionalLong walkedFrom(FakeClickUp fake, String team) {
        return fake.requests().stream().filter(r -> r.path().endsWith("/team/" + team + "/task"))
                .map(r -> r.queryParam("date_updated_gt")).filter(v -> v != null).mapToLong(Long::parseLong).min();
    }
}
