package dev.clickupsync.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code GET /list/{id}/task} or {@code GET /team/{id}/task} request, parsed and checked
 * ({@link #parse}): what the engine answers. Immutable. Defaults are ClickUp's documented ones
 * (page 0, order by {@code created}, closed tasks, subtasks and archived tasks left out); the
 * direction of an order without {@code reverse} is newest (largest) first, as the fake ClickUp does
 * (ClickUp does not document it; see {@code docs/read-api.md}).
 *
 * @param parent       {@code parent}: only the subtasks of this task (then {@code subtasks} is moot)
 * @param statuses     lower-cased; a task passes with any of them
 * @param assignees    user ids; a task passes with any of them
 * @param tags         lower-cased; a task passes with any of them
 * @param customFields every one must hold ({@code custom_fields}, ClickUp's JSON filter)
 * @param customItems  task types ({@code custom_items}: 0 plain tasks, 1 milestones, others custom
 *                     types); a task passes with any of them
 * @param markdownDescription {@code include_markdown_description}: how the page's tasks are shown
 *                     (with {@code markdown_description}), not which; the engine ignores it, and as a
 *                     member of the record it keeps the two shapes apart in the read API's page cache
 */
public record TaskQuery(Scope scope, Order orderBy, boolean reverse, int page, boolean archived,
                        boolean includeClosed, boolean subtasks, String parent, Set<String> statuses,
                        Set<Long> assignees, Set<String> tags, Range dueDate, Range dateCreated,
                        Range dateUpdated, Range dateDone, List<FieldFilter> customFields,
                        Set<Long> customItems, boolean markdownDescription) {

    /** ClickUp's page size for these endpoints. */
    public static final int PAGE_SIZE = 100;

    public TaskQuery {
        statuses = Set.copyOf(statuses);
        assignees = Set.copyOf(assignees);
        tags = Set.copyOf(tags);
        customFields = List.copyOf(customFields);
        customItems = Set.copyOf(customItems);
    }

    /** A query whose tasks are shown without {@code markdown_description} (ClickUp's default). */
    public TaskQuery(Scope scope, Order orderBy, boolean reverse, int page, boolean archived, boolean includeClosed,
                     boolean subtasks, String parent, Set<String> statuses, Set<Long> assignees, Set<String> tags,
                     Range dueDate, Range dateCreated, Range dateUpdated, Range dateDone, List<FieldFilter> customFields,
                     Set<Long> customItems) {
        this(scope, orderBy, reverse, page, archived, includeClosed, subtasks, parent, statuses, assignees, tags, dueDate,
                dateCreated, dateUpdated, dateDone, customFields, customItems, false);
    }

    /** {@code order_by}, with the letter that prefixes its index items' sort keys. */
    public enum Order {
        ID("id", "i"), CREATED("created", "c"), UPDATED("updated", "u"), DUE_DATE("due_date", "d");

        final String param;
        final String prefix;

        Order(String param, String prefix) {
            this.param = param;
            this.prefix = prefix;
        }
    }

    /** {@code <name>_gt} / {@code <name>_lt} in Unix ms, both strict; a task without the date never passes. */
    public record Range(Long gt, Long lt) {
        static final Range ANY = new Range(null, null);

        boolean isAny() {
            return gt == null && lt == null;
        }

        boolean test(Long millis) {
            if (isAny()) {
                return true;
            }
            return millis != null && (gt == null || millis > gt) && (lt == null || millis < lt);
        }

        boolean test(Instant at) {
            return test(at == null ? null : at.toEpochMilli());
        }
    }

    /**
     * The parameter names {@link #parse} knows for a scope of this kind, bare of ClickUp's {@code []}:
     * served, or refused by name with a {@code 400}; any other name is refused as unknown. The
     * OpenAPI document lists exactly these (local's {@code OpenApiDocumentTest}).
     */
    public static Set<String> parameterNames(Scope.Kind kind) {
        return QueryParameters.names(kind);
    }

    /**
     * Parses a request's query parameters (each name with or without ClickUp's {@code []}).
     *
     * @throws QueryException naming the first parameter that is unknown, unsupported or malformed
     */
    public static TaskQuery parse(Scope scope, Map<String, List<String>> parameters) {
        return new QueryParameters(scope, parameters).query();
    }

    /** The same query at {@code page}, its tasks shown the default way (without {@code markdown_description}). */
    TaskQuery atPage(int page) {
        return new TaskQuery(scope, orderBy, reverse, page, archived, includeClosed, subtasks, parent, statuses, assignees,
                tags, dueDate, dateCreated, dateUpdated, dateDone, customFields, customItems, false);
    }

    /** Whether anything beyond the scope, {@code archived} and the default subtask/closed rules narrows the answer. */
    boolean hasFilters() {
        return parent != null || !statuses.isEmpty() || !assignees.isEmpty() || !tags.isEmpty()
                || !dueDate.isAny() || !dateCreated.isAny() || !dateUpdated.isAny() || !dateDone.isAny()
                || !customFields.isEmpty() || !customItems.isEmpty() || !scope.spaceIds().isEmpty() || !scope.folderIds().isEmpty()
                || !scope.listIds().isEmpty();
    }
}
