package dev.clickupsync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.admin.DeadLetterRedrive.Filter;
import dev.clickupsync.admin.DeadLetterRedrive.Limits;
import dev.clickupsync.admin.DeadLetterRedrive.Result;
import dev.clickupsync.admin.DeadLetterRedrive.Stop;
import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.drain.ExpansionPolicy;
import dev.clickupsync.drain.Outbound;
import dev.clickupsync.drain.TaskExpander;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.support.Fixtures;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Redriving the dead-letter queue on ElasticMQ: what is moved (filters, limits), what the copy
 * carries, that a message leaves the DLQ only once the events queue took its copy, and that a
 * replay of an event the drain already applied is acknowledged as a duplicate.
 */
class DeadLetterRedriveTest {
    private static final Limits FAST = new Limits(1000, Duration.ofSeconds(10), Duration.ZERO);

    private static EmbeddedAws aws;
    private static SqsClient sqs;
    private static DynamoDbClient dynamo;

    private EventQueue queue;
    private Metrics metrics;

    @BeforeAll
    static void startAws() {
        aws = EmbeddedAws.start();
        sqs = AwsClients.sqs(aws.sqsEndpoint());
        dynamo = AwsClients.dynamo(aws.dynamoDbEndpoint());
    }

    @AfterAll
    static void stopAws() {
        sqs.close();
        dynamo.close();
        aws.close();
    }

    @BeforeEach
    void freshQueues() {
        String url = new Provisioner(dynamo, sqs).ensureQueue(aws.sqs().queueUrl("redrive-" + UUID.randomUUID()), 5);
        queue = new EventQueue(sqs, url, Duration.ofSeconds(3));
        metrics = Metrics.inMemory();
    }

    // ---------------------------------------------------------------- what moves

    @Test
    void redrivesEverythingAndTheCopyCarriesTheOriginalBodyAndAttributesWithoutTheFailure() {
        EventEnvelope parked = park("taskUpdated", "task-1", "clickup_server_error");
        park("taskCreated", "task-2", "internal");

        Result result = redrive().redrive(Filter.ALL, 100);

        assertThat(result).isEqualTo(new Result(2, 2, 0, 0, Stop.EMPTY));
        assertThat(result.complete()).isTrue();
        assertThat(drain(queue.deadLetterUrl())).isEmpty();
        List<Message> replayed = drain(queue.url());
        assertThat(replayed).hasSize(2);
        Message copy = replayed.stream().filter(m -> attr(m, "entity_id").equals("task-1")).findFirst().orElseThrow();
        assertThat(copy.body()).isEqualTo(parked.body());
        assertThat(attributes(copy)).isEqualTo(parked.attributes());
        assertThat(copy.messageAttributes()).doesNotContainKeys("failure_reason", "failure_detail");
        assertThat(metrics.count("AdminRedriven")).isEqualTo(2);
        assertThat(metrics.count("AdminRedriveScanned")).isEqualTo(2);
    }

    @Test
    void base64BodyTravelsBackVerbatimWithItsEncoding() {
        byte[] raw = "{\"event\":\"taskUpdated\",\"task_id\":\"t\",\"note\":\"\uFFFE\"}".getBytes(StandardCharsets.UTF_8);
        EventEnvelope envelope = EventEnvelope.of(raw, "taskUpdated", "wh", "task", "t", Instant.now());
        assertThat(envelope.attributes()).containsEntry(EventEnvelope.BODY_ENCODING, EventEnvelope.BASE64);
        queue.deadLetter(new QueuedEvent("m-1", envelope.body(), envelope.attributes(), 5), "unreadable_body");

        assertThat(redrive().redrive(Filter.ALL, 100).redriven()).isEqualTo(1);

        Message copy = drain(queue.url()).get(0);
        assertThat(attr(copy, EventEnvelope.BODY_ENCODING)).isEqualTo(EventEnvelope.BASE64);
        assertThat(EventEnvelope.decodeBody(copy.body(), attributes(copy))).isEqualTo(raw);
    }

