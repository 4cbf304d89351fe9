package dev.clickupsync.drain;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ClickUp that never answers must not carry a drain batch past its deadline: Lambda would end the
 * invocation, the batch's partial-failure list would be lost, and every message would come back
 * after the visibility timeout one receive closer to the DLQ, where SQS parks it without a reason.
 * Every ClickUp call is bounded by the deadline minus the safety margin; what it cut is deferred.
 *
 * <p>Here one attempt would take the test profile's 2 s call timeout and a call four attempts (8 s);
 * the deadline leaves 3 s for ClickUp, so the hanging call is cut in its first or second attempt.
 * The fake holds the requests for the second and third tasks unanswered until the test releases them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class HangingClickUpDeadlineTest {
    @Inject
    DrainProcessor processor;
    @Inject
    DrainConfig drainConfig;
    @Inject
    MirrorStore mirror;
    @Inject
    EventQueue queue;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;
    @Inject
    ClickUpClient client;

    FakeClickUp clickUp;

    @AfterEach
    void releaseHungRequests() {
        clickUp.faults().clear();
    }

    @Test
    void aHangingClickUpCannotCarryABatchPastItsDeadlineAndEveryMessageIsSettled() {
        // Three new tasks, three groups: without a snapshot each needs GET /task/{id}.
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (String name : List.of("Answers", "Hangs", "Never started")) {
            deliveries.addAll(clickUp.workspace().createTask(DemoWorkspace.LIST_ID, name));
        }
        List<String> taskIds = deliveries.stream().map(WebhookDelivery::taskId).distinct().toList();
        assertThat(taskIds).hasSize(3);
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(), EventEnvelope.ENTITY_ID, d.taskId()), 1)).toList();
        Set<String> notApplied = deliveries.stream().filter(d -> !d.taskId().equals(taskIds.get(0)))
                .map(WebhookDelivery::bodyString).collect(Collectors.toSet());
        client.task(DemoWorkspace.TASK_LOGIN_BUG); // warm: the first connection is not what this test times
        clickUp.faults().hangNext(100, "/task/(" + taskIds.get(1) + "|" + taskIds.get(2) + ")");
        int journal = clickUp.requests().size();
        Map<String, Long> before = metrics.snapshot();
        Instant deadline = Instant.now().plus(drainConfig.safetyMargin()).plusMillis(3_000);
        Instant clickUpDeadline = deadline.minus(drainConfig.safetyMargin());

        List<String> retry = processor.process(messages, deadline);

        Instant returned = Instant.now();
        assertThat(returned).as("the batch answered before the invocation's deadline").isBefore(deadline);
        assertThat(retry).as("nothing left for SQS's redelivery: every message is settled").isEmpty();
        assertThat(delta(before, "DrainOutcome{Outcome=applied}")).isEqualTo(messages.size() - notApplied.size());
        assertThat(delta(before, "DrainOutcome{Outcome=deferred}")).isEqualTo(notApplied.size());
        assertThat(delta(before, "DrainDeferred{Reason=out_of_time}")).as("once, for the cut call").isEqualTo(1);
        assertThat(delta(before, "ClickUpOutOfTime{Endpoint=GET /task/{id}}")).isEqualTo(1);
        List<RecordedRequest> sent = clickUp.requests().subList(journal, clickUp.requests().size());
        assertThat(sent).as("the first task's fetch, then the hanging one's attempts").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(r.path()).doesNotContain(taskIds.get(2)))
                .allSatisfy(r -> assertThat(r.time()).as("no attempt or retry started after the deadline")
                        .isBefore(clickUpDeadline));
        assertThat(mirror.find(taskIds.get(0))).isPresent();
        assertThat(mirror.find(taskIds.get(1))).isEmpty();

        // The deferred events are back in the queue at once (a deferral costs no receive), none in the DLQ.
        assertThat(receiveBodies(notApplied.size())).containsExactlyInAnyOrderElementsOf(notApplied);
        assertThat(Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queue.deadLetterUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))).isZero();
    }

    private long delta(Map<String, Long> before, String counter) {
        return metrics.snapshot().getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
    }

    /** Receives (and deletes) up to {@code count} messages, so no other test of this application meets them. */
    private List<String> receiveBodies(int count) {
        List<String> bodies = new ArrayList<>();
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (bodies.size() < count && Instant.now().isBefore(until)) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(config.queue().url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(config.queue().url()).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }
}
