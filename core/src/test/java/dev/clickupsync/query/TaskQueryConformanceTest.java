package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine against the oracle: a seeded workspace in the fake ClickUp ({@link SeededWorkspace}),
 * mirrored, then a generated set of list and team queries (every parameter the fake filters on, alone
 * and combined, seeded) asked of both: same task ids in the same order, same {@code last_page}.
 */
class TaskQueryConformanceTest {
    private static final String TABLE = "task-query-conformance";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long SEED = 16;
    private static DynamoDbClient dynamo;
    private static FakeClickUp clickUp;
    private static TaskQueryEngine engine;
    /** The same engine keeping page starts ({@link PageCursors}): every answer must be the same. */
    private static TaskQueryEngine paged;
    private static SeededWorkspace workspace;
    private static List<String> liveIds;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void seed() {
        dynamo = DYNALITE.dynamo();
        MirrorStore mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
        engine = new TaskQueryEngine(dynamo, TABLE, mirror);
        paged = new TaskQueryEngine(dynamo, TABLE, mirror, new PageCursors(PageCursors.MAX_STARTS, java.time.Duration.ofMinutes(5)));
        workspace = new SeededWorkspace();
        liveIds = workspace.seedAndMirror(mirror, SEED);
        clickUp = FakeClickUp.builder().workspace(workspace.fake).rateLimit(1_000_000, Duration.ofMinutes(1)).start();
    }

    @AfterAll
    static void stop() {
        clickUp.close();
    }

    @Test
    void everyGeneratedListAndTeamQueryAnswersAsClickUpDoes() {
        Random rnd = new Random(SEED);
        String generation = UUID.randomUUID().toString(); // the workspace does not change in this test
        int compared = 0;
        int nonEmpty = 0;
        for (int i = 0; i < 400; i++) {
            boolean team = rnd.nextInt(3) == 0;
            String scopeId = team ? SeededWorkspace.TEAM : SeededWorkspace.LISTS.get(rnd.nextInt(3));
            Map<String, List<String>> params = QueryGenerator.generate(rnd, workspace, liveIds, team);
            Answer expected = oracle(team, scopeId, params);
            Scope scope = team ? Scope.team(scopeId) : Scope.list(scopeId);
            TaskPage page = engine.run(TaskQuery.parse(scope, params));
            assertThat(ids(page)).as("%s %s %s", team ? "team" : "list", scopeId, params).isEqualTo(expected.ids);
            assertThat(paged.run(TaskQuery.parse(scope, params), generation)).as("with page starts: %s", params).isEqualTo(page);
            assertThat(page.lastPage()).as("last_page of %s %s", scopeId, params).isEqualTo(expected.lastPage);
            compared++;
            nonEmpty += expected.ids.isEmpty() ? 0 : 1;
        }
        assertThat(compared).isEqualTo(400);
        assertThat(nonEmpty).as("queries with answers").isGreaterThan(200);
    }

    @Test
    void everyPageOfTheWholeWorkspaceInEveryOrderMatches() {
        String generation = UUID.randomUUID().toString();
        for (String order : List.of("id", "created", "updated", "due_date")) {
            for (String reverse : List.of("true", "false")) {
                for (int page = 0; page <= 4; page++) {
                    Map<String, List<String>> params = new LinkedHashMap<>(Map.of("order_by", List.of(order),
                            "reverse", List.of(reverse), "page", List.of(String.valueOf(page)),
                            "include_closed", List.of("true"), "subtasks", List.of("true")));
                    Answer expected = oracle(true, SeededWorkspace.TEAM, params);
                    TaskPage answer = engine.run(TaskQuery.parse(Scope.team(SeededWorkspace.TEAM), params));
                    assertThat(ids(answer)).as("%s", params).isEqualTo(expected.ids);
                    assertThat(answer.lastPage()).as("%s", params).isEqualTo(expected.lastPage);
                    assertThat(paged.run(TaskQuery.parse(Scope.team(SeededWorkspace.TEAM), params), generation))
                            .as("page %d from the last page's start: %s", page, params).isEqualTo(answer);
                }
            }
        }
    }

    @Test
    void anEmptyListAndAPageBeyondTheEndAreEmptyLastPages() {
        Map<String, List<String>> beyond = Map.of("page", List.of("50"));
        assertThat(engine.run(TaskQuery.parse(Scope.list(SeededWorkspace.LIST_1), beyond)))
                .isEqualTo(new TaskPage(List.of(), true));
        assertThat(oracle(false, SeededWorkspace.LIST_1, beyond)).isEqualTo(new Answer(List.of(), true));
        assertThat(engine.run(TaskQuery.parse(Scope.list(SeededWorkspace.EMPTY_LIST), Map.of())))
                .isEqualTo(new TaskPage(List.of(), true));
        assertThat(oracle(false, SeededWorkspace.EMPTY_LIST, Map.of())).isEqualTo(new Answer(List.of(), true));
    }

    @Test
    void deletedTasksAndOldVersionsNeverAppear() {
        Map<String, List<String>> all = Map.of("include_closed", List.of("true"), "subtasks", List.of("true"));
        List<String> seen = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, List<String>> params = new LinkedHashMap<>(all);
            params.put("page", List.of(String.valueOf(page)));
            TaskPage answer = engine.run(TaskQuery.parse(Scope.team(SeededWorkspace.TEAM), params));
            answer.tasks().forEach(t -> {
                assertThat(t).isEqualTo(workspace.snapshot(t.id()));
                seen.add(t.id());
            });
            if (answer.lastPage()) {
                break;
            }
        }
        assertThat(seen).doesNotHaveDuplicates().doesNotContainAnyElementsOf(workspace.deleted);
        assertThat(seen).hasSizeGreaterThan(SeededWorkspace.TASKS / 2);
    }

    private static List<String> ids(TaskPage page) {
        return page.tasks().stream().map(TaskSnapshot::id).toList();
    }

    record Answer(List<String> ids, boolean lastPage) {
    }

    /** The fake's answer; the team route has no {@code last_page}, so an empty next page stands for it. */
    private static Answer oracle(boolean team, String scopeId, Map<String, List<String>> params) {
        JsonNode body = get(team, scopeId, params);
        List<String> ids = new ArrayList<>();
        body.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
        if (!team) {
            return new Answer(ids, body.path("last_page").asBoolean());
        }
        Map<String, List<String>> next = new LinkedHashMap<>(params);
        int page = params.containsKey("page") ? Integer.parseInt(params.get("page").get(0)) : 0;
        next.put("page", List.of(String.valueOf(page + 1)));
        return new Answer(ids, ids.size() < TaskQuery.PAGE_SIZE || get(true, scopeId, next).path("tasks").isEmpty());
    }

    private static JsonNode get(boolean team, String scopeId, Map<String, List<String>> params) {
        String query = params.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(clickUp.baseUrl() + (team ? "/team/" : "/list/") + scopeId + "/task?" + query);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", clickUp.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("fake ClickUp on %s: %s", uri, response.body()).isEqualTo(200);
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
