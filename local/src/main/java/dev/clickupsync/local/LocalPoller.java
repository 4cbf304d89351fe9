package dev.clickupsync.local;

import dev.clickupsync.command.CommandProcessor;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.infra.SyncConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Drains the events queue in-process the way Lambda's SQS event source mapping would: at most
 * {@code concurrency} batches in flight, each handed to {@link DrainProcessor}; the messages it
 * reports as failed are left alone (they reappear after the visibility timeout and, after
 * {@code maxReceiveCount} receives, move to the DLQ), the rest are deleted. The commands queue, when
 * configured, gets one poller of its own handing batches to {@link CommandProcessor} (the commands
 * function's twin), so commands never wait behind a storm of events.
 */
@ApplicationScoped
public class LocalPoller {
    private static final Logger LOG = Logger.getLogger(LocalPoller.class);

    @Inject
    SqsClient sqs;
    @Inject
    DrainProcessor processor;
    @Inject
    CommandProcessor commands;
    @Inject
    SyncConfig sync;
    @Inject
    LocalConfig config;

    private volatile boolean running;
    private ExecutorService pollers;

    void start(@Observes @Priority(10) StartupEvent event) {
        if (!config.poller().enabled()) {
            return;
        }
        running = true;
        int concurrency = config.poller().concurrency();
        Optional<String> commandsUrl = sync.commands().queue().url().filter(url -> !url.isBlank());
        pollers = Executors.newFixedThreadPool(concurrency + (commandsUrl.isPresent() ? 1 : 0), r -> {
            Thread thread = new Thread(r, "local-drain-poller");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < concurrency; i++) {
            pollers.submit(() -> pollLoop(sync.queue().url(), processor::process));
        }
        commandsUrl.ifPresent(url -> pollers.submit(() -> pollLoop(url, commands::process)));
        LOG.infof("local drain started concurrency=%d batch=%d", concurrency, config.poller().batchSize());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (pollers != null) {
            pollers.shutdown();
            pollers.awaitTermination(config.poller().waitTime().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        }
    }

    private void pollLoop(String queueUrl, BiFunction<List<QueuedEvent>, Instant, List<String>> batchProcessor) {
        while (running) {
            try {
                pollOnce(queueUrl, batchProcessor);
            } catch (SdkException e) {
                LOG.warnf("local drain poll failed error=%s; retrying", e.getClass().getSimpleName());
                sleep(1_000);
            } catch (RuntimeException e) {
                LOG.errorf(e, "local drain batch failed");
                sleep(1_000);
            }
        }
    }

    void pollOnce(String queueUrl, BiFunction<List<QueuedEvent>, Instant, List<String>> batchProcessor) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(config.poller().batchSize())
                .waitTimeSeconds((int) config.poller().waitTime().toSeconds())
                .visibilityTimeout((int) config.poller().batchTimeout().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return;
        }
        List<QueuedEvent> events = new ArrayList<>();
        Map<String, String> receipts = new HashMap<>();
        for (Message message : messages) {
            events.add(QueuedEvent.of(message));
            receipts.put(message.messageId(), message.receiptHandle());
        }
        Set<String> failed = new HashSet<>(batchProcessor.apply(events,
                Instant.now().plus(config.poller().batchTimeout())));
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        receipts.forEach((id, receipt) -> {
            if (!failed.contains(id)) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(id).receiptHandle(receipt).build());
            }
        });
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
