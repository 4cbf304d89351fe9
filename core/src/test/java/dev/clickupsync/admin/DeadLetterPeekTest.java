package dev.clickupsync.admin;

import dev.clickupsync.admin.DeadLetterPeek.Entry;
import dev.clickupsync.admin.DeadLetterPeek.Listing;
import dev.clickupsync.admin.DeadLetterPeek.Queue;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Listing a dead-letter queue on ElasticMQ: every message seen is released at once and none is
 * deleted (a second listing sees the same ones, one receive more each), {@code max} bounds a call,
 * only the pipeline's own attributes are shown, and a DLQ that cannot be read fails the call.
 */
class DeadLetterPeekTest {
    private static EmbeddedAws aws;
    private static SqsClient sqs;
    private static DynamoDbClient dynamo;

    private EventQueue queue;

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
        String url = new Provisioner(dynamo, sqs).ensureQueue(aws.sqs().queueUrl("peek-" + UUID.randomUUID()), 5);
        queue = new EventQueue(sqs, url, Duration.ofSeconds(3));
    }

    @Test
    void listsEachReasonReleasesEverythingAndDeletesNothing() {
        park("taskUpdated", "task-1", "clickup_server_error");
        park("taskCreated", "task-2", "malformed_payload");

        Listing first = peek().peek(Queue.EVENTS, queue.deadLetterUrl(), 10);

        assertThat(first.complete()).isTrue();
        assertThat(first.messages()).extracting(e -> e.attributes().get("failure_reason"))
                .containsExactlyInAnyOrder("clickup_server_error", "malformed_payload");
        Entry one = first.messages().stream().filter(e -> "task-1".equals(e.attributes().get("entity_id"))).findFirst()
                .orElseThrow();
        assertThat(one.attributes()).containsEntry("event", "taskUpdated").containsKey("failure_detail")
                .doesNotContainKey(EventEnvelope.BODY_SHA256);
        assertThat(one.sentAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(one.receiveCount()).isEqualTo(1);

        Listing second = peek().peek(Queue.EVENTS, queue.deadLetterUrl(), 10);
        assertThat(second.messages()).extracting(Entry::messageId)
                .containsExactlyInAnyOrderElementsOf(first.messages().stream().map(Entry::messageId).toList());
        assertThat(second.messages()).allSatisfy(e -> assertThat(e.receiveCount()).isEqualTo(2));
        assertThat(visibleNow(queue.deadLetterUrl())).as("released: visible at once, not after the hold").hasSize(2);
    }

    @Test
    void maxBoundsOneCallAndTheRestStayUntouched() {
        for (int i = 0; i < 12; i++) {
            park("taskUpdated", "task-" + i, "internal");
        }

        Listing listing = peek().peek(Queue.EVENTS, queue.deadLetterUrl(), 5);

        assertThat(listing.messages()).hasSize(5);
        assertThat(listing.complete()).as("stopped by max, not by an empty answer").isFalse();
        assertThat(visibleNow(queue.deadLetterUrl())).hasSize(12);
    }

    @Test
    void anEmptyDlqIsCompleteAndEmpty() {
        Listing listing = peek().peek(Queue.EVENTS, queue.deadLetterUrl(), 10);

        assertThat(listing.messages()).isEmpty();
        assertThat(listing.complete()).isTrue();
    }

    @Test
    void aDlqThatCannotBeReadFailsTheCall() {
        String missing = aws.sqs().queueUrl("peek-missing-" + UUID.randomUUID());

        assertThatThrownBy(() -> peek().peek(Queue.EVENTS, missing, 10)).isInstanceOf(SdkException.class);
    }

    @Test
    void theEventsDlqIsTheEventQueuesOwn() {
        assertThat(peek().url(Queue.EVENTS)).contains(queue.deadLetterUrl());
    }

    private DeadLetterPeek peek() {
        return new DeadLetterPeek(sqs, queue, null, Duration.ofSeconds(10), Duration.ZERO, Clock.systemUTC());
    }

    private void park(String event, String entityId, String reason) {
        byte[] body = ("{\"event\":\"" + event + "\",\"task_id\":\"" + entityId + "\",\"webhook_id\":\"wh-1\"}")
                .getBytes(StandardCharsets.UTF_8);
        EventEnvelope envelope = EventEnvelope.of(body, event, "wh-1", "task", entityId, Instant.now());
        queue.deadLetter(new QueuedEvent(UUID.randomUUID().toString(), envelope.body(), envelope.attributes(), 5), reason);
    }

    /** Everything visible now, received with a 1 s hold and released again (ElasticMQ answers at once). */
    private static List<Message> visibleNow(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(1))
                    .messages();
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        all.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())
                .visibilityTimeout(0)));
        return all;
    }
}
