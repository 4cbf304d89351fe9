package dev.clickupsync.queue;

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
}
