package dev.clickupsync.local.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How two OpenAPI documents (parsed YAML: maps, lists, scalars) differ, as lines a reader can act on:
 * operations ({@code POST /admin/backfill}) present in only one of them first, since that is what a
 * renamed or removed endpoint looks like, then every other differing value by its location. Maps
 * compare without regard to key order (YAML formatting and ordering are not the contract).
 */
final class OpenApiDiff {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Enough to point at the change; a regenerated document is the fix, not a longer list. */
    private static final int MAX_LINES = 30;

    private OpenApiDiff() {
    }

    /** Empty when the documents are equal. */
    static List<String> differences(Map<String, Object> committed, Map<String, Object> built) {
        List<String> lines = new ArrayList<>();
        Set<String> was = operations(committed);
        Set<String> is = operations(built);
        for (String operation : was) {
            if (!is.contains(operation)) {
                lines.add("operation " + operation + " is in the committed document but not in the code");
            }
        }
        for (String operation : is) {
            if (!was.contains(operation)) {
                lines.add("operation " + operation + " is in the code but not in the committed document");
            }
        }
        compare("", committed, built, lines);
        return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
    }

    /** Every operation of a document as {@code METHOD /path}, sorted. */
    @SuppressWarnings("unchecked")
    static Set<String> operations(Map<String, Object> document) {
        Set<String> operations = new TreeSet<>();
        Object paths = document.get("paths");
        if (paths instanceof Map<?, ?> byPath) {
            byPath.forEach((path, item) -> {
                if (item instanceof Map<?, ?> methods) {
                    methods.keySet().stream().map(String::valueOf).filter(METHODS::contains)
                            .forEach(method -> operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path));
                }
            });
        }
        return operations;
    }

    private static void compare(String where, Object was, Object is, List<String> lines) {
        if (was instanceof Map<?, ?> a && is instanceof Map<?, ?> b) {
            Set<String> keys = new TreeSet<>();
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                compare(where + "/" + key.replace("~", "~0").replace("/", "~1"), a.get(key), b.get(key), lines);
            }
        } else if (was instanceof List<?> a && is instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(where + "/" + i, a.get(i), b.get(i), lines);
            }
        } else if (!Objects.equals(was, is)) {
            lines.add(where + ": committed " + shorten(was) + ", code " + shorten(is));
        }
    }

    private static String shorten(Object value) {
        String text = value == null ? "(absent)" : String.valueOf(value);
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
