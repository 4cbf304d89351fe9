package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.clickupsync.local.read.SeededQueries.FOLDER;
import static dev.clickupsync.local.read.SeededQueries.LISTS;
import static dev.clickupsync.local.read.SeededQueries.SPACE;
import static dev.clickupsync.local.read.SeededQueries.STATUSES;
import static dev.clickupsync.local.read.SeededQueries.TAGS;
import static dev.clickupsync.local.read.SeededQueries.TEAM;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /list/{id}/task} and {@code GET /team/{id}/task} against the oracle: a seeded set of
 * tasks (statuses incl. closed, assignees, tags, priorities, due dates, five custom field types, task types, subtasks,
 * archived tasks) in a space of its own is mirrored through the real pipeline (signed webhooks,
 * queue, drain), then a seeded set of queries is asked of the replica and of the fake ClickUp: same
 * ids in the same order, same {@code last_page}, equal tasks (the whole JSON, as ClickUp lists it:
 * {@link ReadApiConformanceTest.Served#task}). {@link TaskQueryConformanceAlwaysLocalTest} runs the
 * same under the {@code always} policy. Team queries always name this test's lists
 * ({@code list_ids[]}), so tasks other tests leave in the demo list cannot make the answers differ.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class TaskQueryConformanceLocalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 16;

    /**
     * The fake the seed ran in (the fake and the mirror live as long as the app; a subclass with
     * another profile gets a new app, so a new fake to seed), by its base URL: the stack's injector
     * fills the first field a {@code FakeClickUp} is assignable to, and would pick a static one.
     */
    private static String seededIn;
    private static final List<Long> CREATED = new ArrayList<>();
    private static final List<Long> DUE = new ArrayList<>();

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Test
    void seededListAndTeamQueriesAnswerAsClickUpDoes() throws Exception {
        seed();
        Random rnd = new Random(SEED);
        int nonEmpty = 0;
        for (int i = 0; i < 120; i++) {
            boolean team = rnd.nextInt(3) == 0;
            String scopeId = team ? TEAM : LISTS.get(rnd.nextInt(LISTS.size()));
            Map<String, List<String>> params = SeededQueries.generate(rnd, team, CREATED, DUE);
            String path = (team ? "/team/" : "/list/") + scopeId + "/task";
            Answer truth = oracle(team, path, params);
            Response replica = read(path, params);
            assertThat(replica.statusCode()).as("%s %s: %s", path, params, replica.asString()).isEqualTo(200);
            JsonNode body = JSON.readTree(replica.asString());
            assertThat(ids(body)).as("%s %s", path, params).isEqualTo(ids(truth.body));
            assertThat(body.path("last_page").asBoolean()).as("last_page of %s %s", path, params).isEqualTo(truth.lastPage);
            assertThat(body.get("tasks")).as("served fields of %s %s", path, params).isEqualTo(served(truth.body));
            if (!body.get("tasks").isEmpty()) {
                nonEmpty++;
                assertThat(replica.header("X-Mirror-Verified-Through")).isNotBlank();
                assertThat(Long.parseLong(replica.header("X-Mirror-Age"))).isBetween(0L, 120L);
            }
        }
        assertThat(nonEmpty).as("queries with answers").isGreaterThan(50);
    }

    @Test
    void thePagesFreshnessIsItsLeastFreshTask() throws Exception {
        seed();
        Map<String, List<String>> all = Map.of("include_closed", List.of("true"), "subtasks", List.of("true"));
        Response page = read("/list/" + LISTS.get(0) + "/task", all);
        long oldest = Long.MAX_VALUE;
        for (String id : ids(JSON.readTree(page.asString()))) {
            oldest = Math.min(oldest, Long.parseLong(read("/task/" + id, Map.of()).header("X-Mirror-Written-At")));
        }
        assertThat(Long.parseLong(page.header("X-Mirror-Written-At"))).isEqualTo(oldest);
        Response empty = read("/list/" + LISTS.get(0) + "/task", Map.of("page", List.of("7")));
        assertThat(JSON.readTree(empty.asString())).isEqualTo(JSON.readTree("{\"tasks\":[],\"last_page\":true}"));
        assertThat(empty.header("X-Mirror-Written-At")).as("an empty page vouches for nothing").isNull();
    }

    @Test
    void refusesUnknownAndMalformedParametersAndIdsAndAMissingToken() throws Exception {
        String list = "/api/v2/list/" + DemoWorkspace.LIST_ID + "/task";
        assertProblem(authed().get(list + "?colour=red"), 400, "SYNC_READ_001", "colour");
        assertProblem(authed().get(list + "?list_ids[]=1"), 400, "SYNC_READ_001", "list_ids");
        assertProblem(authed().get(list + "?watchers[]=183"), 400, "SYNC_READ_001", "watchers");
        assertProblem(authed().get(list + "?order_by=size"), 400, "SYNC_READ_002", "order_by");
        assertProblem(authed().get(list + "?page=-1"), 400, "SYNC_READ_002", "page");
        assertProblem(authed().get(list + "?custom_items[]=milestone"), 400, "SYNC_READ_002", "custom_items");
        String script = enc("[{\"field_id\":\"x\",\"operator\":\"<script>\",\"value\":1}]");
        assertProblem(authed().urlEncodingEnabled(false).get(list + "?custom_fields=" + script),
                400, "SYNC_READ_002", "custom_fields");
        assertProblem(authed().get("/api/v2/team/12ab!/task"), 400, "SYNC_READ_003", "team");
        assertProblem(authed().get("/api/v2/list/a.b/task"), 400, "SYNC_READ_003", "list");
        assertProblem(given().get(list), 401, "OAUTH_017", "Authorization");
        assertProblem(given().get("/api/v2/team/" + TEAM + "/task"), 401, "OAUTH_017", "Authorization");
    }

    /**
     * The pipeline unlimited while this class runs: its seed (64 deliveries, every creation a fetch) would
     * otherwise wait on a budget earlier tests of the application spent. The oracle reads with the fake's
     * oracle token, which spends nothing either way.
     */
    @BeforeEach
    void unlimitPipeline() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @AfterEach
    void restoreRateLimit() {
        clickUp.setRateLimit(100, Duration.ofMinutes(1));
    }

    private void seed() throws Exception {
        if (clickUp.baseUrl().equals(seededIn)) {
            return;
        }
        CREATED.clear();
        DUE.clear();
        FakeWorkspace ws = clickUp.workspace();
        ws.addSpace(SPACE, "Queries").addFolder(FOLDER, SPACE, "Query folder");
        for (String list : LISTS) {
            ws.addList(list, FOLDER, "Query list " + list, DemoWorkspace.STATUSES);
            SeededQueries.FIELDS.forEach(f -> ws.addCustomField(list, f));
        }
        Random rnd = new Random(SEED);
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            boolean sub = i >= 26;
            List<WebhookDelivery> created = sub ? ws.createSubtask(parents.get(rnd.nextInt(parents.size())), "Sub " + i)
                    : ws.createTask(LISTS.get(i % 2), "Query " + i);
            String id = created.get(0).taskId();
            if (!sub) {
                parents.add(id);
            }
            if (i % 11 == 5) {
                ws.setArchived(id, true); // no webhook tells archiving: the creation's fetch sees it
            }
            if (i % 7 == 3 || i % 9 == 4) { // task types (custom_items[]): the creation's fetch sees them too
                ws.setCustomItemId(id, i % 7 == 3 ? 1 : SeededQueries.CUSTOM_TYPE);
            }
            deliver(created);
            long index = i;
            deliver(ws.updateTask(id, c -> {
                c.status(STATUSES.get(rnd.nextInt(STATUSES.size())));
                if (rnd.nextBoolean()) {
                    c.addAssignee(DemoWorkspace.ADA);
                }
                if (rnd.nextInt(3) == 0) {
                    c.addAssignee(DemoWorkspace.ALAN);
                }
                TAGS.stream().filter(t -> rnd.nextInt(3) == 0).forEach(c::addTag);
                if (rnd.nextBoolean()) {
                    c.priority(1 + rnd.nextInt(4));
                }
                // every task dated, all dates distinct: the fake breaks ties by creation order, the
                // replica by id (docs/read-api.md), and the fake's ids are not in creation order
                long due = 1_767_225_600_000L + rnd.nextInt(30) * 86_400_000L + index * 1_000L;
                DUE.add(due);
                c.dueDate(Instant.ofEpochMilli(due));
                SeededQueries.fieldValues(rnd, c);
                if (index % 4 == 1) { // a markdown description, for include_markdown_description (a fetch under smart)
                    c.description("**Seeded** task " + index + "\n\n- [ ] check `" + index + "`");
                }
            }));
            CREATED.add(ws.taskJson(id).get("date_created").asLong());
        }
        awaitMirrored();
        seededIn = clickUp.baseUrl();
    }

    /** Until the replica lists every seeded task, in both archive states, exactly as the fake does. */
    private void awaitMirrored() throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(40));
        String last = "";
        while (Instant.now().isBefore(until)) {
            boolean all = true;
            for (String archived : List.of("false", "true")) {
                Map<String, List<String>> params = new LinkedHashMap<>(Map.of("include_closed", List.of("true"),
                        "subtasks", List.of("true"), "archived", List.of(archived), "order_by", List.of("id"),
                        "list_ids[]", LISTS));
                String path = "/team/" + TEAM + "/task";
                JsonNode truth = oracle(true, path, params).body;
                Response replica = read(path, params);
                last = replica.statusCode() + " " + replica.asString();
                all &= replica.statusCode() == 200 && served(truth).equals(JSON.readTree(replica.asString()).get("tasks"));
            }
            if (all) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the seeded tasks were not mirrored in time; last: " + last);
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    record Answer(JsonNode body, boolean lastPage) {
    }

    /** The fake's answer; its team route has no {@code last_page}, so an empty next page stands for it. */
    private Answer oracle(boolean team, String path, Map<String, List<String>> params) throws Exception {
        JsonNode body = clickUpGet(path, params);
        if (!team) {
            return new Answer(body, body.path("last_page").asBoolean());
        }
        Map<String, List<String>> next = new LinkedHashMap<>(params);
        int page = params.containsKey("page") ? Integer.parseInt(params.get("page").get(0)) : 0;
        next.put("page", List.of(String.valueOf(page + 1)));
        return new Answer(body, body.path("tasks").size() < 100 || clickUpGet(path, next).path("tasks").isEmpty());
    }

    private JsonNode clickUpGet(String path, Map<String, List<String>> params) throws Exception {
        return JSON.readTree(given().urlEncodingEnabled(false).header("Authorization", FakeClickUp.ORACLE_TOKEN)
                .get(clickUp.baseUrl() + path + query(params)).then().statusCode(200).extract().asString());
    }

    private static Response read(String path, Map<String, List<String>> params) {
        return given().urlEncodingEnabled(false).header("Authorization", ReadApiConformanceTest.TOKEN)
                .get("/api/v2" + path + query(params));
    }

    private static String query(Map<String, List<String>> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + params.entrySet().stream().flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private static ArrayNode served(JsonNode truth) {
        ArrayNode out = JSON.createArrayNode();
        truth.path("tasks").forEach(t -> out.add(ReadApiConformanceTest.Served.task(t)));
        return out;
    }

    private static io.restassured.specification.RequestSpecification authed() {
        return given().header("Authorization", ReadApiConformanceTest.TOKEN);
    }

    private static void assertProblem(Response response, int status, String ecode, String names) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.path("ECODE").asText()).isEqualTo(ecode);
        assertThat(body.path("detail").asText() + body.path("err").asText()).contains(names);
        assertThat(response.asString()).doesNotContain("<script>");
    }
}
