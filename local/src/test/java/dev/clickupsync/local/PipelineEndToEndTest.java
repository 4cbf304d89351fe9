package dev.clickupsync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline as one process runs it: a task changes in the fake ClickUp, which POSTs the
 * signed webhook over real HTTP to ingest; ingest queues it in ElasticMQ; the local poller drains
 * it through the fake's {@code GET /task} into dynalite; {@code GET /tasks/{id}} then
 * serves a snapshot equal to ClickUp's task.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class PipelineEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Test
    void changedTaskInClickUpArrivesInTheMirror() throws Exception {
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(DemoWorkspace.TASK_RELEASE_NOTES,
                c -> c.status("review").name("Write the v1 release notes").addTag("docs").priority(1));

        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }

        JsonNode truth = clickUp.workspace().taskJson(DemoWorkspace.TASK_RELEASE_NOTES);
        JsonNode mirrored = awaitMirror(DemoWorkspace.TASK_RELEASE_NOTES, truth.get("date_updated").asLong());
        assertThat(mirrored.get("name").asText()).isEqualTo("Write the v1 release notes");
        assertThat(mirrored.get("status").asText()).isEqualTo(truth.at("/status/status").asText());
        assertThat(mirrored.get("status_type").asText()).isEqualTo(truth.at("/status/type").asText());
        assertThat(mirrored.get("priority").asText()).isEqualTo(truth.at("/priority/priority").asText());
        assertThat(names(mirrored.get("tags"), null)).isEqualTo(names(truth.get("tags"), "name"));
        assertThat(ids(mirrored.get("assignees"))).isEqualTo(ids(truth.get("assignees")));
        assertThat(mirrored.get("list_id").asText()).isEqualTo(truth.at("/list/id").asText());
        assertThat(mirrored.get("custom_fields").size()).isEqualTo(truth.get("custom_fields").size());
        assertThat(mirrored.get("deleted").asBoolean()).isFalse();
    }

    @Test
    void deletedTaskInClickUpBecomesATombstone() throws Exception {
        String taskId = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Short-lived").get(0).taskId();
        for (WebhookDelivery delivery : clickUp.workspace().deleteTask(taskId)) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(until)) {
            Response response = given().get("/tasks/" + taskId);
            if (response.statusCode() == 200 && response.jsonPath().getBoolean("deleted")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + taskId + " was not tombstoned in time");
    }

    @Test
    void healthReportsQueueAndClickUpConnectivity() {
        given().get("/health").then().statusCode(200)
                .body("checks.queue.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.clickup.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void unknownTaskAnswers404Problem() {
        given().get("/tasks/does-not-exist").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static JsonNode awaitMirror(String taskId, long dateUpdated) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        String last = "";
        while (Instant.now().isBefore(until)) {
            Response response = given().get("/tasks/" + taskId);
            if (response.statusCode() == 200) {
                last = response.asString();
                JsonNode node = JSON.readTree(last);
                if (Instant.parse(node.get("date_updated").asText()).toEpochMilli() == dateUpdated) {
                    return node;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mirror did not reach date_updated " + dateUpdated + "; last seen: " + last);
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }
}
