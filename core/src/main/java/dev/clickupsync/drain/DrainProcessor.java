package dev.clickupsync.drain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpDisabledException;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.idempotency.IdempotencyKey;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.queue.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of queued webhook events to the mirror: the drain's logic, shared by the SQS
 * Lambda handler and the local poller.
 *
 * <p>Per message: claim its idempotency key (a duplicate is acknowledged, not reapplied), expand it
 * through {@code GET /task} (or tombstone it for {@code taskDeleted} and tasks ClickUp no longer
 * has), write the mirror with its stale-write guard, then mark the key completed. Any failure
 * releases the key and reports the message as failed, so SQS redelivers it (and, after the queue's
 * {@code maxReceiveCount}, moves it to the DLQ). Nothing is acknowledged that was not applied.
 */
@ApplicationScoped
public class DrainProcessor {
    private static final Logger LOG = Logger.getLogger(DrainProcessor.class);

    private final ClickUpClient clickUp;
    private final IdempotencyStore idempotency;
    private final MirrorStore mirror;
    private final Metrics metrics;
    private final Duration maxLock;
    private final Duration safetyMargin;

    @Inject
    public DrainProcessor(ClickUpClient clickUp, IdempotencyStore idempotency, MirrorStore mirror,
                          Metrics metrics, IdempotencyConfig idempotencyConfig, DrainConfig config) {
        this.clickUp = clickUp;
        this.idempotency = idempotency;
        this.mirror = mirror;
        this.metrics = metrics;
        this.maxLock = idempotencyConfig.maxLock();
        this.safetyMargin = config.safetyMargin();
    }

    /** Outcome of one message. */
    public enum Outcome { APPLIED, DUPLICATE, SKIPPED, FAILED }

    /**
     * Processes {@code events} in order and returns the message ids that must be retried.
     *
     * @param deadline when the caller's time runs out (Lambda: now + remaining invocation time)
     */
    public List<String> process(List<QueuedEvent> events, Instant deadline) {
        List<String> failed = new ArrayList<>();
        for (QueuedEvent event : events) {
            Duration left = Duration.between(Instant.now(), deadline).minus(safetyMargin);
            if (left.isNegative() || left.isZero()) {
                metrics.increment("DrainDeferred", "Reason", "out_of_time");
                failed.add(event.messageId());
                continue;
            }
            Outcome outcome = handle(event, left.compareTo(maxLock) < 0 ? left : maxLock);
            metrics.increment("DrainOutcome", "Outcome", outcome.name().toLowerCase());
            if (outcome == Outcome.FAILED) {
                failed.add(event.messageId());
            }
        }
        return failed;
    }

    Outcome handle(QueuedEvent event, Duration lock) {
        byte[] body = EventEnvelope.decodeBody(event.body(), event.attributes());
        WebhookPayload payload;
        try {
            payload = Json.MAPPER.readValue(body, WebhookPayload.class);
        } catch (java.io.IOException e) {
            metrics.increment("DrainPoisonMessage");
            LOG.errorf("drain failed reason=unreadable_body message=%s receives=%d", event.messageId(), event.receiveCount());
            return Outcome.FAILED;
        }
        String key = IdempotencyKey.of(payload.webhookId(), payload.historyItemIds(), body);
        IdempotencyStore.Attempt attempt = idempotency.begin(key, lock);
        switch (attempt.claim()) {
            case DUPLICATE:
                LOG.debugf("drain duplicate message=%s event=%s", event.messageId(), payload.event());
                return Outcome.DUPLICATE;
            case IN_FLIGHT:
                LOG.infof("drain deferred reason=in_flight message=%s", event.messageId());
                return Outcome.FAILED;
            default:
                break;
        }
        try {
            Outcome outcome = apply(payload, receivedAt(event));
            if (!idempotency.complete(attempt)) {
                LOG.warnf("drain lock lost message=%s: applied, but another attempt took the key", event.messageId());
            }
            return outcome;
        } catch (RuntimeException e) {
            idempotency.release(attempt);
            recordFailure(event, payload, e);
            return Outcome.FAILED;
        }
    }

    private Outcome apply(WebhookPayload payload, Instant receivedAt) {
        if (!payload.isTaskEvent()) {
            metrics.increment("DrainSkipped", "Reason", "not_task_event");
            return Outcome.SKIPPED;
        }
        if ("taskDeleted".equals(payload.event())) {
            mirror.tombstone(payload.taskId(), receivedAt);
            return Outcome.APPLIED;
        }
        try {
            TaskSnapshot snapshot = TaskSnapshot.of(clickUp.task(payload.taskId()));
            if (mirror.upsert(snapshot) == MirrorStore.Write.STALE) {
                metrics.increment("MirrorStaleWrite");
            }
        } catch (ClickUpException.NotFound gone) {
            mirror.tombstone(payload.taskId(), receivedAt);
        }
        return Outcome.APPLIED;
    }

    private void recordFailure(QueuedEvent event, WebhookPayload payload, RuntimeException e) {
        String reason = failureReason(e);
        metrics.increment("DrainFailed", "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.ERROR, "drain failed", "reason", reason, "message", event.messageId(),
                "event", payload.event(), "task", payload.taskId(), "receives", event.receiveCount(), "error", e.getMessage());
    }

    /** A low-cardinality name for why applying an event failed (metric dimension, log field). */
    static String failureReason(RuntimeException e) {
        if (e instanceof ClickUpException clickUpError) {
            return "clickup_" + clickUpError.reason();
        }
        if (e instanceof BudgetExhaustedException) {
            return "budget_exhausted";
        }
        if (e instanceof ClickUpDisabledException) {
            return "clickup_disabled";
        }
        if (e instanceof CircuitBreakerOpenException) {
            return "clickup_circuit_open";
        }
        if (e instanceof ProcessingException || e instanceof TimeoutException) {
            return "clickup_unreachable";
        }
        return "internal";
    }

    private static Instant receivedAt(QueuedEvent event) {
        String value = event.attributes().get(EventEnvelope.RECEIVED_AT);
        if (value != null) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException ignored) {
                // fall through
            }
        }
        return Instant.now();
    }
}
