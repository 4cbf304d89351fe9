package dev.clickupsync.ingest;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.WebhookSigning;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.webhook.registry.RegistrySecrets;
import dev.clickupsync.webhook.registry.WebhookRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest with two workspaces (issue #17): the demo one ({@code default}, {@code clickup.webhook.secret}) and
 * "acme" ({@code sync.workspaces.acme.*}, its webhook id configured), through the real Lambda path with real
 * HMAC signatures. A delivery is accepted when some workspace's secret signed it, and, when it names acme's
 * webhook, only acme's secret counts; it is queued with the workspace that signed it. The same holds for the
 * webhook registry's webhooks and secrets (the ones the lifecycle created, recorded per workspace on dynalite):
 * a registry secret signs only for its own workspace. (Test-only secrets.)
 */
@QuarkusTest
@TestProfile(TwoWorkspacesIngestTest.TwoWorkspaces.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class TwoWorkspacesIngestTest {
    static final String ACME_WEBHOOK_ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String ACME_SECRET = "acme-test-webhook-secret";
    static final String ACME_LIST = "909900100";

    public static class TwoWorkspaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sync.workspaces.acme.team-id", "9099999",
                    "sync.workspaces.acme.webhook-secret", ACME_SECRET,
                    "sync.workspaces.acme.webhook-id", ACME_WEBHOOK_ID,
                    "clickup.webhook.filter.list-ids", DemoWorkspace.LIST_ID + "," + ACME_LIST);
        }
    }

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;
    @Inject
    WebhookRegistry registry;
    @Inject
    RegistrySecrets registrySecrets;

    @BeforeEach
    void emptyQueue() {
        sqs.purgeQueue(b -> b.queueUrl(config.queue().url()));
    }

    private static byte[] body(String webhookId, String listId) {
        return ("{\"event\":\"taskStatusUpdated\",\"task_id\":\"86c0bb001\",\"webhook_id\":\"" + webhookId
                + "\",\"history_items\":[{\"id\":\"" + System.nanoTime() + "\",\"type\":1,\"date\":\"1700000000000\","
                + "\"field\":\"status\",\"parent_id\":\"" + listId + "\",\"user\":{\"id\":183,\"username\":\"Ada Lovelace\"},"
                + "\"before\":null,\"after\":null}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Response post(byte[] body, String secret) {
        return given().contentType("application/json").header("X-Signature", WebhookSigning.sign(body, secret))
                .body(body).post("/webhooks/clickup");
    }

    private Message onlyMessage() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void acmesWebhookSignedWithAcmesSecretIsQueuedForAcme() {
        post(body(ACME_WEBHOOK_ID, ACME_LIST), ACME_SECRET).then().statusCode(200);

        assertThat(onlyMessage().messageAttributes().get("workspace").stringValue()).isEqualTo("acme");
    }

    @Test
    void acmesWebhookSignedWithTheDefaultSecretIsRefusedLikeAForgery() {
        long wrong = metrics.count("WebhookRejected", "Reason", "wrong_workspace_secret");

        Response response = post(body(ACME_WEBHOOK_ID, ACME_LIST), DemoWorkspace.WEBHOOK_SECRET);

        response.then().statusCode(401);
        assertThat(response.path("type").toString()).isEqualTo("urn:clickup-sync:problem:invalid-signature");
        assertThat(response.asString()).doesNotContain(ACME_SECRET, DemoWorkspace.WEBHOOK_SECRET, "acme");
        assertThat(metrics.count("WebhookRejected", "Reason", "wrong_workspace_secret") - wrong).isEqualTo(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).waitTimeSeconds(0)).messages()).isEmpty();
    }

    @Test
    void theDefaultWebhookSignedWithTheDefaultSecretIsQueuedForTheDefaultWorkspace() {
        post(body(DemoWorkspace.WEBHOOK_ID, DemoWorkspace.LIST_ID), DemoWorkspace.WEBHOOK_SECRET).then().statusCode(200);

        assertThat(onlyMessage().messageAttributes().get("workspace").stringValue()).isEqualTo("default");
    }

    @Test
    void aWebhookNoWorkspaceNamesIsQueuedForTheWorkspaceWhoseSecretSignedIt() {
        // e.g. acme's webhook re-created by hand before its new id is configured
        post(body("0f0f0f0f-1111-4222-8333-444455556666", ACME_LIST), ACME_SECRET).then().statusCode(200);

        assertThat(onlyMessage().messageAttributes().get("workspace").stringValue()).isEqualTo("acme");
    }

    @Test
    void aSignatureUnderNoWorkspacesSecretIsRefused() {
        long invalid = metrics.count("WebhookRejected", "Reason", "invalid_signature");

        post(body(ACME_WEBHOOK_ID, ACME_LIST), "not-any-workspaces-secret").then().statusCode(401);

        assertThat(metrics.count("WebhookRejected", "Reason", "invalid_signature") - invalid).isEqualTo(1);
    }

    @Test
    void aRegistrySecretOfAcmeDoesNotVerifyABodyNamingTheDefaultsRegistryWebhook() {
        String acmeHook = registered("acme", "9099999");
        String defaultHook = registered("default", DemoWorkspace.TEAM_ID);
        registrySecrets.invalidate();
        long wrong = metrics.count("WebhookRejected", "Reason", "wrong_workspace_secret");

        Response response = post(body(defaultHook, DemoWorkspace.LIST_ID), secretOf(acmeHook));

        response.then().statusCode(401);
        assertThat(response.asString()).doesNotContain(secretOf(acmeHook), secretOf(defaultHook));
        assertThat(metrics.count("WebhookRejected", "Reason", "wrong_workspace_secret") - wrong).isEqualTo(1);
        post(body(acmeHook, ACME_LIST), secretOf(defaultHook)).then().statusCode(401);
        // acme's configured secret does not sign for the default's registry webhook either
        post(body(defaultHook, DemoWorkspace.LIST_ID), ACME_SECRET).then().statusCode(401);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).waitTimeSeconds(0)).messages()).isEmpty();
    }

    @Test
    void aRegistryWebhookSignedWithItsOwnRegistrySecretIsQueuedForItsWorkspace() {
        String acmeHook = registered("acme", "9099999");
        registrySecrets.invalidate();

        post(body(acmeHook, ACME_LIST), secretOf(acmeHook)).then().statusCode(200);

        assertThat(onlyMessage().messageAttributes().get("workspace").stringValue()).isEqualTo("acme");
        String defaultHook = registered("default", DemoWorkspace.TEAM_ID);
        registrySecrets.invalidate();
        post(body(defaultHook, DemoWorkspace.LIST_ID), secretOf(defaultHook)).then().statusCode(200);
        assertThat(onlyMessage().messageAttributes().get("workspace").stringValue()).isEqualTo("default");
    }

    @Test
    void aWebhookRecordedAfterTheLastReadIsHeldToItsWorkspaceAtOnce() throws InterruptedException {
        registrySecrets.invalidate();
        post(body(ACME_WEBHOOK_ID, ACME_LIST), ACME_SECRET).then().statusCode(200); // reads the registry
        onlyMessage();
        // The lifecycle just created the default's new webhook; ingest's cached read does not know it yet.
        String defaultHook = registered("default", DemoWorkspace.TEAM_ID);
        Thread.sleep(1100); // past the shortest interval between two reads

        // An unknown webhook id reads the registry again before the body is held to a workspace.
        post(body(defaultHook, DemoWorkspace.LIST_ID), ACME_SECRET).then().statusCode(401);
    }

    /** A webhook of {@code workspace} in the registry, as its lifecycle records it; its secret is derived from its id. */
    private String registered(String workspace, String team) {
        String id = UUID.randomUUID().toString();
        registry.record(new WebhookRegistry.Observed(id, team, "https://hooks.two-workspaces.invalid/webhooks/clickup",
                secretOf(id), "active", 0, workspace), true, Duration.ofHours(1));
        return id;
    }

    private static String secretOf(String webhookId) {
        return "registry-secret-" + webhookId;
    }
}
