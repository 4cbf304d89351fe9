package dev.clickupsync.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClickUp's {@code time_in_status} shape computed from the mirror's stored transitions
 * ({@link TransitionStore}) and the task's snapshot.
 *
 * <p>Computation (documented in {@code docs/read-api.md}):
 * <ul>
 *   <li>{@code status_history}: one element per status the task entered, in the order it first
 *       entered them; {@code since} is that first entry, {@code by_minute} the whole minutes (floor)
 *       of all stays, each transition's status counting until the next transition, the last one
 *       until now ({@link TransitionStore#timeInStatus}).</li>
 *   <li>{@code current_status}: the snapshot's status; {@code since} is the last transition if it led
 *       into that status. With no transition stored, the task is taken to have held its status since
 *       {@code date_created} (a status never changed yields no transition), and {@code status_history}
 *       is that one stay. If the last transition led elsewhere (a change whose webhook the mirror has
 *       not recorded), {@code since} is the snapshot's {@code date_updated}, the earliest moment the
 *       mirror knows the status held, so {@code by_minute} is a lower bound.</li>
 *   <li>Time before the first stored transition is not counted: the status then, and since when, is
 *       unknown unless that transition is the creation.</li>
 *   <li>{@code color} and {@code orderindex}: the status's as the task's list defines it now (the
 *       list as the mirror keeps it, and the task's own JSON for its current status;
 *       {@link StatusLooks}), as ClickUp shows the latest definition; null for a status found in
 *       neither (a list not mirrored yet, or a status since removed).</li>
 * </ul>
 */
final class TimeInStatusView {
    private static final Comparator<Transition> ORDER = Comparator.comparing(Transition::at)
            .thenComparing(Transition::historyId);

    private TimeInStatusView() {
    }

    static ObjectNode render(TaskSnapshot task, List<Transition> stored, Instant now, StatusLooks looks) {
        List<Transition> transitions = new ArrayList<>(stored);
        transitions.sort(ORDER);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode history = Json.MAPPER.createArrayNode();
        Instant currentSince;
        if (transitions.isEmpty()) {
            currentSince = task.dateCreated() != null ? task.dateCreated() : task.dateUpdated();
            history.add(stay(task.status(), task.statusType(), currentSince, minutes(currentSince, now), looks));
        } else {
            Transition last = transitions.get(transitions.size() - 1);
            currentSince = last.toStatus().equalsIgnoreCase(String.valueOf(task.status()))
                    ? last.at() : task.dateUpdated();
            Map<String, Duration> totals = TransitionStore.timeInStatus(transitions, now);
            Map<String, Transition> firstEntry = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            for (Transition t : transitions) {
                firstEntry.putIfAbsent(t.toStatus(), t);
                types.put(t.toStatus(), t.toType());
            }
            firstEntry.forEach((status, first) -> history.add(stay(status, types.get(status), first.at(),
                    totals.getOrDefault(status, Duration.ZERO).toMinutes(), looks)));
        }
        ObjectNode current = body.putObject("current_status");
        current.put("status", task.status());
        current.set("color", looks.color(task.status()));
        totalTime(current, currentSince, minutes(currentSince, now));
        body.set("status_history", history);
        return body;
    }

    private static ObjectNode stay(String status, String type, Instant since, long byMinute, StatusLooks looks) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("status", status);
        node.set("color", looks.color(status));
        node.put("type", type);
        totalTime(node, since, byMinute);
        node.set("orderindex", looks.orderindex(status));
        return node;
    }

    private static void totalTime(ObjectNode parent, Instant since, long byMinute) {
        ObjectNode total = parent.putObject("total_time");
        total.put("by_minute", byMinute);
        TaskView.millis(total, "since", since);
    }

    private static long minutes(Instant since, Instant now) {
        return since == null || !now.isAfter(since) ? 0 : Duration.between(since, now).toMinutes();
    }
}
