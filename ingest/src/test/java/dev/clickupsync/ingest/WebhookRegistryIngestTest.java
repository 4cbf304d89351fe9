package dev.clickupsync.ingest;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.WebhookSigning;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.webhook.registry.LifecycleReport;
import dev.clickupsync.webhook.registry.RegisteredWebhook;
import dev.clickupsync.webhook.registry.RegistrySecrets;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import dev.clickupsync.webhook.registry.WebhookRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest with the webhook registry: deliveries signed by a webhook the lifecycle (re-)created are
 * accepted through the real Lambda path, the old secret only during its grace period, and the
 * configured secrets keep working when the registry cannot be read. The lifecycle runs here only to
 * set the scene (on AWS it runs in the reconcile function); ingest itself never calls ClickUp.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class WebhookRegistryIngestTest {
    private static final Duration GRACE = Duration.ofSeconds(4);

    @Inject
    SqsClient sqs;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;
    @Inject
    WebhookRegistry registry;
    @Inject
    RegistrySecrets registrySecrets;
    @Inject
    ClickUpClient client;

    FakeClickUp clickUp;

    @BeforeEach
    @AfterEach
    void emptyQueue() {
        sqs.purgeQueue(b -> b.queueUrl(config.queue().url()));
        clickUp.faults().clear();
    }

    @Test
    void aRecreatedWebhooksNewSecretWorksAtOnceAndTheOldOneOnlyDuringTheGrace() throws Exception {
        String endpoint = "https://hooks.ingest-registry-test.invalid/" + UUID.randomUUID();
        WebhookLifecycle lifecycle = new WebhookLifecycle(client, registry, metrics,
                WebhookLifecycle.Settings.of(endpoint, DemoWorkspace.TEAM_ID).withSecretGrace(GRACE), Clock.systemUTC());
        String oldId = lifecycle.run().webhookId();
        WebhookDelivery signedWithOld = deliveryFor(oldId);

        // ClickUp suspends the webhook and refuses to re-activate it: the lifecycle re-creates it.
        clickUp.workspace().suspendWebhook(oldId);
        clickUp.faults().failNext(1, 400, "/webhook/" + oldId);
        LifecycleReport report = lifecycle.run();
        assertThat(report.action()).isEqualTo(LifecycleReport.Action.RECREATED);
        RegisteredWebhook retired = registry.get(oldId).orElseThrow();
        WebhookDelivery signedWithNew = deliveryFor(report.webhookId());
        assertThat(signedWithNew.signature()).isNotEqualTo(WebhookSigning.sign(signedWithNew.body(), DemoWorkspace.WEBHOOK_SECRET));
        // Ingest re-reads the registry on a miss at most once a second; let an earlier read age past that.
        Thread.sleep(1_100);
        int clickUpCalls = clickUp.requestCount();

        post(signedWithNew).then().statusCode(200);
        post(signedWithOld).then().statusCode(200); // a retry of a delivery signed before the re-creation
        postSignedWith(DemoWorkspace.WEBHOOK_SECRET).then().statusCode(200); // the demo webhook is undisturbed
        assertThat(Instant.now()).as("still inside the grace period (slow machine?)").isBefore(retired.validUntil());

        sleepUntil(retired.validUntil().plusMillis(100));
        assertProblem(post(signedWithOld), 401, "invalid-signature");
        post(signedWithNew).then().statusCode(200);
        postSignedWith(DemoWorkspace.WEBHOOK_SECRET).then().statusCode(200);
        postSignedWith("previous-test-webhook-secret").then().statusCode(200);
        assertThat(clickUp.requestCount()).as("ingest never calls ClickUp").isEqualTo(clickUpCalls);
    }

    @Test
    void theConfiguredSecretsKeepWorkingWhenTheRegistryCannotBeRead() {
        String table = config.tables().control();
        long unavailable = metrics.count("WebhookRegistryUnavailable");
        dynamo.deleteTable(b -> b.tableName(table));
        try {
            registrySecrets.invalidate(); // as if the cache had just expired
            postSignedWith(DemoWorkspace.WEBHOOK_SECRET).then().statusCode(200);
            postSignedWith("previous-test-webhook-secret").then().statusCode(200);
            assertProblem(postSignedWith("not-a-secret-of-ours"), 401, "invalid-signature");
            assertThat(metrics.count("WebhookRegistryUnavailable")).isGreaterThan(unavailable);
        } finally {
            new Provisioner(dynamo, sqs).ensureTable(table);
            registrySecrets.invalidate();
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Changes a demo task in the fake and returns the delivery ClickUp would send to {@code webhookId}. */
    private WebhookDelivery deliveryFor(String webhookId) {
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG,
                change -> change.name("registry test " + UUID.randomUUID()));
        return deliveries.stream().filter(d -> d.webhookId().equals(webhookId)).findFirst().orElseThrow();
    }

    private static Response post(WebhookDelivery delivery) {
        return given().contentType("application/json").header("X-Signature", delivery.signature())
                .body(delivery.body()).post("/webhooks/clickup");
    }

    private static Response postSignedWith(String secret) {
        byte[] body = ("{\"event\":\"taskCreated\",\"task_id\":\"86c0aa001\",\"webhook_id\":\"" + DemoWorkspace.WEBHOOK_ID
                + "\",\"history_items\":[{\"id\":\"" + System.nanoTime() + "\",\"type\":1,\"date\":\"1700000000000\","
                + "\"field\":\"status\",\"parent_id\":\"901200100\",\"user\":{\"id\":183,\"username\":\"Ada Lovelace\"},"
                + "\"before\":null,\"after\":null}]}").getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Signature", WebhookSigning.sign(body, secret))
                .body(body).post("/webhooks/clickup");
    }

    private static void assertProblem(Response response, int status, String slug) {
        response.then().statusCode(status);
        assertThat(response.path("type").toString()).isEqualTo("urn:clickup-sync:problem:" + slug);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
