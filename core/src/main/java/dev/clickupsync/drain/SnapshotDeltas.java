package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.mirror.TaskSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@code smart} policy's rule book: when a history item's before/after values fully describe a
 * change, apply it to the stored snapshot (its typed fields and its full JSON alike) instead of
 * fetching the task.
 *
 * <p>A delta applies only when (1) it is strictly newer than the snapshot, (2) its {@code before}
 * equals what the snapshot holds for that field and (3) the snapshot has its full JSON
 * ({@code TaskSnapshot.json}) and the item says everything {@code GET /task} would now show for
 * the field. (1) and (2) mean the snapshot is exactly the state the change started from for that
 * field; (3) means the full JSON cannot go stale: anything else (an older or reordered event, a
 * gap, a field not in the table below, a value in an unknown shape) returns empty and the caller
 * fetches the truth instead. So the rule book can only save calls, never make the mirror differ
 * from what {@code GET /task} would return. Every applied delta also sets {@code date_updated} to
 * the item's date, which is what ClickUp's task shows after the change.
 *
 * <table>
 *   <caption>History item kinds (field) and what the smart policy does</caption>
 *   <tr><th>field</th><th>JSON patched</th><th>applied exactly / fetch</th></tr>
 *   <tr><td>name</td><td>name</td><td>applied</td></tr>
 *   <tr><td>priority</td><td>priority: the item's object ({id, priority, color, orderindex}, GET /task's shape)</td><td>applied; fetch for another shape</td></tr>
 *   <tr><td>assignee_add</td><td>the user appended to assignees, and to watchers unless watching (ClickUp makes
 *       an assignee a watcher)</td><td>applied when the user has exactly GET /task's members; else fetch</td></tr>
 *   <tr><td>assignee_rem</td><td>removed from assignees (watchers keep them)</td><td>applied</td></tr>
 *   <tr><td>tag / tag_removed</td><td>the tag object appended to / removed from tags</td><td>applied when the tag has exactly {name, tag_fg, tag_bg, creator}; else fetch</td></tr>
 *   <tr><td>due_date, start_date</td><td>the date (string of ms, or null)</td><td>applied</td></tr>
 *   <tr><td>time_estimate</td><td>time_estimate (number, or null)</td><td>applied</td></tr>
 *   <tr><td>custom_field</td><td>see {@link CustomFieldDeltas}: value (+ value_richtext) of short_text, text, number, drop_down</td><td>applied for those types; fetch otherwise</td></tr>
 *   <tr><td>status</td><td>status: {id, status, color, orderindex, type}, the id from {@link StatusIds} (the item's
 *       statuses have no id)</td><td>applied when that id is known for exactly these values in the task's list;
 *       fetch otherwise, and always into or out of a closed/done status (ClickUp then also moves
 *       date_closed/date_done)</td></tr>
 *   <tr><td>comment (taskCommentPosted/Updated)</td><td>date_updated only (the comment is stored apart,
 *       by {@code comment/CommentEvents})</td><td>applied</td></tr>
 *   <tr><td>content (description), section_moved (taskMoved), time tracking, attachments, checklists,
 *       dependencies, anything else</td><td>-</td><td>fetch</td></tr>
 * </table>
 */
public final class SnapshotDeltas {
    private SnapshotDeltas() {
    }

    /** The snapshot after {@code item}, or empty when the item cannot be applied exactly; no status id known. */
    public static Optional<TaskSnapshot> apply(TaskSnapshot s, WebhookPayload.HistoryItem item) {
        return apply(s, item, (list, status) -> Optional.empty());
    }

