package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.mirror.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code smart} policy's rule book: when a history item's before/after values fully describe a
 * change, apply it to the stored snapshot instead of fetching the task.
 *
 * <p>A delta applies only when (1) it is strictly newer than the snapshot and (2) its
 * {@code before} equals what the snapshot holds for that field. Together these mean the snapshot
 * is exactly the state the change started from for that field; anything else (an older or
 * reordered event, a gap, a field the snapshot does not model, a status change into or out of a
 * closed state, which also moves {@code date_closed}/{@code date_done} in ClickUp) returns empty
 * and the caller fetches the truth instead. So the rule book can only save calls, never make the
 * mirror differ from what {@code GET /task} would return for the fields it keeps.
 */
public final class SnapshotDeltas {
    private SnapshotDeltas() {
    }

    /** The snapshot after {@code item}, or empty when the item cannot be applied safely. */
    public static Optional<TaskSnapshot> apply(TaskSnapshot s, WebhookPayload.HistoryItem item) {
        Instant at = item.at();
        if (s == null || s.deleted() || at == null || s.dateUpdated() == null || !at.isAfter(s.dateUpdated())) {
            return Optional.empty();
        }
        JsonNode before = item.before();
        JsonNode after = item.after();
        Builder b = new Builder(s, at);
        switch (String.valueOf(item.field())) {
            case "name":
                if (!Objects.equals(text(before), s.name()) || text(after) == null) {
                    return Optional.empty();
                }
                b.name = text(after);
                break;
            case "status":
                if (before == null || after == null || !before.isObject() || !after.isObject()
                        || !same(before.path("status").asText(null), s.status())
                        || closing(before) || closing(after)) {
                    return Optional.empty();
                }
                b.status = after.path("status").asText();
                b.statusType = after.path("type").asText(null);
                break;
            case "priority":
                if (!same(priorityName(before), s.priority())) {
                    return Optional.empty();
                }
                b.priority = priorityName(after);
                b.priorityId = after == null || after.isNull() ? null : after.path("id").asText(null);
                break;
            case "assignee_add":
                if (after == null || !after.path("id").canConvertToLong()
                        || s.assignees().stream().anyMatch(p -> p.id() == after.path("id").asLong())) {
                    return Optional.empty();
                }
                b.assignees.add(new TaskSnapshot.Person(after.path("id").asLong(), after.path("username").asText(null)));
                break;
            case "assignee_rem":
                if (before == null || !before.path("id").canConvertToLong()
                        || !b.assignees.removeIf(p -> p.id() == before.path("id").asLong())) {
                    return Optional.empty();
                }
                break;
            case "tag":
            case "tag_removed":
                if (after == null || !after.isArray() || after.isEmpty()) {
                    return Optional.empty();
                }
                boolean adding = "tag".equals(item.field());
                for (JsonNode tag : after) {
                    String name = tag.path("name").asText(null);
                    if (name == null || b.tags.contains(name) == adding) {
                        return Optional.empty();
                    }
                    if (adding) {
                        b.tags.add(name);
                    } else {
                        b.tags.remove(name);
                    }
                }
                break;
            case "due_date":
                if (!Objects.equals(millis(before), epoch(s.dueDate()))) {
                    return Optional.empty();
                }
                b.dueDate = instant(millis(after));
                break;
            case "start_date":
                if (!Objects.equals(millis(before), epoch(s.startDate()))) {
                    return Optional.empty();
                }
                b.startDate = instant(millis(after));
                break;
            case "time_estimate":
                if (!Objects.equals(millis(before), s.timeEstimate())) {
                    return Optional.empty();
                }
                b.timeEstimate = millis(after);
                break;
            default:
                return Optional.empty();
        }
        return Optional.of(b.build());
    }

    private static boolean closing(JsonNode status) {
        String type = status.path("type").asText("").toLowerCase(Locale.ROOT);
        return type.equals("closed") || type.equals("done");
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : b != null && a.equalsIgnoreCase(b);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isTextual() ? null : node.asText();
    }

    private static String priorityName(JsonNode node) {
        return node == null || node.isNull() ? null : node.path("priority").asText(null);
    }

    private static Long millis(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asText().trim();
        try {
            return text.isEmpty() ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE; // matches nothing: the caller falls back to a fetch
        }
    }

    private static Long epoch(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** The fields a delta may change; everything else is copied. */
    private static final class Builder {
        private final TaskSnapshot s;
        private final Instant at;
        String name;
        String status;
        String statusType;
        String priority;
        String priorityId;
        final List<TaskSnapshot.Person> assignees;
        final List<String> tags;
        Instant dueDate;
        Instant startDate;
        Long timeEstimate;

        Builder(TaskSnapshot s, Instant at) {
            this.s = s;
            this.at = at;
            name = s.name();
            status = s.status();
            statusType = s.statusType();
            priority = s.priority();
            priorityId = s.priorityId();
            assignees = new ArrayList<>(s.assignees());
            tags = new ArrayList<>(s.tags());
            dueDate = s.dueDate();
            startDate = s.startDate();
            timeEstimate = s.timeEstimate();
        }

        TaskSnapshot build() {
            return new TaskSnapshot(s.id(), s.customId(), name, status, statusType, priority, priorityId,
                    List.copyOf(assignees), List.copyOf(tags), s.listId(), s.folderId(), s.spaceId(), s.teamId(),
                    s.parentId(), s.dateCreated(), at, s.dateClosed(), s.dateDone(), dueDate, startDate, s.points(),
                    timeEstimate, s.timeSpent(), s.customFields(), s.archived(), false, s.url());
        }
    }
}
