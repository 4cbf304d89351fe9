package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.clickup.FakeHierarchy.TaskList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The filters, order and paging of GET /list/{id}/task and GET /team/{id}/task, read from the query
 * as the OpenAPI document names them. Defaults follow the documentation: closed tasks, subtasks and
 * archived tasks are left out, order is by {@code created}, pages hold {@value #PAGE_SIZE} tasks from
 * page 0. The direction of the default order is not documented; here it is newest first (descending)
 * and {@code reverse=true} gives oldest first. A null date (due date, done date) never passes a date
 * filter and sorts after every date in ascending order. {@code custom_fields} is {@link CustomFieldFilter}.
 */
final class TaskQuery {

    static final int PAGE_SIZE = 100;

    private static final Set<String> ORDERS = Set.of("created", "updated", "id", "due_date");

    /** One page of tasks, and whether no page follows it. */
    record Page(List<TaskState> tasks, boolean lastPage) {
    }

    private final ApiQuery query;
    private final int page;
    private final String orderBy;

    TaskQuery(ApiQuery query) {
        this.query = query;
        this.page = query.intValue("page", 0);
        this.orderBy = query.first("order_by") == null ? "created" : query.first("order_by").trim().toLowerCase(Locale.ROOT);
        if (!ORDERS.contains(orderBy)) {
            throw new ApiQuery.BadInput("order_by must be one of id, created, updated, due_date: " + orderBy);
        }
    }

    /** The requested page of the live tasks in {@code scope} that pass every filter. */
    Page run(WorkspaceModel model, Predicate<TaskState> scope) {
        Predicate<TaskState> filter = filters(model);
        List<TaskState> matching = new ArrayList<>();
        for (TaskState task : model.tasks.values()) {
            if (!task.deleted && scope.test(task) && filter.test(task)) {
                matching.add(task);
            }
        }
        matching.sort(comparator());
        if (!query.isTrue("reverse")) {
            Collections.reverse(matching);
        }
        long from = (long) page * PAGE_SIZE;
        if (from >= matching.size()) {
            return new Page(List.of(), true);
        }
        int to = (int) Math.min(from + PAGE_SIZE, matching.size());
        return new Page(List.copyOf(matching.subList((int) from, to)), to == matching.size());
    }

    /** Team-only scope: space_ids[], project_ids[] (folders) and list_ids[]. */
    Predicate<TaskState> teamScope(WorkspaceModel model) {
        Set<String> spaces = Set.copyOf(query.all("space_ids"));
        Set<String> folders = Set.copyOf(query.all("project_ids"));
        Set<String> lists = Set.copyOf(query.all("list_ids"));
        return task -> {
            TaskList list = model.requireList(task.listId);
            return (spaces.isEmpty() || spaces.contains(model.spaceOf(list).id()))
                    && (folders.isEmpty() || folders.contains(list.folderId()))
                    && (lists.isEmpty() || lists.contains(list.id()));
        };
    }

    private Predicate<TaskState> filters(WorkspaceModel model) {
        boolean archived = query.isTrue("archived");
        boolean includeClosed = query.isTrue("include_closed");
        String parent = query.first("parent");
        boolean subtasks = query.isTrue("subtasks");
        Set<String> statuses = lowerCase(query.all("statuses"));
        Set<Long> assignees = ids(query.all("assignees"));
        Set<Long> watchers = ids(query.all("watchers"));
        Set<String> tags = lowerCase(query.all("tags"));
        Set<Long> types = numbers("custom_items", query.all("custom_items"));
        Predicate<TaskState> filter = task -> task.archived == archived;
        filter = filter.and(task -> includeClosed || !closed(model, task));
        filter = filter.and(task -> parent != null ? parent.equals(task.parent) : subtasks || task.parent == null);
        filter = filter.and(task -> statuses.isEmpty() || statuses.contains(task.status.toLowerCase(Locale.ROOT)));
        filter = filter.and(task -> assignees.isEmpty() || task.assignees.stream().anyMatch(assignees::contains));
        filter = filter.and(task -> watchers.isEmpty() || task.watchers.stream().anyMatch(watchers::contains));
        filter = filter.and(task -> tags.isEmpty() || task.tags.stream().anyMatch(tags::contains));
        filter = filter.and(task -> types.isEmpty() || types.contains(task.customItemId));
        filter = filter.and(range("due_date", t -> t.dueDate));
        filter = filter.and(range("date_created", t -> t.dateCreated));
        filter = filter.and(range("date_updated", t -> t.dateUpdated));
        filter = filter.and(range("date_done", t -> t.dateDone));
        filter = filter.and(CustomFieldFilter.of(model, query.first("custom_fields")));
        return filter;
    }

    /** {@code <name>_gt} and {@code <name>_lt}, both strict, as ClickUp's "greater/less than". */
    private Predicate<TaskState> range(String name, java.util.function.Function<TaskState, Long> value) {
        Long gt = query.longValue(name + "_gt");
        Long lt = query.longValue(name + "_lt");
        if (gt == null && lt == null) {
            return task -> true;
        }
        return task -> {
            Long v = value.apply(task);
            return v != null && (gt == null || v > gt) && (lt == null || v < lt);
        };
    }

    private Comparator<TaskState> comparator() {
        return switch (orderBy) {
            case "updated" -> Comparator.comparingLong(t -> t.dateUpdated);
            case "id" -> Comparator.comparing(t -> t.id);
            case "due_date" -> Comparator.comparing(t -> t.dueDate, Comparator.nullsLast(Comparator.naturalOrder()));
            default -> Comparator.comparingLong(t -> t.dateCreated);
        };
    }

    private static boolean closed(WorkspaceModel model, TaskState task) {
        return model.requireList(task.listId).status(task.status).map(FakeStatus::isClosed).orElse(false);
    }

    private static Set<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** {@code custom_items[]}: task type numbers (0 plain tasks, 1 milestones, others custom types). */
    private static Set<Long> numbers(String name, List<String> values) {
        try {
            return values.stream().filter(v -> !v.isBlank()).map(v -> Long.parseLong(v.trim())).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new ApiQuery.BadInput(name + " must be numbers: " + values);
        }
    }

    private static Set<Long> ids(List<String> values) {
        try {
            return values.stream().map(v -> Long.parseLong(v.trim())).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            throw new ApiQuery.BadInput("user ids must be numbers: " + values);
        }
    }
}