    /**
     * The snapshot after {@code item}, or empty when the item cannot be applied exactly.
     * {@code statusIds} gives the id of a status (list id, the item's status object) when known exactly.
     */
    public static Optional<TaskSnapshot> apply(TaskSnapshot s, WebhookPayload.HistoryItem item,
                                               BiFunction<String, JsonNode, Optional<String>> statusIds) {
        Instant at = item.at();
        if (s == null || s.deleted() || s.json() == null || at == null || s.dateUpdated() == null
                || !at.isAfter(s.dateUpdated())) {
            return Optional.empty();
        }
        JsonNode before = item.before();
        JsonNode after = item.after();
        Builder b = new Builder(s, at);
        FullJsonPatch json = new FullJsonPatch(s.json());
        switch (String.valueOf(item.field())) {
            case "name":
                if (!Objects.equals(text(before), s.name()) || text(after) == null) {
                    return Optional.empty();
                }
                b.name = text(after);
                json.set("name", after);
                break;
            case "status":
                Optional<String> statusId = after == null ? Optional.empty() : statusIds.apply(s.listId(), after);
                if (before == null || !before.isObject() || !same(before.path("status").asText(null), s.status())
                        || closing(before) || closing(after) || statusId.isEmpty() || !json.setStatus(statusId.get(), after)) {
                    return Optional.empty();
                }
                b.status = after.path("status").asText();
                b.statusType = after.path("type").asText(null);
                break;
            case "priority":
                if (!same(priorityName(before), s.priority()) || !json.setPriority(after)) {
                    return Optional.empty();
                }
                b.priority = priorityName(after);
                b.priorityId = after == null || after.isNull() ? null : after.path("id").asText(null);
                break;
            case "assignee_add":
                if (after == null || !after.path("id").canConvertToLong()
                        || s.assignees().stream().anyMatch(p -> p.id() == after.path("id").asLong())
                        || !json.addAssignee(after)) {
                    return Optional.empty();
                }
                b.assignees.add(new TaskSnapshot.Person(after.path("id").asLong(), after.path("username").asText(null)));
                break;
            case "assignee_rem":
                if (before == null || !before.path("id").canConvertToLong()
                        || !b.assignees.removeIf(p -> p.id() == before.path("id").asLong())
                        || !json.removeAssignee(before.path("id").asLong())) {
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
                    if (name == null || b.tags.contains(name) == adding
                            || !(adding ? json.addTag(tag) : json.removeTag(name))) {
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
                if (!Objects.equals(millis(before), epoch(s.dueDate())) || bad(millis(after))) {
                    return Optional.empty();
                }
                b.dueDate = instant(millis(after));
                json.setMillis("due_date", millis(after));
                break;
            case "start_date":
                if (!Objects.equals(millis(before), epoch(s.startDate())) || bad(millis(after))) {
                    return Optional.empty();
                }
                b.startDate = instant(millis(after));
                json.setMillis("start_date", millis(after));
                break;
            case "time_estimate":
                if (!Objects.equals(millis(before), s.timeEstimate()) || bad(millis(after))) {
                    return Optional.empty();
                }
                b.timeEstimate = millis(after);
                json.set("time_estimate", b.timeEstimate == null ? null : json.json.numberNode(b.timeEstimate));
                break;
            case "comment":
                // ClickUp moves the task's date_updated on a comment, nothing else; the comment itself
                // is comment/CommentEvents' (its payload, or a re-read of the comments).
                break;
            default:
                return Optional.empty();
        }
        return Optional.of(b.build(json.done(at)));
    }

    /** An unparseable date or duration: nothing exact can be written for it. */
    private static boolean bad(Long millis) {
        return millis != null && millis == Long.MIN_VALUE;
    }

    /** Into or out of a closed/done status: ClickUp also moves date_closed/date_done, which the item does not give. */
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

        TaskSnapshot build(ObjectNode json) {
            return new TaskSnapshot(s.id(), s.customId(), name, status, statusType, priority, priorityId,
                    List.copyOf(assignees), List.copyOf(tags), s.listId(), s.folderId(), s.spaceId(), s.teamId(),
                    s.parentId(), s.dateCreated(), at, s.dateClosed(), s.dateDone(), dueDate, startDate, s.points(),
                    timeEstimate, s.timeSpent(), s.customFields(), s.archived(), false, s.url(), json);
        }
    }
}
