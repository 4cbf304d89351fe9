package dev.clickupsync.drain;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.Breakers;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open circuit breaker is a reason to wait, not a failure: the refused call was never sent, so
 * the events are re-sent for after the breaker's delay and cost no receive. Here every message is on
 * its last allowed receive ({@code max-receive-count=1}): counted as a failure, each would land in
 * the DLQ (before this, a ClickUp outage dead-lettered every event the drain saw while the breaker
 * was open). Own profile: the open breaker is lasting state.
 */
@QuarkusTest
@TestProfile(CircuitOpenDeferralTest.OpenBreaker.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CircuitOpenDeferralTest {

    /**
     * Opens after 4 failed attempts and stays open 6 s (ample for the deferral step even on a slow
     * machine); deferred events come back after 1 s.
     */
    public static class OpenBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Breakers.small("6s", Map.of("sync.queue.max-receive-count", "1",
                    "sync.drain.circuit-open-deferral", "1s"));
        }
    }

    @Inject
    DrainProcessor processor;
    @Inject
    ClickUpClient client;
    @Inject
    MirrorStore mirror;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @Test
    void eventsMetByAnOpenBreakerAreDeferredWithoutSpendingAReceiveAndAppliedOnceItCloses() throws Exception {
        // Two new tasks: the mirror has no snapshot, so each event needs GET /task.
        List<WebhookDelivery> deliveries = new ArrayList<>(clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Outage A"));
        deliveries.addAll(clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Outage B"));
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(), EventEnvelope.ENTITY_ID, d.taskId()), 1)).toList();
        List<String> taskIds = deliveries.stream().map(WebhookDelivery::taskId).distinct().toList();
        assertThat(taskIds).hasSize(2);

        Breakers.trip(clickUp, client);
        Instant opened = Instant.now();
        int fetches = clickUp.count("GET", "/task/");
        long deferred = metrics.count("DrainOutcome", "Outcome", "deferred");
        long circuitDeferrals = metrics.count("DrainDeferred", "Reason", "clickup_circuit_open");
        long failed = metrics.count("DrainFailed", "Reason", "clickup_circuit_open");

        List<String> retry = processor.process(messages, Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(retry).as("nothing left for SQS's redelivery, which would spend the last receive").isEmpty();
        assertThat(metrics.count("DrainOutcome", "Outcome", "deferred") - deferred).isEqualTo(messages.size());
        assertThat(metrics.count("DrainDeferred", "Reason", "clickup_circuit_open") - circuitDeferrals)
                .as("once per batch: the first refusal defers the rest without asking").isEqualTo(1);
        assertThat(metrics.count("DrainFailed", "Reason", "clickup_circuit_open")).isEqualTo(failed);
        assertThat(clickUp.count("GET", "/task/")).as("the open breaker sent nothing").isEqualTo(fetches);
        assertThat(attribute(config.queue().url() + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(taskIds).allSatisfy(id -> assertThat(mirror.find(id)).isEmpty());

        // After the breaker's delay the deferred copies come back, each as a first receive, and apply.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), opened.plusMillis(6_200)).toMillis()));
        List<QueuedEvent> again = receive(messages.size(), Duration.ofSeconds(10));
        assertThat(again).hasSize(messages.size()).allSatisfy(e -> assertThat(e.receiveCount()).isEqualTo(1));

        assertThat(processor.process(again, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();

        assertThat(taskIds).allSatisfy(id -> assertThat(mirror.find(id)).isPresent());
        assertThat(attribute(config.queue().url() + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    }

    private List<QueuedEvent> receive(int count, Duration within) {
        List<QueuedEvent> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages()) {
                received.add(QueuedEvent.of(m));
                sqs.deleteMessage(b -> b.queueUrl(config.queue().url()).receiptHandle(m.receiptHandle()));
            }
        }
        return received;
    }

    private long attribute(String queueUrl, QueueAttributeName name) {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name)).attributes().get(name));
    }
}
