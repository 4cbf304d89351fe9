package dev.clickupsync.bench;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.webhook.EventFilter;
import dev.clickupsync.webhook.IncomingWebhook;
import dev.clickupsync.webhook.IngestOutcome;
import dev.clickupsync.webhook.PayloadValidator;
import dev.clickupsync.webhook.SignatureVerifier;
import dev.clickupsync.webhook.WebhookIngestor;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.WebhookDelivery;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ingest path as production builds it ({@link WebhookIngestor} with the real verifier, schema
 * validator and filter), minus the SQS round trip: the queue is a stub that takes the envelope and
 * answers a message id. So one call is: size and content-type checks, HMAC-SHA256 over the raw bytes
 * (constant-time compare), strict JSON parse, schema validation, filter, {@link EventEnvelope}
 * (incl. the body's SHA-256). The baseline is the one thing any verifying ingest must do: one
 * HMAC-SHA256 of the body.
 */
final class IngestFixture {
    private static final int MAX_BODY = 1 << 20;

    final byte[] body;
    final String signature;
    private final WebhookIngestor ingestor;
    private final Mac mac;
    private final SignatureVerifier verifier = new SignatureVerifier(List.of(DemoWorkspace.WEBHOOK_SECRET));
    private final PayloadValidator validator = new PayloadValidator();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final JsonNode parsed;

    IngestFixture(int targetBytes) {
        this.body = signedTaskUpdate(targetBytes);
        this.signature = SignatureVerifier.sign(body, DemoWorkspace.WEBHOOK_SECRET);
        Metrics metrics = new Metrics("bench", "bench", false, new PrintStream(OutputStream.nullOutputStream()));
        this.ingestor = new WebhookIngestor(verifier, validator,
                new EventFilter(Optional.empty(), Optional.empty(), Optional.empty()), new NullQueue(), metrics, MAX_BODY);
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DemoWorkspace.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            this.parsed = json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        IngestOutcome outcome = ingest();
        if (!(outcome instanceof IngestOutcome.Queued)) {
            throw new IllegalStateException("bench body of " + body.length + " bytes is not accepted: " + outcome);
        }
    }

    IngestOutcome ingest() {
        return ingestor.ingest(new IncomingWebhook(body, "application/json", signature, body.length, Instant.EPOCH));
    }

    /** Breakdown: the signature check alone (key, HMAC, constant-time compare). */
    boolean verifyOnly() {
        return verifier.verify(body, signature);
    }

    /** Breakdown: the strict JSON parse alone. */
    JsonNode parseOnly() {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Breakdown: schema validation of the parsed payload alone. */
    List<String> validateOnly() {
        return validator.violations(parsed);
    }

    /** Breakdown: the SQS envelope alone (body SHA-256, text check, attributes). */
    EventEnvelope envelopeOnly() {
        return EventEnvelope.of(body, "taskUpdated", DemoWorkspace.WEBHOOK_ID, "task", DemoWorkspace.TASK_LOGIN_BUG, Instant.EPOCH);
    }

    /** Baseline: one HMAC-SHA256 of the body (the verifier also builds a key and compares). */
    byte[] hmacOnly() {
        return mac.doFinal(body);
    }

    /**
     * A real {@code taskUpdated} delivery from the fake workspace (a rename, whose history item
     * carries the old and new name), the name padded until the body is about {@code targetBytes}.
     */
    static byte[] signedTaskUpdate(int targetBytes) {
        FakeWorkspace workspace = FakeWorkspace.demo();
        int pad = 16;
        byte[] best = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            String name = "Bench " + "x".repeat(pad);
            List<WebhookDelivery> deliveries = workspace.updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name(name));
            byte[] candidate = deliveries.stream().filter(d -> d.event().equals("taskUpdated")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the demo workspace sent no taskUpdated")).body();
            best = candidate;
            int diff = targetBytes - candidate.length;
            if (Math.abs(diff) <= 16) {
                break;
            }
            // The name appears twice (before and after); the "before" is the previous attempt's.
            pad = Math.max(1, pad + diff / 2);
        }
        return best;
    }

    /** Takes the envelope, sends nothing. */
    private static final class NullQueue extends EventQueue {
        NullQueue() {
            super(null, "bench://null", Duration.ofSeconds(1));
        }

        @Override
        public String send(EventEnvelope envelope) {
            return envelope.attributes().get(EventEnvelope.BODY_SHA256);
        }
    }
}
