package dev.clickupsync.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random task queries over {@link SeededWorkspace}: each parameter the fake ClickUp filters on
 * appears in about a fifth to a half of the queries, so most queries combine several; array
 * parameters come in both spellings ({@code name[]} and repeated {@code name}).
 */
final class QueryGenerator {
    private static final long DAY = 86_400_000L;

    private QueryGenerator() {
    }

    static Map<String, List<String>> generate(Random rnd, SeededWorkspace ws, List<String> liveIds, boolean team) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        long start = SeededWorkspace.START.toEpochMilli();
        if (chance(rnd, 60)) {
            p.put("order_by", List.of(pick(rnd, List.of("id", "created", "updated", "due_date", "DUE_DATE"))));
        }
        if (chance(rnd, 50)) {
            p.put("reverse", List.of(rnd.nextBoolean() ? "true" : "false"));
        }
        if (chance(rnd, 30)) {
            p.put("page", List.of(String.valueOf(rnd.nextInt(team ? 4 : 2))));
        }
        if (chance(rnd, 12)) {
            p.put("archived", List.of("true"));
        }
        if (chance(rnd, 45)) {
            p.put("include_closed", List.of("true"));
        }
        if (chance(rnd, 45)) {
            p.put("subtasks", List.of(rnd.nextBoolean() ? "true" : "TRUE"));
        }
        if (chance(rnd, 6) && !ws.parents.isEmpty()) {
            p.put("parent", List.of(pick(rnd, ws.parents)));
        }
        if (chance(rnd, 25)) {
            put(p, "statuses", rnd, some(rnd, SeededWorkspace.STATUS_NAMES).stream()
                    .map(s -> rnd.nextBoolean() ? s : s.toUpperCase(Locale.ROOT)).toList());
        }
        if (chance(rnd, 25)) {
            put(p, "assignees", rnd, some(rnd, SeededWorkspace.USERS).stream().map(String::valueOf).toList());
        }
        if (chance(rnd, 25)) {
            put(p, "tags", rnd, some(rnd, SeededWorkspace.TAGS));
        }
        if (chance(rnd, 15)) {
            put(p, "custom_items", rnd, some(rnd, SeededWorkspace.CUSTOM_ITEMS).stream().map(String::valueOf).toList());
        }
        range(p, rnd, "due_date", start, 60 * DAY);
        range(p, rnd, "date_created", start, 2 * DAY);
        range(p, rnd, "date_updated", start, 2 * DAY);
        range(p, rnd, "date_done", start, 2 * DAY);
        if (team) {
            if (chance(rnd, 20)) {
                put(p, "space_ids", rnd, some(rnd, List.of(SeededWorkspace.SPACE_A, SeededWorkspace.SPACE_B)));
            }
            if (chance(rnd, 20)) {
                put(p, "project_ids", rnd, some(rnd, List.of(SeededWorkspace.FOLDER_A1, SeededWorkspace.FOLDER_A2,
                        SeededWorkspace.FOLDER_B1)));
            }
            if (chance(rnd, 20)) {
                put(p, "list_ids", rnd, some(rnd, SeededWorkspace.LISTS));
            }
        }
        return p;
    }

    private static void range(Map<String, List<String>> p, Random rnd, String name, long start, long span) {
        if (chance(rnd, 15)) {
            p.put(name + "_gt", List.of(String.valueOf(start + (long) (rnd.nextDouble() * span))));
        }
        if (chance(rnd, 15)) {
            p.put(name + "_lt", List.of(String.valueOf(start + (long) (rnd.nextDouble() * span))));
        }
    }

    private static void put(Map<String, List<String>> p, String name, Random rnd, List<String> values) {
        p.put(rnd.nextBoolean() ? name + "[]" : name, values);
    }

    private static <T> List<T> some(Random rnd, List<T> from) {
        List<T> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            out.add(from.get(rnd.nextInt(from.size())));
        }
        return out;
    }

    private static <T> T pick(Random rnd, List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    private static boolean chance(Random rnd, int percent) {
        return rnd.nextInt(100) < percent;
    }
}
