package dev.clickupsync.drain;

import dev.clickupsync.clickup.CallDeadline;
import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.goal.GoalDrain;
import dev.clickupsync.goal.GoalEvents;
import dev.clickupsync.hierarchy.HierarchyDrain;
import dev.clickupsync.hierarchy.HierarchyEvents;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.idempotency.IdempotencyKey;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.queue.ReceivePolicy;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a batch of queued webhook events to the mirror: the drain's logic, shared by the SQS
 * Lambda handler and the local poller. Returns the messages SQS must deliver again.
 *
 * <p>Per batch: parse every message and claim its idempotency key (a completed key is a duplicate,
 * acknowledged and not reapplied); group the claimed events by task and order each group by
 * history date (coalescing: {@link TaskExpander} applies a group with at most one fetch; a list's, folder's
 * or space's events group by object and {@link HierarchyDrain} applies them with at most one fetch, a goal's
 * and its key results' by goal for {@link GoalDrain}); then
 * settle every message exactly one way:
 * <ul>
 *   <li>applied or skipped: key completed, acknowledged;</li>
 *   <li>deferred (the rate budget has no slot soon, ClickUp is switched off, answered 429 or its
 *       circuit breaker is open, the invocation is running out of time, or, on its last allowed receive,
 *       another attempt holds its key): key
 *       released, re-sent with a delay, acknowledged, so the wait does not count toward
 *       {@code maxReceiveCount};</li>
 *   <li>failed: key released; on its last allowed receive moved to the DLQ with the reason and
 *       acknowledged, otherwise reported for redelivery.</li>
 * </ul>
 * Nothing is acknowledged that was not applied, deferred or dead-lettered. Which failure is deferred
 * and which fails, and under which reason, is {@link ClickUpFailures}' table.
 *
 * <p>Time: every ClickUp call of the batch ends by the deadline minus {@code sync.drain.safety-margin}
 * ({@link CallDeadline}): a group whose call is cut there is deferred like the groups not started,
 * so however long ClickUp hangs, the batch is settled and its partial-failure list returned within
 * the margin (a Lambda that hits its timeout loses that list, and every message of the batch comes
 * back later one receive closer to the DLQ).
 *
 * <p>Workspaces (issue #17): each event belongs to one workspace ({@code workspace/Workspaces#route}) and its
 * group's ClickUp calls go through that workspace's client, token and budget ({@link ClickUpRoute}). An event
 * whose workspace cannot be told is parked at once ({@code unknown_workspace}): no token may be guessed, and
 * receives cannot cure configuration. What stops a workspace (its budget, breaker, 429, a rejected token)
 * stops only its groups ({@link WorkspaceStops}).
 */
@ApplicationScoped
public class DrainProcessor {
    private static final Logger LOG = Logger.getLogger(DrainProcessor.class);
    private static final String OUT_OF_TIME = ClickUpFailures.OUT_OF_TIME;

    private final TaskExpander expander;
    private final HierarchyDrain hierarchy;
    /** Null: goal and key-result events are skipped as {@code not_task_event}. */
    private final GoalDrain goals;
    private final IdempotencyStore idempotency;
    private final EventQueue queue;
    private final Outbound outbound;
    private final Metrics metrics;
    private final ReceivePolicy receives;
    private final ExpansionPolicy policy;
    /** Null: every call goes through the default client, as a single-workspace drain does. */
    private final ClickUpClients clients;
    static final String UNKNOWN_WORKSPACE = "unknown_workspace";

    /** Without hierarchy handling: list, folder and space events are skipped as {@code not_task_event}. */
    public DrainProcessor(TaskExpander expander, IdempotencyStore idempotency, EventQueue queue, Outbound outbound,
                          Metrics metrics, IdempotencyConfig idempotencyConfig, DrainConfig config, SyncConfig sync) {
        this(expander, null, idempotency, queue, outbound, metrics, idempotencyConfig, config, sync);
    }

    public DrainProcessor(TaskExpander expander, HierarchyDrain hierarchy, IdempotencyStore idempotency,
                          EventQueue queue, Outbound outbound, Metrics metrics, IdempotencyConfig idempotencyConfig,
                          DrainConfig config, SyncConfig sync) {
        this(expander, hierarchy, null, idempotency, queue, outbound, metrics, idempotencyConfig, config, sync, null);
    }

    @Inject
    public DrainProcessor(TaskExpander expander, HierarchyDrain hierarchy, GoalDrain goals, IdempotencyStore idempotency,
                          EventQueue queue, Outbound outbound, Metrics metrics, IdempotencyConfig idempotencyConfig,
                          DrainConfig config, SyncConfig sync, ClickUpClients clients) {
        this.clients = clients;
        this.expander = expander;
        this.hierarchy = hierarchy;
        this.goals = goals;
        this.idempotency = idempotency;
        this.queue = queue;
        this.outbound = outbound;
        this.metrics = metrics;
        this.receives = new ReceivePolicy(idempotencyConfig.maxLock(), config.safetyMargin(), config.disabledDeferral(),
                config.circuitOpenDeferral(), sync.queue().maxReceiveCount());
        this.policy = config.policy();
    }

    /** How one message was settled. */
    public enum Outcome { APPLIED, DUPLICATE, SKIPPED, DEFERRED, DEAD_LETTERED, FAILED }

    /** A message whose key this batch holds. */
    private record Claimed(QueuedEvent message, WebhookPayload payload, IdempotencyStore.Attempt attempt,
                           Instant receivedAt, String workspace) {
        Instant order() {
            return payload.historyItems().stream().map(WebhookPayload.HistoryItem::at)
                    .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(receivedAt);
        }
    }

    /** Processes {@code events} under the configured policy; see {@link #process(List, Instant, ExpansionPolicy)}. */
    public List<String> process(List<QueuedEvent> events, Instant deadline) {
        return process(events, deadline, policy);
    }

    /**
     * @param deadline when the caller's time runs out (Lambda: now + remaining invocation time)
     * @return the message ids SQS must deliver again
     */
    public List<String> process(List<QueuedEvent> events, Instant deadline, ExpansionPolicy policy) {
        List<String> retry = new ArrayList<>();
        Map<String, List<Claimed>> byTask = new LinkedHashMap<>();
        Duration lock = receives.lockFor(deadline);
        java.util.Set<String> keysInBatch = new java.util.HashSet<>();
        for (QueuedEvent message : events) {
            byte[] body = EventEnvelope.decodeBody(message.body(), message.attributes());
            WebhookPayload payload;
            try {
                payload = Json.MAPPER.readValue(body, WebhookPayload.class);
            } catch (IOException e) {
                metrics.increment("DrainPoisonMessage");
                fail(message, "unreadable_body", null, retry);
                continue;
            }
            String workspace = workspaceOf(message, payload);
            if (workspace == null) {
                park(message, UNKNOWN_WORKSPACE, retry);
                continue;
            }
            String key = ObjectGroups.deliveryKey(IdempotencyKey.of(payload.webhookId(), payload.historyItemIds(), body),
                    payload, message.attributes().get(EventEnvelope.RECEIVED_AT));
            if (!keysInBatch.add(key)) {
                // The same event twice in one batch: the first copy carries it (and is retried if it fails).
                settled(Outcome.DUPLICATE);
                continue;
            }
            IdempotencyStore.Attempt attempt = idempotency.begin(key, lock);
            if (attempt.claim() == IdempotencyStore.Claim.DUPLICATE) {
                settled(Outcome.DUPLICATE);
                continue;
            }
            if (attempt.claim() == IdempotencyStore.Claim.IN_FLIGHT) {
                // Waiting for another attempt must not spend the last receive (EventQueue#awaitHolder).
                if (queue.awaitHolder(message, receives.maxReceiveCount(), lock)) {
                    settled(Outcome.DEFERRED);
                } else {
                    LOG.debugf("drain retry later reason=in_flight message=%s", message.messageId());
                    settled(Outcome.FAILED);
                    retry.add(message.messageId());
                }
                continue;
            }
            Claimed claimed = new Claimed(message, payload, attempt, receivedAt(message), workspace);
            // A task's events group by task; a list's, folder's, space's or goal's by object (ObjectGroups).
            String group = payload.isTaskEvent() ? payload.taskId()
                    : ObjectGroups.group(payload, hierarchy != null, goals != null);
            if (group == null) {
                metrics.increment("DrainSkipped", "Reason", "not_task_event");
                completeOrResend(message, attempt, Outcome.SKIPPED, lock, retry);
                continue;
            }
            byTask.computeIfAbsent(group, k -> new ArrayList<>()).add(claimed);
        }
        int calls;
        try (CallDeadline.Scope clickUpTime = CallDeadline.until(receives.callDeadline(deadline))) {
            calls = applyGroups(byTask, deadline, policy, lock, retry);
        }
        if (!events.isEmpty()) {
            metrics.record("DrainClickUpCallsPerEvent", (double) calls / events.size(), "None");
        }
        return retry;
    }

    /** Applies or settles every task group; returns the ClickUp calls made. */
    private int applyGroups(Map<String, List<Claimed>> byTask, Instant deadline, ExpansionPolicy policy, Duration lock,
                            List<String> retry) {
        WorkspaceStops stops = new WorkspaceStops(metrics);
        int calls = 0;
        for (Map.Entry<String, List<Claimed>> group : byTask.entrySet()) {
            List<Claimed> claims = group.getValue();
            claims.sort(Comparator.comparing(Claimed::order));
            String workspace = claims.get(0).workspace();
            if (!stops.allDeferred() && receives.outOfTime(deadline)) {
                stops.deferAll(Duration.ZERO, OUT_OF_TIME);
                outOfTime();
            }
            Optional<WorkspaceStops.Deferral> waiting = stops.deferral(workspace);
            if (waiting.isPresent()) {
                defer(claims, waiting.get().delay(), waiting.get().reason(), retry);
                continue;
            }
            if (stops.tokenRejected(workspace)) {
                for (Claimed c : claims) {
                    idempotency.release(c.attempt());
                    fail(c.message(), ClickUpFailures.AUTHENTICATION, null, retry);
                }
                continue;
            }
            try (ClickUpRoute.Scope route = clients == null ? ClickUpRoute.to(null) : clients.route(workspace)) {
                if (HierarchyEvents.isGroup(group.getKey())) {
                    calls += hierarchy.apply(group.getKey(), claims.stream().map(c -> c.payload().event()).toList(),
                            clients == null || Workspace.DEFAULT.equals(workspace) ? hierarchy.defaultTeamId() // new spaces' team
                                    : clients.workspaces().named(workspace).flatMap(Workspace::teamId).orElse(null));
                    claims.forEach(c -> completeOrResend(c.message(), c.attempt(), Outcome.APPLIED, lock, retry));
                    continue;
                }
                if (GoalEvents.isGroup(group.getKey())) {
                    calls += goals.apply(group.getKey(), claims.stream().map(c -> c.payload().event()).toList());
                    claims.forEach(c -> completeOrResend(c.message(), c.attempt(), Outcome.APPLIED, lock, retry));
                    continue;
                }
                TaskExpander.Result result = expander.apply(group.getKey(),
                        claims.stream().map(c -> new TaskExpander.Event(c.payload(), c.receivedAt())).toList(), policy);
                calls += result.clickUpCalls();
                claims.forEach(c -> completeOrResend(c.message(), c.attempt(), Outcome.APPLIED, lock, retry));
                outbound.taskChanged(group.getKey(), result.snapshot(), claims.stream().map(c -> c.payload().event()).toList());
            } catch (RuntimeException e) {
                ClickUpFailure failure = ClickUpFailures.classify(e);
                if (failure.deferrable()) {
                    // Not the events' fault (no time, no budget, ClickUp off, breaker open, 429): the rest of
                    // the batch would meet the same, so it all waits, without spending receives (failing
                    // here dead-lettered whole outages' worth of events).
                    Duration delay = receives.deferral(failure);
                    stops.deferred(workspace, failure, delay);
                    counted(failure);
                    defer(claims, delay, failure.reason(), retry);
                } else {
                    stops.failed(workspace, failure);
                    // FAIL and PARK alike: an event gets all its receives before the DLQ, since what ClickUp
                    // refuses now (a 404 before the task is readable) may be served on a later delivery.
                    for (Claimed c : claims) {
                        idempotency.release(c.attempt());
                        fail(c.message(), failure.reason(), e, retry);
                    }
                }
            }
        }
        return calls;
    }

    private void outOfTime() {
        metrics.increment("DrainOutOfTime");
        metrics.increment("DrainDeferred", "Reason", OUT_OF_TIME);
    }

    private void defer(List<Claimed> claims, Duration delay, String reason, List<String> retry) {
        for (Claimed c : claims) {
            idempotency.release(c.attempt());
            try {
                queue.defer(c.message(), delay);
                settled(Outcome.DEFERRED);
            } catch (SdkException e) {
                // Could not re-send: leave it to SQS's redelivery rather than lose it.
                retry.add(c.message().messageId());
                settled(Outcome.FAILED);
            }
        }
        StructuredLog.log(LOG, Logger.Level.INFO, "drain deferred", "reason", reason, "messages", claims.size(),
                "delay_ms", delay.toMillis());
    }

    /**
     * Completes the key, or, when our lock ran out while applying and another attempt owns the key now,
     * re-sends the event. The change is in the
     * mirror (every write is conditional), but only the owner may complete the key; acknowledging the
     * message here would leave the key IN_PROGRESS for good if that attempt died (the chaos bench lost
     * events this way). So the event is re-sent for after the owner's lock: the owner's completion
     * makes it a duplicate, or the next attempt applies it again harmlessly and completes it.
     */
    private void completeOrResend(QueuedEvent message, IdempotencyStore.Attempt attempt, Outcome outcome, Duration lock,
                                  List<String> retry) {
        if (idempotency.complete(attempt)) {
            settled(outcome);
            return;
        }
        metrics.increment("DrainCompletionLost");
        StructuredLog.log(LOG, Logger.Level.WARN, "drain completion lost", "reason", "lock_taken_over",
                "message", message.messageId(), "entity", message.attributes().getOrDefault(EventEnvelope.ENTITY_ID, "-"));
        deferInFlight(message, lock, retry);
    }

    private void deferInFlight(QueuedEvent message, Duration delay, List<String> retry) {
        try {
            queue.defer(message, delay);
            settled(Outcome.DEFERRED);
        } catch (SdkException e) {
            retry.add(message.messageId());
            settled(Outcome.FAILED);
        }
    }

    /** The event's workspace by name, or null when it cannot be told (several workspaces, no rule matches). */
    private String workspaceOf(QueuedEvent message, WebhookPayload payload) {
        if (clients == null) {
            return Workspace.DEFAULT;
        }
        return clients.workspaces().route(message.attributes().get(EventEnvelope.WORKSPACE), payload.webhookId(), null)
                .map(Workspace::name).orElse(null);
    }

    /** A failure no receive can cure: parked in the DLQ with its reason now (left to SQS if that fails). */
    private void park(QueuedEvent message, String reason, List<String> retry) {
        failed(message, reason, null, true, retry);
    }

    /** A failure: redelivered by SQS, or, on the last allowed receive, parked in the DLQ with its reason. */
    private void fail(QueuedEvent message, String reason, RuntimeException cause, List<String> retry) {
        failed(message, reason, cause, receives.lastReceive(message), retry);
    }

    private void failed(QueuedEvent message, String reason, RuntimeException cause, boolean deadLetterNow,
                        List<String> retry) {
        metrics.increment("DrainFailed", "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.ERROR, "drain failed", "reason", reason, "message", message.messageId(),
                "event", message.attributes().getOrDefault(EventEnvelope.EVENT, "-"),
                "entity", message.attributes().getOrDefault(EventEnvelope.ENTITY_ID, "-"),
                "workspace", message.attributes().getOrDefault(EventEnvelope.WORKSPACE, "-"),
                "receives", message.receiveCount(), "error", cause == null ? "-" : cause.getMessage());
        if (deadLetterNow) {
            try {
                queue.deadLetter(message, reason);
                settled(Outcome.DEAD_LETTERED);
                return;
            } catch (SdkException e) {
                LOG.warnf("dead-lettering failed message=%s; leaving it to SQS's redrive", message.messageId());
            }
        }
        retry.add(message.messageId());
        settled(Outcome.FAILED);
    }

    private void settled(Outcome outcome) {
        metrics.increment("DrainOutcome", "Outcome", outcome.name().toLowerCase());
    }


    private void counted(ClickUpFailure failure) {
        if (failure.decision() == ClickUpFailure.Decision.RETRY_NOW) {
            outOfTime();
        } else { // the kill switch too: a deferral like the breaker's, so one reason lives in one metric
            metrics.increment("DrainDeferred", "Reason", failure.reason());
        }
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
