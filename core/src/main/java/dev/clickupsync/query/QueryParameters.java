package dev.clickupsync.query;

import dev.clickupsync.query.QueryException.Kind;
import dev.clickupsync.query.TaskQuery.Order;
import dev.clickupsync.query.TaskQuery.Range;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link TaskQuery} from query parameters as ClickUp spells them: arrays as {@code name[]=a}
 * or repeated {@code name=a}; booleans {@code true}/{@code false} (any case); numbers as integers or
 * decimals (ClickUp's dates are Unix ms although the OpenAPI document says int32 for lists). Every
 * parameter must be known for the endpoint; one the mirror cannot answer faithfully (it lacks
 * watchers and multi-list membership) is refused rather than ignored, so no answer is
 * silently wrong. {@code include_markdown_description} only says how tasks are shown (the read API
 * keeps or drops the stored {@code markdown_description}).
 */
final class QueryParameters {
    private static final Set<String> COMMON = Set.of("archived", "include_markdown_description", "page", "order_by",
            "reverse", "subtasks", "statuses", "include_closed", "include_timl", "assignees", "watchers", "tags",
            "due_date_gt", "due_date_lt", "date_created_gt", "date_created_lt", "date_updated_gt", "date_updated_lt",
            "date_done_gt", "date_done_lt", "custom_fields", "custom_field", "custom_items", "parent");
    private static final Set<String> TEAM_ONLY = Set.of("space_ids", "project_ids", "list_ids");

    private final Scope scope;
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Every parameter name a query of this kind knows (served or refused by name), bare of {@code []}. */
    static Set<String> names(Scope.Kind kind) {
        Set<String> names = new java.util.TreeSet<>(COMMON);
        if (kind == Scope.Kind.TEAM) {
            names.addAll(TEAM_ONLY);
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    QueryParameters(Scope scope, Map<String, List<String>> parameters) {
        this.scope = scope;
        parameters.forEach((name, list) -> {
            String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
            boolean known = COMMON.contains(bare) || (scope.kind() == Scope.Kind.TEAM && TEAM_ONLY.contains(bare));
            if (!known) {
                throw new QueryException(Kind.UNKNOWN, name, "unknown parameter: " + name);
            }
            values.computeIfAbsent(bare, k -> new ArrayList<>()).addAll(list == null ? List.of() : list);
        });
    }

    TaskQuery query() {
        unsupported("watchers", "the mirror does not record watchers");
        unsupported("custom_field", "use custom_fields");
        if (bool("include_timl")) {
            throw new QueryException(Kind.UNSUPPORTED, "include_timl", "include_timl: the mirror does not record tasks in multiple lists");
        }
        Scope narrowed = scope.narrowed(Set.copyOf(all("space_ids")), Set.copyOf(all("project_ids")),
                Set.copyOf(all("list_ids")));
        return new TaskQuery(narrowed, order(), bool("reverse"), page(), bool("archived"), bool("include_closed"),
                bool("subtasks"), blankToNull(first("parent")), lowerCase(all("statuses")), userIds(),
                lowerCase(all("tags")), range("due_date"), range("date_created"), range("date_updated"),
                range("date_done"), FieldFilter.parseAll(first("custom_fields")),
                customItems(), bool("include_markdown_description"));
    }

    private void unsupported(String name, String why) {
        if (!all(name).isEmpty()) {
            throw new QueryException(Kind.UNSUPPORTED, name, name + ": " + why);
        }
    }

    private Order order() {
        String value = first("order_by");
        if (value == null || value.isBlank()) {
            return Order.CREATED;
        }
        for (Order order : Order.values()) {
            if (order.param.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return order;
            }
        }
        throw new QueryException(Kind.MALFORMED, "order_by", "order_by must be one of id, created, updated, due_date");
    }

    private int page() {
        String value = first("page");
        if (value == null || value.isBlank()) {
            return 0;
        }
        long page = number("page", value);
        if (page < 0 || page > 1_000_000) {
            throw new QueryException(Kind.MALFORMED, "page", "page must be a number from 0");
        }
        return (int) page;
    }

    private boolean bool(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QueryException(Kind.MALFORMED, name, name + " must be true or false");
        };
    }

    private Range range(String name) {
        return new Range(optionalNumber(name + "_gt"), optionalNumber(name + "_lt"));
    }

    private Long optionalNumber(String name) {
        String value = first(name);
        return value == null || value.isBlank() ? null : number(name, value);
    }

    private Set<Long> userIds() {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : all("assignees")) {
            String trimmed = value.trim();
            if (!trimmed.matches("[0-9]{1,18}")) {
                throw new QueryException(Kind.MALFORMED, "assignees", "assignees must be user ids");
            }
            ids.add(Long.parseLong(trimmed));
        }
        return ids;
    }

    /** {@code custom_items}: task type numbers, whole and not negative. */
    private Set<Long> customItems() {
        Set<Long> types = new LinkedHashSet<>();
        for (String value : all("custom_items")) {
            String trimmed = value.trim();
            if (!trimmed.matches("[0-9]{1,18}")) {
                throw new QueryException(Kind.MALFORMED, "custom_items", "custom_items must be task type numbers");
            }
            types.add(Long.parseLong(trimmed));
        }
        return types;
    }

    /** An integer, or a decimal such as {@code 1.7e12} taken as ClickUp's "number" (truncated). */
    private static long number(String name, String value) {
        String trimmed = value.trim();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException notLong) {
            try {
                double d = Double.parseDouble(trimmed);
                if (Double.isFinite(d) && Math.abs(d) < 9.0e18) {
                    return (long) d;
                }
            } catch (NumberFormatException notDecimal) {
                // falls through to the refusal
            }
            throw new QueryException(Kind.MALFORMED, name, name + " must be a number");
        }
    }

    private String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private List<String> all(String name) {
        List<String> list = new ArrayList<>(values.getOrDefault(name, List.of()));
        list.removeIf(v -> v == null || v.isBlank());
        return list;
    }

    private static Set<String> lowerCase(List<String> list) {
        Set<String> out = new LinkedHashSet<>();
        list.forEach(v -> out.add(v.trim().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
