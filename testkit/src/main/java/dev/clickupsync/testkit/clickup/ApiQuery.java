package dev.clickupsync.testkit.clickup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read access to a request's query parameters with ClickUp's spellings: array parameters come as
 * {@code name[]=a&name[]=b} (the documented form) or plain repeated {@code name=a&name=b}, and both
 * are accepted. Numbers are parsed as long because ClickUp's date filters carry Unix ms even where the
 * OpenAPI document says int32. A value that does not parse is a {@link BadInput} (answered 400).
 */
final class ApiQuery {

    /** A query parameter or body field the fake cannot accept; the route answers 400. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, List<String>> params;

    ApiQuery(Map<String, List<String>> params) {
        this.params = params;
    }

    String first(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean isTrue(String name) {
        return "true".equalsIgnoreCase(first(name));
    }

    /** Every value of {@code name} and {@code name[]}, in order; empty when absent. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>(params.getOrDefault(name, List.of()));
        values.addAll(params.getOrDefault(name + "[]", List.of()));
        values.removeIf(String::isBlank);
        return values;
    }

    /** A long parameter, or null when absent; decimals such as {@code 1.7e12} are accepted as ClickUp's "number". */
    Long longValue(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(value.trim());
            } catch (NumberFormatException again) {
                throw new BadInput(name + " must be a number: " + value);
            }
        }
    }

    int intValue(String name, int fallback) {
        Long value = longValue(name);
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new BadInput(name + " out of range: " + value);
        }
        return value.intValue();
    }
}
