package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API against the oracle: tasks changed in the fake ClickUp reach the mirror through the
 * real pipeline (signed webhooks to ingest, the queue, the local poller's drain), then the replica's
 * answer to a ClickUp request is compared with the fake's own answer to the same request: for
 * {@code GET /task/{id}} the whole JSON ({@link Served#task}), for the other endpoints what
 * {@code docs/read-api.md} says is served. Runs under the default {@code smart} policy;
 * {@link ReadApiConformanceAlwaysTest} runs the same tests under {@code always} (issue #16 asks for both).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiConformanceTest {
    static final String TOKEN = "local-dev-read-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Inject
    FieldCache fieldCache;

    @Inject
    MirrorStore mirror;

    @ConfigProperty(name = "sync.drain.policy")
    String policy;

    @Test
    void taskEqualsClickUpsWholeJson() throws Exception {
        String taskId = mirroredTask("Conformance: task", c -> c.status("in progress").addAssignee(DemoWorkspace.ADA)
                .addTag("docs").priority(2).dueDate(Instant.ofEpochMilli(1_767_225_600_000L))
                .timeEstimate(3_600_000L).customField(DemoWorkspace.FIELD_SEVERITY, "High"));

        Response replica = read("/api/v2/task/" + taskId);

        assertThat(replica.statusCode()).isEqualTo(200);
        JsonNode truth = clickUpGet("/task/" + taskId);
        assertThat(JSON.readTree(replica.asString())).isEqualTo(Served.task(truth));
        assertThat(replica.header("X-Mirror-Verified-Through")).isNotBlank();
        assertThat(Long.parseLong(replica.header("X-Mirror-Written-At"))).isPositive();
        assertThat(Long.parseLong(replica.header("X-Mirror-Age"))).isBetween(0L, 60L);
    }

    @Test
    void includeSubtasksEmbedsTheSubtasksAsClickUpDoes() throws Exception {
        String parent = mirroredTask("Conformance: parent", c -> c.priority(3));
        List<WebhookDelivery> first = clickUp.workspace().createSubtask(parent, "Conformance: subtask 1");
        deliver(first);
        List<WebhookDelivery> second = clickUp.workspace().createSubtask(parent, "Conformance: subtask 2");
        deliver(second);
        deliver(clickUp.workspace().updateTask(second.get(0).taskId(), c -> c.status("complete"))); // closed ones too
        String path = "/task/" + parent + "?include_subtasks=true";
        JsonNode truth = clickUpGet(path);
        assertThat(truth.get("subtasks")).hasSize(2);

        JsonNode replica = await(path, body -> Served.task(truth).equals(body));

        assertThat(replica).isEqualTo(Served.task(truth));
        assertThat(replica.at("/subtasks/1/status/status").asText()).isEqualTo("complete");
        assertThat(JSON.readTree(read("/api/v2/task/" + parent).asString()).has("subtasks"))
                .as("without the flag, as ClickUp").isFalse();
        assertThat(JSON.readTree(read("/api/v2" + path.replace(parent, first.get(0).taskId())).asString())
                .get("subtasks")).as("a task without subtasks").isEmpty();
        assertThat(read("/api/v2/task/" + parent + "?include_subtasks=maybe").statusCode()).isEqualTo(400);
    }

    /**
     * One change at a time, each mirrored before the next, so the drain sees each alone: under
     * {@code smart} these are all deltas (no fetch after the creation's), and the whole JSON must
     * still equal ClickUp's after every one of them.
     */
    @Test
    void wholeTaskStaysEqualToClickUpsThroughEveryDelta() throws Exception {
        String taskId = mirroredTask("Conformance: deltas", c -> c.name("Conformance: deltas, renamed"));
        int fetchesBefore = clickUp.count("GET", "/task/" + taskId);
        List<java.util.function.Consumer<dev.clickupsync.testkit.clickup.TaskChange>> changes = List.of(
                c -> c.addAssignee(DemoWorkspace.ALAN), c -> c.addTag("docs"), c -> c.priority(1),
                c -> c.dueDate(Instant.ofEpochMilli(1_767_225_600_000L)), c -> c.timeEstimate(7_200_000L),
                c -> c.customField(DemoWorkspace.FIELD_SEVERITY, DemoWorkspace.SEVERITY_CRITICAL),
                c -> c.customField(DemoWorkspace.FIELD_SPRINT_GOAL, "Conformance"),
                c -> c.removeAssignee(DemoWorkspace.ALAN), c -> c.removeTag("docs"), c -> c.priority(null),
                c -> c.customField(DemoWorkspace.FIELD_SPRINT_GOAL, null), c -> c.timeEstimate(null));
        for (var change : changes) {
            deliver(clickUp.workspace().updateTask(taskId, change));
            JsonNode truth = clickUp.workspace().taskJson(taskId);
            JsonNode replica = await("/task/" + taskId,
                    body -> truth.get("date_updated").equals(body.get("date_updated")));
            assertThat(replica).isEqualTo(Served.task(truth));
        }
        if ("smart".equals(policy)) {
            assertThat(clickUp.count("GET", "/task/" + taskId)).as("every change applied as a delta").isEqualTo(fetchesBefore);
        }
    }

    /**
     * {@code include_markdown_description=true}: every fetch asks for it, the mirror stores it, and the
     * replica shows it only when asked, on {@code GET /task} and both task listings, equal to the fake's
     * answer to the same request. A description change is a fetch under {@code smart} (its markdown
     * cannot be derived from the history item); the deltas after it keep the markdown.
     */
    @Test
    void markdownDescriptionEqualsClickUpsOnlyWhenAsked() throws Exception {
        String taskId = mirroredTask("Conformance: markdown", c -> c.description("# Plan\n\n- **ship** it\n- `v1`"));
        int fetches = clickUp.count("GET", "/task/" + taskId);
        deliver(clickUp.workspace().updateTask(taskId, c -> c.description("# Plan\n\n~~ship~~ *shipped*")));
        String edited = clickUp.workspace().taskJson(taskId).get("date_updated").asText();
        await("/task/" + taskId, body -> edited.equals(body.path("date_updated").asText()));
        assertThat(clickUp.count("GET", "/task/" + taskId)).as("a description change is a fetch").isGreaterThan(fetches);
        deliver(clickUp.workspace().updateTask(taskId, c -> c.priority(2))); // a delta under smart
        String version = clickUp.workspace().taskJson(taskId).get("date_updated").asText();
        await("/task/" + taskId, body -> version.equals(body.path("date_updated").asText()));

        String asked = "/task/" + taskId + "?include_markdown_description=true";
        JsonNode truth = clickUpGet(asked);
        assertThat(truth.get("markdown_description").asText()).isEqualTo("# Plan\n\n~~ship~~ *shipped*");
        assertThat(JSON.readTree(read("/api/v2" + asked).asString())).isEqualTo(Served.task(truth));
        assertThat(JSON.readTree(read("/api/v2/task/" + taskId + "?include_markdown_description=false").asString()))
                .isEqualTo(Served.task(clickUpGet("/task/" + taskId)));
        JsonNode plain = JSON.readTree(read("/api/v2/task/" + taskId).asString());
        assertThat(plain.has("markdown_description")).as("ClickUp's default answer").isFalse();
        assertThat(plain).isEqualTo(Served.task(clickUpGet("/task/" + taskId)));

        for (String listing : List.of("/list/" + DemoWorkspace.LIST_ID + "/task", "/team/" + DemoWorkspace.TEAM_ID + "/task")) {
            String path = listing + "?order_by=updated&include_markdown_description=true";
            JsonNode replica = listed(JSON.readTree(read("/api/v2" + path).asString()), taskId);
            assertThat(replica).as(path).isEqualTo(listed(clickUpGet(path), taskId));
            assertThat(replica.get("markdown_description").asText()).isEqualTo(truth.get("markdown_description").asText());
            assertThat(listed(JSON.readTree(read("/api/v2" + listing + "?order_by=updated").asString()), taskId)
                    .has("markdown_description")).isFalse();
        }
    }

    /**
     * An entry fetched before fetches asked for {@code markdown_description} (written here as such an
     * older version stored it): {@code include_markdown_description=true} is a {@code 409} naming the
     * task, never an answer without the member; without the parameter it is served as before. Its next
     * change is a fetch, not a delta (even under {@code smart}), and brings the markdown.
     */
    @Test
    void aTaskStoredWithoutMarkdownIsRefusedByNameUntilItsNextChangeFetchesIt() throws Exception {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Conformance: before markdown");
        String taskId = created.get(0).taskId(); // its webhooks are not delivered: the entry below stands for the old fetch
        clickUp.workspace().updateTask(taskId, c -> c.description("*old* entry")); // not delivered either
        assertThat(mirror.upsertFetched(TaskSnapshot.of(dev.clickupsync.json.Json.MAPPER.treeToValue(clickUp.workspace().taskJson(taskId), ClickUpTask.class)),
                mirror.beforeFetch()).written()).isTrue();

        Response refused = read("/api/v2/task/" + taskId + "?include_markdown_description=true");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(refused.asString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:clickup-sync:problem:markdown-not-mirrored");
        assertThat(problem.get("ECODE").asText()).isEqualTo("SYNC_READ_007");
        assertThat(problem.get("detail").asText()).contains(taskId, "include_markdown_description");
        Response page = read("/api/v2/list/" + DemoWorkspace.LIST_ID + "/task?order_by=updated&include_markdown_description=true");
        assertThat(page.statusCode()).as("a page holding it").isEqualTo(409);
        assertThat(page.asString()).contains(taskId);
        assertThat(JSON.readTree(read("/api/v2/task/" + taskId).asString())).isEqualTo(Served.task(clickUpGet("/task/" + taskId)));

        int fetches = clickUp.count("GET", "/task/" + taskId);
        deliver(clickUp.workspace().updateTask(taskId, c -> c.priority(3))); // a delta, were the markdown stored
        String asked = "/task/" + taskId + "?include_markdown_description=true";
        JsonNode truth = clickUpGet(asked);
        JsonNode replica = await(asked, body -> truth.get("date_updated").equals(body.get("date_updated")));
        assertThat(replica).isEqualTo(Served.task(truth));
        assertThat(clickUp.count("GET", "/task/" + taskId)).as("fetched, not patched").isGreaterThan(fetches);
    }

    @Test
    void legacyTimeAndTeamTimeEntriesEqualClickUps() throws Exception {
        String taskId = mirroredTask("Conformance: time", c -> c.status("in progress"));
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        deliver(clickUp.workspace().trackTime(taskId, DemoWorkspace.ADA, start, Duration.ofMinutes(25)));
        deliver(clickUp.workspace().trackTime(taskId, DemoWorkspace.ALAN, start.plus(Duration.ofHours(1)), Duration.ofMinutes(5)));
        String legacyPath = "/task/" + taskId + "/time";
        JsonNode legacyTruth = clickUpGet(legacyPath);
        JsonNode legacy = await(legacyPath, body -> Served.legacyTime(legacyTruth).equals(body));
        assertThat(legacy.at("/data").size()).isEqualTo(2);

        String team = "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + taskId
                + "&assignee=" + DemoWorkspace.ADA + "," + DemoWorkspace.ALAN;
        Response replica = read("/api/v2" + team);
        assertThat(replica.statusCode()).isEqualTo(200);
        JsonNode entries = JSON.readTree(replica.asString());
        assertThat(entries).isEqualTo(Served.teamTimeEntries(clickUpGet(team), entries));
        assertThat(entries.at("/data").size()).isEqualTo(2);

        String narrowed = team + "&start_date=" + start.plus(Duration.ofMinutes(30)).toEpochMilli() + "&list_id=" + DemoWorkspace.LIST_ID;
        JsonNode later = JSON.readTree(read("/api/v2" + narrowed).asString());
        assertThat(later).isEqualTo(Served.teamTimeEntries(clickUpGet(narrowed), later));
        assertThat(later.at("/data").size()).isEqualTo(1);
    }

    @Test
    void listFieldsEqualClickUpsOnceDiscovered() throws Exception {
        fieldCache.forList(DemoWorkspace.LIST_ID); // what the drain does on a custom-field event
        String path = "/list/" + DemoWorkspace.LIST_ID + "/field";

        Response replica = read("/api/v2" + path);

        assertThat(replica.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replica.asString())).isEqualTo(Served.listFields(clickUpGet(path)));
        assertThat(replica.header("X-Mirror-Verified-Through")).isEqualTo(replica.header("X-Mirror-Written-At"));
    }

    @Test
    void timeInStatusFollowsTheRecordedTransitions() throws Exception {
        List<WebhookDelivery> toProgress = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Conformance: statuses");
        String taskId = toProgress.get(0).taskId();
        deliver(toProgress);
        List<WebhookDelivery> moved = clickUp.workspace().updateTask(taskId, c -> c.status("in progress"));
        deliver(moved);
        List<WebhookDelivery> reviewed = clickUp.workspace().updateTask(taskId, c -> c.status("review"));
        deliver(reviewed);
        long reviewAt = statusChangeAt(reviewed);
        long progressAt = statusChangeAt(moved);

        JsonNode body = await("/task/" + taskId + "/time_in_status",
                b -> "review".equals(b.at("/current_status/status").asText()) && b.at("/status_history").size() == 3);

        assertThat(body.at("/current_status/total_time/since").asText()).isEqualTo(Long.toString(reviewAt));
        // taskCreated carries the first status as a transition from nothing, at date_created
        assertThat(body.at("/status_history/0/status").asText()).isEqualTo("to do");
        assertThat(body.at("/status_history/0/total_time/since").asText())
                .isEqualTo(clickUp.workspace().taskJson(taskId).get("date_created").asText());
        assertThat(body.at("/status_history/1/status").asText()).isEqualTo("in progress");
        assertThat(body.at("/status_history/1/type").asText()).isEqualTo("custom");
        assertThat(body.at("/status_history/1/total_time/since").asText()).isEqualTo(Long.toString(progressAt));
        assertThat(body.at("/status_history/2/status").asText()).isEqualTo("review");
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isBetween(0L, 1L);

        String other = mirroredTask("Conformance: bulk", c -> c.name("Conformance: bulk, renamed"));
        Response bulk = read("/api/v2/task/bulk_time_in_status/task_ids?task_ids=" + taskId + "&task_ids=" + other);
        assertThat(bulk.statusCode()).isEqualTo(200);
        JsonNode both = JSON.readTree(bulk.asString());
        assertThat(both.get(taskId)).isEqualTo(JSON.readTree(read("/api/v2/task/" + taskId + "/time_in_status").asString()));
        assertThat(both.at("/" + other + "/current_status/status").asText()).isEqualTo("to do");
        assertThat(both.at("/" + other + "/status_history/0/total_time/since").asText())
                .isEqualTo(clickUp.workspace().taskJson(other).get("date_created").asText());
    }

    // ---------------------------------------------------------------- helpers

    /** A new task in the demo list with these changes, mirrored (the replica shows ClickUp's date_updated). */
    String mirroredTask(String name, java.util.function.Consumer<dev.clickupsync.testkit.clickup.TaskChange> changes)
            throws Exception {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, name);
        String taskId = created.get(0).taskId();
        deliver(created);
        deliver(clickUp.workspace().updateTask(taskId, changes));
        String version = clickUp.workspace().taskJson(taskId).get("date_updated").asText();
        await("/task/" + taskId, body -> version.equals(body.path("date_updated").asText()));
        return taskId;
    }

    /** The task {@code taskId} of a task listing's page (the page is asked so that it holds it). */
    private static JsonNode listed(JsonNode page, String taskId) {
        for (JsonNode task : page.path("tasks")) {
            if (taskId.equals(task.path("id").asText())) {
                return task;
            }
        }
        throw new AssertionError("task " + taskId + " not on the page " + page);
    }

    void deliver(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    static Response read(String path) {
        return given().header("Authorization", TOKEN).get(path);
    }

    JsonNode clickUpGet(String path) throws Exception {
        return JSON.readTree(given().baseUri(clickUp.baseUrl()).header("Authorization", FakeClickUp.ORACLE_TOKEN)
                .get(clickUp.baseUrl() + path).then().statusCode(200).extract().asString());
    }

    /** The replica's answer to {@code /api/v2 + path} once it is 200 and satisfies {@code done}. */
    static JsonNode await(String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        String last = "";
        while (Instant.now().isBefore(until)) {
            Response response = read("/api/v2" + path);
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == 200 && done.test(JSON.readTree(response.asString()))) {
                return JSON.readTree(response.asString());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("replica did not answer " + path + " as expected in time; last: " + last);
    }

    private static long statusChangeAt(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery d : deliveries) {
            for (JsonNode item : d.json().path("history_items")) {
                if ("status".equals(item.path("field").asText())) {
                    return item.path("date").asLong();
                }
            }
        }
        throw new AssertionError("no status change in " + deliveries);
    }

    /** Projections of ClickUp's answers onto what the replica serves (docs/read-api.md, "What is served"). */
    static final class Served {
        private Served() {
        }

        /**
         * ClickUp's whole task: the replica stores and serves it as fetched and keeps it exact
         * under both policies, so nothing is projected away. (Fields that may legitimately differ
         * on a real ClickUp, listed in docs/read-api.md, such as {@code permission_level}, are the
         * sync token's view; the fake answers the test's token and the pipeline's alike.)
         */
        static JsonNode task(JsonNode truth) {
            return truth.deepCopy();
        }

        static JsonNode legacyTime(JsonNode truth) {
            ObjectNode out = truth.deepCopy();
            out.get("data").forEach(group -> ((ObjectNode) group).set("user", pick(group.get("user"), "id", "username")));
            return out;
        }

        /** ClickUp's entries without what the mirror does not store; billable/description where the replica has none. */
        static JsonNode teamTimeEntries(JsonNode truth, JsonNode replica) {
            ObjectNode out = truth.deepCopy();
            ArrayNode data = (ArrayNode) out.get("data");
            for (int i = 0; i < data.size(); i++) {
                ObjectNode entry = (ObjectNode) data.get(i);
                entry.remove(List.of("tags", "task_tags"));
                ObjectNode task = (ObjectNode) entry.get("task");
                task.remove("custom_type");
                task.set("status", pick(task.get("status"), "status", "type"));
                entry.set("user", pick(entry.get("user"), "id", "username"));
                JsonNode mine = replica.path("data").path(i);
                for (String unknownToLegacy : List.of("billable", "description")) {
                    if (!mine.has(unknownToLegacy)) {
                        entry.remove(unknownToLegacy);
                    }
                }
            }
            return out;
        }

        static JsonNode listFields(JsonNode truth) {
            ObjectNode out = JSON.createObjectNode();
            out.set("fields", each(truth.get("fields"), "id", "name", "type", "type_config"));
            return out;
        }

        private static JsonNode pick(JsonNode node, String... fields) {
            if (node == null || node.isNull()) {
                return node;
            }
            ObjectNode out = JSON.createObjectNode();
            for (String field : fields) {
                if (node.has(field)) {
                    out.set(field, node.get(field));
                }
            }
            return out;
        }

        private static ArrayNode each(JsonNode array, String... fields) {
            ArrayNode out = JSON.createArrayNode();
            array.forEach(n -> out.add(pick(n, fields)));
            return out;
        }
    }
}
