package dev.clickupsync.digest;

import dev.clickupsync.command.Command;
import dev.clickupsync.command.CommandProcessor;
import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.command.CommandSubmitter;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.queue.QueuedEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real command path, observed: every submission is recorded, handed to the production
 * {@link CommandQueue} (the commands queue on ElasticMQ), and the queue is then drained through the
 * production {@link CommandProcessor} (what the {@code commands} Lambda runs), which posts the comment
 * to the fake ClickUp and records the outcome per {@code command_id}. So "once per day" in these
 * tests rests on the same idempotency as in production, not on this class.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingCommandSubmitter implements CommandSubmitter {
    private final List<Command> submitted = new ArrayList<>();

    @Inject
    CommandQueue queue;
    @Inject
    CommandProcessor processor;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig sync;

    @Override
    public synchronized String submit(Command command) {
        submitted.add(command);
        String messageId = queue.submit(command);
        drainCommandsQueue();
        return messageId;
    }

    /** Receives until the commands queue is empty, as the commands function's event source would. */
    private void drainCommandsQueue() {
        String url = sync.commands().queue().url().orElseThrow();
        for (int round = 0; round < 10; round++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            if (messages.isEmpty()) {
                return;
            }
            List<QueuedEvent> batch = messages.stream().map(QueuedEvent::of).toList();
            List<String> failed = processor.process(batch, Instant.now().plus(Duration.ofSeconds(30)));
            for (Message m : messages) {
                if (!failed.contains(m.messageId())) {
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }

    /** Every command submitted so far, in order (repeats included). */
    public synchronized List<Command> submitted() {
        return List.copyOf(submitted);
    }

    public synchronized void clear() {
        submitted.clear();
    }
}
