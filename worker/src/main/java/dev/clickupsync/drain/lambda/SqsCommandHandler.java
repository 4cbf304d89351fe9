package dev.clickupsync.drain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.clickupsync.command.CommandProcessor;
import dev.clickupsync.queue.QueuedEvent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.List;

/**
 * The commands Lambda ({@code QUARKUS_LAMBDA_HANDLER=commands}, its own event source mapping on the
 * commands queue): adapts an SQS batch to {@link CommandProcessor} and answers with the messages to
 * retry ({@code ReportBatchItemFailures}), exactly as {@link SqsDrainHandler} does for events.
 */
@Named("commands")
public class SqsCommandHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    CommandProcessor processor;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = Instant.now().plusMillis(SqsDrainHandler.remainingMillis(context));
        List<QueuedEvent> messages = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(SqsDrainHandler::toQueuedEvent).toList();
        List<String> failed = processor.process(messages, deadline);
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
