package dev.clickupsync.local.read;

import static dev.clickupsync.local.read.ReadApiConformanceTest.await;
import static dev.clickupsync.local.read.ReadApiConformanceTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.local.read.ReadApiConformanceTest.Served;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The lookups that need the mirror's own index items, against the fake ClickUp's answers to the same
 * requests: tasks by custom id ({@code custom_task_ids=true&team_id=X}) and the workspace's time
 * entries without {@code task_id}; and a kept (cached) list page gives way as soon as a task in it
 * changes. Tasks reach the mirror through the real pipeline (signed webhooks,
 * the queue, the local poller's drain).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiIndexesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BY_CUSTOM_ID = "custom_task_ids=true&team_id=" + DemoWorkspace.TEAM_ID;

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Test
    void customTaskIdsFindTheTaskAsClickUpDoes() throws Exception {
        String customId = "IDX-" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Indexes: custom id");
        String taskId = created.get(0).taskId();
        clickUp.workspace().setCustomId(taskId, customId);
        deliver(created);
        deliver(clickUp.workspace().updateTask(taskId, c -> c.status("in progress")));
        deliver(clickUp.workspace().trackTime(taskId, DemoWorkspace.ADA, Instant.now().minus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS), Duration.ofMinutes(10)));
        String version = clickUp.workspace().taskJson(taskId).get("date_updated").asText();

        String path = "/task/" + customId + "?" + BY_CUSTOM_ID;
        JsonNode task = await(path, body -> version.equals(body.path("date_updated").asText()));
        assertThat(task).isEqualTo(Served.task(clickUpGet(path)));
        assertThat(task.get("id").asText()).isEqualTo(taskId);
        assertThat(read("/api/v2/task/" + customId.toLowerCase() + "?" + BY_CUSTOM_ID).statusCode())
                .as("ClickUp matches custom ids case-insensitively").isEqualTo(200);

        String time = "/task/" + customId + "/time?" + BY_CUSTOM_ID;
        JsonNode legacyTruth = clickUpGet(time);
        await(time, body -> Served.legacyTime(legacyTruth).equals(body));

        JsonNode inStatus = JSON.readTree(read("/api/v2/task/" + customId + "/time_in_status?" + BY_CUSTOM_ID).asString());
        assertThat(inStatus.at("/current_status/status").asText()).isEqualTo("in progress");
        JsonNode bulk = JSON.readTree(read("/api/v2/task/bulk_time_in_status/task_ids?task_ids=" + customId + "&"
                + BY_CUSTOM_ID).asString());
        assertThat(bulk.get(customId).at("/current_status/status").asText()).as("keyed by the id asked").isEqualTo("in progress");

        String teamTime = "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + customId + "&" + BY_CUSTOM_ID
                + "&assignee=" + DemoWorkspace.ADA;
        JsonNode teamTruth = clickUpGet(teamTime);
        assertThat(teamTruth.at("/data").size()).as("the fake finds the entry by custom id").isEqualTo(1);
        JsonNode entries = await(teamTime, body -> body.at("/data").size() == 1);
        assertThat(entries).isEqualTo(Served.teamTimeEntries(teamTruth, entries));
        assertThat(read("/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=NOPE-404&" + BY_CUSTOM_ID
                + "&assignee=" + DemoWorkspace.ADA).statusCode()).isEqualTo(404);
        assertThat(clickUpStatus("/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=NOPE-404&" + BY_CUSTOM_ID
                + "&assignee=" + DemoWorkspace.ADA)).isEqualTo(404);
    }

    @Test
    void customTaskIdsRefuseWhatClickUpRefuses() {
        assertThat(read("/api/v2/task/IDX-1?custom_task_ids=true").statusCode()).isEqualTo(400);
        assertThat(clickUpStatus("/task/IDX-1?custom_task_ids=true")).isEqualTo(400);
        assertThat(read("/api/v2/task/NOPE-404?" + BY_CUSTOM_ID).statusCode()).isEqualTo(404);
        assertThat(clickUpStatus("/task/NOPE-404?" + BY_CUSTOM_ID)).isEqualTo(404);
        // a custom id is not a task id: without custom_task_ids it is looked up as one, and not found
        assertThat(read("/api/v2/task/NOPE-404").statusCode()).isEqualTo(404);
    }

    @Test
    void teamTimeEntriesWithoutTaskIdEqualClickUps() throws Exception {
        // a window of its own, two days back, so entries other tests track stay out of it
        Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(ThreadLocalRandom.current().nextInt(3_600));
        String first = mirrored("Indexes: time A");
        String second = mirrored("Indexes: time B");
        deliver(clickUp.workspace().trackTime(first, DemoWorkspace.ADA, start, Duration.ofMinutes(20)));
        deliver(clickUp.workspace().trackTime(second, DemoWorkspace.ALAN, start.plusSeconds(600), Duration.ofMinutes(5)));
        deliver(clickUp.workspace().trackTime(first, DemoWorkspace.ALAN, start.plusSeconds(1_200), Duration.ofMinutes(5)));
        String team = "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?start_date=" + start.toEpochMilli()
                + "&end_date=" + start.plusSeconds(3_600).toEpochMilli();

        String both = team + "&assignee=" + DemoWorkspace.ADA + "," + DemoWorkspace.ALAN;
        JsonNode truth = clickUpGet(both);
        assertThat(truth.at("/data").size()).isEqualTo(3);
        JsonNode all = await(both, body -> body.at("/data").size() == 3);
        assertThat(all).isEqualTo(Served.teamTimeEntries(truth, all));

        for (String narrowed : List.of(team + "&assignee=" + DemoWorkspace.ALAN,
                both + "&list_id=" + DemoWorkspace.LIST_ID, both + "&space_id=" + DemoWorkspace.SPACE_ID,
                both + "&folder_id=1", team + "&assignee=1")) {
            JsonNode replica = JSON.readTree(read("/api/v2" + narrowed).asString());
            assertThat(replica).as(narrowed).isEqualTo(Served.teamTimeEntries(clickUpGet(narrowed), replica));
        }
    }

    @Test
    void aKeptListPageIsNeverServedAfterATaskInItChanged() throws Exception {
        String taskId = mirrored("Indexes: cached page");
        String page = "/api/v2/list/" + DemoWorkspace.LIST_ID + "/task?order_by=updated&include_closed=true";
        Response kept = null;
        for (int i = 0; i < 50 && (kept == null || !"hit".equals(kept.header("X-Mirror-Cache"))); i++) {
            kept = read(page); // other deliveries may still be draining: wait for a quiet list
        }
        assertThat(kept.header("X-Mirror-Cache")).isEqualTo("hit");
        assertThat(kept.asString()).contains(taskId);

        deliver(clickUp.workspace().updateTask(taskId, c -> c.status("review")));
        String version = clickUp.workspace().taskJson(taskId).get("date_updated").asText();
        await("/task/" + taskId, body -> version.equals(body.path("date_updated").asText()));

        // The entry is visible a moment before its index items and the cache generation are written (the
        // order that never caches a stale page under the new generation): the page turns within that moment.
        Response after = read(page);
        for (int i = 0; i < 100 && "hit".equals(after.header("X-Mirror-Cache")); i++) {
            Thread.sleep(20);
            after = read(page);
        }
        JsonNode listed = null;
        for (JsonNode task : JSON.readTree(after.asString()).get("tasks")) {
            listed = taskId.equals(task.get("id").asText()) ? task : listed;
        }
        assertThat(after.header("X-Mirror-Cache")).isEqualTo("miss");
        assertThat(listed.at("/status/status").asText()).isEqualTo("review");
        assertThat(listed.get("date_updated").asText()).isEqualTo(version);
    }

    private String mirrored(String name) throws Exception {
        return ReadPipeline.mirrored(ingest, clickUp, name);
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        ReadPipeline.deliver(ingest, deliveries);
    }

    private JsonNode clickUpGet(String path) throws Exception {
        return ReadPipeline.clickUpGet(clickUp, path);
    }

    private int clickUpStatus(String path) {
        Response response = given().header("Authorization", FakeClickUp.ORACLE_TOKEN).get(clickUp.baseUrl() + path);
        return response.statusCode();
    }
}
