package dev.clickupsync.query;

/**
 * The filters of a {@link TaskQuery} that are not part of the index key, evaluated on each walked
 * {@link IndexEntry} (in memory: a DynamoDB filter expression would cost the same read units, since
 * DynamoDB charges for what it reads, not for what it returns). The rules are the fake ClickUp's
 * ({@code testkit/.../clickup/TaskQuery}): closed tasks only with {@code include_closed}; subtasks
 * only with {@code subtasks} (or exactly the subtasks of {@code parent}); statuses, assignees, tags and
 * task types ({@code custom_items}) match any of the given values; date ranges are strict and a
 * missing date fails them.
 */
final class TaskFilter {
    private final TaskQuery q;

    TaskFilter(TaskQuery query) {
        this.q = query;
    }

    boolean test(IndexEntry e) {
        if (!q.includeClosed() && e.closed()) {
            return false;
        }
        if (q.parent() != null ? !q.parent().equals(e.parent()) : !q.subtasks() && e.parent() != null) {
            return false;
        }
        if (q.scope().kind() == Scope.Kind.TEAM && !q.scope().admits(e.spaceId(), e.folderId(), e.listId())) {
            return false;
        }
        return (q.statuses().isEmpty() || q.statuses().contains(e.status()))
                && (q.assignees().isEmpty() || e.assignees().stream().anyMatch(q.assignees()::contains))
                && (q.tags().isEmpty() || e.tags().stream().anyMatch(q.tags()::contains))
                && q.dueDate().test(e.due()) && q.dateCreated().test(e.created())
                && q.dateUpdated().test(e.updated()) && q.dateDone().test(e.done())
                && q.customFields().stream().allMatch(f -> f.test(e.fields()))
                && (q.customItems().isEmpty() || q.customItems().contains(e.customItem()));
    }
}
