package dev.clickupsync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.WebhookSigning;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every ingest outcome, through the real Lambda path: RestAssured requests become API Gateway v2
 * events on Quarkus's mock event server, the function answers, and ElasticMQ (through the real
 * SQS client) shows what was queued.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class WebhookIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = DemoWorkspace.WEBHOOK_SECRET;

    @Inject
    SqsClient sqs;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;

    EmbeddedAws aws;

    @BeforeEach
    void emptyQueue() {
        sqs.purgeQueue(b -> b.queueUrl(config.queue().url()));
    }

    @Test
    void queuesTheSampleApiGatewayEventByteForByte() throws Exception {
        JsonNode event = JSON.readTree(Files.readString(Path.of("../events/webhook-task-status-updated.apigw-v2.json")));
        String body = event.get("body").asText();

        Response response = invokeRaw(event);

        assertThat(response.path("statusCode").toString()).isEqualTo("200");
        Message message = onlyMessage();
        assertThat(message.body()).isEqualTo(body);
        Map<String, MessageAttributeValue> attrs = message.messageAttributes();
        assertThat(attrs.get("event").stringValue()).isEqualTo("taskStatusUpdated");
        assertThat(attrs.get("webhook_id").stringValue()).isEqualTo(DemoWorkspace.WEBHOOK_ID);
        assertThat(attrs.get("entity_type").stringValue()).isEqualTo("task");
        assertThat(attrs.get("entity_id").stringValue()).isEqualTo("86c0aa001");
        assertThat(attrs.get("body_sha256").stringValue()).isEqualTo(sha256(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(Instant.parse(attrs.get("received_at").stringValue())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void keepsExactBytesOfUnusualButValidJson() throws Exception {
        // Whitespace, escapes and non-ASCII text that any re-serialisation would change.
        byte[] body = ("{ \"event\" : \"taskCreated\",\n\t\"task_id\":\"86c0aa001\", \"webhook_id\":\"" + DemoWorkspace.WEBHOOK_ID
                + "\", \"history_items\":[{\"id\":\"1\",\"date\":\"1700000000000\",\"field\":\"task_creation\","
                + "\"parent_id\":\"901200100\",\"user\":{\"id\":183,\"username\":\"Zoë \\u00e9 ☃ 𝄞\"},\"after\":1.50}] }")
                .getBytes(StandardCharsets.UTF_8);

        Response response = invokeRaw(apiGatewayEvent(body, WebhookSigning.sign(body, SECRET), "application/json; charset=utf-8"));

        assertThat(response.path("statusCode").toString()).isEqualTo("200");
        Message message = onlyMessage();
        byte[] queued = message.messageAttributes().containsKey("body_encoding")
                ? Base64.getDecoder().decode(message.body())
                : message.body().getBytes(StandardCharsets.UTF_8);
        assertThat(queued).isEqualTo(body);
    }

    @Test
    void acceptsUpperCaseHexSignature() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        post(body, WebhookSigning.sign(body, SECRET).toUpperCase(), "application/json").then().statusCode(200);
        onlyMessage();
    }

    @Test
    void acceptsPreviousSecretDuringRotation() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        post(body, WebhookSigning.sign(body, "previous-test-webhook-secret"), "application/json").then().statusCode(200);
        onlyMessage();
    }

    @Test
    void rejectsTamperedBodyWith401() {
        byte[] signed = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        byte[] tampered = payload("taskDeleted").getBytes(StandardCharsets.UTF_8);
        Response response = post(tampered, WebhookSigning.sign(signed, SECRET), "application/json");
        assertProblem(response, 401, "invalid-signature");
        assertQueueEmpty();
    }

    @Test
    void rejectsSignatureUnderAnotherSecretWith401() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, "not-the-secret"), "application/json"), 401, "invalid-signature");
        assertQueueEmpty();
    }

    @Test
    void rejectsMissingSignatureWith401() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, null, "application/json"), 401, "missing-signature");
        assertQueueEmpty();
    }

    @Test
    void rejectsNonHexSignatureWith401() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, "zz".repeat(32), "application/json"), 401, "invalid-signature");
    }

    @Test
    void rejectsMalformedJsonWith400() {
        byte[] body = "{\"event\":\"taskCreated\",".getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, SECRET), "application/json"), 400, "malformed-json");
        assertQueueEmpty();
    }

    @Test
    void rejectsTrailingGarbageWith400() {
        byte[] body = (payload("taskCreated") + " {}").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, SECRET), "application/json"), 400, "malformed-json");
    }

    @Test
    void rejectsDuplicateKeysWith400() {
        byte[] body = ("{\"event\":\"taskCreated\",\"event\":\"taskDeleted\",\"webhook_id\":\"w\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, SECRET), "application/json"), 400, "malformed-json");
    }

    @Test
    void rejectsSchemaViolationWith400() {
        // A history item without the required user, and no webhook_id.
        byte[] body = ("{\"event\":\"taskCreated\",\"task_id\":\"1\",\"history_items\":[{\"id\":\"1\",\"date\":\"1\",\"field\":\"x\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Response response = post(body, WebhookSigning.sign(body, SECRET), "application/json");
        assertProblem(response, 400, "schema-violation");
        assertThat(response.path("detail").toString()).contains("webhook_id").contains("user");
        assertQueueEmpty();
    }

    @Test
    void rejectsJsonArrayWith400() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, SECRET), "application/json"), 400, "schema-violation");
    }

    @Test
    void rejectsOversizedBodyWith413() {
        String padding = "x".repeat(262_144);
        byte[] body = payload("taskCreated").replace("\"history_items\"", "\"pad\":\"" + padding + "\",\"history_items\"")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, SECRET), "application/json"), 413, "body-too-large");
        assertQueueEmpty();
    }

    @Test
    void rejectsNonJsonContentTypeWith415() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        assertProblem(post(body, WebhookSigning.sign(body, SECRET), "text/plain"), 415, "unsupported-media-type");
        assertQueueEmpty();
    }

    @Test
    void acknowledgesUnknownEventWithoutQueueingAndCountsIt() {
        long before = metrics.count("WebhookIgnored", "Reason", "unknown_event");
        byte[] body = payload("taskTeleported").getBytes(StandardCharsets.UTF_8);
        post(body, WebhookSigning.sign(body, SECRET), "application/json").then().statusCode(200);
        assertQueueEmpty();
        assertThat(metrics.count("WebhookIgnored", "Reason", "unknown_event")).isEqualTo(before + 1);
    }

    @Test
    void acknowledgesEventsOfUnwantedListsWithoutQueueing() {
        long before = metrics.count("WebhookIgnored", "Reason", "list_filtered");
        byte[] body = payload("taskCreated").replace("901200100", "999999999").getBytes(StandardCharsets.UTF_8);
        Response response = post(body, WebhookSigning.sign(body, SECRET), "application/json");
        response.then().statusCode(200);
        assertThat(response.path("reason").toString()).isEqualTo("list_filtered");
        assertQueueEmpty();
        assertThat(metrics.count("WebhookIgnored", "Reason", "list_filtered")).isEqualTo(before + 1);
    }

    @Test
    void answers503AndQueuesNothingWhenSqsIsDown() {
        org.junit.jupiter.api.Assumptions.assumeTrue(aws != null,
                "needs the embedded ElasticMQ, which the test can stop (not LocalStack)");
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        aws.sqs().stop();
        try {
            Response response = post(body, WebhookSigning.sign(body, SECRET), "application/json");
            assertProblem(response, 503, "queue-unavailable");
            given().get("/health").then().statusCode(503);
        } finally {
            aws.sqs().restart();
            new Provisioner(dynamo, sqs).ensure(config);
        }
        assertQueueEmpty();
        given().get("/health").then().statusCode(200);
    }

    @Test
    void problemBodiesNeverContainTheSecret() {
        byte[] body = payload("taskCreated").getBytes(StandardCharsets.UTF_8);
        for (Response response : List.of(
                post(body, "00", "application/json"),
                post(body, null, "application/json"),
                post(body, WebhookSigning.sign(body, SECRET), "text/plain"))) {
            assertThat(response.asString()).doesNotContain(SECRET).doesNotContain("previous-test-webhook-secret");
        }
    }

    @Test
    void healthSaysUpAndNothingAboutTheQueueToThePublic() {
        // On AWS /health is a public route: no queue depth, no ClickUp state (sync.health.details=false)
        String body = given().get("/health").then().statusCode(200).extract().asString();
        assertThat(body).isEqualToIgnoringWhitespace("{\"status\":\"UP\"}");
        given().get("/health/live").then().statusCode(200);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static String payload(String event) {
        return "{\"event\":\"" + event + "\",\"task_id\":\"86c0aa001\",\"webhook_id\":\"" + DemoWorkspace.WEBHOOK_ID
                + "\",\"history_items\":[{\"id\":\"" + System.nanoTime() + "\",\"type\":1,\"date\":\"1700000000000\","
                + "\"field\":\"status\",\"parent_id\":\"901200100\",\"user\":{\"id\":183,\"username\":\"Ada Lovelace\"},"
                + "\"before\":null,\"after\":null}]}";
    }

    private static Response post(byte[] body, String signature, String contentType) {
        var request = given().contentType(contentType).body(body);
        if (signature != null) {
            request = request.header("X-Signature", signature);
        }
        return request.post("/webhooks/clickup");
    }

    /** Posts a raw API Gateway v2 event to the mock event server; the raw Lambda response comes back. */
    private static Response invokeRaw(JsonNode event) {
        return given().contentType("application/json").body(event.toString()).post("/_lambda_");
    }

    private static JsonNode apiGatewayEvent(byte[] body, String signature, String contentType) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("../events/webhook-task-status-updated.apigw-v2.json")));
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("x-signature", signature);
        headers.put("content-type", contentType);
        headers.put("content-length", Integer.toString(body.length));
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return event;
    }

    private static void assertProblem(Response response, int status, String slug) {
        response.then().statusCode(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.path("type").toString()).isEqualTo("urn:clickup-sync:problem:" + slug);
        assertThat((Integer) response.path("status")).isEqualTo(status);
    }

    private Message onlyMessage() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private void assertQueueEmpty() {
        assertThat(sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages()).isEmpty();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
