package dev.clickupsync.webhook;

import dev.clickupsync.crypto.Sha256;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the ingest path: size and content-type checks, the HMAC check
 * over the raw bytes, the strict JSON parse, schema validation, the filter and the envelope.
 *
 * <p>Logging of the ingest path is turned down to ERROR here: it writes one line per refusal, which
 * at tens of thousands of executions a second would be the run's main cost and output.
 *
 * <p>Most inputs are signed with the right secret, so the fuzzer gets past the signature and
 * explores the parser and the validator; the rest carry a fuzzed or wrong signature. Whatever the
 * input, the invariants are:
 * <ul>
 *   <li>no exception escapes {@link WebhookIngestor#ingest} (in production it would be a 500, which
 *       ClickUp counts towards suspending the webhook);</li>
 *   <li>a refusal is one of 400, 401, 413, 415 with a problem body that never contains the secret;</li>
 *   <li>an input without a valid signature is never queued;</li>
 *   <li>a queued envelope decodes to exactly the bytes received, its SHA-256 attribute matches, and
 *       every attribute is SQS-safe (at most 10, the limit SQS enforces).</li>
 * </ul>
 *
 * <p>The queue is a stub that keeps the envelope: fuzzing needs thousands of executions a second, and
 * the SQS round trip is exercised against ElasticMQ by {@link WebhookIngestorTest}.
 *
 * <p>Two modes. Every test run replays the seed corpus in
 * {@code src/test/resources/dev/clickupsync/webhook/IngestFuzzTestInputs/} (real ClickUp payloads
 * with trailing control bytes) plus any findings committed there. With {@code JAZZER_FUZZ=1} it
 * fuzzes for {@code maxDuration}: {@code ./mvnw verify} does so for 30 s in core's {@code fuzz}
 * execution; the bench report gives a long run's figures.
 */
class IngestFuzzTest {
    private static final String SECRET = "fuzz-webhook-secret-6d0a91";
    private static final int MAX_BODY = 64 * 1024;
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 413, 415);
    private static final String[] CONTENT_TYPES = {
            "application/json", "application/json; charset=utf-8", "application/vnd.clickup+json", "text/plain", null};

    static {
        java.util.logging.Logger.getLogger("dev.clickupsync").setLevel(java.util.logging.Level.SEVERE);
    }

    private final KeepingQueue queue = new KeepingQueue();
    private final WebhookIngestor ingestor = new WebhookIngestor(new SignatureVerifier(List.of(SECRET)),
            new PayloadValidator(), new EventFilter(Optional.empty(), Optional.empty(), Optional.empty()), queue,
            Metrics.inMemory(), MAX_BODY);

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"event\"", "\"task_id\"", "\"webhook_id\"", "\"history_items\"", "\"taskStatusUpdated\"",
            "\"taskCreated\"", "\"taskUpdated\"", "\"before\"", "\"after\"", "\"field\"", "\"date\"", "\"user\"",
            "\"list_id\"", "\"custom_field\"", "\\u0000", "\\ud800", "1e999"})
    void ingestNeverFailsOpenOrWith5xx(byte[] input) {
        // The last three bytes steer the request (signature kind, content type, declared length), the
        // rest is the body: seeds are real payloads with three bytes appended. A byte[] target keeps
        // each execution cheap and lets Jazzer keep its inputs as files.
        int n = input.length;
        int signing = n > 0 ? Byte.toUnsignedInt(input[n - 1]) % 10 : 0;
        String contentType = CONTENT_TYPES[n > 1 ? Byte.toUnsignedInt(input[n - 2]) % CONTENT_TYPES.length : 0];
        int lengthByte = n > 2 ? Byte.toUnsignedInt(input[n - 3]) : 1;
        byte[] body = Arrays.copyOf(input, Math.max(0, n - 3));
        long declaredLength = (lengthByte & 1) == 1 ? -1 : (long) lengthByte * 1024;

        String validSignature = SignatureVerifier.sign(body, SECRET);
        String signature = switch (signing) {
            case 9 -> new String(body, 0, Math.min(body.length, 80), StandardCharsets.ISO_8859_1);
            case 8 -> flipLastHexDigit(validSignature);
            case 7 -> SignatureVerifier.sign(body, "another-secret");
            case 6 -> validSignature.toUpperCase(Locale.ROOT);
            default -> validSignature;
        };
        boolean authentic = signature != null && signature.equalsIgnoreCase(validSignature);

        queue.kept.clear();
        IngestOutcome outcome = ingestor.ingest(new IncomingWebhook(body, contentType, signature, declaredLength, Instant.EPOCH));

        if (outcome instanceof IngestOutcome.Rejected r) {
            assertThat(REFUSALS).as("refusal status").contains(r.status());
            assertThat(r.problem().toJson()).doesNotContain(SECRET);
            assertThat(queue.kept).isEmpty();
        } else if (outcome instanceof IngestOutcome.Ignored) {
            assertThat(queue.kept).isEmpty();
        } else {
            assertThat(outcome).isInstanceOf(IngestOutcome.Queued.class);
            assertThat(authentic).as("only an authentic body is queued").isTrue();
            assertThat(queue.kept).hasSize(1);
            EventEnvelope envelope = queue.kept.get(0);
            assertThat(EventEnvelope.decodeBody(envelope.body(), envelope.attributes())).isEqualTo(body);
            assertThat(envelope.attributes()).hasSizeLessThanOrEqualTo(10)
                    .containsEntry(EventEnvelope.BODY_SHA256, Sha256.hex(body));
            for (Map.Entry<String, String> a : envelope.attributes().entrySet()) {
                assertThat(EventEnvelope.sqsSafe(a.getValue())).as("attribute %s is SQS-safe", a.getKey()).isTrue();
            }
            assertThat(EventEnvelope.sqsSafe(envelope.body())).as("body is SQS-safe").isTrue();
        }
        if (!authentic) {
            assertThat(outcome).isNotInstanceOf(IngestOutcome.Queued.class);
        }
    }

    private static String flipLastHexDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** Keeps what ingest would send; sends nothing. */
    private static final class KeepingQueue extends EventQueue {
        final List<EventEnvelope> kept = new ArrayList<>();

        KeepingQueue() {
            super(null, "fuzz://queue", Duration.ofSeconds(1));
        }

        @Override
        public String send(EventEnvelope envelope) {
            kept.add(envelope);
            return "fuzz-" + kept.size();
        }
    }
}
