package dev.clickupsync.bench;

import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.drain.ExpansionPolicy;
import dev.clickupsync.drain.TaskExpander;
import dev.clickupsync.idempotency.IdempotencyKey;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The production path of one chaos run, from the HTTP endpoint every workspace's ClickUp posts to down to the mirror,
 * built from the application's real beans: {@link ChaosEndpoint} (API Gateway's part, in front of the
 * real {@code WebhookIngestor}, which enqueues on ElasticMQ), then {@link #POLLERS} drain "instances" doing what Lambda's SQS event source mapping
 * does: receive up to 10 messages with a visibility timeout, call the real {@link DrainProcessor}
 * with the invocation's deadline, delete what it did not report as failed.
 *
 * <p><b>Crash model.</b> With probability {@code crashShare} a batch's instance dies after applying
 * 1 to 3 of its tasks: {@link InstanceCrash} (an {@link Error}, so no {@code catch (RuntimeException)}
 * in the drain can settle anything) is thrown right after {@code TaskExpander.apply} returned, before
 * the drain completes the idempotency keys. That is the worst point: the mirror has the change, the
 * keys of this task and of the batch's later tasks stay {@code IN_PROGRESS} until their lock (the
 * invocation's time left minus the safety margin) expires, and nothing of the batch is deleted, so
 * SQS hands every message out again after the visibility timeout, with its receive count raised.
 * The visibility timeout is at least the invocation timeout, as AWS requires of an event source
 * mapping, so a redelivered message finds the dead instance's locks expired.
 *
 * <p><b>Lambda's timeout.</b> An invocation that returns after its deadline has lost its batch
 * response: Lambda ended it, so the event source mapping deletes nothing and every message of the
 * batch comes back after the visibility timeout, one receive further (counted as {@link #overran()}).
 * A crash is not injected into a batch holding a message on its last allowed receive: SQS's redrive
 * would park it without a reason by design (the backstop for dead instances), which would hide what
 * the run checks, that the drain itself never leaves an event there without one.
 *
 * <p>The stores are the real ones, observed: {@code IdempotencyStore} counts per key how often a
 * claim was won and how often a completion succeeded (the audit's "applied twice").
 */
final class ChaosPipeline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChaosPipeline.class);
    /** Above AWS's minimum concurrency of 2, so batches touching the same task often overlap. */
    static final int POLLERS = 4;
    static final int BATCH = 10;
    /** The drain function's timeout (time-scaled: Lambda's would be a minute or more). */
    static final Duration INVOCATION = Duration.ofSeconds(2);
    /** The event source mapping's visibility timeout: not shorter than the function timeout. */
    static final int VISIBILITY_SECONDS = 2;
    /** {@code sync.drain.safety-margin} on the same time scale. */
    static final Duration SAFETY_MARGIN = Duration.ofMillis(500);

    /** One drain instance dying mid-batch. */
    static final class InstanceCrash extends Error {
        InstanceCrash() {
            super("injected crash of a drain instance", null, false, false);
        }
    }

    private final ChaosBench.Parts parts;
    private final String queueUrl;
    private final DrainProcessor processor;
    private final ChaosEndpoint endpoint;
    private final ExecutorService pollers;
    private final Random crashRandom;
    private final double crashShare;
    private final ThreadLocal<int[]> appliesBeforeCrash = new ThreadLocal<>();
    private final Map<String, AtomicInteger> claimsWon = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    /** Per-delivery key to the event's body key: how a list, folder or space event's completion is found. */
    private final Map<String, String> eventKeys = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger crashes = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger overran = new AtomicInteger();
    private volatile boolean running = true;

    ChaosPipeline(ChaosBench.Parts parts, double crashShare, long seed) throws IOException {
        this.parts = parts;
        this.queueUrl = parts.queue().url();
        this.crashShare = crashShare;
        this.crashRandom = new Random(seed);
        // With the workspaces' clients: each event's calls go through its own workspace's token (no goal events here).
        this.processor = new DrainProcessor(expander(parts), parts.hierarchy(), null, idempotency(parts), parts.queue(),
                parts.outbound(), parts.metrics(), parts.idempotencyConfig(), drainConfig(parts.drainConfig()), parts.sync(),
                parts.clients());
        this.endpoint = new ChaosEndpoint(parts.ingestor());
        pollers = Executors.newFixedThreadPool(POLLERS, daemon("chaos-drain"));
        for (int i = 0; i < POLLERS; i++) {
            pollers.submit(this::pollLoop);
        }
    }

    URI endpointUri() {
        return endpoint.uri();
    }

    int crashes() {
        return crashes.get();
    }

    int batches() {
        return batches.get();
    }

    /** Invocations that returned after their deadline, so their batch response was lost. */
    int overran() {
        return overran.get();
    }

    /** How often each idempotency key's completion succeeded (an event recorded as applied). */
    Map<String, AtomicInteger> completions() {
        return completions;
    }

    /**
     * The event key (the audit's, {@link ChaosAudit#key}) a completed idempotency key belongs to: itself,
     * or for a list, folder or space event, which the drain keys per delivery
     * ({@code HierarchyEvents.deliveryKey}), the body's key.
     */
    String eventKey(String idempotencyKey) {
        return eventKeys.getOrDefault(idempotencyKey, idempotencyKey);
    }

    /** Whether the event with this key ({@link ChaosAudit#key}) has been applied (one of its keys completed). */
    boolean applied(String eventKey) {
        return completions.keySet().stream().anyMatch(k -> eventKey.equals(eventKey(k)));
    }

    /** Keys claimed more than once: events taken up again after a crash, a failure or a deferral. */
    long reclaimed() {
        return claimsWon.values().stream().filter(c -> c.get() > 1).count();
    }

    /** Waits until the queue is empty (nothing visible, in flight or delayed) and no batch runs. */
    boolean awaitQuiet(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            quietChecks = busy.get() == 0 && depth() == 0 ? quietChecks + 1 : 0;
            if (quietChecks >= 3) {
                return true;
            }
        }
        return false;
    }

    private long depth() {
        Map<QueueAttributeName, String> a = parts.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    private void pollLoop() {
        while (running) {
            try {
                List<Message> messages = parts.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
                        .waitTimeSeconds(1).visibilityTimeout(VISIBILITY_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty()) {
                    busy.incrementAndGet();
                    try {
                        invoke(messages);
                    } finally {
                        busy.decrementAndGet();
                    }
                }
            } catch (RuntimeException e) {
                // As after a failed invocation: nothing deleted, SQS redelivers. The poller lives on.
                if (running) {
                    LOG.warnf("chaos drain invocation failed: %s", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** One Lambda invocation: the batch in, failed ones left for redelivery, the rest deleted. */
    private void invoke(List<Message> messages) {
        batches.incrementAndGet();
        List<QueuedEvent> events = new ArrayList<>();
        for (Message m : messages) {
            QueuedEvent e = QueuedEvent.of(m);
            events.add(e);
            String bodyKey = ChaosAudit.key(EventEnvelope.decodeBody(e.body(), e.attributes()));
            eventKeys.put(IdempotencyKey.perDelivery(bodyKey, e.attributes().get(EventEnvelope.RECEIVED_AT)), bodyKey);
        }
        // The crash comes after 1..3 applied tasks, never more than the batch holds (else it would
        // never fire); until one crash has happened every batch crashes, so a small run has one too.
        long tasks = Math.max(1, events.stream().map(e -> e.attributes().get(EventEnvelope.ENTITY_ID)).distinct().count());
        boolean lastReceive = events.stream().anyMatch(e -> e.receiveCount() >= parts.sync().queue().maxReceiveCount());
        boolean crash;
        int after;
        synchronized (crashRandom) {
            crash = crashShare > 0 && !lastReceive && (crashes.get() == 0 || crashRandom.nextDouble() < crashShare);
            after = 1 + crashRandom.nextInt((int) Math.min(3, tasks));
        }
        appliesBeforeCrash.set(crash ? new int[] {after} : null);
        Instant deadline = Instant.now().plus(INVOCATION);
        Set<String> failed;
        try {
            failed = new HashSet<>(processor.process(events, deadline));
        } catch (InstanceCrash dead) {
            return; // nothing deleted: SQS redelivers the whole batch after the visibility timeout
        } finally {
            appliesBeforeCrash.remove();
        }
        if (Instant.now().isAfter(deadline)) {
            overran.incrementAndGet();
            LOG.warnf("chaos drain invocation overran its deadline: batch response lost, %d messages come back", events.size());
            return; // Lambda ended the invocation: nothing deleted, as after a crash
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            parts.sqs().deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private TaskExpander expander(ChaosBench.Parts p) {
        return new TaskExpander(p.clickUpClient(), p.mirror(), p.transitions(), p.timeEntries(), p.fields(), p.membership(),
                p.metrics(), p.statusIds(), p.comments(), p.heardSince()) {
            @Override
            public Result apply(String taskId, List<Event> events, ExpansionPolicy policy) {
                Result result = super.apply(taskId, events, policy);
                int[] left = appliesBeforeCrash.get();
                if (left != null && --left[0] == 0) {
                    crashes.incrementAndGet();
                    throw new InstanceCrash();
                }
                return result;
            }
        };
    }

    private IdempotencyStore idempotency(ChaosBench.Parts p) {
        return new IdempotencyStore(p.dynamo(), p.sync().tables().idempotency(), p.idempotencyConfig().retention(),
                Clock.systemUTC()) {
            @Override
            public Attempt begin(String key, Duration lock) {
                Attempt attempt = super.begin(key, lock);
                if (attempt.claim() == Claim.ACQUIRED) {
                    claimsWon.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
                return attempt;
            }

            @Override
            public boolean complete(Attempt attempt) {
                boolean completed = super.complete(attempt);
                if (completed) {
                    completions.computeIfAbsent(attempt.key(), k -> new AtomicInteger()).incrementAndGet();
                }
                return completed;
            }
        };
    }

    /** The configured drain, with the safety margin on the bench's time scale. */
    private static DrainConfig drainConfig(DrainConfig configured) {
        return new DrainConfig() {
            @Override
            public ExpansionPolicy policy() {
                return configured.policy();
            }

            @Override
            public Duration safetyMargin() {
                return SAFETY_MARGIN;
            }

            @Override
            public Duration disabledDeferral() {
                return configured.disabledDeferral();
            }

            @Override
            public Duration circuitOpenDeferral() {
                return configured.circuitOpenDeferral();
            }

            @Override
            public Optional<String> outboundQueueUrl() {
                return configured.outboundQueueUrl();
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        pollers.shutdown();
        pollers.awaitTermination(5, TimeUnit.SECONDS);
        endpoint.close();
    }
}
