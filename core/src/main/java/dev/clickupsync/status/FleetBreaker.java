package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code clickup.circuit_breaker} for the fleet: each function's breaker from its
 * {@code ClickUpCircuitState{Service,State}} transitions in the window ({@link FleetMetrics}), one
 * datapoint per minute in which its breaker changed state.
 *
 * <p>A function's state: {@code open} when its breaker opened in the last {@link #RECENT} (5 minutes: it
 * may have half-opened and closed since, within the same minutes, which per-minute data cannot order
 * for sure) or when its latest transition is to {@code open} (still open: SmallRye half-opens only when a
 * call tries it); otherwise its latest transition's state. Transitions in one minute are ordered
 * {@code closed} &lt; {@code half_open} &lt; {@code open}, the more alarming last. The fleet's state is the
 * worst function's ({@code open} &gt; {@code half_open} &gt; {@code closed}), {@code since} the latest
 * transition of a function in that state; {@code closed} with {@code since: null} when no function's
 * breaker changed in the window. The metric has no workspace dimension, so the state is per function,
 * over all its workspaces' breakers.
 */
final class FleetBreaker {
    static final Duration RECENT = Duration.ofMinutes(5);
    private static final List<String> SEVERITY = List.of("closed", "half_open", "open");

    private FleetBreaker() {
    }

    /** One function's breaker: its state and the minute of the transition that says so. */
    record State(String state, Instant at) {
    }

    static JsonNode report(FleetMetrics.Fleet fleet, Instant now) {
        Map<String, State> functions = new TreeMap<>();
        Map<String, List<FleetMetrics.Transition>> byFunction = new TreeMap<>();
        fleet.transitions().forEach(t -> byFunction.computeIfAbsent(t.function(), f -> new ArrayList<>()).add(t));
        byFunction.forEach((function, transitions) -> functions.put(function, state(transitions, now)));

        State worst = functions.values().stream()
                .max(Comparator.comparingInt((State s) -> severity(s.state())).thenComparing(State::at))
                .orElse(new State("closed", null));
        ObjectNode breaker = Json.MAPPER.createObjectNode();
        breaker.put("state", worst.state());
        breaker.put("since", worst.at() == null ? null : worst.at().toString());
        breaker.put("scope", "fleet");
        breaker.put("window_minutes", fleet.windowMinutes());
        ObjectNode each = breaker.putObject("functions");
        functions.forEach((function, s) -> each.putObject(function).put("state", s.state()).put("since", s.at().toString()));
        return breaker;
    }

    private static State state(List<FleetMetrics.Transition> transitions, Instant now) {
        FleetMetrics.Transition latest = transitions.stream()
                .max(Comparator.comparing(FleetMetrics.Transition::at).thenComparingInt(t -> severity(t.state())))
                .orElseThrow();
        Instant recent = now.minus(RECENT);
        return transitions.stream()
                .filter(t -> "open".equals(t.state()) && !t.at().isBefore(recent))
                .max(Comparator.comparing(FleetMetrics.Transition::at))
                .map(t -> new State("open", t.at()))
                .orElse(new State(latest.state(), latest.at()));
    }

    /** An unknown state (a future breaker's) counts as the most alarming: it is shown, not hidden. */
    private static int severity(String state) {
        int at = SEVERITY.indexOf(state);
        return at < 0 ? SEVERITY.size() : at;
    }
}
