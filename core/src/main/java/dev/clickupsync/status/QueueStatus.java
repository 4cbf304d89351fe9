package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.json.Json;
import dev.clickupsync.queue.EventQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code queues} section: one {@code GetQueueAttributes} per queue (events, its DLQ, and the
 * commands queue and its DLQ when commands are configured), each its own sub-section so one missing
 * or refused queue does not hide the others.
 *
 * <p>The age of the oldest message is not a queue attribute in SQS's API: it is CloudWatch's
 * {@code ApproximateAgeOfOldestMessage} metric ({@code oldest_age_source}), read by {@link QueueAge}
 * (one {@code GetMetricData} per queue a minute at most; peeking at a message would count as a
 * receive). Where it cannot be read, {@code oldest_age_seconds} is null and
 * {@code oldest_age_reason} says why ({@code cloudwatch_off} in the local run).
 */
@ApplicationScoped
public class QueueStatus {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final String OLDEST_AGE_SOURCE = "cloudwatch:AWS/SQS ApproximateAgeOfOldestMessage";

    private final SqsClient sqs;
    private final EventQueue events;
    private final Optional<EventQueue> commands;
    private final QueueAge age;

    /** The queues' URLs (and their dead-letter queues') as the queues themselves resolve them. */
    @Inject
    public QueueStatus(SqsClient sqs, EventQueue events, CommandQueue commands, QueueAge age) {
        this.sqs = sqs;
        this.events = events;
        this.commands = commands.queue();
        this.age = age;
    }

    JsonNode report(StatusReport.Sections sections) {
        ObjectNode queues = Json.MAPPER.createObjectNode();
        queues.set("events", sections.section("queues.events", () -> depth(events.url(), true)));
        queues.set("events_dlq", sections.section("queues.events_dlq", () -> depth(events.deadLetterUrl(), false)));
        if (commands.isPresent()) {
            EventQueue queue = commands.get();
            queues.set("commands", sections.section("queues.commands", () -> depth(queue.url(), true)));
            queues.set("commands_dlq", sections.section("queues.commands_dlq", () -> depth(queue.deadLetterUrl(), false)));
        } else {
            queues.putNull("commands");
            queues.putNull("commands_dlq");
        }
        return queues;
    }

    private JsonNode depth(String url, boolean withAge) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))).attributes();
        ObjectNode queue = Json.MAPPER.createObjectNode();
        String name = url.substring(url.lastIndexOf('/') + 1);
        queue.put("name", name);
        queue.put("visible", number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        queue.put("in_flight", number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        queue.put("delayed", number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        if (withAge) {
            QueueAge.Reading oldest = age.oldest(name);
            if (oldest.seconds() == null) {
                queue.putNull("oldest_age_seconds");
                queue.put("oldest_age_reason", oldest.reason());
            } else {
                queue.put("oldest_age_seconds", oldest.seconds());
            }
            queue.put("oldest_age_source", OLDEST_AGE_SOURCE);
        }
        return queue;
    }

    private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
