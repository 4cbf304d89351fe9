package dev.clickupsync.queue;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQS carries at most 10 message attributes (ElasticMQ does not enforce it, so this test does): the
 * fullest message ingest makes, deferred and then dead-lettered, must stay within it.
 */
class EventQueueAttributeLimitTest {
    private static EmbeddedAws aws;
    private static SqsClient sqs;
    private static EventQueue queue;

    @BeforeAll
    static void start() {
        aws = EmbeddedAws.start();
        sqs = AwsClients.sqs(aws.sqsEndpoint());
        String url = new Provisioner(null, sqs).ensureQueue(aws.sqs().queueUrl("limits"), 5);
        queue = new EventQueue(sqs, url, Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        sqs.close();
        aws.close();
    }

    @Test
    void theFullestMessageStaysWithinSqsAttributeLimitWhenDeferredAndDeadLettered() {
        // U+FFFE forces body_encoding=base64, and a deployment of several workspaces adds "workspace":
        // all eight ingest attributes.
        byte[] body = "{\"event\":\"taskUpdated\",\"task_id\":\"t\uFFFE\",\"webhook_id\":\"w\"}".getBytes(StandardCharsets.UTF_8);
        EventEnvelope envelope = EventEnvelope.of(body, "taskUpdated", "w", "task", "t", Instant.now()).withWorkspace("acme");
        assertThat(envelope.attributes()).hasSize(8);
        QueuedEvent received = new QueuedEvent("m1", envelope.body(), envelope.attributes(), 1);

        queue.defer(received, Duration.ZERO);
        Map<String, String> deferred = new HashMap<>(envelope.attributes());
        deferred.put(EventQueue.DEFERRALS, "1");
        queue.deadLetter(new QueuedEvent("m2", envelope.body(), deferred, 5), "clickup_server_error");

        List<Message> parked = sqs.receiveMessage(b -> b.queueUrl(queue.deadLetterUrl()).messageAttributeNames("All")
                .waitTimeSeconds(1)).messages();
        assertThat(parked).singleElement().satisfies(m -> {
            assertThat(m.messageAttributes()).hasSizeLessThanOrEqualTo(10)
                    .containsKeys(EventQueue.FAILURE_REASON, EventQueue.FAILURE_DETAIL, EventEnvelope.BODY_ENCODING);
            assertThat(EventEnvelope.decodeBody(m.body(), Map.of(EventEnvelope.BODY_ENCODING, "base64"))).isEqualTo(body);
        });
    }

    @Test
    void refusesToSendMoreAttributesThanSqsCarries() {
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            tooMany.put("a" + i, "v");
        }
        assertThatThrownBy(() -> queue.defer(new QueuedEvent("m3", "{}", tooMany, 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
