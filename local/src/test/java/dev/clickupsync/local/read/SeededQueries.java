package dev.clickupsync.local.read;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeCustomField;
import dev.clickupsync.testkit.clickup.FakeCustomField.Option;
import dev.clickupsync.testkit.clickup.TaskChange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The scope {@link TaskQueryConformanceLocalTest} seeds (a space, a folder, two lists with a number,
 * a drop-down, a labels, a users and a text field) and the queries it asks: every list and team
 * parameter the fake filters on (task types, {@code custom_items[]}, too), each present with some
 * chance, seeded; team queries always name the seeded lists; {@code custom_fields} with one or two
 * conditions over the field types and operators; {@code include_markdown_description} (the answer's
 * shape) with some chance.
 */
final class SeededQueries {
    static final String TEAM = DemoWorkspace.TEAM_ID;
    static final String SPACE = "90129901";
    static final String FOLDER = "90129910";
    static final List<String> LISTS = List.of("901299101", "901299102");
    static final String FIELD_SIZE = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e99";
    static final String FIELD_STAGE = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e98";
    static final String FIELD_AREAS = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e97";
    static final String FIELD_REVIEWERS = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e96";
    static final String FIELD_CODE = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e95";
    static final List<String> AREAS = List.of("a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002",
            "a0000000-0000-4000-8000-000000000003");
    static final List<String> CODES = List.of("alpha", "beta", "42");
    static final List<FakeCustomField> FIELDS = List.of(FakeCustomField.number(FIELD_SIZE, "Size"),
            FakeCustomField.dropDown(FIELD_STAGE, "Stage", new Option("b0000000-0000-4000-8000-000000000001", "Plan", "#111111", 0),
                    new Option("b0000000-0000-4000-8000-000000000002", "Build", "#222222", 1),
                    new Option("b0000000-0000-4000-8000-000000000003", "Test", "#333333", 2)),
            FakeCustomField.labels(FIELD_AREAS, "Areas", new Option(AREAS.get(0), "UI", "#444444", 0),
                    new Option(AREAS.get(1), "API", "#555555", 1), new Option(AREAS.get(2), "DB", "#666666", 2)),
            FakeCustomField.users(FIELD_REVIEWERS, "Reviewers"),
            FakeCustomField.shortText(FIELD_CODE, "Code"));
    private static final List<String> USERS = List.of(Long.toString(DemoWorkspace.ADA), Long.toString(DemoWorkspace.ALAN));
    static final List<String> STATUSES = List.of("to do", "in progress", "review", "complete");
    static final List<String> TAGS = List.of("bug", "docs", "ops");
    /** A workspace's custom task type ({@code custom_item_id}); 0 is a plain task, 1 a milestone. */
    static final long CUSTOM_TYPE = 1300;

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
        if (rnd.nextInt(3) == 0) {
            String conditions = condition(rnd) + (rnd.nextInt(3) == 0 ? "," + condition(rnd) : "");
            p.put("custom_fields", List.of("[" + conditions + "]"));
        }
        maybe(rnd, p, "custom_items[]", some(rnd, List.of("0", "1", Long.toString(CUSTOM_TYPE))));
        if (team) {
            p.put("list_ids[]", rnd.nextBoolean() ? LISTS : List.of(LISTS.get(rnd.nextInt(2))));
            maybe(rnd, p, "space_ids[]", List.of(SPACE));
            maybe(rnd, p, "project_ids[]", List.of(FOLDER));
        }
        // drawn last, so the queries before it were generated as before it existed
        maybe(rnd, p, "include_markdown_description", List.of(rnd.nextBoolean() ? "true" : "false"));
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

    /** Random values for the seeded fields, each left unset with some chance. */
    static void fieldValues(Random rnd, TaskChange c) {
        if (rnd.nextInt(3) != 0) {
            c.customField(FIELD_SIZE, rnd.nextInt(10));
        }
        if (rnd.nextInt(3) != 0) {
            c.customField(FIELD_STAGE, List.of("Plan", "Build", "Test").get(rnd.nextInt(3)));
        }
        if (rnd.nextInt(3) != 0) {
            c.customField(FIELD_AREAS, some(rnd, AREAS));
        }
        if (rnd.nextInt(3) != 0) {
            c.customField(FIELD_REVIEWERS, some(rnd, USERS).stream().map(Long::valueOf).toList());
        }
        if (rnd.nextInt(3) != 0) {
            c.customField(FIELD_CODE, CODES.get(rnd.nextInt(CODES.size())));
        }
    }

    /** One custom_fields condition: a field type with an operator that applies to it. */
    private static String condition(Random rnd) {
        String nullity = rnd.nextBoolean() ? "IS NULL" : "IS NOT NULL";
        return switch (rnd.nextInt(5)) {
            case 0 -> {
                String op = List.of("=", "!=", ">", "<", ">=", "<=", "RANGE", "IS NULL", "IS NOT NULL").get(rnd.nextInt(9));
                int a = rnd.nextInt(10);
                String value = op.equals("RANGE") ? "[" + a + "," + (a + rnd.nextInt(5)) + "]"
                        : rnd.nextBoolean() ? Integer.toString(a) : "\"" + a + "\"";
                yield element(FIELD_SIZE, op, op.startsWith("IS") ? null : value);
            }
            case 1 -> rnd.nextInt(4) == 0 ? element(FIELD_STAGE, nullity, null)
                    : element(FIELD_STAGE, rnd.nextBoolean() ? "=" : "!=", Integer.toString(rnd.nextInt(3)));
            case 2 -> setCondition(rnd, FIELD_AREAS, AREAS.stream().map(a -> "\"" + a + "\"").toList());
            case 3 -> setCondition(rnd, FIELD_REVIEWERS, USERS);
            default -> rnd.nextInt(4) == 0 ? element(FIELD_CODE, nullity, null)
                    : element(FIELD_CODE, rnd.nextBoolean() ? "=" : "!=", "\"" + CODES.get(rnd.nextInt(CODES.size())) + "\"");
        };
    }

    private static String setCondition(Random rnd, String field, List<String> values) {
        String op = List.of("ANY", "ALL", "NOT ANY", "NOT ALL", "=", "!=").get(rnd.nextInt(6));
        String value = op.contains("A") ? "[" + String.join(",", some(rnd, values)) + "]" : values.get(rnd.nextInt(values.size()));
        return element(field, op, value);
    }

    private static String element(String field, String operator, String value) {
        return "{\"field_id\":\"" + field + "\",\"operator\":\"" + operator + "\""
                + (value == null ? "" : ",\"value\":" + value) + "}";
    }
}
