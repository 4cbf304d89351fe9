package dev.clickupsync.drain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.queue.QueuedEvent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The drain Lambda ({@code QUARKUS_LAMBDA_HANDLER=drain}): adapts an SQS batch to
 * {@link DrainProcessor} and answers with the messages to retry ({@code ReportBatchItemFailures}),
 * so one bad message never makes SQS redeliver the whole batch.
 */
@Named("drain")
public class SqsDrainHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final long MAX_LAMBDA_TIMEOUT_MS = 900_000;

    @Inject
    DrainProcessor processor;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = Instant.now().plusMillis(remainingMillis(context));
        List<QueuedEvent> events = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(SqsDrainHandler::toQueuedEvent).toList();
        List<String> failed = processor.process(events, deadline);
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    /**
     * The invocation's remaining time. A runtime that sends no deadline (Quarkus's mock event server,
     * some emulators) yields a meaningless value; such a runtime has no Lambda timeout either, so
     * the longest Lambda timeout stands in.
     */
    static long remainingMillis(Context context) {
        long remaining = context == null ? -1 : context.getRemainingTimeInMillis();
        return remaining > 0 && remaining <= MAX_LAMBDA_TIMEOUT_MS ? remaining : MAX_LAMBDA_TIMEOUT_MS;
    }

    static QueuedEvent toQueuedEvent(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        int receiveCount = 1;
        if (message.getAttributes() != null && message.getAttributes().get("ApproximateReceiveCount") != null) {
            receiveCount = Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
        }
        return new QueuedEvent(message.getMessageId(), message.getBody(), attributes, receiveCount);
    }
}
