package dev.clickupsync.testkit.clickup;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's REST surface over real HTTP: auth, shapes, not-found answers, the journal. */
class FakeClickUpServerTest {

    private FakeClickUp fake;

    @BeforeEach
    void start() {
        fake = FakeClickUp.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void startsOnLoopbackUnderApiV2WithTheDefaultToken() {
        assertThat(fake.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v2");
        assertThat(fake.token()).isEqualTo("pk_local_fake_token");
        assertThat(fake.workspace().teamId()).isEqualTo("9012345");
    }

    @Test
    void rejectsMissingTokenWithOauth017() {
        HttpResponse<String> response = get(fake, "/user", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(parse("{\"err\":\"Authorization header required\",\"ECODE\":\"OAUTH_017\"}"));
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
    }

    @Test
    void rejectsWrongTokenWithOauth025() {
        HttpResponse<String> response = get(fake, "/user", "pk_not_the_token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(parse("{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}"));
    }

    @Test
    void acceptsPersonalTokenAsIsAndOauthBearer() {
        assertThat(get(fake, "/user", fake.token()).statusCode()).isEqualTo(200);
        assertThat(get(fake, "/user", "Bearer " + fake.token()).statusCode()).isEqualTo(200);
        assertThat(get(fake, "/user", "Bearer pk_wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsATokenOfYourChoice() {
        try (FakeClickUp other = FakeClickUp.builder().token("pk_other").start()) {
            assertThat(get(other, "/team", "pk_other").statusCode()).isEqualTo(200);
            assertThat(get(other, "/team", FakeClickUp.DEFAULT_TOKEN).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void servesTaskShapedLikeClickUp() {
        HttpResponse<String> response = get(fake, "/task/86c0aa001");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode task = json(response);
        JsonNode example = ClickUpHttp.resource("get_task.example.json");
        assertThat(fieldNames(task)).containsExactlyElementsOf(fieldNames(example));
        for (String field : List.of("id", "name", "orderindex", "date_created", "date_updated", "team_id", "url")) {
            assertThat(task.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(task.get("id").asText()).isEqualTo("86c0aa001");
        assertThat(task.get("name").asText()).isEqualTo("Fix login bug");
        assertThat(task.get("status").get("status").asText()).isEqualTo("to do");
        assertThat(task.get("status").get("type").asText()).isEqualTo("open");
        assertThat(task.get("status").get("orderindex").isInt()).isTrue();
        assertThat(task.get("date_closed").isNull()).isTrue();
        assertThat(task.get("date_created").asText()).matches("\\d{13}");
        assertThat(task.get("priority").get("id").asText()).isEqualTo("2");
        assertThat(task.get("priority").get("priority").asText()).isEqualTo("high");
        assertThat(task.get("creator").get("id").asLong()).isEqualTo(183);
        assertThat(task.get("assignees").get(0).get("username").asText()).isEqualTo("Ada Lovelace");
        assertThat(task.get("tags").get(0).get("name").asText()).isEqualTo("bug");
        assertThat(task.get("list")).isEqualTo(parse("{\"id\":\"901200100\",\"name\":\"Sprint Backlog\",\"access\":true}"));
        assertThat(task.get("folder").get("id").asText()).isEqualTo("90120010");
        assertThat(task.get("project")).isEqualTo(task.get("folder"));
        assertThat(task.get("space").get("id").asText()).isEqualTo("90120001");
        assertThat(task.get("team_id").asText()).isEqualTo("9012345");
        assertThat(task.get("url").asText()).isEqualTo("https://app.clickup.com/t/86c0aa001");
        assertThat(task.get("time_estimate").isNull()).isTrue();
        assertThat(task).isEqualTo(fake.workspace().taskJson("86c0aa001"));
    }

    @Test
    void rendersCustomFieldValuesPerType() {
        JsonNode fields = json(get(fake, "/task/86c0aa001")).get("custom_fields");

        assertThat(fields).hasSize(3);
        JsonNode severity = byName(fields, "Severity");
        assertThat(severity.get("type").asText()).isEqualTo("drop_down");
        assertThat(severity.get("value").isInt()).isTrue();
        assertThat(severity.get("value").asInt()).isEqualTo(2);
        assertThat(severity.get("type_config").get("options")).hasSize(4);
        JsonNode points = byName(fields, "Story Points");
        assertThat(points.get("value").asText()).isEqualTo("3");
        assertThat(byName(fields, "Sprint Goal").has("value")).isFalse();

        JsonNode releaseNotes = json(get(fake, "/task/86c0aa002"));
        assertThat(byName(releaseNotes.get("custom_fields"), "Sprint Goal").get("value").asText()).isEqualTo("Ship v1");
        assertThat(releaseNotes.get("time_estimate").asLong()).isEqualTo(5_400_000L);
    }

    @Test
    void closedDemoTaskCarriesDateClosedAndDone() {
        JsonNode task = json(get(fake, "/task/86c0aa003"));

        assertThat(task.get("status").get("type").asText()).isEqualTo("closed");
        assertThat(task.get("date_closed").asText()).matches("\\d{13}");
        assertThat(task.get("date_done")).isEqualTo(task.get("date_closed"));
    }

    @Test
    void looksUpCustomTaskIdsWithTeamId() {
        fake.workspace().setCustomId("86c0aa002", "DEMO-2");

        HttpResponse<String> found = get(fake, "/task/DEMO-2?custom_task_ids=true&team_id=9012345");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).get("id").asText()).isEqualTo("86c0aa002");
        assertThat(json(found).get("custom_id").asText()).isEqualTo("DEMO-2");

        assertThat(get(fake, "/task/DEMO-2").statusCode()).isEqualTo(404);
        assertThat(get(fake, "/task/DEMO-2?custom_task_ids=true").statusCode()).isEqualTo(400);
        assertThat(get(fake, "/task/DEMO-2?custom_task_ids=true&team_id=1").statusCode()).isEqualTo(401);
    }

    @Test
    void includeSubtasksAddsSubtasksArray() {
        assertThat(json(get(fake, "/task/86c0aa001?include_subtasks=true")).get("subtasks").isArray()).isTrue();
        assertThat(json(get(fake, "/task/86c0aa001")).has("subtasks")).isFalse();
    }

    @Test
    void servesListFields() {
        HttpResponse<String> response = get(fake, "/list/901200100/field");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode fields = json(response).get("fields");
        assertThat(fields).hasSize(3);
        assertThat(byName(fields, "Severity").get("id").asText()).isEqualTo(DemoWorkspace.FIELD_SEVERITY);
        assertThat(byName(fields, "Severity").get("type_config").get("options").get(0).get("name").asText()).isEqualTo("Low");
        assertThat(byName(fields, "Story Points").get("type").asText()).isEqualTo("number");
        assertThat(byName(fields, "Sprint Goal").get("type").asText()).isEqualTo("short_text");
        assertThat(byName(fields, "Sprint Goal").get("date_created").isTextual()).isTrue();
    }

    @Test
    void servesUserAndTeams() {
        JsonNode user = json(get(fake, "/user")).get("user");
        assertThat(user.get("id").asLong()).isEqualTo(183);
        assertThat(user.get("username").asText()).isEqualTo("Ada Lovelace");
        assertThat(user.get("initials").asText()).isEqualTo("AL");

        JsonNode teams = json(get(fake, "/team")).get("teams");
        assertThat(teams).hasSize(1);
        assertThat(teams.get(0).get("id").asText()).isEqualTo("9012345");
        assertThat(teams.get(0).get("name").asText()).isEqualTo("Demo Workspace");
        assertThat(teams.get(0).get("members")).hasSize(2);
        assertThat(teams.get(0).get("members").get(1).get("user").get("username").asText()).isEqualTo("Alan Turing");
    }

    @Test
    void unknownTaskAnswers404WithItem013() {
        HttpResponse<String> response = get(fake, "/task/nope123");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response)).isEqualTo(parse("{\"err\":\"Task not found, deleted\",\"ECODE\":\"ITEM_013\"}"));
    }

    @Test
    void deletedTaskAnswers404() {
        fake.workspace().deleteTask("86c0aa002");

        HttpResponse<String> response = get(fake, "/task/86c0aa002");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("ECODE").asText()).isEqualTo("ITEM_013");
    }

    @Test
    void unknownListAnswers404() {
        HttpResponse<String> response = get(fake, "/list/123/field");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("err").asText()).isEqualTo("List not found");
        assertThat(json(response).get("ECODE").asText()).isEqualTo(ClickUpErrors.LIST_NOT_FOUND);
    }

    @Test
    void unknownIdsCanAnswerTeamNotAuthorizedLikeLiveClickUp() {
        fake.setUnknownIdsAnswerTeamNotAuthorized(true);
        fake.workspace().deleteTask("86c0aa003");

        assertThat(get(fake, "/task/nope123").statusCode()).isEqualTo(401);
        assertThat(json(get(fake, "/task/nope123")).get("ECODE").asText()).isEqualTo("OAUTH_027");
        assertThat(get(fake, "/list/123/field").statusCode()).isEqualTo(401);
        assertThat(get(fake, "/task/86c0aa003").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownRouteAnswersApp001() {
        for (String path : List.of("/nothing", "/task", "/task/86c0aa001/extra", "/list/901200100/view")) {
            HttpResponse<String> response = get(fake, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response)).as(path).isEqualTo(parse("{\"err\":\"Route not found\",\"ECODE\":\"APP_001\"}"));
        }
    }

    @Test
    void journalRecordsRequestsWithoutTheAuthorizationValue() {
        get(fake, "/task/86c0aa001?include_subtasks=true&team_id=9012345", "Bearer " + fake.token());
        get(fake, "/user");
        get(fake, "/user", null);

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).hasSize(3);
        RecordedRequest first = requests.get(0);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/api/v2/task/86c0aa001");
        assertThat(first.query()).isEqualTo(Map.of("include_subtasks", List.of("true"), "team_id", List.of("9012345")));
        assertThat(first.queryParam("team_id")).isEqualTo("9012345");
        assertThat(first.authorization()).isEqualTo("bearer");
        assertThat(first.time()).isNotNull();
        assertThat(requests.get(2).authorization()).isEqualTo("none");
        assertThat(requests.toString()).doesNotContain(fake.token());
        assertThat(requests).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("authorization"));
        assertThat(fake.count("GET", "/user$")).isEqualTo(2);
        assertThat(fake.count(null, "/task/")).isEqualTo(1);
        assertThat(fake.count("POST", ".*")).isZero();

        fake.resetJournal();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void journalIsImmutable() {
        get(fake, "/user");
        List<RecordedRequest> requests = fake.requests();
        assertThatThrownBy(() -> requests.add(requests.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static JsonNode byName(JsonNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + fields);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode parse(String text) {
        try {
            return ClickUpHttp.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
