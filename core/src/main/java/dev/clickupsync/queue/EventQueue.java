package dev.clickupsync.queue;

import dev.clickupsync.infra.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The events queue between ingest and drain, and its dead-letter queue.
 *
 * <p>Besides sending, it is how the drain moves a message on without SQS counting a failure:
 * {@link #defer} re-sends it with a delay (a fresh message, so the deferral does not count toward
 * {@code maxReceiveCount}), {@link #deadLetter} parks it in the DLQ with the reason attached.
 * In both cases the caller then acknowledges the original.
 */
@ApplicationScoped
public class EventQueue {
    /** SQS's longest message delay. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    public static final String DEFERRALS = "deferrals";
    public static final String FAILURE_REASON = "failure_reason";
    /** When and after how many receives a message was dead-lettered ({@code failed_at=...; receives=N}). */
    public static final String FAILURE_DETAIL = "failure_detail";
    /**
     * SQS allows at most 10 message attributes. Ingest sets up to 8 (with several workspaces); a deferral adds one; dead-lettering
     * drops that one and adds two. Keep it so when adding attributes anywhere.
     */
    static final int SQS_MAX_ATTRIBUTES = 10;
    /** Every attribute travels as a String (SQS counts the type's name toward the message size). */
    private static final String DATA_TYPE = "String";

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterUrl;
    private final Duration sendTimeout;

    @Inject
    public EventQueue(SqsClient sqs, SyncConfig config) {
        this(sqs, config.queue().url(), config.queue().deadLetterUrl().orElse(config.queue().url() + "-dlq"),
                config.queue().sendTimeout());
    }

    public EventQueue(SqsClient sqs, String queueUrl, Duration sendTimeout) {
        this(sqs, queueUrl, queueUrl + "-dlq", sendTimeout);
    }

    public EventQueue(SqsClient sqs, String queueUrl, String deadLetterUrl, Duration sendTimeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Sends one message and returns its SQS message id once SQS has stored it.
     *
     * @throws SdkException when SQS is unreachable, refuses, or does not answer within the send timeout
     */
    public String send(EventEnvelope envelope) {
        return send(queueUrl, envelope.body(), envelope.attributes(), Duration.ZERO);
    }

    /** Re-sends {@code event} to arrive again after {@code delay} (capped at 15 min), one deferral more. */
    public String defer(QueuedEvent event, Duration delay) {
        return defer(event, delay, Map.of());
    }

    /**
     * {@link #defer(QueuedEvent, Duration)} with {@code extra} attributes added (replacing any of the
     * same name): what the copy's next delivery must know that the body does not say.
     */
    public String defer(QueuedEvent event, Duration delay, Map<String, String> extra) {
        Map<String, String> attrs = new HashMap<>(event.attributes());
        attrs.putAll(extra);
        int deferrals = Integer.parseInt(attrs.getOrDefault(DEFERRALS, "0"));
        attrs.put(DEFERRALS, Integer.toString(deferrals + 1));
        Duration capped = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.isNegative() ? Duration.ZERO : delay;
        return send(queueUrl, event.body(), attrs, capped);
    }

    /**
     * The rule for a message whose key (an event's idempotency key, a command's record) another
     * execution holds: it waits for that execution. Before its last receive, SQS's own redelivery is
     * the wait: returns false, and the caller reports the message for retry. On its last receive that
     * redelivery would move it to the DLQ with no reason, so it is re-sent for after the holder's lock
     * instead, without spending a receive: returns true, and the caller acknowledges it. A re-send that
     * fails also returns false (SQS's redrive stays the backstop).
     *
     * @param untilFree how long the holder's lock may still run
     */
    public boolean awaitHolder(QueuedEvent event, int maxReceiveCount, Duration untilFree) {
        if (event.receiveCount() < maxReceiveCount) {
            return false;
        }
        try {
            defer(event, untilFree);
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** Parks {@code event} in the dead-letter queue with why it failed. */
    public String deadLetter(QueuedEvent event, String reason) {
        Map<String, String> attrs = new HashMap<>(event.attributes());
        attrs.remove(DEFERRALS);
        attrs.put(FAILURE_REASON, reason);
        attrs.put(FAILURE_DETAIL, "failed_at=" + Instant.now() + "; receives=" + event.receiveCount());
        return send(deadLetterUrl, event.body(), attrs, Duration.ZERO);
    }

    /**
     * The size SQS counts against a queue's {@code MaximumMessageSize} for this message as {@link #send}
     * sends it: the body's UTF-8 bytes plus, per attribute, the UTF-8 bytes of its name, its data type
     * ({@code String}) and its value.
     */
    public static long messageSize(EventEnvelope envelope) {
        long size = utf8Length(envelope.body());
        for (Map.Entry<String, String> attribute : envelope.attributes().entrySet()) {
            size += utf8Length(attribute.getKey()) + utf8Length(DATA_TYPE) + utf8Length(attribute.getValue());
        }
        return size;
    }

    private static long utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private String send(String url, String body, Map<String, String> attributes, Duration delay) {
        if (attributes.size() > SQS_MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("SQS carries at most 10 message attributes, not " + attributes.size());
        }
        Map<String, MessageAttributeValue> attrs = new HashMap<>();
        attributes.forEach((k, v) ->
                attrs.put(k, MessageAttributeValue.builder().dataType(DATA_TYPE).stringValue(v).build()));
        return sqs.sendMessage(b -> b.queueUrl(url)
                .messageBody(body)
                .messageAttributes(attrs)
                .delaySeconds((int) Math.min(MAX_DELAY.toSeconds(), (delay.toMillis() + 999) / 1000))
                .overrideConfiguration(o -> o.apiCallTimeout(sendTimeout))).messageId();
    }

    /** Readiness: the queue exists and answers. Returns its approximate depth. */
    public long approximateDepth() {
        return depth(queueUrl);
    }

    /** Messages waiting in the dead-letter queue (for operators and tests). */
    public long deadLetterDepth() {
        return depth(deadLetterUrl);
    }

    private long depth(String url) {
        String depth = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        .overrideConfiguration(o -> o.apiCallTimeout(sendTimeout)))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return depth == null ? 0 : Long.parseLong(depth);
    }

    public String url() {
        return queueUrl;
    }

    public String deadLetterUrl() {
        return deadLetterUrl;
    }
}
