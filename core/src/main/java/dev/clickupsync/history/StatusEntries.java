package dev.clickupsync.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One task's answer from ClickUp's {@code time_in_status} read as entries into statuses, and the
 * transitions the mirror lacks among them.
 *
 * <p>An entry is a status and the {@code total_time.since} ClickUp gives it: when the task entered
 * it. There is one per status in {@code status_history}, so a status entered twice shows one of its
 * entries only (ClickUp documents neither which one nor the order; its example lists them out of
 * time order), and {@code current_status.since} adds the latest entry into the current status when
 * it is another one. Entries are put in time order.
 *
 * <p>{@link #missing} compares them with the stored transitions: an entry with a stored transition
 * of the same entry ({@link TransitionStore#sameEntry}: same status, at most
 * {@link TransitionStore#SAME_ENTRY} apart) is known; every other one becomes a restored transition
 * ({@link Transition#restored}) whose {@code from} is the status just before it on the timeline of
 * stored transitions and entries together (null when nothing is before it: the task's creation, or a
 * past the mirror does not know). A visit that {@code time_in_status} does not show (the other
 * entries into a status entered twice) is not among them: {@link UnseenVisits} finds those, with
 * {@link #minutes}, each status's {@code total_time.by_minute} (keys lower-cased).
 */
record StatusEntries(List<Entry> entries, Map<String, Long> minutes) {

    /** The task entered {@code status} (of {@code type}, null when not given) at {@code since}. */
    record Entry(String status, String type, Instant since) {
    }

    /** The entries of one task's {@code time_in_status} object; empty when it has none usable. */
    static Optional<StatusEntries> read(JsonNode answer) {
        if (answer == null || !answer.isObject() || !answer.path("status_history").isArray()) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> minutes = new HashMap<>();
        for (JsonNode line : answer.path("status_history")) {
            entry(line).ifPresent(entry -> {
                entries.add(entry);
                long byMinute = line.path("total_time").path("by_minute").asLong(-1); // a number, or its string
                if (byMinute >= 0) {
                    minutes.put(entry.status().toLowerCase(Locale.ROOT), byMinute);
                }
            });
        }
        entry(answer.path("current_status")).ifPresent(current -> {
            if (entries.stream().noneMatch(e -> same(e, current))) {
                String type = entries.stream().filter(e -> e.status().equalsIgnoreCase(current.status()))
                        .map(Entry::type).findFirst().orElse(null);
                entries.add(new Entry(current.status(), type, current.since()));
            }
        });
        entries.sort(Comparator.comparing(Entry::since));
        return Optional.of(new StatusEntries(List.copyOf(entries), Map.copyOf(minutes)));
    }

    /** The restored transitions the stored ones lack, in time order. */
    List<Transition> missing(String taskId, List<Transition> stored) {
        List<Transition> restored = new ArrayList<>();
        for (Entry entry : entries) {
            Transition candidate = Transition.restored(taskId, null, null, entry.status(), entry.type(), entry.since());
            if (stored.stream().anyMatch(t -> TransitionStore.sameEntry(candidate, t))) {
                continue;
            }
            Entry before = before(entry.since(), stored);
            boolean known = before != null && !before.status().equalsIgnoreCase(entry.status());
            restored.add(Transition.restored(taskId, known ? before.status() : null, known ? before.type() : null,
                    entry.status(), entry.type(), entry.since()));
        }
        return restored;
    }

    /** The latest stored transition or entry strictly before {@code at}, as an entry; null if none. */
    private Entry before(Instant at, List<Transition> stored) {
        Entry latest = null;
        for (Transition t : stored) {
            if (t.at().isBefore(at) && t.toStatus() != null && (latest == null || t.at().isAfter(latest.since()))) {
                latest = new Entry(t.toStatus(), t.toType(), t.at());
            }
        }
        for (Entry e : entries) {
            if (e.since().isBefore(at) && (latest == null || e.since().isAfter(latest.since()))) {
                latest = e;
            }
        }
        return latest;
    }

    private static boolean same(Entry a, Entry b) {
        return a.status().equalsIgnoreCase(b.status())
                && Math.abs(a.since().toEpochMilli() - b.since().toEpochMilli()) <= TransitionStore.SAME_ENTRY.toMillis();
    }

    private static Optional<Entry> entry(JsonNode line) {
        JsonNode status = line.path("status");
        Instant since = millis(line.path("total_time").path("since"));
        if (!status.isTextual() || status.asText().isBlank() || since == null) {
            return Optional.empty();
        }
        JsonNode type = line.path("type");
        return Optional.of(new Entry(status.asText(), type.isTextual() ? type.asText() : null, since));
    }

    /** ClickUp sends {@code since} as a string of epoch ms (a number is accepted too); null when unusable. */
    private static Instant millis(JsonNode since) {
        try {
            long ms = since.isTextual() ? Long.parseLong(since.asText()) : since.isIntegralNumber() ? since.asLong() : -1;
            return ms < 0 ? null : Instant.ofEpochMilli(ms);
        } catch (NumberFormatException unusable) {
            return null;
        }
    }
}
