package dev.clickupsync.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.query.QueryException.Kind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One element of ClickUp's {@code custom_fields} filter, {@code {"field_id","operator","value"}}.
 * Operators: {@code = != < <= > >=}, {@code IS NULL}, {@code IS NOT NULL}, {@code RANGE} (value
 * {@code [low, high]}, inclusive), {@code ANY}, {@code ALL}, {@code NOT ANY}, {@code NOT ALL} (value an
 * array). Values compare as numbers when both sides are numbers (or numeric text), otherwise as text;
 * a multi-valued field (labels, users) is the set of its elements (a user by its id), and {@code =}
 * on it means "holds the value". A task without a value for the field passes only {@code IS NULL}
 * (ClickUp: "only set Custom Field values" take part); the choices are in {@code docs/read-api.md}.
 */
public record FieldFilter(String fieldId, String operator, JsonNode value) {
    private static final Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL",
            "RANGE", "ANY", "ALL", "NOT ANY", "NOT ALL");
    private static final String PARAM = "custom_fields";

    /** The filters of a {@code custom_fields} value; none when absent. */
    static List<FieldFilter> parseAll(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("custom_fields must be a JSON array");
        }
        if (root == null || !root.isArray()) {
            throw malformed("custom_fields must be a JSON array");
        }
        List<FieldFilter> filters = new ArrayList<>();
        for (JsonNode node : root) {
            filters.add(parse(node));
        }
        return filters;
    }

    private static FieldFilter parse(JsonNode node) {
        if (!node.isObject() || !node.path("field_id").isTextual() || !node.path("operator").isTextual()) {
            throw malformed("each custom_fields entry needs field_id and operator");
        }
        String operator = node.get("operator").asText().trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!OPERATORS.contains(operator)) {
            throw malformed("custom_fields operator not supported: " + operator);
        }
        JsonNode value = node.path("value");
        boolean needsArray = operator.equals("RANGE") || operator.endsWith("ANY") || operator.endsWith("ALL");
        if (needsArray && !value.isArray()) {
            throw malformed("custom_fields operator " + operator + " needs an array value");
        }
        if (operator.equals("RANGE") && (value.size() != 2 || number(value.get(0)) == null || number(value.get(1)) == null)) {
            throw malformed("custom_fields RANGE needs [low, high] numbers");
        }
        if (!needsArray && !operator.startsWith("IS") && (value.isMissingNode() || value.isNull() || value.isContainerNode())) {
            throw malformed("custom_fields operator " + operator + " needs a value");
        }
        return new FieldFilter(node.get("field_id").asText(), operator, value);
    }

    /** Whether a task whose set custom-field values are {@code values} (field id → value) passes. */
    boolean test(Map<String, JsonNode> values) {
        JsonNode stored = values.get(fieldId);
        boolean unset = stored == null || stored.isNull() || (stored.isArray() && stored.isEmpty());
        if (operator.equals("IS NULL")) {
            return unset;
        }
        if (unset) {
            return false;
        }
        List<JsonNode> elements = elements(stored);
        return switch (operator) {
            case "IS NOT NULL" -> true;
            case "=" -> elements.stream().anyMatch(e -> same(e, value));
            case "!=" -> elements.stream().noneMatch(e -> same(e, value));
            case "<", "<=", ">", ">=" -> compare(stored, value);
            case "RANGE" -> between(stored, number(value.get(0)), number(value.get(1)));
            case "ANY" -> any(elements);
            case "NOT ANY" -> !any(elements);
            case "ALL" -> all(elements);
            case "NOT ALL" -> !all(elements);
            default -> false;
        };
    }

    private boolean any(List<JsonNode> elements) {
        for (JsonNode wanted : value) {
            if (elements.stream().anyMatch(e -> same(e, wanted))) {
                return true;
            }
        }
        return false;
    }

    private boolean all(List<JsonNode> elements) {
        for (JsonNode wanted : value) {
            if (elements.stream().noneMatch(e -> same(e, wanted))) {
                return false;
            }
        }
        return true;
    }

    private boolean compare(JsonNode stored, JsonNode bound) {
        BigDecimal a = number(stored);
        BigDecimal b = number(bound);
        if (a == null || b == null) {
            return false;
        }
        int c = a.compareTo(b);
        return switch (operator) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean between(JsonNode stored, BigDecimal low, BigDecimal high) {
        BigDecimal v = number(stored);
        return v != null && v.compareTo(low) >= 0 && v.compareTo(high) <= 0;
    }

    /** A value's elements: an array's items (a user object by its id), or the value itself. */
    private static List<JsonNode> elements(JsonNode stored) {
        List<JsonNode> out = new ArrayList<>();
        if (stored.isArray()) {
            stored.forEach(e -> out.add(e.isObject() && e.has("id") ? e.get("id") : e));
        } else {
            out.add(stored);
        }
        return out;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        return a.isValueNode() && b.isValueNode() && a.asText().equals(b.asText());
    }

    private static BigDecimal number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static QueryException malformed(String message) {
        return new QueryException(Kind.MALFORMED, PARAM, message);
    }
}