    @Test
    void redrivingTwiceFindsNothingTheSecondTime() {
        park("taskUpdated", "task-1", "internal");
        park("taskUpdated", "task-2", "internal");

        assertThat(redrive().redrive(Filter.ALL, 100).redriven()).isEqualTo(2);
        Result second = redrive().redrive(Filter.ALL, 100);

        assertThat(second).isEqualTo(new Result(0, 0, 0, 0, Stop.EMPTY));
        assertThat(drain(queue.url())).as("each event replayed once").hasSize(2);
    }

    @Test
    void aMessageParkedAfterTheCallBeganIsLeftForTheNextCall() {
        park("taskUpdated", "task-1", "internal");
        // The call "began" a minute before the message reached the DLQ: as a replay of this very call
        // that failed again would have, had the drain parked it again within the call.
        Clock startedEarlier = Clock.fixed(Instant.now().minus(Duration.ofMinutes(1)), java.time.ZoneOffset.UTC);
        DeadLetterRedrive earlier = new DeadLetterRedrive(sqs, queue.url(), queue.deadLetterUrl(),
                new Limits(1000, Duration.ofMinutes(2), Duration.ZERO), metrics, startedEarlier);

        assertThat(earlier.redrive(Filter.ALL, 100)).isEqualTo(new Result(1, 0, 1, 0, Stop.EMPTY));
        assertThat(drain(queue.url())).as("not replayed again").isEmpty();
        assertThat(redrive().redrive(Filter.ALL, 100).redriven()).as("the next call takes it").isEqualTo(1);
    }

    // ---------------------------------------------------------------- filters

    @Test
    void filterByEventMovesOnlyThoseAndReleasesTheRestAtOnce() {
        park("taskUpdated", "task-1", "internal");
        park("taskDeleted", "task-2", "internal");
        park("taskUpdated", "task-3", "clickup_not_found");

        Result result = redrive().redrive(new Filter("taskUpdated", null, null), 100);

        assertThat(result).isEqualTo(new Result(3, 2, 1, 0, Stop.EMPTY));
        assertThat(drain(queue.url())).extracting(m -> attr(m, "entity_id")).containsExactlyInAnyOrder("task-1", "task-3");
        assertThat(drain(queue.deadLetterUrl())).as("released: visible again right away")
                .extracting(m -> attr(m, "entity_id")).containsExactly("task-2");
        assertThat(metrics.count("AdminRedriveSkipped")).isEqualTo(1);
    }

    @Test
    void filterByEntityId() {
        park("taskUpdated", "task-1", "internal");
        park("taskStatusUpdated", "task-1", "internal");
        park("taskUpdated", "task-2", "internal");

        Result result = redrive().redrive(new Filter(null, "task-1", null), 100);

        assertThat(result.redriven()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(drain(queue.url())).extracting(m -> attr(m, "event"))
                .containsExactlyInAnyOrder("taskUpdated", "taskStatusUpdated");
        assertThat(drain(queue.deadLetterUrl())).extracting(m -> attr(m, "entity_id")).containsExactly("task-2");
    }

    @Test
    void filterByFailureReasonAndCombinedFilters() {
        park("taskUpdated", "task-1", "clickup_server_error");
        park("taskUpdated", "task-2", "clickup_server_error");
        park("taskUpdated", "task-3", "unreadable_body");
        park("taskCreated", "task-4", "clickup_server_error");
        // Moved to the DLQ by SQS's own redrive (a crash): no failure_reason at all.
        sqs.sendMessage(b -> b.queueUrl(queue.deadLetterUrl()).messageBody("{}"));

        Result byReason = redrive().redrive(new Filter(null, null, "clickup_server_error"), 100);
        assertThat(byReason).isEqualTo(new Result(5, 3, 2, 0, Stop.EMPTY));
        assertThat(drain(queue.url())).extracting(m -> attr(m, "entity_id"))
                .containsExactlyInAnyOrder("task-1", "task-2", "task-4");

        Result none = redrive().redrive(new Filter("taskCreated", "task-3", "unreadable_body"), 100);
        assertThat(none).isEqualTo(new Result(2, 0, 2, 0, Stop.EMPTY));
        Result both = redrive().redrive(new Filter("taskUpdated", "task-3", "unreadable_body"), 100);
        assertThat(both).isEqualTo(new Result(2, 1, 1, 0, Stop.EMPTY));
        assertThat(drain(queue.deadLetterUrl())).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("{}"));
    }

