package dev.clickupsync.testkit.clickup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes to make to one task, in order; {@link FakeWorkspace#updateTask} turns each effective
 * change into one webhook event, as ClickUp does. A change that leaves the value as it was
 * (same status, tag already there...) produces no event.
 */
public final class TaskChange {

    enum Kind { NAME, DESCRIPTION, STATUS, PRIORITY, ADD_ASSIGNEE, REMOVE_ASSIGNEE, ADD_TAG, REMOVE_TAG, DUE_DATE, TIME_ESTIMATE, CUSTOM_FIELD, MOVE }

    /** One requested change; {@code key} is the field id for CUSTOM_FIELD. */
    record Op(Kind kind, String key, Object value) {
    }

    private final List<Op> ops = new ArrayList<>();

    TaskChange() {
    }

    public TaskChange name(String name) {
        return add(Kind.NAME, null, Objects.requireNonNull(name, "name"));
    }

    /** The task's description (markdown kept as text); ClickUp's history calls the field "content". */
    public TaskChange description(String description) {
        return add(Kind.DESCRIPTION, null, Objects.requireNonNull(description, "description"));
    }

    /** A status of the task's list, by name (ClickUp statuses are case-insensitive). */
    public TaskChange status(String status) {
        return add(Kind.STATUS, null, Objects.requireNonNull(status, "status"));
    }

    /** 1 urgent, 2 high, 3 normal, 4 low, or null for none. */
    public TaskChange priority(Integer priority) {
        if (priority != null && (priority < 1 || priority > 4)) {
            throw new IllegalArgumentException("priority must be 1..4 or null: " + priority);
        }
        return add(Kind.PRIORITY, null, priority);
    }

    public TaskChange addAssignee(long userId) {
        return add(Kind.ADD_ASSIGNEE, null, userId);
    }

    public TaskChange removeAssignee(long userId) {
        return add(Kind.REMOVE_ASSIGNEE, null, userId);
    }

    /** ClickUp stores tag names in lower case. */
    public TaskChange addTag(String tag) {
        return add(Kind.ADD_TAG, null, Objects.requireNonNull(tag, "tag"));
    }

    public TaskChange removeTag(String tag) {
        return add(Kind.REMOVE_TAG, null, Objects.requireNonNull(tag, "tag"));
    }

    public TaskChange dueDate(Instant dueDate) {
        return add(Kind.DUE_DATE, null, dueDate == null ? null : dueDate.toEpochMilli());
    }

    /** Milliseconds, or null to clear. */
    public TaskChange timeEstimate(Long millis) {
        if (millis != null && millis < 0) {
            throw new IllegalArgumentException("time estimate must not be negative");
        }
        return add(Kind.TIME_ESTIMATE, null, millis);
    }

    /**
     * Sets a custom field of the task's list; null clears it. Accepted values by type:
     * short_text/text a String; number a Number or numeric String; drop_down an option id, option name
     * or Integer orderindex; labels a Collection of option ids or names; date an Instant or Long ms;
     * users a Collection of user ids (or one id).
     */
    public TaskChange customField(String fieldId, Object value) {
        return add(Kind.CUSTOM_FIELD, Objects.requireNonNull(fieldId, "fieldId"), value);
    }

    /** Moves the task to another list (taskMoved). */
    public TaskChange moveTo(String listId) {
        return add(Kind.MOVE, null, Objects.requireNonNull(listId, "listId"));
    }

    List<Op> ops() {
        return List.copyOf(ops);
    }

    private TaskChange add(Kind kind, String key, Object value) {
        ops.add(new Op(kind, key, value));
        return this;
    }
}
