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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code queues} section: one {@code GetQueueAttributes} per queue (events, its DLQ, and the
 * commands queue and its DLQ when commands are configured), each its own sub-section so one missing
 * or refused queue does not hide the others.
 *
 * <p>The age of the oldest message is not a queue attribute in SQS's API: it is CloudWatch's
 * {@code ApproximateAgeOfOldestMessage} metric ({@code oldest_age_source}), read by {@link QueueAge}
 * for every queue shown, dead-letter queues included, in one {@code GetMetricData} a minute at most
 * (peeking at a message would count as a receive). Where it cannot be read,
 * {@code oldest_age_seconds} is null and {@code oldest_age_reason} says why ({@code cloudwatch_off}
 * in the local run).
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
        List<String> urls = new ArrayList<>(List.of(events.url(), events.deadLetterUrl()));
        commands.ifPresent(queue -> urls.addAll(List.of(queue.url(), queue.deadLetterUrl())));
        // One CloudWatch call for all of them (or none: kept, or off); it never throws.
        Map<String, QueueAge.Reading> ages = age.oldest(urls.stream().map(QueueStatus::name).toList());
        ObjectNode queues = Json.MAPPER.createObjectNode();
        queues.set("events", sections.section("queues.events", () -> depth(events.url(), ages)));
        queues.set("events_dlq", sections.section("queues.events_dlq", () -> depth(events.deadLetterUrl(), ages)));
        if (commands.isPresent()) {
            EventQueue queue = commands.get();
            queues.set("commands", sections.section("queues.commands", () -> depth(queue.url(), ages)));
            queues.set("commands_dlq", sections.section("queues.commands_dlq", () -> depth(queue.deadLetterUrl(), ages)));
        } else {
            queues.putNull("commands");
            queues.putNull("commands_dlq");
        }
        return queues;
    }

    private JsonNode depth(String url, Map<String, QueueAge.Reading> ages) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))).attributes();
        ObjectNode queue = Json.MAPPER.createObjectNode();
        String name = name(url);
        queue.put("name", name);
        queue.put("visible", number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        queue.put("in_flight", number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        queue.put("delayed", number(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        QueueAge.Reading oldest = ages.get(name);
        if (oldest.seconds() == null) {
            queue.putNull("oldest_age_seconds");
            queue.put("oldest_age_reason", oldest.reason());
        } else {
            queue.put("oldest_age_seconds", oldest.seconds());
        }
        queue.put("oldest_age_source", OLDEST_AGE_SOURCE);
        return queue;
    }

    /** A queue's name: the last part of its URL (what CloudWatch's {@code QueueName} dimension holds). */
    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
