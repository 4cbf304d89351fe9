package dev.clickupsync.webhook;

import dev.clickupsync.crypto.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.http.Problem;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.support.Fixtures;
import dev.clickupsync.testkit.WebhookSigning;
import dev.clickupsync.testkit.aws.EmbeddedSqs;
import dev.clickupsync.testkit.aws.FreePort;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The ingest path end to end through a real (ElasticMQ) queue: every outcome and its one metric. */
class WebhookIngestorTest {
    private static final String SECRET = "ingest-test-secret-4f1c";
    private static final String PREVIOUS_SECRET = "ingest-test-previous-secret-77aa";
    private static final int MAX_BODY = 8192;
    private static final Instant RECEIVED_AT = Instant.parse("2026-03-04T05:06:07.089Z");
    private static final PayloadValidator VALIDATOR = new PayloadValidator();
    private static final EventFilter NO_FILTER = new EventFilter(Optional.empty(), Optional.empty(), Optional.empty());
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedSqs sqsServer;
    private static SqsClient sqs;

    private final Metrics metrics = Metrics.inMemory();
    private EventQueue queue;
    private WebhookIngestor ingestor;

    @BeforeAll
    static void startSqs() {
        sqsServer = EmbeddedSqs.start();
        sqs = AwsClients.sqs(sqsServer.endpoint());
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        sqsServer.close();
    }

    @BeforeEach
    void freshQueue() {
        // One queue per test, so what a test finds in it is what that test sent.
        String url = new Provisioner(null, sqs)
                .ensureQueue(sqsServer.queueUrl("ingest-test-" + QUEUE_NUMBER.incrementAndGet()), 5);
        queue = new EventQueue(sqs, url, Duration.ofSeconds(3));
        ingestor = ingestor(NO_FILTER, queue);
    }

    // ---------------------------------------------------------------- queued

