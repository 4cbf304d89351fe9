package dev.clickupsync.testkit.clickup;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Push mode (opt-in): the fake itself POSTs every delivery of the workspace to its webhook's endpoint,
 * as ClickUp does, so a system can be tested without calling {@link WebhookDelivery#postTo} by hand.
 * Following ClickUp's documented behaviour: a non-2xx answer, no answer, or one slower than
 * {@code timeout} (7 s) is a failure; an event is retried {@code retries} times (5) and then dropped; a
 * failed event adds one to the webhook's fail_count (health {@code failing}), 100 suspend it, a single
 * 410 suspends it at once, and a success makes it active again (fail_count 0; ClickUp's reset rule is
 * not documented). Suspended or inactive webhooks and webhooks without an endpoint get nothing.
 * <p>To simulate lost webhooks, a share of deliveries ({@code dropShare}) is silently never sent,
 * decided by a {@link Random} seeded with {@code seed}, in the order the workspace made them.
 * Deliveries are sent one at a time, in order, on one background thread.
 */
public final class WebhookPusher implements AutoCloseable {

    /** Push settings; {@link #of(double, long)} takes ClickUp's defaults for the rest. */
    public record Options(double dropShare, long seed, int retries, Duration retryDelay, Duration timeout) {
        public Options {
            if (dropShare < 0 || dropShare > 1 || retries < 0) {
                throw new IllegalArgumentException("need 0 <= dropShare <= 1 and retries >= 0");
            }
            Objects.requireNonNull(retryDelay, "retryDelay");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** Drops {@code dropShare} of deliveries; 5 retries 10 ms apart; 7 s timeout. */
        public static Options of(double dropShare, long seed) {
            return new Options(dropShare, seed, 5, Duration.ofMillis(10), Duration.ofSeconds(7));
        }

        public Options withRetries(int count, Duration delay) {
            return new Options(dropShare, seed, count, delay, timeout);
        }

        public Options withTimeout(Duration limit) {
            return new Options(dropShare, seed, retries, retryDelay, limit);
        }
    }

    private final FakeWorkspace workspace;
    private final Options options;
    private final Random random;
    private final Consumer<List<WebhookDelivery>> listener = this::enqueue;
    private final ExecutorService sender;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    // Which deliveries, not just how many: a chaos run checks every acknowledged event was applied.
    private final List<WebhookDelivery> acknowledgedLog = Collections.synchronizedList(new ArrayList<>());
    private final List<WebhookDelivery> droppedLog = Collections.synchronizedList(new ArrayList<>());

    private WebhookPusher(FakeWorkspace workspace, Options options) {
        this.workspace = workspace;
        this.options = options;
        this.random = new Random(options.seed());
        this.sender = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fake-clickup-webhook-push");
            thread.setDaemon(true);
            return thread;
        });
        workspace.addDeliveryListener(listener);
    }

    /** Starts pushing every later delivery of {@code workspace}; {@link #close()} stops. */
    public static WebhookPusher attach(FakeWorkspace workspace, Options options) {
        return new WebhookPusher(Objects.requireNonNull(workspace, "workspace"), Objects.requireNonNull(options, "options"));
    }

    /** Deliveries answered 2xx. */
    public int delivered() {
        return delivered.get();
    }

    /** Deliveries that failed every attempt (each counted once into the webhook's fail_count). */
    public int failed() {
        return failed.get();
    }

    /** Deliveries never sent, to simulate lost webhooks. */
    public int dropped() {
        return dropped.get();
    }

    /** The deliveries answered 2xx (the receiver took responsibility for them), in the order sent. */
    public List<WebhookDelivery> acknowledgedDeliveries() {
        synchronized (acknowledgedLog) {
            return List.copyOf(acknowledgedLog);
        }
    }

    /** The deliveries never sent ({@code dropShare}), in the order the workspace made them. */
    public List<WebhookDelivery> droppedDeliveries() {
        synchronized (droppedLog) {
            return List.copyOf(droppedLog);
        }
    }

    /** HTTP attempts made, retries included. */
    public int attempts() {
        return attempts.get();
    }

    /** Waits until every queued delivery was sent (or given up); false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        workspace.removeDeliveryListener(listener);
        sender.shutdownNow();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called under the workspace lock: decide drops, then queue; never blocks on the network. */
    private void enqueue(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            boolean drop;
            synchronized (random) {
                drop = options.dropShare() > 0 && random.nextDouble() < options.dropShare();
            }
            if (drop) {
                droppedLog.add(delivery);
                dropped.incrementAndGet();
                continue;
            }
            pending.incrementAndGet();
            try {
                sender.execute(() -> {
                    try {
                        send(delivery);
                    } finally {
                        pending.decrementAndGet();
                    }
                });
            } catch (RuntimeException rejected) {
                pending.decrementAndGet();
            }
        }
    }

    private void send(WebhookDelivery delivery) {
        int status = 0;
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            WebhookRegistration webhook = workspace.webhook(delivery.webhookId()).orElse(null);
            if (webhook == null || !webhook.delivers() || webhook.endpoint() == null) {
                return;
            }
            if (attempt > 0 && !pause()) {
                return;
            }
            status = post(delivery, webhook.endpoint());
            if (status >= 200 && status < 300 || status == 410) {
                break;
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        workspace.recordPushOutcome(delivery.webhookId(), status);
        if (status >= 200 && status < 300) {
            acknowledgedLog.add(delivery);
            delivered.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    /** The answer's status, or 0 when there was none in time. */
    private int post(WebhookDelivery delivery, String endpoint) {
        attempts.incrementAndGet();
        try {
            return delivery.postTo(URI.create(endpoint), options.timeout());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return 0;
        } catch (IllegalStateException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(options.retryDelay().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
