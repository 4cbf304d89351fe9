package dev.clickupsync.drain.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The AWS event classes the drain reads and writes with Jackson. A native image only keeps the
 * reflection metadata it is told about, so they are registered here rather than discovered.
 */
@RegisterForReflection(targets = {
        SQSEvent.class, SQSEvent.SQSMessage.class, SQSEvent.MessageAttribute.class,
        SQSBatchResponse.class, SQSBatchResponse.BatchItemFailure.class})
public final class LambdaEventReflection {
    private LambdaEventReflection() {
    }
}
