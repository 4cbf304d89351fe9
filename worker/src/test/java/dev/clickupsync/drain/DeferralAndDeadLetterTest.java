package dev.clickupsync.drain;

import dev.clickupsync.idempotency.IdempotencyKey;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message here is on its last allowed receive ({@code max-receive-count=1}), so anything
 * counted as a failure would land in the DLQ: a spent budget must defer instead, a poison message
 * must land there with its reason. Own profile: the spent budget is lasting state.
 */
@QuarkusTest
@TestProfile(DeferralAndDeadLetterTest.LastReceive.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeferralAndDeadLetterTest {

    public static class LastReceive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.queue.max-receive-count", "1");
        }
    }

    @Inject
    DrainProcessor processor;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;
    @Inject
    IdempotencyStore idempotency;

    FakeClickUp clickUp;

    @Test
    @Order(1)
    void poisonMessageReachesTheDlqWithItsReason() {
        QueuedEvent poison = new QueuedEvent("poison-1", "{not json", Map.of(EventEnvelope.EVENT, "taskUpdated"), 1);

        List<String> retry = processor.process(List.of(poison), Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(retry).as("acknowledged: it is in the DLQ now").isEmpty();
        List<Message> parked = sqs.receiveMessage(b -> b.queueUrl(config.queue().url() + "-dlq")
                .messageAttributeNames("All").waitTimeSeconds(1)).messages();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).body()).isEqualTo("{not json");
        assertThat(parked.get(0).messageAttributes().get("failure_reason").stringValue()).isEqualTo("unreadable_body");
        assertThat(parked.get(0).messageAttributes().get("event").stringValue()).isEqualTo("taskUpdated");
        sqs.deleteMessage(b -> b.queueUrl(config.queue().url() + "-dlq").receiptHandle(parked.get(0).receiptHandle()));
    }

    @Test
    @Order(2)
    void spentBudgetDefersEverythingAndNothingReachesTheDlq() {
        List<WebhookDelivery> deliveries = new ArrayList<>(clickUp.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name("A")));
        deliveries.addAll(clickUp.workspace().updateTask(DemoWorkspace.TASK_RELEASE_NOTES, c -> c.name("B")));
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event()), 1)).toList();
        // ClickUp says: no more calls for ten minutes.
        clickUp.setRateLimit(100, Duration.ofMinutes(10));
        clickUp.faults().failNext(1, 429, "/task/");
        long deferred = metrics.count("DrainOutcome", "Outcome", "deferred");

        List<String> retry = processor.process(messages, Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(retry).as("deferred messages are acknowledged, not failed").isEmpty();
        assertThat(metrics.count("DrainOutcome", "Outcome", "deferred") - deferred).isEqualTo(2);
        assertThat(attribute(config.queue().url() + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(attribute(config.queue().url(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("re-sent with a delay").isEqualTo(2);
    }

    @Test
    @Order(3)
    void anEventHeldByAnotherAttemptOnItsLastReceiveIsDeferredNotLeftForSqsToDeadLetter() {
        WebhookDelivery delivery = clickUp.workspace().updateTask(DemoWorkspace.TASK_SHIP_V1, c -> c.name("Held")).get(0);
        List<String> historyIds = new ArrayList<>();
        delivery.json().path("history_items").forEach(item -> historyIds.add(item.path("id").asText()));
        // Another instance holds the key (e.g. it still works on a copy whose visibility timeout ran out).
        idempotency.begin(IdempotencyKey.of(delivery.webhookId(), historyIds, delivery.body()), Duration.ofMinutes(5));
        QueuedEvent last = new QueuedEvent(UUID.randomUUID().toString(), delivery.bodyString(),
                Map.of(EventEnvelope.EVENT, delivery.event()), 1);
        long delayed = attribute(config.queue().url(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

        List<String> retry = processor.process(List.of(last), Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(retry).as("a retry on the last receive would let SQS's redrive policy park it without a reason").isEmpty();
        assertThat(attribute(config.queue().url(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("re-sent for after the other attempt's lock").isEqualTo(delayed + 1);
        assertThat(attribute(config.queue().url() + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    }

    private long attribute(String queueUrl, QueueAttributeName name) {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name)).attributes().get(name));
    }
}
