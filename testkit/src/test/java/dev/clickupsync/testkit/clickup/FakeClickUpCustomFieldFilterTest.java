package dev.clickupsync.testkit.clickup;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.testkit.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code custom_fields} filter of the task listings over real HTTP, on the demo list: login bug
 * (Severity High = orderindex 2, 3 points, users Ada), release notes (Sprint Goal "Ship v1",
 * 2 points, users Ada and Alan), Ship v1 (closed, no values).
 */
class FakeClickUpCustomFieldFilterTest {
    private static final String FIELD_USERS = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b04";
    private static final String POINTS = DemoWorkspace.FIELD_STORY_POINTS;
    private static final String BUG = DemoWorkspace.TASK_LOGIN_BUG;
    private static final String NOTES = DemoWorkspace.TASK_RELEASE_NOTES;
    private static final String SHIP = DemoWorkspace.TASK_SHIP_V1;

    private final FakeWorkspace workspace = FakeWorkspace.demo(new MutableClock(1_760_000_000_000L));
    private final FakeClickUp fake = FakeClickUp.builder().workspace(workspace).rateLimit(10_000, Duration.ofMinutes(1)).start();

    @BeforeEach
    void usersField() {
        workspace.addCustomField(DemoWorkspace.LIST_ID, FakeCustomField.users(FIELD_USERS, "Reviewers"));
        workspace.updateTask(BUG, c -> c.customField(FIELD_USERS, List.of(DemoWorkspace.ADA)));
        workspace.updateTask(NOTES, c -> c.customField(FIELD_USERS, List.of(DemoWorkspace.ADA, DemoWorkspace.ALAN)));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void numberComparisonsPassOnlySetValues() {
        assertThat(list(cf(POINTS, ">", "2"))).containsExactly(BUG);
        assertThat(list(cf(POINTS, "<=", "\"3\""))).as("numeric text compares as a number").containsExactlyInAnyOrder(BUG, NOTES);
        assertThat(list(cf(POINTS, "RANGE", "[2, 2.5]"))).containsExactly(NOTES);
        assertThat(list(cf(POINTS, "!=", "3"))).as("an unset value never passes !=").containsExactly(NOTES);
        assertThat(list(cf(POINTS, "IS NULL", null))).containsExactly(SHIP);
        assertThat(list(cf(POINTS, "IS NOT NULL", null))).containsExactlyInAnyOrder(BUG, NOTES);
    }

    @Test
    void dropDownTextAndSeveralFiltersTogether() {
        assertThat(list(cf(DemoWorkspace.FIELD_SEVERITY, "=", "2"))).as("a drop-down is its orderindex").containsExactly(BUG);
        assertThat(list(cf(DemoWorkspace.FIELD_SPRINT_GOAL, "=", "\"Ship v1\""))).containsExactly(NOTES);
        assertThat(list(cf(DemoWorkspace.FIELD_SPRINT_GOAL, "=", "\"ship v1\""))).as("text is exact").isEmpty();
        String both = "[" + element(POINTS, "IS NOT NULL", null) + "," + element(DemoWorkspace.FIELD_SEVERITY, "IS NULL", null) + "]";
        assertThat(list(both)).containsExactly(NOTES);
    }

    @Test
    void usersAreSetsOfIds() {
        long ada = DemoWorkspace.ADA;
        long alan = DemoWorkspace.ALAN;
        assertThat(list(cf(FIELD_USERS, "=", Long.toString(ada)))).containsExactlyInAnyOrder(BUG, NOTES);
        assertThat(list(cf(FIELD_USERS, "ANY", "[" + alan + "]"))).containsExactly(NOTES);
        assertThat(list(cf(FIELD_USERS, "NOT ANY", "[" + alan + "]"))).containsExactly(BUG);
        assertThat(list(cf(FIELD_USERS, "ALL", "[" + ada + "," + alan + "]"))).containsExactly(NOTES);
        assertThat(list(cf(FIELD_USERS, "NOT ALL", "[" + ada + "," + alan + "]"))).containsExactly(BUG);
    }

    @Test
    void theTeamListingFiltersAlike() {
        JsonNode page = ok(get(fake, "/team/" + DemoWorkspace.TEAM_ID + "/task?include_closed=true&custom_fields="
                + encode(cf(POINTS, ">=", "3"))));
        assertThat(ids(page)).containsExactly(BUG);
    }

    @Test
    void malformedFiltersAre400() {
        for (String bad : List.of("not json", "{}", cf(POINTS, "LIKE", "3"), cf(POINTS, "RANGE", "[1]"),
                cf(POINTS, "ANY", "3"), cf(POINTS, ">", null), "[{\"operator\":\"=\",\"value\":1}]")) {
            assertThat(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/task?custom_fields=" + encode(bad)).statusCode())
                    .as(bad).isEqualTo(400);
        }
    }

    private List<String> list(String filter) {
        return ids(ok(get(fake, "/list/" + DemoWorkspace.LIST_ID + "/task?include_closed=true&custom_fields=" + encode(filter))));
    }

    private static String cf(String field, String operator, String value) {
        return "[" + element(field, operator, value) + "]";
    }

    private static String element(String field, String operator, String value) {
        return "{\"field_id\":\"" + field + "\",\"operator\":\"" + operator + "\"" + (value == null ? "" : ",\"value\":" + value) + "}";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("tasks").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }
}