    @Test
    void queuesSignedValidPayloadWithItsAttributes() {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskStatusUpdated.json");

        IngestOutcome outcome = ingestor.ingest(signed(body));

        assertThat(outcome).isInstanceOf(IngestOutcome.Queued.class);
        assertThat(outcome.status()).isEqualTo(200);
        Message message = receiveOne();
        assertThat(((IngestOutcome.Queued) outcome).messageId()).isEqualTo(message.messageId());
        assertThat(message.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(strings(message.messageAttributes())).containsOnly(
                entry(EventEnvelope.EVENT, "taskStatusUpdated"),
                entry(EventEnvelope.WEBHOOK_ID, "7fa3ec74-69a8-4530-a251-8a13730bd204"),
                entry(EventEnvelope.ENTITY_TYPE, "task"),
                entry(EventEnvelope.ENTITY_ID, "1vj38vv"),
                entry(EventEnvelope.RECEIVED_AT, "2026-03-04T05:06:07.089Z"),
                entry(EventEnvelope.BODY_SHA256, Sha256.hex(body)));
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookQueued", 1L));
    }

    static List<String> examplePayloads() {
        return Fixtures.webhookPayloadNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePayloads")
    void queuesEveryDocumentedExampleNamingItsEntity(String fileName) {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/" + fileName);
        ObjectNode payload = Fixtures.webhookPayload(fileName);
        String event = payload.get("event").asText();
        String entityType = event.startsWith("keyResult") ? "goal" : event.replaceAll("[A-Z].*", "");

        assertThat(ingestor.ingest(signed(body))).isInstanceOf(IngestOutcome.Queued.class);

        Map<String, String> attributes = strings(receiveOne().messageAttributes());
        assertThat(attributes).containsEntry(EventEnvelope.EVENT, event)
                .containsEntry(EventEnvelope.ENTITY_TYPE, entityType)
                .containsEntry(EventEnvelope.ENTITY_ID, payload.get(entityType + "_id").asText())
                .containsEntry(EventEnvelope.WEBHOOK_ID, payload.get("webhook_id").asText());
        assertThat(metrics.count("WebhookQueued")).isEqualTo(1);
    }

    @Test
    void acceptsSignatureUnderThePreviousSecret() {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        WebhookIngestor rotating = new WebhookIngestor(new SignatureVerifier(List.of(SECRET, PREVIOUS_SECRET)),
                VALIDATOR, NO_FILTER, queue, metrics, MAX_BODY);

        IngestOutcome outcome = rotating.ingest(new IncomingWebhook(body, "application/json",
                WebhookSigning.sign(body, PREVIOUS_SECRET), body.length, RECEIVED_AT));

        assertThat(outcome).isInstanceOf(IngestOutcome.Queued.class);
        assertThat(queue.approximateDepth()).isEqualTo(1);
    }

    @Test
    void acceptsBodyOfExactlyTheLimit() {
        byte[] payload = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        byte[] body = Arrays.copyOf(payload, MAX_BODY);
        Arrays.fill(body, payload.length, MAX_BODY, (byte) ' ');

        IngestOutcome outcome = ingestor.ingest(signed(body));

        assertThat(outcome).isInstanceOf(IngestOutcome.Queued.class);
        assertThat(receiveOne().body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void queuesBodyWithCharactersSqsCannotCarryAsBase64() {
        // Valid JSON may hold U+FFFE raw; SQS refuses it in a body, so it must travel base64-encoded.
        byte[] body = ("{\"event\":\"taskDeleted\",\"task_id\":\"1vj37mc\",\"webhook_id\":\"w\","
                + "\"note\":\"a\uFFFEb\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(ingestor.ingest(signed(body))).isInstanceOf(IngestOutcome.Queued.class);

        Message message = receiveOne();
        Map<String, String> attributes = strings(message.messageAttributes());
        assertThat(attributes).containsEntry(EventEnvelope.BODY_ENCODING, EventEnvelope.BASE64);
        assertThat(EventEnvelope.decodeBody(message.body(), attributes)).isEqualTo(body);
    }

    @Test
    void queuesSignedPayloadWhoseIdsHoldCharactersSqsCannotCarry() {
        byte[] body = "{\"event\":\"taskDeleted\",\"task_id\":\"1vj\\ufffe\",\"webhook_id\":\"w\"}"
                .getBytes(StandardCharsets.UTF_8);

        IngestOutcome outcome = ingestor.ingest(signed(body));

        assertThat(outcome).isInstanceOf(IngestOutcome.Queued.class);
        assertThat(metrics.count("WebhookQueueUnavailable")).isZero();
        Message message = receiveOne();
        assertThat(EventEnvelope.decodeBody(message.body(), strings(message.messageAttributes()))).isEqualTo(body);
    }

    // ---------------------------------------------------------------- size and media type

    @Test
    void rejectsBodyOverTheLimit() {
        byte[] payload = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        byte[] body = Arrays.copyOf(payload, MAX_BODY + 1);
        Arrays.fill(body, payload.length, body.length, (byte) ' ');

        IngestOutcome outcome = ingestor.ingest(new IncomingWebhook(body, "application/json",
                WebhookSigning.sign(body, SECRET), -1, RECEIVED_AT));

        assertRejected(outcome, 413, "body-too-large");
        assertThat(((IngestOutcome.Rejected) outcome).problem().detail()).contains(Integer.toString(MAX_BODY));
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=body_too_large}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void rejectsDeclaredContentLengthOverTheLimitEvenIfTheBodyIsShort() {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");

        IngestOutcome outcome = ingestor.ingest(new IncomingWebhook(body, "application/json",
                WebhookSigning.sign(body, SECRET), MAX_BODY + 1L, RECEIVED_AT));

        assertRejected(outcome, 413, "body-too-large");
        assertThat(metrics.count("WebhookRejected", "Reason", "body_too_large")).isEqualTo(1);
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void sizeIsCheckedBeforeMediaTypeAndSignature() {
        byte[] body = new byte[MAX_BODY + 1];

        assertRejected(ingestor.ingest(new IncomingWebhook(body, "text/plain", null, body.length, RECEIVED_AT)),
                413, "body-too-large");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"text/plain", "application/xml", "text/json", "application/jsonp",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "json", "+json", "text/plain+json"})
    void rejectsBodiesThatAreNotDeclaredJson(String contentType) {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");

        IngestOutcome outcome = ingestor.ingest(new IncomingWebhook(body, contentType,
                WebhookSigning.sign(body, SECRET), body.length, RECEIVED_AT));

        assertRejected(outcome, 415, "unsupported-media-type");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=unsupported_media_type}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
            " application/json ;charset=UTF-8", "application/vnd.foo+json", "application/problem+json; q=1"})
    void recognisesJsonMediaTypes(String contentType) {
        assertThat(WebhookIngestor.isJson(contentType)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"text/plain", "application/xml", "text/json", "application/jsonx", "text/vnd.foo+json"})
    void refusesNonJsonMediaTypes(String contentType) {
        assertThat(WebhookIngestor.isJson(contentType)).isFalse();
    }

    @Test
    void mediaTypeIsCheckedBeforeTheSignature() {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");

        assertRejected(ingestor.ingest(new IncomingWebhook(body, "text/plain", "bogus", body.length, RECEIVED_AT)),
                415, "unsupported-media-type");
    }

    // ---------------------------------------------------------------- signature

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingSignature(String signature) {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");

        IngestOutcome outcome = ingestor.ingest(new IncomingWebhook(body, "application/json", signature, body.length,
                RECEIVED_AT));

        assertRejected(outcome, 401, "missing-signature");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=missing_signature}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void rejectsSignatureUnderWrongSecret() {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");

        IngestOutcome outcome = ingestor.ingest(new IncomingWebhook(body, "application/json",
                WebhookSigning.sign(body, PREVIOUS_SECRET), body.length, RECEIVED_AT));

        assertRejected(outcome, 401, "invalid-signature");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=invalid_signature}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void rejectsBodyChangedAfterSigning() {
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        String signature = WebhookSigning.sign(body, SECRET);
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("1vj37mc", "1vj37md")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(ingestor.ingest(new IncomingWebhook(changed, "application/json", signature, changed.length,
                RECEIVED_AT)), 401, "invalid-signature");
    }

    @Test
    void unauthenticatedInputIsNeverParsed() {
        byte[] malformed = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] unknownEvent = "{\"event\":\"taskArchived\",\"webhook_id\":\"w\"}".getBytes(StandardCharsets.UTF_8);

        assertRejected(ingestor.ingest(new IncomingWebhook(malformed, "application/json",
                WebhookSigning.sign(malformed, "wrong"), malformed.length, RECEIVED_AT)), 401, "invalid-signature");
        assertRejected(ingestor.ingest(new IncomingWebhook(unknownEvent, "application/json",
                WebhookSigning.sign(unknownEvent, "wrong"), unknownEvent.length, RECEIVED_AT)), 401, "invalid-signature");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=invalid_signature}", 2L));
    }

    // ---------------------------------------------------------------- parsing and schema

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"event\":", "{\"event\":\"taskDeleted\",\"webhook_id\":\"w\",}",
            "{\"event\":\"taskDeleted\",\"webhook_id\":\"w\"} {\"event\":\"taskDeleted\"}",
            "{\"event\":\"taskDeleted\",\"webhook_id\":\"w\"}]",
            "{\"event\":\"taskDeleted\",\"event\":\"taskCreated\",\"webhook_id\":\"w\"}"})
    void rejectsSignedBodyThatIsNotOneWellFormedJsonDocument(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        IngestOutcome outcome = ingestor.ingest(signed(body));

        assertRejected(outcome, 400, "malformed-json");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=malformed_json}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"taskCreated\"", "42", "null", "[{\"event\":\"taskDeleted\",\"webhook_id\":\"w\"}]"})
    void rejectsSignedJsonThatIsNotAnObject(String text) {
        IngestOutcome outcome = ingestor.ingest(signed(text.getBytes(StandardCharsets.UTF_8)));

        assertRejected(outcome, 400, "schema-violation");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=schema_violation}", 1L));
    }

    @Test
    void rejectsSignedEmptyBody() {
        IngestOutcome outcome = ingestor.ingest(signed(new byte[0]));

        assertThat(outcome).isInstanceOf(IngestOutcome.Rejected.class);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(((IngestOutcome.Rejected) outcome).problem().slug()).isIn("malformed-json", "schema-violation");
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void rejectsSignedPayloadViolatingTheSchema() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        payload.remove("webhook_id");
        ((ObjectNode) payload.get("history_items").get(0)).put("date", "yesterday");

        IngestOutcome outcome = ingestor.ingest(signed(bytes(payload)));

        assertRejected(outcome, 400, "schema-violation");
        assertThat(((IngestOutcome.Rejected) outcome).problem().detail()).contains("webhook_id").contains("date");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=schema_violation}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void refusesANumberTheSchemaValidatorCannotEvaluateWith400NotAnException() {
        // Found by IngestFuzzTest: a number beyond double range where the schema has an enum made the
        // validator throw NumberFormatException, which would have escaped as a 500.
        byte[] body = "{\n  \"event\":99999999999999999991e99999999\n}\n".getBytes(StandardCharsets.UTF_8);

        IngestOutcome outcome = ingestor.ingest(signed(body));

        assertRejected(outcome, 400, "unvalidatable-payload");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookRejected{Reason=unvalidatable_payload}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void acknowledgesAndDropsAnEventThisVersionDoesNotKnow() {
        ObjectNode payload = Fixtures.webhookPayload("taskDeleted.json");
        payload.put("event", "taskArchived");

        IngestOutcome outcome = ingestor.ingest(signed(bytes(payload)));

        assertThat(outcome).isEqualTo(new IngestOutcome.Ignored("unknown_event"));
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookIgnored{Reason=unknown_event}", 1L));
        assertThat(queue.approximateDepth()).isZero();
    }

    @Test
    void nonTextualEventIsASchemaViolationNotAnUnknownEvent() {
        ObjectNode payload = Fixtures.webhookPayload("taskDeleted.json");
        payload.put("event", 7);

        assertRejected(ingestor.ingest(signed(bytes(payload))), 400, "schema-violation");
    }

    // ---------------------------------------------------------------- filter

    @Test
    void acknowledgesAndDropsFilteredEvents() {
        WebhookIngestor filtered = ingestor(new EventFilter(Optional.of(Set.of("taskCreated")),
                Optional.of(Set.of("162641062")), Optional.empty()), queue);
        byte[] deleted = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        byte[] created = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskCreated.json");
        ObjectNode otherList = Fixtures.webhookPayload("taskCreated.json");
        otherList.withArray("history_items").forEach(item -> ((ObjectNode) item).put("parent_id", "1"));

        assertThat(filtered.ingest(signed(deleted))).isEqualTo(new IngestOutcome.Ignored("event_filtered"));
        assertThat(filtered.ingest(signed(bytes(otherList)))).isEqualTo(new IngestOutcome.Ignored("list_filtered"));
        assertThat(filtered.ingest(signed(created))).isInstanceOf(IngestOutcome.Queued.class);

        assertThat(metrics.snapshot()).containsOnly(
                entry("WebhookIgnored{Reason=event_filtered}", 1L),
                entry("WebhookIgnored{Reason=list_filtered}", 1L),
                entry("WebhookQueued", 1L));
        assertThat(strings(receiveOne().messageAttributes())).containsEntry(EventEnvelope.EVENT, "taskCreated");
    }

    // ---------------------------------------------------------------- queue failures

    @Test
    void answers503WhenTheQueueDoesNotExist() {
        EventQueue missing = new EventQueue(sqs, sqsServer.queueUrl("no-such-queue"), Duration.ofSeconds(3));
        byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");

        IngestOutcome outcome = ingestor(NO_FILTER, missing).ingest(signed(body));

        assertRejected(outcome, 503, "queue-unavailable");
        assertThat(metrics.snapshot()).containsExactly(entry("WebhookQueueUnavailable", 1L));
        assertThat(metrics.count("WebhookQueued")).isZero();
    }

    @Test
    void answers503WhenTheQueueIsUnreachable() {
        try (SqsClient nowhere = AwsClients.sqs(URI.create("http://127.0.0.1:" + FreePort.pick()))) {
            EventQueue unreachable = new EventQueue(nowhere, sqsServer.queueUrl("ingest-test-unreachable"),
                    Duration.ofSeconds(2));
            byte[] body = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
            long started = System.nanoTime();

            IngestOutcome outcome = ingestor(NO_FILTER, unreachable).ingest(signed(body));

            assertRejected(outcome, 503, "queue-unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
            assertThat(metrics.snapshot()).containsExactly(entry("WebhookQueueUnavailable", 1L));
        }
    }

    // ---------------------------------------------------------------- answers never leak secrets

    @Test
    void problemsNeverContainTheSecrets() {
        byte[] good = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskDeleted.json");
        byte[] malformed = "{\"x\":".getBytes(StandardCharsets.UTF_8);
        List<IngestOutcome> outcomes = List.of(
                ingestor.ingest(new IncomingWebhook(new byte[MAX_BODY + 1], "application/json", "x", -1, RECEIVED_AT)),
                ingestor.ingest(new IncomingWebhook(good, "text/plain", "x", good.length, RECEIVED_AT)),
                ingestor.ingest(new IncomingWebhook(good, "application/json", null, good.length, RECEIVED_AT)),
                ingestor.ingest(new IncomingWebhook(good, "application/json", "00", good.length, RECEIVED_AT)),
                ingestor.ingest(signed(malformed)),
                ingestor.ingest(signed("{}".getBytes(StandardCharsets.UTF_8))),
                ingestor(NO_FILTER, new EventQueue(sqs, sqsServer.queueUrl("absent"), Duration.ofSeconds(3)))
                        .ingest(signed(good)));

        assertThat(outcomes).hasSize(7).allSatisfy(outcome -> {
            assertThat(outcome).isInstanceOf(IngestOutcome.Rejected.class);
            Problem problem = ((IngestOutcome.Rejected) outcome).problem();
            assertThat(problem.status()).isEqualTo(outcome.status());
            assertThat(problem.toJson()).doesNotContain(SECRET).doesNotContain(PREVIOUS_SECRET)
                    .doesNotContain(WebhookSigning.sign(good, SECRET));
            assertThat(JSON.readTree(problem.toJson()).get("type").asText()).startsWith("urn:clickup-sync:problem:");
        });
    }

    // ---------------------------------------------------------------- helpers

    private WebhookIngestor ingestor(EventFilter filter, EventQueue target) {
        return new WebhookIngestor(new SignatureVerifier(List.of(SECRET)), VALIDATOR, filter, target, metrics, MAX_BODY);
    }

    private static IncomingWebhook signed(byte[] body) {
        return new IncomingWebhook(body, "application/json", WebhookSigning.sign(body, SECRET), body.length, RECEIVED_AT);
    }

    private static byte[] bytes(ObjectNode payload) {
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(IngestOutcome outcome, int status, String slug) {
        assertThat(outcome).isInstanceOf(IngestOutcome.Rejected.class);
        IngestOutcome.Rejected rejected = (IngestOutcome.Rejected) outcome;
        assertThat(rejected.status()).isEqualTo(status);
        assertThat(rejected.problem().slug()).isEqualTo(slug);
        assertThat(rejected.problem().status()).isEqualTo(status);
        assertThat(rejected.problem().type()).isEqualTo("urn:clickup-sync:problem:" + slug);
    }

    private Message receiveOne() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue.url()).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static Map<String, String> strings(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> values = new HashMap<>();
        attributes.forEach((k, v) -> values.put(k, v.stringValue()));
        return values;
    }
}
