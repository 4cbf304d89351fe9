package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status ids the drain has seen ClickUp answer, per list, so the {@code smart} policy can apply a
 * status history item exactly: the item's statuses carry {@code status}, {@code color},
 * {@code orderindex} and {@code type} but not the {@code id} that {@code GET /task} shows.
 *
 * <p>Learned only from tasks ClickUp returned ({@link #learn}, after each drain fetch): "in list L,
 * the status with exactly these four values has id X". A lookup answers only for an exact match of
 * all four values, learned less than {@link #MAX_AGE} ago; anything else is empty and the caller
 * fetches. The one way it could be wrong is a list whose statuses were replaced by new ones with
 * identical name, color, order and type within that window; the age bound limits that, and the next
 * fetch of the task repairs it. In memory, per instance: a cold instance fetches until it has learned.
 * Bounded: past {@link #MAX_LISTS} lists it starts over.
 */
@ApplicationScoped
public class StatusIds {
    static final Duration MAX_AGE = Duration.ofMinutes(15);
    static final int MAX_LISTS = 10_000;

    private record Learned(String id, Instant at) {
    }

    private final Map<String, Map<String, Learned>> byList = new ConcurrentHashMap<>();
    private final Clock clock;

    public StatusIds() {
        this(Clock.systemUTC());
    }

    StatusIds(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the status of a task as ClickUp returned it (its {@code list.id} and {@code status} with id). */
    public void learn(ObjectNode task) {
        if (task == null) {
            return;
        }
        String listId = task.path("list").path("id").asText(null);
        JsonNode status = task.path("status");
        String id = status.path("id").asText(null);
        String key = key(status);
        if (listId == null || id == null || key == null) {
            return;
        }
        if (byList.size() >= MAX_LISTS && !byList.containsKey(listId)) {
            byList.clear();
        }
        byList.computeIfAbsent(listId, l -> new ConcurrentHashMap<>()).put(key, new Learned(id, clock.instant()));
    }

    /** The id of the status a history item describes ({status, color, orderindex, type}) in the list, if learned recently. */
    public Optional<String> idOf(String listId, JsonNode status) {
        String key = key(status);
        Map<String, Learned> statuses = listId == null || key == null ? null : byList.get(listId);
        Learned learned = statuses == null ? null : statuses.get(key);
        if (learned == null || learned.at().plus(MAX_AGE).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(learned.id());
    }

    /** The four values, or null when one is missing (then nothing is exact). */
    private static String key(JsonNode status) {
        if (status == null || !status.isObject()) {
            return null;
        }
        JsonNode name = status.get("status");
        JsonNode color = status.get("color");
        JsonNode order = status.get("orderindex");
        JsonNode type = status.get("type");
        if (name == null || !name.isTextual() || color == null || order == null || !order.canConvertToInt()
                || type == null || !type.isTextual()) {
            return null;
        }
        return name.asText().toLowerCase(Locale.ROOT) + "\n" + color.asText() + "\n" + order.asInt() + "\n" + type.asText();
    }
}
