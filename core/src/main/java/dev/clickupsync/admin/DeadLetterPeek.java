package dev.clickupsync.admin;

import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists dead-lettered events or commands without taking them: {@code GET /admin/dlq} (the console's DLQ view).
 *
 * <p>SQS has no "peek": the only way to see a message is to receive it. So a call receives up to
 * {@code max} messages with a visibility that outlasts the call (each message is seen once per call,
 * never twice), then releases every one of them (visibility 0), so the next redrive or listing sees
 * them at once. It never deletes. The cost, documented in {@code docs/admin.md}: each listing adds one
 * to every listed message's {@code ApproximateReceiveCount} (harmless in a DLQ, which has no redrive
 * policy of its own) and, while the call runs, hides those messages from a concurrent redrive. A
 * failed release leaves them hidden until the hold ends (logged), never lost.
 *
 * <p>Only attributes the pipeline itself sets are answered ({@link #SHOWN}): event and command names,
 * ids, the failure reason and detail; never the body (task content) and never anything secret.
 * Bounded by {@code max} (at most {@code sync.admin.dlq-list.max-messages}) and the redrive's time
 * budget; a DLQ that answers empty ends the call early ({@code complete}).
 */
@ApplicationScoped
public class DeadLetterPeek {
    private static final Logger LOG = Logger.getLogger(DeadLetterPeek.class);
    /** Message attributes a listing shows, in this order. */
    static final Set<String> SHOWN = new LinkedHashSet<>(List.of(EventQueue.FAILURE_REASON, EventQueue.FAILURE_DETAIL,
            EventEnvelope.EVENT, EventEnvelope.ENTITY_TYPE, EventEnvelope.ENTITY_ID, EventEnvelope.WEBHOOK_ID,
            EventEnvelope.RECEIVED_AT, CommandQueue.COMMAND_ID, CommandQueue.COMMAND_TYPE, EventQueue.DEFERRALS));
    /** How long listed messages stay hidden beyond the time budget, should the release fail. */
    private static final Duration HOLD_MARGIN = Duration.ofSeconds(30);

    /** Which dead-letter queue. */
    public enum Queue {
        EVENTS, COMMANDS;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One dead-lettered message as listed: SQS's id, when it was sent there, how often received, its attributes. */
    public record Entry(String messageId, Instant sentAt, int receiveCount, Map<String, String> attributes) {
    }

    /** What a call saw; {@code complete} when the DLQ answered empty before {@code max} (it holds no more). */
    public record Listing(Queue queue, List<Entry> messages, boolean complete) {
    }

    private final SqsClient sqs;
    private final EventQueue events;
    private final CommandQueue commands;
    private final Duration timeBudget;
    private final Duration receiveWait;
    private final Clock clock;

    @Inject
    public DeadLetterPeek(SqsClient sqs, EventQueue events, CommandQueue commands, AdminConfig config) {
        this(sqs, events, commands, config.redrive().timeBudget(), config.redrive().receiveWait(), Clock.systemUTC());
    }

    DeadLetterPeek(SqsClient sqs, EventQueue events, CommandQueue commands, Duration timeBudget, Duration receiveWait,
                   Clock clock) {
        this.sqs = sqs;
        this.events = events;
        this.commands = commands;
        this.timeBudget = timeBudget;
        this.receiveWait = receiveWait;
        this.clock = clock;
    }

    /** The DLQ's URL, or empty when {@code queue} is the commands queue and none is configured. */
    public Optional<String> url(Queue queue) {
        return queue == Queue.EVENTS ? Optional.of(events.deadLetterUrl())
                : commands.queue().map(EventQueue::deadLetterUrl);
    }

    /**
     * Up to {@code max} messages of the DLQ at {@code url}, all released again before this returns.
     *
     * @throws SdkException when the DLQ cannot be read at all (nothing was received then)
     */
    public Listing peek(Queue queue, String url, int max) {
        Instant deadline = clock.instant().plus(timeBudget);
        int hideSeconds = (int) Math.min(43_200, timeBudget.plus(HOLD_MARGIN).toSeconds());
        int waitSeconds = (int) Math.max(0, Math.min(20, receiveWait.toSeconds()));
        List<Message> held = new ArrayList<>();
        boolean complete = false;
        try {
            while (held.size() < max && clock.instant().isBefore(deadline)) {
                int want = Math.min(10, max - held.size());
                List<Message> batch;
                try {
                    batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(want)
                            .waitTimeSeconds(waitSeconds).visibilityTimeout(hideSeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                            .messageAttributeNames("All")).messages();
                } catch (SdkException e) {
                    if (held.isEmpty()) {
                        throw e;
                    }
                    LOG.warnf("dlq list receive failed queue=%s error=%s; answering what was seen", queue.code(),
                            e.getClass().getSimpleName());
                    break;
                }
                if (batch.isEmpty()) {
                    complete = true;
                    break;
                }
                held.addAll(batch);
            }
        } finally {
            release(queue, url, held);
        }
        return new Listing(queue, held.stream().map(DeadLetterPeek::entry).toList(), complete);
    }

    private static Entry entry(Message message) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String name : SHOWN) {
            MessageAttributeValue value = message.messageAttributes().get(name);
            if (value != null && value.stringValue() != null) {
                shown.put(name, value.stringValue());
            }
        }
        Map<MessageSystemAttributeName, String> system = message.attributes();
        String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String received = system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new Entry(message.messageId(), sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
                received == null ? 0 : Integer.parseInt(received), shown);
    }

    /** Visibility 0 for everything this call received, ten at a time; a failure only delays their return. */
    private void release(Queue queue, String url, List<Message> held) {
        int failed = DeadLetterRelease.release(sqs, url, held);
        if (failed > 0) {
            LOG.warnf("dlq list release failed queue=%s messages=%d; they reappear after the hold", queue.code(), failed);
        }
    }
}
