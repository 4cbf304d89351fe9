package dev.clickupsync.admin;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves dead-lettered events back to the events queue, all of them or those matching a filter.
 *
 * <p>Per message received from the DLQ: if it matches, its body is sent to the events queue
 * verbatim with its attributes minus what dead-lettering added ({@code failure_reason},
 * {@code failure_detail}; {@code body_encoding} and the rest are kept), and only
 * once SQS has accepted that copy is the original deleted from the DLQ. A crash or a failed delete
 * in between leaves both, so an event may be replayed twice but is never lost; the drain's
 * idempotency keys (derived from the body, not the message) make the second application a
 * duplicate that is acknowledged and not reapplied.
 *
 * <p>Messages that do not match stay invisible until the call ends, so one call examines each
 * message once, and are then released (visibility 0) for the next call or the next operator. So are
 * messages dead-lettered after the call began (SQS's {@code SentTimestamp}): a replay this call sent
 * that failed again at once would otherwise come back to it under a new id and be replayed in a loop
 * until {@code max} or the time budget (found by the console's browser test with one receive). A
 * call stops when the DLQ answers empty, or at {@code max} redriven, {@code max-scanned} examined,
 * the time budget, or the first send SQS refuses; the {@link Result} says which.
 */
@ApplicationScoped
public class DeadLetterRedrive {
    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    /** Attributes {@link EventQueue#deadLetter} adds; the replayed message does not carry them. */
    public static final Set<String> DEAD_LETTER_ATTRIBUTES = Set.of(EventQueue.FAILURE_REASON, EventQueue.FAILURE_DETAIL);
    /** Receives and re-sends outlive the time budget by at most this much; examined messages stay hidden that long. */
    private static final Duration HOLD_MARGIN = Duration.ofSeconds(30);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterUrl;
    private final Limits limits;
    private final Metrics metrics;
    private final Clock clock;

    /** Bounds of one call; see {@link AdminConfig.Redrive}. */
    public record Limits(int maxScanned, Duration timeBudget, Duration receiveWait) {
        public Limits {
            if (maxScanned < 1) {
                throw new IllegalArgumentException("maxScanned must be at least 1");
            }
        }
    }

    /**
     * Which dead-lettered messages to redrive; each non-null criterion must equal the message
     * attribute of the same meaning ({@code event}, {@code entity_id}, {@code failure_reason}).
     */
    public record Filter(String event, String entityId, String failureReason) {
        public static final Filter ALL = new Filter(null, null, null);

        public Filter {
            event = blankToNull(event);
            entityId = blankToNull(entityId);
            failureReason = blankToNull(failureReason);
        }

        public boolean matches(Map<String, String> attributes) {
            return matches(event, attributes.get(EventEnvelope.EVENT))
                    && matches(entityId, attributes.get(EventEnvelope.ENTITY_ID))
                    && matches(failureReason, attributes.get(EventQueue.FAILURE_REASON));
        }

        private static boolean matches(String wanted, String actual) {
            return wanted == null || wanted.equals(actual);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** Why a call ended. */
    public enum Stop {
        /** The DLQ answered empty: nothing (more) this call could see. */
        EMPTY,
        MAX_MESSAGES,
        MAX_SCANNED,
        TIME_BUDGET,
        /** SQS refused a copy: that message stays in the DLQ; nothing after it was tried. */
        SEND_FAILED,
        /** The DLQ stopped answering after some messages were handled (when it fails at once, the call throws). */
        RECEIVE_FAILED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What one call did.
     *
     * @param scanned  messages examined (received and compared with the filter)
     * @param redriven copies accepted by the events queue (originals deleted from the DLQ, barring a
     *                 failed delete, which is logged and counted as {@code AdminRedriveDeleteFailed})
     * @param skipped  messages that did not match, or were parked after the call began, released back to the DLQ
     * @param failed   matching messages SQS would not take back; they stay in the DLQ
     * @param stop     why the call ended; only {@link Stop#EMPTY} means "complete"
     */
    public record Result(int scanned, int redriven, int skipped, int failed, Stop stop) {
        public boolean complete() {
            return stop == Stop.EMPTY;
        }
    }

    @Inject
    public DeadLetterRedrive(SqsClient sqs, EventQueue queue, AdminConfig config, Metrics metrics) {
        this(sqs, queue.url(), queue.deadLetterUrl(), new Limits(config.redrive().maxScanned(),
                config.redrive().timeBudget(), config.redrive().receiveWait()), metrics, Clock.systemUTC());
    }

    public DeadLetterRedrive(SqsClient sqs, String queueUrl, String deadLetterUrl, Limits limits, Metrics metrics,
                             Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterUrl = deadLetterUrl;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Redrives up to {@code maxMessages} dead-lettered messages matching {@code filter}.
     *
     * @throws SdkException when the DLQ cannot be read at all (nothing was examined then)
     */
    public Result redrive(Filter filter, int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
        Instant started = clock.instant();
        Instant deadline = started.plus(limits.timeBudget());
        int hideSeconds = (int) Math.min(43_200, limits.timeBudget().plus(HOLD_MARGIN).toSeconds());
        int waitSeconds = (int) Math.max(0, Math.min(20, limits.receiveWait().toSeconds()));
        List<Message> release = new ArrayList<>();
        int scanned = 0;
        int redriven = 0;
        int skipped = 0;
        int failed = 0;
        Stop stop = null;
        try {
            while (stop == null) {
                if (redriven >= maxMessages) {
                    stop = Stop.MAX_MESSAGES;
                    break;
                }
                if (scanned >= limits.maxScanned()) {
                    stop = Stop.MAX_SCANNED;
                    break;
                }
                if (!clock.instant().isBefore(deadline)) {
                    stop = Stop.TIME_BUDGET;
                    break;
                }
                // Never receive more than may still be redriven or examined: nothing is held for nothing.
                int want = Math.min(10, Math.min(maxMessages - redriven, limits.maxScanned() - scanned));
                List<Message> batch;
                try {
                    batch = sqs.receiveMessage(b -> b.queueUrl(deadLetterUrl)
                            .maxNumberOfMessages(want)
                            .waitTimeSeconds(waitSeconds)
                            .visibilityTimeout(hideSeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)
                            .messageAttributeNames("All")).messages();
                } catch (SdkException e) {
                    if (scanned == 0) {
                        throw e;
                    }
                    LOG.warnf("dlq redrive receive failed error=%s; stopping", e.getClass().getSimpleName());
                    stop = Stop.RECEIVE_FAILED;
                    break;
                }
                if (batch.isEmpty()) {
                    stop = Stop.EMPTY;
                    break;
                }
                List<Message> sent = new ArrayList<>();
                for (Message message : batch) {
                    if (stop != null) {
                        release.add(message);
                        continue;
                    }
                    scanned++;
                    if (!filter.matches(strings(message.messageAttributes())) || parkedAfter(message, started)) {
                        skipped++;
                        release.add(message);
                        continue;
                    }
                    try {
                        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                                .messageBody(message.body())
                                .messageAttributes(replayAttributes(message.messageAttributes())));
                        redriven++;
                        sent.add(message);
                    } catch (SdkException e) {
                        failed++;
                        release.add(message);
                        stop = Stop.SEND_FAILED;
                        LOG.warnf("dlq redrive send failed message=%s error=%s", message.messageId(),
                                e.getClass().getSimpleName());
                    }
                }
                delete(sent);
            }
        } finally {
            release(release);
        }
        metrics.record("AdminRedriveScanned", scanned, "Count");
        metrics.record("AdminRedriven", redriven, "Count");
        metrics.record("AdminRedriveSkipped", skipped, "Count");
        if (failed > 0) {
            metrics.record("AdminRedriveFailed", failed, "Count");
        }
        return new Result(scanned, redriven, skipped, failed, stop);
    }

    /** Whether SQS took the message into the DLQ after {@code started} (a replay of this call, parked again). */
    private static boolean parkedAfter(Message message, Instant started) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return sent != null && Instant.ofEpochMilli(Long.parseLong(sent)).isAfter(started);
    }

    /** The message's attributes without those dead-lettering added; data types kept as they were. */
    static Map<String, MessageAttributeValue> replayAttributes(Map<String, MessageAttributeValue> attributes) {
        Map<String, MessageAttributeValue> copy = new HashMap<>(attributes);
        DEAD_LETTER_ATTRIBUTES.forEach(copy::remove);
        return copy;
    }

    private static Map<String, String> strings(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> values = new HashMap<>();
        attributes.forEach((k, v) -> {
            if (v.stringValue() != null) {
                values.put(k, v.stringValue());
            }
        });
        return values;
    }

    /** Deletes originals whose copies SQS accepted. A failure leaves an original to be replayed again, harmlessly. */
    private void delete(List<Message> sent) {
        if (sent.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(sent.get(i).receiptHandle()).build());
        }
        try {
            List<BatchResultErrorEntry> errors = sqs.deleteMessageBatch(b -> b.queueUrl(deadLetterUrl).entries(entries)).failed();
            if (!errors.isEmpty()) {
                deleteFailed(errors.size(), errors.get(0).code());
            }
        } catch (SdkException e) {
            deleteFailed(entries.size(), e.getClass().getSimpleName());
        }
    }

    private void deleteFailed(int count, String error) {
        metrics.record("AdminRedriveDeleteFailed", count, "Count");
        LOG.warnf("dlq redrive delete failed messages=%d error=%s; they stay in the DLQ and a later redrive"
                + " replays them again (the drain acknowledges the replay as a duplicate)", count, error);
    }

    /** Makes the examined-but-not-moved messages visible again at once (else they return after the hold). */
    private void release(List<Message> held) {
        int failed = DeadLetterRelease.release(sqs, deadLetterUrl, held);
        if (failed > 0) {
            LOG.warnf("dlq redrive release failed messages=%d; they reappear after the hold", failed);
        }
    }
}