    // ---------------------------------------------------------------- limits and failures

    @Test
    void stopsAtMaxMessagesAndTheNextCallContinues() {
        for (int i = 0; i < 5; i++) {
            park("taskUpdated", "task-" + i, "internal");
        }

        Result first = redrive().redrive(Filter.ALL, 2);

        assertThat(first).isEqualTo(new Result(2, 2, 0, 0, Stop.MAX_MESSAGES));
        assertThat(first.complete()).isFalse();
        assertThat(redrive().redrive(Filter.ALL, 100)).isEqualTo(new Result(3, 3, 0, 0, Stop.EMPTY));
        assertThat(drain(queue.url())).hasSize(5);
    }

    @Test
    void stopsAtMaxScannedAndHoldsNoMoreThanThat() {
        for (int i = 0; i < 5; i++) {
            park("taskUpdated", "task-" + i, "internal");
        }
        DeadLetterRedrive narrow = new DeadLetterRedrive(sqs, queue.url(), queue.deadLetterUrl(),
                new Limits(3, Duration.ofSeconds(10), Duration.ZERO), metrics, Clock.systemUTC());

        Result result = narrow.redrive(new Filter("taskCreated", null, null), 100);

        assertThat(result).isEqualTo(new Result(3, 0, 3, 0, Stop.MAX_SCANNED));
        assertThat(drain(queue.deadLetterUrl())).as("all still there and visible").hasSize(5);
    }

    @Test
    void stopsWhenTheTimeBudgetIsSpent() {
        park("taskUpdated", "task-1", "internal");
        DeadLetterRedrive noTime = new DeadLetterRedrive(sqs, queue.url(), queue.deadLetterUrl(),
                new Limits(1000, Duration.ZERO, Duration.ZERO), metrics, Clock.systemUTC());

        assertThat(noTime.redrive(Filter.ALL, 100)).isEqualTo(new Result(0, 0, 0, 0, Stop.TIME_BUDGET));
        assertThat(drain(queue.deadLetterUrl())).hasSize(1);
    }

