package dev.clickupsync.webhook;

import dev.clickupsync.clickup.ClickUpApi;
import dev.clickupsync.clickup.ClickUpCalls;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.model.Webhook;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookRegistration;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.webhook.registry.LifecycleReport;
import dev.clickupsync.webhook.registry.LifecycleReport.Action;
import dev.clickupsync.webhook.registry.RegisteredWebhook;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import dev.clickupsync.webhook.registry.WebhookRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook lifecycle against the fake ClickUp over real HTTP, with the registry on dynalite.
 * Each test works on its own endpoint, so the fake's other webhooks (the demo one) are untouched.
 *
 * <p>One profile for all of them: the lifecycle bean switched on for {@link #ENDPOINT} (as the
 * reconcile function configures it on AWS), and a request budget (and fake ClickUp limit) wide
 * enough that these few calls never wait on it.
 */
@QuarkusTest
@TestProfile(WebhookLifecycleTest.LifecycleOn.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class WebhookLifecycleTest {
    static final String ENDPOINT = "https://hooks.lifecycle-test.invalid/webhooks/clickup";

    public static class LifecycleOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.webhook-lifecycle.enabled", "true",
                    "sync.webhook-lifecycle.endpoint", ENDPOINT,
                    "clickup.rate-limit.limit", "6000");
        }
    }

    @Inject
    WebhookLifecycle configured;
    @Inject
    ClickUpClient client;
    @Inject
    WebhookRegistry registry;
    @Inject
    Metrics metrics;
    @Inject
    dev.clickupsync.reconcile.Reconciler reconciler;
    @Inject
    dev.clickupsync.reconcile.GapRewinds gaps;
    @Inject
    dev.clickupsync.mirror.MirrorStore mirror;
    @Inject
    @RestClient
    ClickUpApi api;
    @Inject
    ClickUpCalls calls;
    @Inject
    ClickUpConfig clickUpConfig;
    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;
    @Inject
    dev.clickupsync.infra.SyncConfig sync;

    FakeClickUp clickUp;

    @BeforeEach
    void widenTheFakesLimit() {
        // Matches clickup.rate-limit.limit above: ClickUp's X-RateLimit-* headers correct the budget.
        clickUp.setRateLimit(6000, Duration.ofMinutes(1));
    }

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    @Test
    void theConfiguredBeanCreatesTheMissingWebhookAndRegistersItsSecret() {
        long created = metrics.count("WebhookCreated");
        Instant before = Instant.now();

        LifecycleReport report = configured.run();

        assertThat(report.action()).isEqualTo(Action.CREATED);
        WebhookRegistration inClickUp = only(ENDPOINT);
        assertThat(report.webhookId()).isEqualTo(inClickUp.id());
        assertThat(inClickUp.events()).containsExactly("*");
        RegisteredWebhook stored = registry.get(inClickUp.id()).orElseThrow();
        assertThat(stored.secret()).isEqualTo(inClickUp.secret());
        assertThat(stored.endpoint()).isEqualTo(ENDPOINT);
        assertThat(stored.teamId()).as("found through GET /team").isEqualTo(DemoWorkspace.TEAM_ID);
        assertThat(stored.status()).isEqualTo("active");
        assertThat(stored.lastHealthyAt()).isBetween(before.truncatedTo(ChronoUnit.MILLIS), Instant.now());
        assertThat(stored.toString()).doesNotContain(inClickUp.secret());
        assertThat(metrics.count("WebhookCreated")).isEqualTo(created + 1);
        assertThat(report.reconcileFrom()).as("nothing known: look back the default 24 h")
                .hasValueSatisfying(from -> assertThat(from).isBetween(before.minus(Duration.ofHours(24)),
                        Instant.now().minus(Duration.ofHours(24))));

        int posts = clickUp.count("POST", "/webhook");
        LifecycleReport again = configured.run();
        assertThat(again.action()).isEqualTo(Action.NONE);
        assertThat(again.webhookId()).isEqualTo(inClickUp.id());
        assertThat(again.gap()).isFalse();
        assertThat(clickUp.count("POST", "/webhook")).as("a healthy webhook is only checked").isEqualTo(posts);
    }

    @Test
    void alreadyExistsIsNotAnErrorTheWebhookIsAdopted() {
        String endpoint = endpoint();
        // Another run creates the webhook between our listing and our create: ClickUp answers 400 OAUTH_171.
        ClickUpClient racing = new ClickUpClient(api, calls, clickUpConfig) {
            @Override
            public Webhook.Created createWebhook(String teamId, Webhook.Request request) {
                clickUp.workspace().registerWebhook(request.endpoint(), request.events());
                return super.createWebhook(teamId, request);
            }
        };
        long adopted = metrics.count("WebhookAdopted");

        LifecycleReport report = new WebhookLifecycle(racing, registry, metrics, settings(endpoint), Clock.systemUTC()).run();

        assertThat(report.action()).isEqualTo(Action.ADOPTED);
        assertThat(clickUp.count("POST", "/team/" + DemoWorkspace.TEAM_ID + "/webhook")).isPositive();
        WebhookRegistration inClickUp = only(endpoint);
        assertThat(report.webhookId()).isEqualTo(inClickUp.id());
        assertThat(registry.get(inClickUp.id()).orElseThrow().secret()).isEqualTo(inClickUp.secret());
        assertThat(metrics.count("WebhookAdopted")).isEqualTo(adopted + 1);
        assertThat(metrics.count("WebhookLifecycleFailed", "Reason", "clickup_validation", "Workspace", "default")).isZero();
    }

    @Test
    void aFailingWebhookIsCountedAndTheGapReported() {
        String endpoint = endpoint();
        WebhookLifecycle lifecycle = lifecycle(endpoint);
        String id = lifecycle.run().webhookId();
        Instant lastHealthy = registry.get(id).orElseThrow().lastHealthyAt();
        clickUp.workspace().failWebhook(id, 7);
        long failing = metrics.count("WebhookFailing");

        LifecycleReport report = lifecycle.run();

        assertThat(report.action()).isEqualTo(Action.NONE);
        assertThat(report.health()).isEqualTo("failing");
        assertThat(report.failCount()).isEqualTo(7);
        assertThat(report.reconcileFrom()).contains(lastHealthy);
        assertThat(metrics.count("WebhookFailing")).isEqualTo(failing + 1);
        RegisteredWebhook stored = registry.get(id).orElseThrow();
        assertThat(stored.status()).isEqualTo("failing");
        assertThat(stored.failCount()).isEqualTo(7);
        assertThat(stored.lastHealthyAt()).as("failing is not healthy").isEqualTo(lastHealthy);
        assertThat(clickUp.count("PUT", "/webhook/" + id)).as("failing still delivers: left alone").isZero();
    }

    @Test
    void aSuspendedWebhookIsReactivatedAndTheGapSinceItWasLastHealthyReported() {
        String endpoint = endpoint();
        WebhookLifecycle lifecycle = lifecycle(endpoint);
        String id = lifecycle.run().webhookId();
        Instant lastHealthy = registry.get(id).orElseThrow().lastHealthyAt();
        String secret = clickUp.workspace().webhook(id).orElseThrow().secret();
        clickUp.workspace().suspendWebhook(id);
        long suspended = metrics.count("WebhookSuspended");
        long reactivated = metrics.count("WebhookReactivated");

        LifecycleReport report = lifecycle.run();

        assertThat(report.action()).isEqualTo(Action.REACTIVATED);
        assertThat(report.health()).isEqualTo("suspended");
        assertThat(report.webhookId()).as("same webhook").isEqualTo(id);
        assertThat(report.reconcileFrom()).as("reconcile from when it was last healthy").contains(lastHealthy);
        assertThat(clickUp.count("PUT", "/webhook/" + id)).isEqualTo(1);
        WebhookRegistration inClickUp = clickUp.workspace().webhook(id).orElseThrow();
        assertThat(inClickUp.status()).isEqualTo(WebhookRegistration.ACTIVE);
        assertThat(inClickUp.secret()).isEqualTo(secret);
        RegisteredWebhook stored = registry.get(id).orElseThrow();
        assertThat(stored.status()).isEqualTo("active");
        assertThat(stored.secret()).isEqualTo(secret);
        assertThat(stored.lastHealthyAt()).isAfter(lastHealthy);
        assertThat(stored.lastReactivatedAt()).as("for GET /admin/status").isAfter(lastHealthy);
        assertThat(metrics.count("WebhookSuspended")).isEqualTo(suspended + 1);
        assertThat(metrics.count("WebhookReactivated")).isEqualTo(reactivated + 1);

        assertThat(lifecycle.run().gap()).as("healthy again: no further gap").isFalse();
    }

    @Test
    void whenReactivationFailsTheWebhookIsRecreatedAndTheOldSecretKeptForTheGrace() {
        String endpoint = endpoint();
        Duration grace = Duration.ofHours(2);
        WebhookLifecycle lifecycle = new WebhookLifecycle(client, registry, metrics,
                settings(endpoint).withSecretGrace(grace), Clock.systemUTC());
        String oldId = lifecycle.run().webhookId();
        Instant lastHealthy = registry.get(oldId).orElseThrow().lastHealthyAt();
        String oldSecret = clickUp.workspace().webhook(oldId).orElseThrow().secret();
        clickUp.workspace().suspendWebhook(oldId);
        clickUp.faults().failNext(1, 400, "/webhook/" + oldId);
        long recreated = metrics.count("WebhookRecreated");
        Instant before = Instant.now();

        LifecycleReport report = lifecycle.run();

        assertThat(report.action()).isEqualTo(Action.RECREATED);
        assertThat(report.reconcileFrom()).contains(lastHealthy);
        assertThat(clickUp.workspace().webhook(oldId)).as("the old webhook is deleted").isEmpty();
        WebhookRegistration fresh = only(endpoint);
        assertThat(report.webhookId()).isEqualTo(fresh.id()).isNotEqualTo(oldId);
        assertThat(fresh.secret()).isNotEqualTo(oldSecret);

        RegisteredWebhook stored = registry.get(fresh.id()).orElseThrow();
        assertThat(stored.secret()).isEqualTo(fresh.secret());
        assertThat(stored.status()).isEqualTo("active");
        RegisteredWebhook retired = registry.get(oldId).orElseThrow();
        assertThat(retired.retired()).isTrue();
        assertThat(retired.validUntil()).isBetween(before.plus(grace).truncatedTo(ChronoUnit.MILLIS), Instant.now().plus(grace));
        assertThat(registry.secretGrants(Duration.ofSeconds(1))).extracting(WebhookRegistry.SecretGrant::secret)
                .as("ingest accepts both during the grace period").contains(oldSecret, fresh.secret());
        assertThat(metrics.count("WebhookRecreated")).isEqualTo(recreated + 1);
    }

    @Test
    void aWebhookDeletedInClickUpIsCreatedAgainAndTheOldRecordRetired() {
        String endpoint = endpoint();
        WebhookLifecycle lifecycle = lifecycle(endpoint);
        String oldId = lifecycle.run().webhookId();
        Instant lastHealthy = registry.get(oldId).orElseThrow().lastHealthyAt();
        clickUp.workspace().deleteWebhook(oldId);

        LifecycleReport report = lifecycle.run();

        assertThat(report.action()).isEqualTo(Action.CREATED);
        assertThat(report.webhookId()).isNotEqualTo(oldId);
        assertThat(report.reconcileFrom()).contains(lastHealthy);
        assertThat(registry.get(oldId).orElseThrow().retired()).isTrue();
        assertThat(registry.forEndpoint(endpoint).stream().filter(w -> !w.retired()).map(RegisteredWebhook::webhookId))
                .containsExactly(report.webhookId());
    }

    @Test
    void anExplicitEventListIsKeptInStep() {
        String endpoint = endpoint();
        WebhookRegistration existing = clickUp.workspace().registerWebhook(endpoint, List.of("taskCreated"));

        LifecycleReport report = new WebhookLifecycle(client, registry, metrics,
                settings(endpoint).withEvents(List.of("taskCreated", "taskUpdated")), Clock.systemUTC()).run();

        assertThat(report.webhookId()).isEqualTo(existing.id());
        assertThat(report.action()).as("unknown to the registry: adopted (and updated)").isEqualTo(Action.ADOPTED);
        assertThat(clickUp.workspace().webhook(existing.id()).orElseThrow().events())
                .containsExactlyInAnyOrder("taskCreated", "taskUpdated");
    }

    @Test
    void clickUpDownIsAFailedRunNotAnException() {
        String endpoint = endpoint();
        clickUp.faults().failNext(10, 503, "/team/" + DemoWorkspace.TEAM_ID + "/webhook");
        long failed = metrics.count("WebhookLifecycleFailed", "Reason", "clickup_server_error", "Workspace", "default");

        LifecycleReport report = lifecycle(endpoint).run();

        assertThat(report.action()).isEqualTo(Action.FAILED);
        assertThat(report.failure()).isEqualTo("clickup_server_error");
        assertThat(report.gap()).isFalse();
        assertThat(metrics.count("WebhookLifecycleFailed", "Reason", "clickup_server_error", "Workspace", "default")).isEqualTo(failed + 1);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static String endpoint() {
        return "https://hooks.lifecycle-test.invalid/" + UUID.randomUUID() + "/webhooks/clickup";
    }

    private static WebhookLifecycle.Settings settings(String endpoint) {
        return WebhookLifecycle.Settings.of(endpoint, DemoWorkspace.TEAM_ID);
    }

    @Test
    void aSuspendedWebhookIsReactivatedAndTheMissedWindowReconciled() {
        String endpoint = endpoint();
        ScheduledReconcile scheduled = new ScheduledReconcile(reconciler, lifecycle(endpoint), client, gaps);
        scheduled.run(Instant.now().plusSeconds(60));
        String webhookId = only(endpoint).id();
        String taskId = "gap-" + System.nanoTime();
        clickUp.workspace().createTask(taskId, DemoWorkspace.LIST_ID, "Made while nobody listened");
        clickUp.workspace().suspendWebhook(webhookId);
        clickUp.workspace().updateTask(taskId, c -> c.status("review").name("Changed while suspended"));

        scheduled.run(Instant.now().plusSeconds(60));

        assertThat(only(endpoint).status()).isEqualTo(WebhookRegistration.ACTIVE);
        assertThat(mirror.find(taskId)).get().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Changed while suspended");
            assertThat(t.status()).isEqualTo("review");
        });
    }

    /**
     * The lifecycle heals the webhook and records it healthy in the run that finds the gap, so a rewind that
     * fails in that run (here the default workspace's {@code GET /team}, as {@code team-ids} is unset) must be
     * kept: it is counted and stored, the walk goes on, and the next run rewinds from the gap's start.
     */
    @Test
    void aGapRewindThatFailsIsCountedKeptAndDoneByTheNextRun() {
        String endpoint = endpoint();
        ScheduledReconcile scheduled = new ScheduledReconcile(reconciler, lifecycle(endpoint), client, gaps);
        scheduled.run(Instant.now().plusSeconds(60));
        String webhookId = only(endpoint).id();
        Instant lastHealthy = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        new WebhookRegistry(dynamo, sync.tables().control(), Clock.fixed(lastHealthy, java.time.ZoneOffset.UTC)).record(
                new WebhookRegistry.Observed(webhookId, DemoWorkspace.TEAM_ID, endpoint, null, "active", 0, "default"),
                true, Duration.ofHours(24));
        clickUp.workspace().suspendWebhook(webhookId);
        long errors = metrics.count("ReconcileError", "Reason", "clickup_server_error");
        // Every attempt of one call (the rewind's GET /team) answers 500; the walk's own GET /team then succeeds.
        clickUp.faults().failNext(1 + clickUpConfig.retry().maxRetries(), 500, "^/api/v2/team$|^/team$");

        scheduled.run(Instant.now().plusSeconds(60));

        assertThat(metrics.count("ReconcileError", "Reason", "clickup_server_error")).isEqualTo(errors + 1);
        assertThat(only(endpoint).status()).as("healed in the same run: nothing else remembers the gap")
                .isEqualTo(WebhookRegistration.ACTIVE);
        assertThat(gaps.pending()).filteredOn(g -> g.workspace().equals("default")).singleElement()
                .satisfies(g -> assertThat(g.from()).isEqualTo(lastHealthy));
        clickUp.resetJournal();

        scheduled.run(Instant.now().plusSeconds(60));

        java.util.OptionalLong walkedFrom = clickUp.requests().stream()
                .filter(r -> r.path().endsWith("/team/" + DemoWorkspace.TEAM_ID + "/task"))
                .map(r -> r.queryParam("date_updated_gt")).filter(v -> v != null).mapToLong(Long::parseLong).min();
        assertThat(walkedFrom).isPresent();
        assertThat(walkedFrom.getAsLong()).as("the team walked again from the gap's start")
                .isLessThanOrEqualTo(lastHealthy.toEpochMilli());
        assertThat(gaps.pending()).noneMatch(g -> g.workspace().equals("default"));
        assertThat(metrics.count("ReconcileError", "Reason", "clickup_server_error")).isEqualTo(errors + 1);
    }

    private WebhookLifecycle lifecycle(String endpoint) {
        return new WebhookLifecycle(client, registry, metrics, settings(endpoint), Clock.systemUTC());
    }

    private WebhookRegistration only(String endpoint) {
        List<WebhookRegistration> matching = clickUp.workspace().webhookRegistrations().stream()
                .filter(w -> endpoint.equals(w.endpoint())).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
