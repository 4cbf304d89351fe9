package dev.clickupsync.bench;


import java.util.ArrayList;
import java.util.List;

import static dev.clickupsync.bench.Fmt.f0;
import static dev.clickupsync.bench.Fmt.f1;
import static dev.clickupsync.bench.Fmt.f2;

/** The acknowledgement bench's row in the report's goals table and its section ({@link AckLatencyBench}). */
final class AckReport {
    /**
     * p99 goal for the acknowledgement: ClickUp abandons a delivery after 7 s; API Gateway, a Lambda
     * cold start and a slower SQS in the cloud come on top of what the bench sees, so keep 1 s.
     */
    static final double P99_GOAL_MILLIS = 1000;

    private AckReport() {
    }

    /** How the goals table's acknowledgement row starts ({@link Report#putRow} finds it by this). */
    static final String GOAL_PREFIX = "| Ack through ElasticMQ";

    /** The run's correctness failures: acknowledged events missing from the queue. */
    static List<String> failures(AckLatencyBench.Outcome ack) {
        return ack.lost() > 0 ? List.of(ack.lost() + " acknowledged events not in the queue") : List.of();
    }

    static String goalRow(AckLatencyBench.Outcome ack) {
        int most = most(ack);
        AckLatencyBench.Result ingest = ack.result(AckLatencyBench.Path.INGEST, most);
        AckLatencyBench.Result noop = ack.result(AckLatencyBench.Path.NOOP, most);
        boolean met = ack.lost() == 0 && ingest.p99Millis() <= P99_GOAL_MILLIS && ingest.ok() == ingest.requests();
        return GOAL_PREFIX + ": p99 <= 1 s with " + most + " senders, every acknowledged event in the queue | p99 "
                + f2(ingest.p99Millis()) + " ms (no-op endpoint " + f2(noop.p99Millis()) + " ms), " + f0(ingest.perSecond())
                + " req/s; " + ack.lost() + " of " + ack.acknowledged() + " lost | **" + (met ? "met" : "missed") + "** |\n";
    }

    static String section(AckLatencyBench.Outcome ack, BenchOptions o) {
        StringBuilder md = new StringBuilder("## 5. Acknowledgement latency and throughput, end to end\n\n");
        md.append("Real loopback HTTP to the bench application's own HTTP server (Vert.x, RESTEasy Reactive, core's ")
                .append("`WebhookResource`): each sender POSTs a signed ").append(AckLatencyBench.BODY_BYTES / 1024)
                .append(" KiB `taskUpdated` body on its own keep-alive connection, waits for the answer, and sends the next; ")
                .append(AckLatencyBench.requests(o)).append(" requests per cell after an unrecorded warm-up of each path. ")
                .append("`POST /webhooks/clickup` answers `200` only once `SendMessage` to the events queue on the embedded ")
                .append("ElasticMQ returned. Baselines in the same run, same body: **no-op endpoint** (`/bench/noop`, the same ")
                .append("request answered at once: the HTTP stack alone), **SendMessage alone** (`EventQueue.send` of the same ")
                .append("envelope from the sender threads, no HTTP, to a scratch queue: the queue round trip alone) and the same ")
                .append("through a twin of the SQS client on the SDK's URL-connection HTTP client (**URL-connection client**: ")
                .append("what the functions used before SQS moved to Apache's HTTP client, as DynamoDB had). Latency is ")
                .append("per request, send to full answer; throughput is acknowledged requests / cell time. Client, server and ")
                .append("ElasticMQ share the machine's ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, so with more senders than cores latency is mostly queueing for a CPU.\n\n");
        md.append("| senders | path | requests | acknowledged | p50 ms | p99 ms | max ms | req/s | p50 vs no-op | p99 vs no-op | req/s vs no-op |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (AckLatencyBench.Result r : ack.results()) {
            AckLatencyBench.Result noop = ack.result(AckLatencyBench.Path.NOOP, r.senders());
            boolean base = r.path() == AckLatencyBench.Path.NOOP;
            md.append("| ").append(r.senders()).append(" | ").append(r.path().label).append(" | ").append(r.requests())
                    .append(" | ").append(r.ok()).append(" | ").append(f2(r.p50Millis())).append(" | ").append(f2(r.p99Millis()))
                    .append(" | ").append(f1(r.maxMillis())).append(" | ").append(f0(r.perSecond())).append(" | ")
                    .append(base ? "baseline" : "x" + f1(r.p50Millis() / noop.p50Millis())).append(" | ")
                    .append(base ? "baseline" : "x" + f1(r.p99Millis() / noop.p99Millis())).append(" | ")
                    .append(base ? "baseline" : "x" + f2(r.perSecond() / noop.perSecond())).append(" |\n");
        }
        int most = most(ack);
        AckLatencyBench.Result ingest = ack.result(AckLatencyBench.Path.INGEST, most);
        AckLatencyBench.Result sqs = ack.result(AckLatencyBench.Path.SQS, most);
        md.append("\nNothing lost: ").append(ack.acknowledged()).append(" events were acknowledged with a message id (warm-up ")
                .append("included); receiving the events queue afterwards found ").append(ack.foundInQueue()).append(" of them, so ")
                .append(ack.lost()).append(" lost. With ").append(most).append(" senders the webhook's p50 is ")
                .append(f2(ingest.p50Millis())).append(" ms against ").append(f2(sqs.p50Millis()))
                .append(" ms for `SendMessage` alone").append(sqs.p50Millis() >= ingest.p50Millis() / 2
                        ? ": the queue round trip is most of an acknowledgement, the price of answering only once the event is durably queued.\n\n"
                        : ": most of an acknowledgement is not the queue but the HTTP path and ingest's checks.\n\n");
        md.append(clientSentence(ack));
        return md.toString();
    }

    /**
     * What Apache's HTTP client saves per {@code SendMessage} against the URL-connection client, from the two
     * "SendMessage alone" cells: the JDK's {@code HttpURLConnection} probes a kept-alive connection with a read
     * that waits out 1 ms before reusing it, so one sender (no queueing for a CPU) shows it best.
     */
    static String clientSentence(AckLatencyBench.Outcome ack) {
        StringBuilder md = new StringBuilder("The SQS client's HTTP client, `SendMessage` alone: ");
        List<String> parts = new ArrayList<>();
        for (int senders : ack.results().stream().map(AckLatencyBench.Result::senders).distinct().toList()) {
            AckLatencyBench.Result apache = ack.result(AckLatencyBench.Path.SQS, senders);
            AckLatencyBench.Result url = ack.result(AckLatencyBench.Path.SQS_URL, senders);
            parts.add(senders + (senders == 1 ? " sender" : " senders") + ", p50 " + f2(apache.p50Millis()) + " ms with Apache's against "
                    + f2(url.p50Millis()) + " ms with the URL-connection client (" + f0(apache.perSecond()) + " against "
                    + f0(url.perSecond()) + " req/s, x" + f2(apache.perSecond() / url.perSecond()) + ")");
        }
        return md.append(String.join("; ", parts)).append(". Every acknowledgement makes one `SendMessage`, and the drain ")
                .append("and commands functions call SQS for redrive and commands.\n\n").toString();
    }

    private static int most(AckLatencyBench.Outcome ack) {
        return ack.results().stream().mapToInt(AckLatencyBench.Result::senders).max().orElse(1);
    }
}
