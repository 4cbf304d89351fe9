package dev.clickupsync.queue;

import dev.clickupsync.crypto.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.support.Fixtures;
import dev.clickupsync.testkit.aws.EmbeddedSqs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class EventEnvelopeTest {
    private static final Instant RECEIVED_AT = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final byte[] PLAIN = Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskStatusUpdated.json");
    /** Valid JSON and valid UTF-8, but U+FFFE is outside what SQS carries in a body. */
    private static final byte[] WITH_FFFE =
            "{\"event\":\"taskUpdated\",\"task_id\":\"t1\",\"webhook_id\":\"w\",\"name\":\"a\uFFFEb\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private static EmbeddedSqs sqsServer;
    private static SqsClient sqs;
    private static EventQueue queue;

    @BeforeAll
    static void startSqs() {
        sqsServer = EmbeddedSqs.start();
        sqs = AwsClients.sqs(sqsServer.endpoint());
        String url = new Provisioner(null, sqs).ensureQueue(sqsServer.queueUrl("envelope-test-events"), 5);
        queue = new EventQueue(sqs, url, Duration.ofSeconds(3));
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        sqsServer.close();
    }

    @Test
    void carriesEventIdsReceiptTimeAndBodyHashAsAttributes() {
        EventEnvelope envelope = EventEnvelope.of(PLAIN, "taskStatusUpdated", "wh-1", "task", "1vj38vv", RECEIVED_AT);

        assertThat(envelope.attributes()).containsOnly(
                entry(EventEnvelope.EVENT, "taskStatusUpdated"),
                entry(EventEnvelope.WEBHOOK_ID, "wh-1"),
                entry(EventEnvelope.ENTITY_TYPE, "task"),
                entry(EventEnvelope.ENTITY_ID, "1vj38vv"),
                entry(EventEnvelope.RECEIVED_AT, "2026-01-02T03:04:05.678Z"),
                entry(EventEnvelope.BODY_SHA256, independentSha256(PLAIN)));
        assertThat(Instant.parse(envelope.attributes().get(EventEnvelope.RECEIVED_AT))).isEqualTo(RECEIVED_AT);
        assertThat(envelope.body()).isEqualTo(new String(PLAIN, StandardCharsets.UTF_8));
    }

    @Test
    void leavesOutIdsThatAreMissingOrEmpty() {
        EventEnvelope envelope = EventEnvelope.of(PLAIN, "listCreated", null, "", null, RECEIVED_AT);

        assertThat(envelope.attributes()).containsOnlyKeys(EventEnvelope.EVENT, EventEnvelope.RECEIVED_AT,
                EventEnvelope.BODY_SHA256);
    }

    @Test
    void attributesCannotBeChangedAfterwards() {
        Map<String, String> attributes = new HashMap<>(Map.of("event", "taskCreated"));
        EventEnvelope envelope = new EventEnvelope("{}", attributes);
        attributes.put("event", "taskDeleted");

        assertThat(envelope.attributes()).containsExactly(entry("event", "taskCreated"));
        assertThatThrownBy(() -> envelope.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void plainBodyTravelsVerbatimAndRoundTrips() {
        EventEnvelope envelope = EventEnvelope.of(PLAIN, "taskStatusUpdated", "w", "task", "1vj38vv", RECEIVED_AT);

        assertThat(envelope.attributes()).doesNotContainKey(EventEnvelope.BODY_ENCODING);
        assertThat(EventEnvelope.decodeBody(envelope.body(), envelope.attributes())).isEqualTo(PLAIN);
    }

    @Test
    void bodyWithNonCharacterIsSentAsBase64AndDecodesToTheExactBytes() {
        EventEnvelope envelope = EventEnvelope.of(WITH_FFFE, "taskUpdated", "w", "task", "t1", RECEIVED_AT);

        assertThat(envelope.attributes()).containsEntry(EventEnvelope.BODY_ENCODING, EventEnvelope.BASE64)
                .containsEntry(EventEnvelope.BODY_SHA256, independentSha256(WITH_FFFE));
        assertThat(envelope.body()).isEqualTo(Base64.getEncoder().encodeToString(WITH_FFFE));
        assertThat(EventEnvelope.decodeBody(envelope.body(), envelope.attributes())).isEqualTo(WITH_FFFE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u001F", "\uFFFF", "\uFFFE"})
    void bodyWithCharacterOutsideSqsRangeIsBase64(String character) {
        byte[] body = ("{\"name\":\"x" + character + "y\"}").getBytes(StandardCharsets.UTF_8);

        EventEnvelope envelope = EventEnvelope.of(body, "taskUpdated", null, null, null, RECEIVED_AT);

        assertThat(envelope.attributes()).containsEntry(EventEnvelope.BODY_ENCODING, EventEnvelope.BASE64);
        assertThat(EventEnvelope.decodeBody(envelope.body(), envelope.attributes())).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t", "\n", "\r", "é", "€", "\uD7FF", "\uE000", "\uFFFD", "😀", "\uD83D\uDE00"})
    void bodyWithCharactersSqsAcceptsStaysPlain(String character) {
        byte[] body = ("{\"name\":\"x" + character + "y\"}").getBytes(StandardCharsets.UTF_8);

        EventEnvelope envelope = EventEnvelope.of(body, "taskUpdated", null, null, null, RECEIVED_AT);

        assertThat(envelope.attributes()).doesNotContainKey(EventEnvelope.BODY_ENCODING);
        assertThat(envelope.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void bytesThatAreNotUtf8AreSentAsBase64() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] lone = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}; // a surrogate

        for (byte[] bytes : List.of(body, lone)) {
            EventEnvelope envelope = EventEnvelope.of(bytes, "taskUpdated", null, null, null, RECEIVED_AT);
            assertThat(envelope.attributes()).containsEntry(EventEnvelope.BODY_ENCODING, EventEnvelope.BASE64);
            assertThat(EventEnvelope.decodeBody(envelope.body(), envelope.attributes())).isEqualTo(bytes);
        }
    }

    @Test
    void emptyBodyIsCarriedPlain() {
        EventEnvelope envelope = EventEnvelope.of(new byte[0], "taskUpdated", null, null, null, RECEIVED_AT);

        assertThat(envelope.body()).isEmpty();
        assertThat(envelope.attributes()).containsEntry(EventEnvelope.BODY_SHA256, independentSha256(new byte[0]));
        assertThat(EventEnvelope.decodeBody(envelope.body(), envelope.attributes())).isEmpty();
    }

    @Test
    void sqsSafeFollowsTheDocumentedCharacterRanges() {
        assertThat(EventEnvelope.sqsSafe("plain {} ascii\t\n\r")).isTrue();
        assertThat(EventEnvelope.sqsSafe("\uD800")).as("lone high surrogate").isFalse();
        assertThat(EventEnvelope.sqsSafe("\uDC00")).as("lone low surrogate").isFalse();
        assertThat(EventEnvelope.sqsSafe("\u0008")).isFalse();
        assertThat(EventEnvelope.sqsSafe("\u0020\uD7FF\uE000\uFFFD\uDBFF\uDFFF")).isTrue();
    }

    @Test
    void sha256HexMatchesAnIndependentDigest() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(WITH_FFFE)).isEqualTo(independentSha256(WITH_FFFE));
    }

    @Test
    void decodeBodyTreatsUnknownEncodingsAsPlainText() {
        assertThat(EventEnvelope.decodeBody("eyJ9", Map.of(EventEnvelope.BODY_ENCODING, "gzip")))
                .isEqualTo("eyJ9".getBytes(StandardCharsets.UTF_8));
        assertThat(EventEnvelope.decodeBody("eyJ9", Map.of())).isEqualTo("eyJ9".getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- through a real queue

    @Test
    void plainAndBase64BodiesSurviveARealSendAndReceive() {
        EventEnvelope plain = EventEnvelope.of(PLAIN, "taskStatusUpdated", "w", "task", "1vj38vv", RECEIVED_AT);
        EventEnvelope encoded = EventEnvelope.of(WITH_FFFE, "taskUpdated", "w", "task", "t1", RECEIVED_AT);

        String plainId = queue.send(plain);
        String encodedId = queue.send(encoded);

        Map<String, Message> received = receive(2);
        assertThat(received).containsOnlyKeys(plainId, encodedId);
        for (Map.Entry<String, byte[]> expected : Map.of(plainId, PLAIN, encodedId, WITH_FFFE).entrySet()) {
            Message message = received.get(expected.getKey());
            Map<String, String> attributes = new HashMap<>();
            message.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
            byte[] bytes = EventEnvelope.decodeBody(message.body(), attributes);
            assertThat(bytes).isEqualTo(expected.getValue());
            assertThat(attributes.get(EventEnvelope.BODY_SHA256)).isEqualTo(independentSha256(bytes));
        }
        assertThat(received.get(plainId).messageAttributes()).hasSize(6);
        assertThat(received.get(encodedId).messageAttributes()).hasSize(7);
    }

    @Test
    void sqsRefusesTheNonCharacterUnencoded() {
        // Why the base64 path exists: the same body sent raw is refused by (strict) SQS.
        String raw = new String(WITH_FFFE, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(raw)))
                .isInstanceOf(SdkException.class);
    }

    private static Map<String, Message> receive(int expected) {
        Map<String, Message> byId = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (byId.size() < expected && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages()) {
                byId.put(m.messageId(), m);
                sqs.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
            }
        }
        return byId;
    }

    private static String independentSha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
