package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.TaskChange;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time in status against the oracle: the fake ClickUp computes {@code time_in_status} from its own
 * record of the status changes it made, the replica from the transitions the drain recorded out of
 * the signed webhooks that went through the real pipeline (ingest, queue, the local poller's drain).
 *
 * <p>The changes are dated in the past (the fake's clock is set back, then returned to the system
 * clock before comparing), so stays last real minutes and {@code by_minute} is tested with values
 * other than 0. What legitimately differs, removed before the whole JSON is compared
 * ({@link #served}): only {@code by_minute}, which each side computes at its own "now" (compared
 * within 1 minute); {@code color} and {@code orderindex} are compared, the demo list being mirrored
 * first ({@link #listMirrored}).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class TimeInStatusConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    /** The demo list mirrored (a listUpdated through the pipeline), so its statuses' colors and order are known. */
    @BeforeEach
    void listMirrored() throws Exception {
        deliver(clickUp.workspace().renameList(DemoWorkspace.LIST_ID, DemoWorkspace.LIST_NAME));
        ReadApiConformanceTest.await("/list/" + DemoWorkspace.LIST_ID, body -> body.path("statuses").size() > 0);
    }

    @AfterEach
    void systemClock() {
        clickUp.workspace().setClock(Clock.systemUTC());
    }

    @Test
    void revisitedStatusesAndUnchangedTaskMatchClickUpsTimeInStatus() throws Exception {
        MutableClock past = new MutableClock(Instant.now().minus(Duration.ofMinutes(60)));
        clickUp.workspace().setClock(past);
        String taskId = created("Time in status: revisits");
        String unchanged = created("Time in status: unchanged");
        past.advance(Duration.ofMinutes(10));
        change(taskId, c -> c.status("in progress"));
        past.advance(Duration.ofMinutes(12).plusSeconds(40));
        change(taskId, c -> c.status("review"));
        past.advance(Duration.ofMinutes(3));
        change(taskId, c -> c.status("in progress"));
        past.advance(Duration.ofMinutes(5).plusSeconds(30));
        change(taskId, c -> c.status("complete"));
        clickUp.workspace().setClock(Clock.systemUTC());

        String single = "/task/" + taskId + "/time_in_status";
        JsonNode replica = ReadApiConformanceTest.await(single,
                b -> "complete".equals(b.at("/current_status/status").asText()) && b.at("/status_history").size() == 4);
        assertSame(replica, clickUpGet(single));
        assertThat(replica.at("/status_history/1/status").asText()).isEqualTo("in progress");
        assertThat(replica.at("/status_history/1/total_time/by_minute").asLong()).as("12:40 + 5:30, floored").isEqualTo(18);

        String bulk = "/task/bulk_time_in_status/task_ids?task_ids=" + taskId + "&task_ids=" + unchanged;
        Response replicaBulk = ReadApiConformanceTest.read("/api/v2" + bulk);
        assertThat(replicaBulk.statusCode()).isEqualTo(200);
        JsonNode both = JSON.readTree(replicaBulk.asString());
        JsonNode truth = clickUpGet(bulk);
        assertThat(iterable(both)).containsExactly(taskId, unchanged);
        assertSame(both.get(taskId), truth.get(taskId));
        assertSame(both.get(unchanged), truth.get(unchanged));
        assertThat(both.at("/" + unchanged + "/current_status/total_time/by_minute").asLong()).isBetween(59L, 61L);
    }

    @Test
    void unknownTaskIsNotFoundOnBothSides() throws Exception {
        String taskId = created("Time in status: known");
        String bulk = "/task/bulk_time_in_status/task_ids?task_ids=" + taskId + "&task_ids=86c0nope";

        assertThat(ReadApiConformanceTest.read("/api/v2" + bulk).statusCode()).isEqualTo(404);
        assertThat(given().header("Authorization", FakeClickUp.ORACLE_TOKEN).get(clickUp.baseUrl() + bulk).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- helpers

    /** Equal once what legitimately differs is projected away, with by_minute within 1 minute. */
    private static void assertSame(JsonNode replica, JsonNode truth) {
        JsonNode mine = served(replica);
        JsonNode theirs = served(truth);
        assertThat(mine.at("/current_status/total_time/by_minute").asLong())
                .isCloseTo(truth.at("/current_status/total_time/by_minute").asLong(), org.assertj.core.data.Offset.offset(1L));
        for (int i = 0; i < truth.get("status_history").size(); i++) {
            assertThat(replica.at("/status_history/" + i + "/total_time/by_minute").asLong())
                    .isCloseTo(truth.at("/status_history/" + i + "/total_time/by_minute").asLong(), org.assertj.core.data.Offset.offset(1L));
        }
        assertThat(zeroMinutes(mine)).isEqualTo(zeroMinutes(theirs));
    }

    /** ClickUp's answer as the replica serves it: whole (colors and order from the mirrored list). */
    static JsonNode served(JsonNode truth) {
        return truth.deepCopy();
    }

    private static JsonNode zeroMinutes(JsonNode body) {
        ObjectNode out = body.deepCopy();
        ((ObjectNode) out.at("/current_status/total_time")).put("by_minute", 0);
        out.get("status_history").forEach(s -> ((ObjectNode) s.get("total_time")).put("by_minute", 0));
        return out;
    }

    private static Iterable<String> iterable(JsonNode node) {
        return node::fieldNames;
    }

    private String created(String name) throws Exception {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, name);
        deliver(created);
        String taskId = created.get(0).taskId();
        ReadApiConformanceTest.await("/task/" + taskId, body -> taskId.equals(body.path("id").asText()));
        return taskId;
    }

    /** One change, mirrored before the next (the replica shows ClickUp's date_updated). */
    private void change(String taskId, Consumer<TaskChange> change) throws Exception {
        deliver(clickUp.workspace().updateTask(taskId, change));
        String version = clickUp.workspace().taskJson(taskId).get("date_updated").asText();
        ReadApiConformanceTest.await("/task/" + taskId, body -> version.equals(body.path("date_updated").asText()));
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    private JsonNode clickUpGet(String path) throws Exception {
        return JSON.readTree(given().header("Authorization", FakeClickUp.ORACLE_TOKEN)
                .get(clickUp.baseUrl() + path).then().statusCode(200).extract().asString());
    }
}
