package dev.clickupsync.local.read;

import static dev.clickupsync.local.read.ReadApiConformanceTest.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import java.net.URI;
import java.util.List;

/** What the read tests do to the pipeline and the oracle: deliver webhooks, mirror a new task, ask the fake. */
final class ReadPipeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadPipeline() {
    }

    /** Posts each signed delivery to the ingest route; each must be accepted. */
    static void deliver(URI ingest, List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    /** A new task in the demo list, created through its webhooks and awaited until the replica shows it. */
    static String mirrored(URI ingest, FakeClickUp clickUp, String name) throws Exception {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, name);
        String taskId = created.get(0).taskId();
        deliver(ingest, created);
        String version = clickUp.workspace().taskJson(taskId).get("date_updated").asText();
        await("/task/" + taskId, body -> version.equals(body.path("date_updated").asText()));
        return taskId;
    }

    /** The fake ClickUp's answer to {@code path}, which must be 200. */
    static JsonNode clickUpGet(FakeClickUp clickUp, String path) throws Exception {
        return JSON.readTree(given().baseUri(clickUp.baseUrl()).header("Authorization", FakeClickUp.ORACLE_TOKEN)
                .get(clickUp.baseUrl() + path).then().statusCode(200).extract().asString());
    }
}