    @Test
    void aMessageLeavesTheDlqOnlyOnceTheEventsQueueTookItsCopy() {
        park("taskUpdated", "task-1", "internal");
        park("taskUpdated", "task-2", "internal");
        DeadLetterRedrive broken = new DeadLetterRedrive(sqs, aws.sqs().queueUrl("no-such-queue-" + UUID.randomUUID()),
                queue.deadLetterUrl(), FAST, metrics, Clock.systemUTC());

        Result result = broken.redrive(Filter.ALL, 100);

        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.redriven()).isZero();
        assertThat(result.stop()).isEqualTo(Stop.SEND_FAILED);
        assertThat(drain(queue.deadLetterUrl())).as("both kept, visible again").hasSize(2);
        assertThat(metrics.count("AdminRedriveFailed")).isEqualTo(1);
    }

    @Test
    void unreadableDlqFailsTheCall() {
        DeadLetterRedrive missing = new DeadLetterRedrive(sqs, queue.url(),
                aws.sqs().queueUrl("no-such-dlq-" + UUID.randomUUID()), FAST, metrics, Clock.systemUTC());

        assertThatThrownBy(() -> missing.redrive(Filter.ALL, 100))
                .isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
        assertThatThrownBy(() -> redrive().redrive(Filter.ALL, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- replay is idempotent

    @Test
    void aRedrivenEventTheDrainAlreadyAppliedIsAcknowledgedAsADuplicate() {
        String table = "redrive-idempotency-" + UUID.randomUUID();
        new Provisioner(dynamo, sqs).ensureTable(table);
        AtomicInteger applied = new AtomicInteger();
        DrainProcessor drain = drainProcessor(table, applied);
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        EventEnvelope envelope = EventEnvelope.of(body, "taskStatusUpdated", payload.get("webhook_id").asText(), "task",
                payload.get("task_id").asText(), Instant.now());
        QueuedEvent original = new QueuedEvent("m-1", envelope.body(), envelope.attributes(), 1);
        // The drain applied it (its completion was not acknowledged, say), and a copy ended up in the DLQ.
        assertThat(drain.process(List.of(original), Instant.now().plusSeconds(60))).isEmpty();
        assertThat(applied).hasValue(1);
        queue.deadLetter(new QueuedEvent("m-2", envelope.body(), envelope.attributes(), 5), "internal");

        assertThat(redrive().redrive(Filter.ALL, 100).redriven()).isEqualTo(1);
        List<QueuedEvent> replayed = drain(queue.url()).stream().map(DeadLetterRedriveTest::queued).toList();
        long duplicates = metrics.count("DrainOutcome", "Outcome", "duplicate");
        List<String> retry = drain.process(replayed, Instant.now().plusSeconds(60));

        assertThat(retry).as("acknowledged").isEmpty();
        assertThat(metrics.count("DrainOutcome", "Outcome", "duplicate") - duplicates).isEqualTo(1);
        assertThat(applied).as("not applied again").hasValue(1);
        assertThat(drain(queue.deadLetterUrl())).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private DeadLetterRedrive redrive() {
        return new DeadLetterRedrive(sqs, queue.url(), queue.deadLetterUrl(), FAST, metrics, Clock.systemUTC());
    }

    /** Parks an event the way the drain does on its last receive. */
    private EventEnvelope park(String event, String entityId, String reason) {
        byte[] body = ("{\"event\":\"" + event + "\",\"task_id\":\"" + entityId + "\",\"webhook_id\":\"wh-1\",\"n\":\""
                + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        EventEnvelope envelope = EventEnvelope.of(body, event, "wh-1", "task", entityId, Instant.now());
        queue.deadLetter(new QueuedEvent(UUID.randomUUID().toString(), envelope.body(), envelope.attributes(), 5), reason);
        return envelope;
    }

    /** Receives (and deletes) everything visible in {@code url}. */
    private static List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(m);
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static String attr(Message message, String name) {
        var value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    private static Map<String, String> attributes(Message message) {
        Map<String, String> values = new HashMap<>();
        message.messageAttributes().forEach((k, v) -> values.put(k, v.stringValue()));
        return values;
    }

    private static QueuedEvent queued(Message message) {
        return new QueuedEvent(message.messageId(), message.body(), attributes(message), 1);
    }

    /** The real drain logic with a stand-in expander that only counts what it is asked to apply. */
    private DrainProcessor drainProcessor(String idempotencyTable, AtomicInteger applied) {
        IdempotencyStore idempotency = new IdempotencyStore(dynamo, idempotencyTable, Duration.ofDays(15), Clock.systemUTC());
        DrainConfig drainConfig = config(DrainConfig.class, Map.of("policy", ExpansionPolicy.SMART,
                "safetyMargin", Duration.ofSeconds(1), "disabledDeferral", Duration.ofMinutes(5),
                "circuitOpenDeferral", Duration.ofSeconds(15), "outboundQueueUrl", Optional.empty()));
        IdempotencyConfig idempotencyConfig = config(IdempotencyConfig.class,
                Map.of("retention", Duration.ofDays(15), "maxLock", Duration.ofMinutes(1)));
        SyncConfig.Queue queueConfig = config(SyncConfig.Queue.class, Map.of("url", queue.url(),
                "sendTimeout", Duration.ofSeconds(3), "deadLetterUrl", Optional.of(queue.deadLetterUrl()),
                "maxReceiveCount", 5));
        SyncConfig syncConfig = config(SyncConfig.class, Map.of("queue", queueConfig));
        TaskExpander expander = new TaskExpander(null, null, null, null, null, null, metrics) {
            @Override
            public Result apply(String taskId, List<Event> events, ExpansionPolicy policy) {
                applied.addAndGet(events.size());
                return new Result(0, null);
            }
        };
        return new DrainProcessor(expander, idempotency, queue, new Outbound(sqs, drainConfig, metrics), metrics,
                idempotencyConfig, drainConfig, syncConfig);
    }

    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return values.get(method.getName());
        });
    }
}
