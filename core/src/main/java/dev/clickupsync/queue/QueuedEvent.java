package dev.clickupsync.queue;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.HashMap;
import java.util.Map;

/**
 * One queue message as the drain sees it, whoever received it (the Lambda event source mapping or
 * the local poller).
 *
 * @param messageId    SQS message id: what a partial batch failure names
 * @param body         the message body as SQS holds it
 * @param attributes   the string message attributes ingest set
 * @param receiveCount how many times SQS has handed this message out, this time included
 */
public record QueuedEvent(String messageId, String body, Map<String, String> attributes, int receiveCount) {
    public QueuedEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * A message received with the SDK (local poller, tests, bench): its string attributes, and the
     * receive count when it was asked for ({@code ApproximateReceiveCount}), else 1.
     */
    public static QueuedEvent of(Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.messageAttributes().forEach((k, v) -> {
            if (v.stringValue() != null) {
                attributes.put(k, v.stringValue());
            }
        });
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new QueuedEvent(message.messageId(), message.body(), attributes, count == null ? 1 : Integer.parseInt(count));
    }
}
