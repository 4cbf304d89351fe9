package dev.clickupsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.idempotency.IdempotencyKey;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a chaos run did to the events, counted per event. An event is one webhook body, named by the
 * drain's own idempotency key ({@link IdempotencyKey}: webhook id + history item ids, or the body's
 * SHA-256); redelivered copies of a body are the same event.
 *
 * <ul>
 *   <li><b>lost</b>: an event the endpoint acknowledged (2xx) whose key was never completed and that
 *       is not parked in the DLQ with a {@code failure_reason}; plus every status change of an
 *       applied event that has no transition in {@link TransitionStore}.</li>
 *   <li><b>applied twice</b>: a key completed by two attempts (the idempotency record's
 *       IN_PROGRESS to COMPLETED step succeeding twice, which its owner check must forbid); plus a
 *       history item stored as more than one transition of its task.</li>
 * </ul>
 * Re-running a crashed attempt before its key is completed is not "twice": the key records one
 * application, and every mirror write is conditional (that re-work is reported as "re-claimed").
 */
final class ChaosAudit {
    private ChaosAudit() {
    }

    /** One dead-lettered event and why (null when SQS's redrive policy moved it, without a reason). */
    record Parked(String key, String reason) {
    }

    record Counts(int acknowledgedEvents, int applied, int parkedWithReason, int lostEvents, int lostTransitions,
                  int completedTwice, int transitionsTwice, int mismatches) {
        int lost() {
            return lostEvents + lostTransitions;
        }

        int appliedTwice() {
            return completedTwice + transitionsTwice;
        }
    }

    static Counts count(Collection<WebhookDelivery> acknowledged, Map<String, AtomicInteger> completions, List<Parked> parked,
                        TransitionStore transitions, Collection<String> taskIds, int mismatches) {
        return count(acknowledged, completions, key -> key, parked, transitions, taskIds, mismatches, key -> "-");
    }

    /**
     * @param completions per idempotency key, how often its completion succeeded
     * @param eventKey    the event (body key) an idempotency key belongs to: the drain keys a list, folder or
     *                    space event per delivery, so each of its deliveries completes a key of its own, and
     *                    any one of them applied the event
     * @param keyState    describes a key's idempotency record, for the log line of a lost event
     */
    static Counts count(Collection<WebhookDelivery> acknowledged, Map<String, AtomicInteger> completions,
                        java.util.function.UnaryOperator<String> eventKey, List<Parked> parked,
                        TransitionStore transitions, Collection<String> taskIds, int mismatches,
                        java.util.function.Function<String, String> keyState) {
        Map<String, AtomicInteger> byEvent = new HashMap<>();
        completions.forEach((k, n) -> byEvent.computeIfAbsent(eventKey.apply(k), e -> new AtomicInteger()).addAndGet(n.get()));
        Map<String, WebhookDelivery> events = new LinkedHashMap<>();
        acknowledged.forEach(d -> events.putIfAbsent(key(d), d));
        Set<String> parkedWithReason = new HashSet<>();
        parked.stream().filter(p -> p.reason() != null).forEach(p -> parkedWithReason.add(p.key()));
        int applied = 0;
        int lost = 0;
        Map<String, Set<String>> expectedTransitions = new HashMap<>();
        for (Map.Entry<String, WebhookDelivery> e : events.entrySet()) {
            AtomicInteger done = byEvent.get(e.getKey());
            if (done != null && done.get() > 0) {
                applied++;
                statusHistoryIds(e.getValue()).forEach(id ->
                        expectedTransitions.computeIfAbsent(e.getValue().taskId(), t -> new HashSet<>()).add(id));
            } else if (!parkedWithReason.contains(e.getKey())) {
                lost++;
                // Enough to find the event's trail (idempotency item, drain logs) when a run reports a loss.
                long inDlq = parked.stream().filter(p -> p.key().equals(e.getKey())).count();
                Logger.getLogger(ChaosAudit.class).warnf(
                        "chaos audit: lost event key=%s task=%s event=%s completions=%s in_dlq_without_reason=%d record=%s",
                        e.getKey(), e.getValue().taskId(), e.getValue().event(), done == null ? "none" : done.get(), inDlq,
                        keyState.apply(e.getKey()));
            }
        }
        int completedTwice = (int) completions.entrySet().stream()
                .filter(c -> events.containsKey(eventKey.apply(c.getKey())) && c.getValue().get() > 1).count();
        int lostTransitions = 0;
        int transitionsTwice = 0;
        for (String task : taskIds) {
            Map<String, Integer> stored = new HashMap<>();
            for (Transition t : transitions.forTask(task)) {
                stored.merge(t.historyId(), 1, Integer::sum);
            }
            transitionsTwice += stored.values().stream().mapToInt(n -> n - 1).sum();
            for (String expected : expectedTransitions.getOrDefault(task, Set.of())) {
                if (!stored.containsKey(expected)) {
                    lostTransitions++;
                }
            }
        }
        return new Counts(events.size(), applied, (int) events.keySet().stream().filter(parkedWithReason::contains).count(),
                lost, lostTransitions, completedTwice, transitionsTwice, mismatches);
    }

    /** Status changes among {@code deliveries} whose transition the mirror can never learn (for the report). */
    static int statusChanges(Collection<WebhookDelivery> deliveries) {
        return deliveries.stream().mapToInt(d -> statusHistoryIds(d).size()).sum();
    }

