package dev.clickupsync.drain;

import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attempt whose lock ran out while it applied: another attempt owns the key by the time it
 * completes (found by the chaos bench, where the other attempt then crashed and the event stayed
 * IN_PROGRESS for good because the first attempt had acknowledged the message). The drain must not
 * acknowledge an event it could not complete: it re-sends it for after the owner's lock.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class CompletionTakenOverTest {
    @Inject
    TaskExpander expander;
    @Inject
    EventQueue queue;
    @Inject
    Outbound outbound;
    @Inject
    Metrics metrics;
    @Inject
    IdempotencyConfig idempotencyConfig;
    @Inject
    DrainConfig drainConfig;
    @Inject
    SyncConfig sync;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SqsClient sqs;

    FakeClickUp clickUp;

    @Test
    void anEventWhoseKeyAnotherAttemptTookOverIsReSentNotAcknowledged() throws Exception {
        String task = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        clickUp.workspace().createTask(task, DemoWorkspace.LIST_ID, "Original name");
        WebhookDelivery renamed = clickUp.workspace().updateTask(task, c -> c.name("Renamed")).get(0);
        // The store answers as it does when the key's owner changed between claim and completion.
        IdempotencyStore takenOver = new IdempotencyStore(dynamo, sync.tables().idempotency(), idempotencyConfig.retention(),
                Clock.systemUTC()) {
            @Override
            public boolean complete(Attempt attempt) {
                return false;
            }
        };
        DrainProcessor processor = new DrainProcessor(expander, takenOver, queue, outbound, metrics, idempotencyConfig,
                drainConfig, sync);
        long lostBefore = metrics.count("DrainCompletionLost");
        sqs.purgeQueue(b -> b.queueUrl(queue.url()));
        byte[] body = renamed.bodyString().getBytes(StandardCharsets.UTF_8);
        QueuedEvent event = new QueuedEvent("m-" + task, renamed.bodyString(), EventEnvelope.of(body, "taskUpdated", null, "task",
                task, Instant.now()).attributes(), 1);

        List<String> retry = processor.process(List.of(event), Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(retry).as("the original may go: a copy was re-sent").isEmpty();
        assertThat(metrics.count("DrainCompletionLost") - lostBefore).isEqualTo(1);
        assertThat(queuedOrDelayed()).as("the event is back in the queue (delayed until the owner's lock runs out)")
                .isEqualTo(1);
    }

    private long queuedOrDelayed() {
        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                .attributeNamesWithStrings("ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessages"))
                .attributesAsStrings();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }
}
