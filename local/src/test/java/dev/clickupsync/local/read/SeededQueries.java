package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.testkit.clickup.DemoWorkspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The scope {@link TaskQueryConformanceLocalTest} seeds (a space, a folder, two lists with a number
 * field) and the queries it asks: every list and team parameter the fake filters on, each present
 * with some chance, seeded; team queries always name the seeded lists.
 */
final class SeededQueries {
    static final String TEAM = DemoWorkspace.TEAM_ID;
    static final String SPACE = "90129901";
    static final String FOLDER = "90129910";
    static final List<String> LISTS = List.of("901299101", "901299102");
    static final String FIELD_SIZE = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e99";
    static final List<String> STATUSES = List.of("to do", "in progress", "review", "complete");
    static final List<String> TAGS = List.of("bug", "docs", "ops");

    private SeededQueries() {
    }

    static Map<String, List<String>> generate(Random rnd, boolean team, List<Long> created, List<Long> due) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (rnd.nextInt(3) != 0) {
            p.put("order_by", List.of(List.of("id", "created", "updated", "due_date").get(rnd.nextInt(4))));
        }
        maybe(rnd, p, "reverse", List.of(Boolean.toString(rnd.nextBoolean())));
        maybe(rnd, p, "include_closed", List.of(Boolean.toString(rnd.nextBoolean())));
        maybe(rnd, p, "subtasks", List.of(Boolean.toString(rnd.nextBoolean())));
        if (rnd.nextInt(8) == 0) {
            p.put("archived", List.of("true"));
        }
        if (rnd.nextInt(10) == 0) {
            p.put("page", List.of("1"));
        }
        maybe(rnd, p, "statuses[]", some(rnd, STATUSES));
        maybe(rnd, p, "assignees[]", some(rnd, List.of(Long.toString(DemoWorkspace.ADA), Long.toString(DemoWorkspace.ALAN))));
        maybe(rnd, p, "tags[]", some(rnd, TAGS));
        if (rnd.nextInt(5) == 0) {
            p.put(rnd.nextBoolean() ? "date_created_gt" : "date_created_lt",
                    List.of(Long.toString(created.get(rnd.nextInt(created.size())))));
        }
        if (rnd.nextInt(5) == 0) {
            p.put(rnd.nextBoolean() ? "due_date_gt" : "due_date_lt", List.of(Long.toString(due.get(rnd.nextInt(due.size())))));
        }
        if (rnd.nextInt(6) == 0) {
            p.put(rnd.nextBoolean() ? "date_updated_gt" : "date_done_lt",
                    List.of(Long.toString(created.get(rnd.nextInt(created.size())))));
        }
        if (rnd.nextInt(4) == 0) {
            String op = List.of("=", ">", "<", ">=", "<=").get(rnd.nextInt(5));
            p.put("custom_fields", List.of("[{\"field_id\":\"" + FIELD_SIZE + "\",\"operator\":\"" + op
                    + "\",\"value\":" + rnd.nextInt(10) + "}]"));
        }
        if (team) {
            p.put("list_ids[]", rnd.nextBoolean() ? LISTS : List.of(LISTS.get(rnd.nextInt(2))));
            maybe(rnd, p, "space_ids[]", List.of(SPACE));
            maybe(rnd, p, "project_ids[]", List.of(FOLDER));
        }
        return p;
    }

    private static void maybe(Random rnd, Map<String, List<String>> p, String name, List<String> values) {
        if (rnd.nextInt(3) == 0 && !values.isEmpty()) {
            p.put(name, values);
        }
    }

    private static List<String> some(Random rnd, List<String> from) {
        List<String> out = from.stream().filter(x -> rnd.nextBoolean()).toList();
        return out.isEmpty() ? List.of(from.get(rnd.nextInt(from.size()))) : out;
    }

    /** A task without a Size value never matches. */
    static boolean sizeMatches(JsonNode task, String operator, double value) {
        for (JsonNode field : task.path("custom_fields")) {
            if (FIELD_SIZE.equals(field.path("id").asText()) && field.has("value") && !field.get("value").isNull()) {
                double size = field.get("value").asDouble();
                return switch (operator) {
                    case "=" -> size == value;
                    case ">" -> size > value;
                    case "<" -> size < value;
                    case ">=" -> size >= value;
                    case "<=" -> size <= value;
                    default -> throw new IllegalArgumentException(operator);
                };
            }
        }
        return false;
    }
}