    /**
     * Status changes among {@code deliveries} (the dropped ones) that the mirror's history still lacks:
     * neither the webhook's transition (same history id) nor a restored one of the same entry
     * ({@link TransitionStore#sameEntry}: the store's own rule, which counts an approximate restored one whose window
     * holds the change's time) ({@code history.TransitionRestore} restores from ClickUp's {@code time_in_status}, which
     * keeps one entry per status, and a return to a status from a heard webhook's {@code before}).
     */
    static int missingTransitions(Collection<WebhookDelivery> deliveries, TransitionStore transitions) {
        return missing(deliveries, transitions).size();
    }

    /** The dropped status changes {@link #missingTransitions} counts, as transitions (task, status entered, when). */
    static List<Transition> missing(Collection<WebhookDelivery> deliveries, TransitionStore transitions) {
        List<Transition> missing = new ArrayList<>();
        Map<String, List<Transition>> stored = new HashMap<>();
        for (Transition dropped : droppedChanges(deliveries)) {
            boolean found = stored.computeIfAbsent(dropped.taskId(), transitions::forTask).stream()
                    .anyMatch(t -> t.historyId().equals(dropped.historyId()) || TransitionStore.sameEntry(dropped, t));
            if (!found) {
                missing.add(dropped);
                Logger.getLogger(ChaosAudit.class).infof("chaos audit: transition missing after reconcile task=%s to=%s at=%s"
                        + " stored=%s", dropped.taskId(), dropped.toStatus(), dropped.at(), stored.get(dropped.taskId()));
            }
        }
        return missing;
    }

    /** The status changes the history items of {@code deliveries} carry, as transitions (task, history id, status entered, when). */
    private static List<Transition> droppedChanges(Collection<WebhookDelivery> deliveries) {
        List<Transition> changes = new ArrayList<>();
        for (WebhookDelivery d : deliveries) {
            for (JsonNode item : d.json().path("history_items")) {
                if ("status".equals(item.path("field").asText()) && item.hasNonNull("id")) {
                    changes.add(new Transition(d.taskId(), item.get("id").asText(), null, null,
                            item.path("after").path("status").asText(""), null,
                            java.time.Instant.ofEpochMilli(item.path("date").asLong()), null));
                }
            }
        }
        return changes;
    }

    /**
     * Status changes among {@code deliveries} (the dropped ones) that the mirror holds only as an
     * approximate restored transition (a return to a status, placed to the minute by
     * {@code history.UnseenVisits}): present, with a window that holds the dropped change's time.
     */
    static int approximatelyRestored(Collection<WebhookDelivery> deliveries, TransitionStore transitions) {
        int approximate = 0;
        Map<String, List<Transition>> stored = new HashMap<>();
        for (Transition dropped : droppedChanges(deliveries)) {
            List<Transition> known = stored.computeIfAbsent(dropped.taskId(), transitions::forTask);
            boolean exact = known.stream().anyMatch(t -> !t.approximate()
                    && (t.historyId().equals(dropped.historyId()) || TransitionStore.sameEntry(dropped, t)));
            if (!exact && known.stream().anyMatch(t -> t.approximate() && TransitionStore.sameEntry(dropped, t))) {
                approximate++;
            }
        }
        return approximate;
    }

    /**
     * Of {@code missing}, the visits ClickUp's {@code time_in_status} (the restore's only source) does
     * not show: no {@code status_history} line and no {@code current_status} entering that status at
     * that time ({@link TransitionStore#sameEntry}). It gives one {@code since} per status, the first
     * entry, plus the latest entry into the current status; any other visit survives only as whole
     * minutes added to its status's {@code by_minute}, so its time cannot be read back (and a visit
     * shorter than a minute leaves no trace at all).
     *
     * @param timeInStatus a task's {@code GET /task/{id}/time_in_status} answer now
     */
    static int notShownByTimeInStatus(List<Transition> missing, java.util.function.Function<String, JsonNode> timeInStatus) {
        int notShown = 0;
        for (Transition t : missing) {
            JsonNode answer = timeInStatus.apply(t.taskId());
            List<JsonNode> lines = new ArrayList<>();
            answer.path("status_history").forEach(lines::add);
            lines.add(answer.path("current_status"));
            boolean shown = lines.stream().anyMatch(line -> TransitionStore.sameEntry(t, new Transition(t.taskId(), "shown",
                    null, null, line.path("status").asText(), null,
                    java.time.Instant.ofEpochMilli(line.path("total_time").path("since").asLong()), null)));
            notShown += shown ? 0 : 1;
        }
        return notShown;
    }

    /**
     * Everything in the DLQ, read without consuming it: received with a short visibility timeout
     * until it answers empty, then every message is made visible again for the redrive.
     */
    static List<Parked> deadLetters(SqsClient sqs, String dlqUrl) {
        List<Message> seen = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(30).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            seen.addAll(batch);
        }
        List<Parked> parked = new ArrayList<>();
        for (Message m : seen) {
            Map<String, String> attributes = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
            parked.add(new Parked(key(EventEnvelope.decodeBody(m.body(), attributes)),
                    attributes.get(EventQueue.FAILURE_REASON)));
            sqs.changeMessageVisibility(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
        return parked;
    }

    static String key(WebhookDelivery delivery) {
        return key(delivery.body());
    }

    /** The drain's key for a body, computed as the drain computes it. */
    static String key(byte[] body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            List<String> ids = new ArrayList<>();
            json.path("history_items").forEach(item -> {
                if (item.hasNonNull("id")) {
                    ids.add(item.get("id").asText());
                }
            });
            return IdempotencyKey.of(json.path("webhook_id").asText(null), ids, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> statusHistoryIds(WebhookDelivery delivery) {
        List<String> ids = new ArrayList<>();
        delivery.json().path("history_items").forEach(item -> {
            if ("status".equals(item.path("field").asText()) && item.hasNonNull("id")) {
                ids.add(item.get("id").asText());
            }
        });
        return ids;
    }
}
