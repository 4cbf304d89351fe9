package dev.clickupsync.admin;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes messages a call received but did not take visible again at once (visibility 0, ten per
 * {@code ChangeMessageVisibilityBatch}), for the DLQ listing and the redrive alike. A failed release
 * only delays their return until their hold ends, so it is reported, never thrown.
 */
final class DeadLetterRelease {
    private DeadLetterRelease() {
    }

    /** Releases {@code held}; answers how many could not be released (their batches failed). */
    static int release(SqsClient sqs, String queueUrl, List<Message> held) {
        int failed = 0;
        for (int from = 0; from < held.size(); from += 10) {
            List<Message> chunk = held.subList(from, Math.min(held.size(), from + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                failed += entries.size();
            }
        }
        return failed;
    }
}
