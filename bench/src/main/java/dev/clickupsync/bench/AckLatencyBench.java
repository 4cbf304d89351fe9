package dev.clickupsync.bench;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.webhook.SignatureVerifier;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end acknowledgement: what a ClickUp delivery waits for, over real loopback HTTP, from its
 * POST to our {@code 200}. The bench application serves core's {@code POST /webhooks/clickup}
 * (verify, validate, filter, {@code SendMessage} to the events queue on the embedded ElasticMQ, then
 * {@code 200}); senders POST signed 2 KiB {@code taskUpdated} bodies, one connection each (keep-alive,
 * as a delivery worker would), with 1 and N senders. Two baselines in the same run, same bodies:
 * <ul>
 *   <li><b>no-op endpoint</b>: {@link BenchNoopResource}, the same request answered at once (the HTTP
 *       stack alone);</li>
 *   <li><b>SendMessage alone</b>: {@link EventQueue#send} of the same envelope from the sender
 *       threads, no HTTP (the queue round trip alone), to a scratch queue;</li>
 *   <li><b>SendMessage alone, URL-connection client</b>: the same through a twin of the SQS client on the
 *       SDK's URL-connection HTTP client ({@link UrlConnectionTwins}), what production used before it moved
 *       SQS to Apache's client: that choice's measure.</li>
 * </ul>
 * Then nothing lost: every message id acknowledged by a {@code 200} must be in the events queue.
 * ClickUp gives up on a delivery after 7 s, so the p99 is the figure that matters.
 */
@ApplicationScoped
public class AckLatencyBench {
    private static final Logger LOG = Logger.getLogger(AckLatencyBench.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("\"message_id\":\"([^\"]+)\"");
    static final int BODY_BYTES = 2048;

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig sync;

    enum Path {
        NOOP("no-op endpoint (baseline)"), SQS_URL("SendMessage alone, URL-connection client (baseline)"),
        SQS("SendMessage alone (baseline)"), INGEST("POST /webhooks/clickup");

        final String label;

        Path(String label) {
            this.label = label;
        }
    }

    /** One cell: {@code requests} sent by {@code senders} at once; latencies in milliseconds. */
    record Result(Path path, int senders, int requests, int ok, double p50Millis, double p99Millis, double maxMillis,
                  Duration elapsed) {
        double perSecond() {
            return ok / (elapsed.toNanos() / 1e9);
        }
    }

    /** Every cell, and the loss check: acknowledged ids against the ids found in the events queue. */
    record Outcome(List<Result> results, int acknowledged, int foundInQueue, int lost) {
        Result result(Path path, int senders) {
            return results.stream().filter(r -> r.path() == path && r.senders() == senders).findFirst().orElseThrow();
        }
    }

    /** Requests per cell and the concurrent senders, per size. */
    static int requests(BenchOptions options) {
        return "smoke".equals(options.size()) ? 200 : 3000;
    }

    /** Unrecorded requests per path before the cells (their acknowledgements are checked too). */
    static int warmUp(BenchOptions options) {
        return Math.max(50, requests(options) / 10);
    }

    static List<Integer> senders(BenchOptions options) {
        return "smoke".equals(options.size()) ? List.of(1, 4) : List.of(1, 8);
    }

    public Outcome run(BenchOptions options) throws Exception {
        byte[] body = IngestFixture.signedTaskUpdate(BODY_BYTES);
        String signature = SignatureVerifier.sign(body, DemoWorkspace.WEBHOOK_SECRET);
        URI base = URI.create("http://127.0.0.1:" + httpPort());
        String scratch = sqs.createQueue(b -> b.queueName("bench-ack-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        EventQueue scratchQueue = new EventQueue(sqs, scratch, Duration.ofSeconds(5));
        SqsClient urlSqs = UrlConnectionTwins.of(sqs);
        EventQueue urlScratchQueue = new EventQueue(urlSqs, scratch, Duration.ofSeconds(5));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Sender[] paths = new Sender[Path.values().length];
        paths[Path.NOOP.ordinal()] = http(base.resolve("/bench/noop"), body, signature, null);
        paths[Path.SQS.ordinal()] = send(scratchQueue, body);
        paths[Path.SQS_URL.ordinal()] = send(urlScratchQueue, body);
        paths[Path.INGEST.ordinal()] = http(base.resolve("/webhooks/clickup"), body, signature, acknowledged);
        List<Result> results = new ArrayList<>();
        try {
            for (Path path : Path.values()) {
                cell(path, paths[path.ordinal()], 1, warmUp(options)); // JIT, connections, ElasticMQ: not recorded
            }
            Progress progress = Progress.start("acknowledgement", (long) senders(options).size() * Path.values().length, "cells");
            for (int senders : senders(options)) {
                for (Path path : Path.values()) {
                    Result r = cell(path, paths[path.ordinal()], senders, requests(options));
                    progress.step();
                    LOG.infof("ack %s x%d: %d/%d ok, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %.0f req/s", path.label, senders,
                            r.ok(), r.requests(), r.p50Millis(), r.p99Millis(), r.maxMillis(), r.perSecond());
                    results.add(r);
                }
            }
            progress.close();
        } finally {
            urlSqs.close();
            sqs.deleteQueue(b -> b.queueUrl(scratch));
        }
        int found = collect(acknowledged);
        int lost = acknowledged.size() - found;
        LOG.infof("ack: %d events acknowledged, %d of them in the events queue, %d lost", acknowledged.size(), found, lost);
        return new Outcome(results, acknowledged.size(), found, lost);
    }

    /** One request of a path; true when it was acknowledged (200, or a message id from SQS). */
    @FunctionalInterface
    private interface Sender {
        boolean send(HttpClient http) throws Exception;
    }

    private static Sender send(EventQueue queue, byte[] body) {
        return http -> queue.send(EventEnvelope.of(body, "taskUpdated", DemoWorkspace.WEBHOOK_ID, "task",
                DemoWorkspace.TASK_LOGIN_BUG, Instant.now())) != null;
    }

    private static Sender http(URI uri, byte[] body, String signature, Set<String> acknowledged) {
        return http -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(7)) // ClickUp's patience
                    .header("Content-Type", "application/json").header("X-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            if (acknowledged != null) {
                Matcher id = MESSAGE_ID.matcher(response.body());
                if (!id.find()) {
                    return false;
                }
                acknowledged.add(id.group(1));
            }
            return true;
        };
    }

    private static Result cell(Path path, Sender sender, int senders, int requests) throws Exception {
        ClosedLoop.Run run = ClosedLoop.run(senders, requests, (http, i) -> sender.send(http));
        return new Result(path, senders, requests, run.ok(), run.p50Millis(), run.p99Millis(), run.maxMillis(),
                run.elapsed());
    }

    /**
     * Receives the events queue until it is empty and counts the acknowledged ids found; deletes
     * those (they are the bench's), leaves anything else visible again.
     */
    private int collect(Set<String> acknowledged) {
        String url = sync.queue().url();
        Set<String> found = new HashSet<>();
        int empty = 0;
        int rounds = acknowledged.size() / 10 + 1000; // bounded: foreign messages come back visible
        while (empty < 3 && rounds-- > 0) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(60)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            List<DeleteMessageBatchRequestEntry> delete = new ArrayList<>();
            for (Message m : batch) {
                if (acknowledged.contains(m.messageId())) {
                    found.add(m.messageId());
                    delete.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(delete.size()))
                            .receiptHandle(m.receiptHandle()).build());
                } else {
                    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
            if (!delete.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(delete));
            }
            if (found.size() == acknowledged.size()) {
                break; // every acknowledged event found; what is left is not the bench's
            }
        }
        return found.size();
    }

    /** The port the application's HTTP server actually bound (the bench asks for a free one). */
    static int httpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(0);
        if (port <= 0) {
            throw new IllegalStateException(key + " is " + port + ": the bound HTTP port is unknown");
        }
        return port;
    }
}
