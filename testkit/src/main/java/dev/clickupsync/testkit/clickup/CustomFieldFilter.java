package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code custom_fields} filter of GET /list/{id}/task and GET /team/{id}/task: a JSON array of
 * {@code {"field_id", "operator", "value"}}, every element of which must hold. Operators as ClickUp
 * documents them: {@code = != < <= > >=}, {@code IS NULL}, {@code IS NOT NULL}, {@code RANGE}
 * ({@code [low, high]}, inclusive), {@code ANY}, {@code ALL}, {@code NOT ANY}, {@code NOT ALL}. Where
 * ClickUp does not say, the choices of {@code docs/read-api.md} ("custom_fields"): a field's value is
 * the one GET /task shows (a number as text, a drop-down as its option's orderindex, labels as option
 * ids, users as user objects, taken by id); values compare as numbers when both read as numbers, else
 * as exact text; a multi-valued field is the set of its elements ({@code =} means "holds"); a task
 * without a value passes only {@code IS NULL}. A malformed filter is a 400.
 */
final class CustomFieldFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL",
            "RANGE", "ANY", "ALL", "NOT ANY", "NOT ALL");

    private record Condition(String fieldId, String operator, JsonNode value) {
    }

    private CustomFieldFilter() {
    }

    /** The filter of the query's {@code custom_fields} (every task passes when it is absent). */
    static Predicate<TaskState> of(WorkspaceModel model, String raw) {
        if (raw == null || raw.isBlank()) {
            return task -> true;
        }
        List<Condition> conditions = parse(raw);
        return task -> conditions.stream().allMatch(c -> holds(c, value(model, task, c.fieldId())));
    }

    private static List<Condition> parse(String raw) {
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (java.io.IOException e) {
            throw new ApiQuery.BadInput("custom_fields must be a JSON array");
        }
        if (root == null || !root.isArray()) {
            throw new ApiQuery.BadInput("custom_fields must be a JSON array");
        }
        List<Condition> out = new ArrayList<>();
        for (JsonNode node : root) {
            if (!node.path("field_id").isTextual() || !node.path("operator").isTextual()) {
                throw new ApiQuery.BadInput("custom_fields entries need field_id and operator");
            }
            String op = node.get("operator").asText().trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            if (!OPERATORS.contains(op)) {
                throw new ApiQuery.BadInput("custom_fields operator not supported: " + op);
            }
            JsonNode value = node.path("value");
            boolean array = op.equals("RANGE") || op.endsWith("ANY") || op.endsWith("ALL");
            if (array ? !value.isArray() || (op.equals("RANGE") && (value.size() != 2
                    || number(value.get(0)) == null || number(value.get(1)) == null))
                    : !op.startsWith("IS") && !value.isValueNode()) {
                throw new ApiQuery.BadInput("custom_fields operator " + op + " has no fitting value");
            }
            out.add(new Condition(node.get("field_id").asText(), op, value));
        }
        return out;
    }

    /** The field's value as GET /task renders it; null when the task has none (or the list no such field). */
    private static JsonNode value(WorkspaceModel model, TaskState task, String fieldId) {
        Object stored = task.customValues.get(fieldId);
        if (stored == null) {
            return null;
        }
        return model.field(task.listId, fieldId)
                .map(f -> CustomFieldValues.taskValue(f, stored, model.users::get)).orElse(null);
    }

    private static boolean holds(Condition c, JsonNode value) {
        boolean unset = value == null || value.isNull() || (value.isArray() && value.isEmpty());
        if (c.operator().equals("IS NULL") || unset) {
            return c.operator().equals("IS NULL") && unset;
        }
        List<JsonNode> elements = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(e -> elements.add(e.isObject() && e.has("id") ? e.get("id") : e));
        } else {
            elements.add(value);
        }
        BigDecimal n = number(value);
        return switch (c.operator()) {
            case "IS NOT NULL" -> true;
            case "=" -> contains(elements, c.value());
            case "!=" -> !contains(elements, c.value());
            case "<" -> n != null && number(c.value()) != null && n.compareTo(number(c.value())) < 0;
            case "<=" -> n != null && number(c.value()) != null && n.compareTo(number(c.value())) <= 0;
            case ">" -> n != null && number(c.value()) != null && n.compareTo(number(c.value())) > 0;
            case ">=" -> n != null && number(c.value()) != null && n.compareTo(number(c.value())) >= 0;
            case "RANGE" -> n != null && n.compareTo(number(c.value().get(0))) >= 0 && n.compareTo(number(c.value().get(1))) <= 0;
            case "ANY", "NOT ANY" -> anyOf(elements, c.value()) == c.operator().equals("ANY");
            default -> allOf(elements, c.value()) == c.operator().equals("ALL"); // ALL, NOT ALL
        };
    }

    private static boolean anyOf(List<JsonNode> elements, JsonNode wanted) {
        for (JsonNode w : wanted) {
            if (contains(elements, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allOf(List<JsonNode> elements, JsonNode wanted) {
        for (JsonNode w : wanted) {
            if (!contains(elements, w)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(List<JsonNode> elements, JsonNode wanted) {
        return elements.stream().anyMatch(e -> equal(e, wanted));
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        return a.isValueNode() && b.isValueNode() && a.asText().equals(b.asText());
    }

    private static BigDecimal number(JsonNode node) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        try {
            return new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
