package dev.clickupsync.queue;

import dev.clickupsync.infra.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The events queue between ingest and drain. */
@ApplicationScoped
public class EventQueue {
    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration sendTimeout;

    @Inject
    public EventQueue(SqsClient sqs, SyncConfig config) {
        this(sqs, config.queue().url(), config.queue().sendTimeout());
    }

    public EventQueue(SqsClient sqs, String queueUrl, Duration sendTimeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.sendTimeout = sendTimeout;
    }

    /**
     * Sends one message and returns its SQS message id once SQS has stored it.
     *
     * @throws SdkException when SQS is unreachable, refuses, or does not answer within the send timeout
     */
    public String send(EventEnvelope envelope) {
        Map<String, MessageAttributeValue> attrs = new HashMap<>();
        envelope.attributes().forEach((k, v) ->
                attrs.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        return sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(envelope.body())
                .messageAttributes(attrs)
                .overrideConfiguration(o -> o.apiCallTimeout(sendTimeout))).messageId();
    }

    /** Readiness: the queue exists and answers. Returns its approximate depth. */
    public long approximateDepth() {
        String depth = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        .overrideConfiguration(o -> o.apiCallTimeout(sendTimeout)))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return depth == null ? 0 : Long.parseLong(depth);
    }

    public String url() {
        return queueUrl;
    }
}
