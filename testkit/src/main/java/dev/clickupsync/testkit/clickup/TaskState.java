package dev.clickupsync.testkit.clickup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable truth about one task, guarded by the workspace lock. Changes are applied to a
 * {@link #copy()} and committed only when every change of a batch succeeded.
 * Custom field values are kept normalised (see {@link CustomFieldValues}) and keyed by field id.
 */
final class TaskState {

    String id;
    String customId;
    /** ClickUp's task type: 0 a plain task, 1 a milestone, other numbers the workspace's custom types. */
    long customItemId;
    String name;
    String description = "";
    String listId;
    String status;
    Integer priority;
    long creatorId;
    final Set<Long> assignees = new LinkedHashSet<>();
    final Set<Long> watchers = new LinkedHashSet<>();
    final List<String> tags = new ArrayList<>();
    long dateCreated;
    long dateUpdated;
    Long dateClosed;
    Long dateDone;
    Long dueDate;
    Long startDate;
    Long timeEstimate;
    long timeSpent;
    Number points;
    String parent;
    boolean archived;
    boolean deleted;
    String orderindex = "1.00000000000000000000000000000000";
    final Map<String, Object> customValues = new LinkedHashMap<>();
    /** Every status change after creation, oldest first: the record time in status is computed from. */
    final List<StatusChange> statusChanges = new ArrayList<>();

    /** One status change: at (ms), the status left and the status entered, as the list defined them then. */
    record StatusChange(long at, FakeStatus from, FakeStatus to) {
    }

    TaskState copy() {
        TaskState c = new TaskState();
        c.id = id;
        c.customId = customId;
        c.customItemId = customItemId;
        c.name = name;
        c.description = description;
        c.listId = listId;
        c.status = status;
        c.priority = priority;
        c.creatorId = creatorId;
        c.assignees.addAll(assignees);
        c.watchers.addAll(watchers);
        c.tags.addAll(tags);
        c.dateCreated = dateCreated;
        c.dateUpdated = dateUpdated;
        c.dateClosed = dateClosed;
        c.dateDone = dateDone;
        c.dueDate = dueDate;
        c.startDate = startDate;
        c.timeEstimate = timeEstimate;
        c.timeSpent = timeSpent;
        c.points = points;
        c.parent = parent;
        c.archived = archived;
        c.deleted = deleted;
        c.orderindex = orderindex;
        c.statusChanges.addAll(statusChanges);
        c.customValues.putAll(customValues); // values are immutable (String, BigDecimal, Long, List.copyOf)
        return c;
    }
}
