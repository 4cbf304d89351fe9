package dev.clickupsync.store;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A batch call DynamoDB kept handing back in part ({@code UnprocessedKeys}/{@code UnprocessedItems},
 * which it does when a partition is throttled) after {@link Batches}' bounded rounds of back-off.
 *
 * <p>Why an {@link software.amazon.awssdk.core.exception.SdkException}: it is the same condition as a
 * throttled {@code GetItem} (the table is busy, not wrong), so it takes the same paths: the read API
 * answers it {@code 503 mirror-unavailable} with {@code Retry-After} ({@code read/MirrorUnavailable}),
 * the admin API {@code 503 aws-unavailable}, and a drain leaves the message to SQS's redelivery. A
 * plain {@code IllegalStateException} reached clients as the framework's bare {@code 500}.
 */
public final class BatchUnfinishedException extends SdkClientException {
    private BatchUnfinishedException(Builder builder) {
        super(builder);
    }

    static BatchUnfinishedException of(String message) {
        return new BatchUnfinishedException(SdkClientException.builder().message(message));
    }
}
