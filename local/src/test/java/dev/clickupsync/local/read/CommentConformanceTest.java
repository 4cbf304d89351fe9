package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.WebhookSigning;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comments against the oracle: comments posted, edited and deleted in the fake ClickUp reach the
 * mirror through the real pipeline (signed webhooks into ingest, the queue, the local poller's drain)
 * and {@code GET /task/{id}/comment} from the replica equals the fake's, whole JSON, page by page.
 * Bad paths: a malformed comment payload, an unknown task, duplicate and reordered deliveries, and
 * {@code GET /list/{id}/comment}, which the mirror refuses (400) as docs/read-api.md says.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class CommentConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Test
    void postedEditedAndDeletedCommentsMatchClickUp() throws Exception {
        String task = created("Comments: posted, edited, deleted");
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Looks good"));
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ADA, "Needs a test"));
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Will be deleted"));
        List<String> ids = clickUp.workspace().comments(task).stream().map(c -> c.id()).toList();
        clickUp.workspace().deleteComment(ids.get(2)); // no webhook: the next re-read finds it gone
        deliver(clickUp.workspace().updateComment(ids.get(1), "Test added", DemoWorkspace.ALAN, true));

        String path = "/task/" + task + "/comment";
        JsonNode replica = awaitEqual(path);
        assertThat(replica.get("comments")).hasSize(2);
        assertThat(replica.at("/comments/0/resolved").asBoolean()).isTrue();
        Response answer = ReadApiConformanceTest.read("/api/v2" + path);
        assertThat(answer.header("X-Mirror-Verified-Through")).isNotNull();
        assertThat(answer.header("X-Mirror-Written-At")).isNotNull();
        String version = clickUp.workspace().taskJson(task).get("date_updated").asText();
        ReadApiConformanceTest.await("/task/" + task, body -> version.equals(body.path("date_updated").asText()));
    }

    @Test
    void pagesOf25ByStartAndStartIdMatchClickUp() throws Exception {
        String task = created("Comments: paging");
        for (int i = 0; i < 27; i++) {
            deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Comment " + i));
        }
        JsonNode first = awaitEqual("/task/" + task + "/comment");
        assertThat(first.get("comments")).hasSize(25);
        JsonNode last = first.at("/comments/24");
        String next = "/task/" + task + "/comment?start=" + last.get("date").asText() + "&start_id=" + last.get("id").asText();
        JsonNode second = awaitEqual(next);
        assertThat(second.get("comments")).hasSize(2);
        assertThat(ReadApiConformanceTest.read("/api/v2/task/" + task + "/comment?start=1").statusCode())
                .as("start without start_id").isEqualTo(400);
    }

    @Test
    void duplicateReorderedAndMalformedDeliveriesConverge() throws Exception {
        String task = created("Comments: out of order");
        List<WebhookDelivery> posted = clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "Draft");
        String id = clickUp.workspace().comments(task).get(0).id();
        List<WebhookDelivery> edited = clickUp.workspace().updateComment(id, "Final", null, false);
        List<WebhookDelivery> broken = clickUp.workspace().postComment(task, DemoWorkspace.ADA, "Sent malformed");

        deliver(edited);
        deliver(posted);
        deliver(posted);
        WebhookDelivery one = broken.get(0);
        ObjectNode body = one.json();
        ((ObjectNode) body.at("/history_items/0/comment")).remove("comment");
        assertThat(post(body.toString(), clickUp.workspace().webhook(one.webhookId()).orElseThrow().secret()))
                .isEqualTo(200);

        JsonNode replica = awaitEqual("/task/" + task + "/comment");
        assertThat(replica.get("comments")).extracting(c -> c.get("comment_text").asText())
                .containsExactly("Sent malformed\n", "Final\n");
    }

    @Test
    void unknownTasksAndListCommentsAreRefused() throws Exception {
        assertThat(ReadApiConformanceTest.read("/api/v2/task/86c0nope/comment").statusCode()).isEqualTo(404);
        assertThat(given().header("Authorization", FakeClickUp.ORACLE_TOKEN).get(clickUp.baseUrl() + "/task/86c0nope/comment")
                .statusCode()).isEqualTo(404);

        Response list = ReadApiConformanceTest.read("/api/v2/list/" + DemoWorkspace.LIST_ID + "/comment");
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(list.asString()).get("type").asText()).endsWith("read-unsupported-endpoint");
        assertThat(JSON.readTree(list.asString()).get("ECODE").asText()).isEqualTo("SYNC_READ_004");
    }

    // ---------------------------------------------------------------- helpers

    /** The replica's answer once it equals the fake's, whole JSON (numbers by value). */
    private JsonNode awaitEqual(String path) throws Exception {
        JsonNode truth = JSON.readTree(given().header("Authorization", FakeClickUp.ORACLE_TOKEN).get(clickUp.baseUrl() + path)
                .then().statusCode(200).extract().asString());
        try {
            return ReadApiConformanceTest.await(path, truth::equals);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; ClickUp: " + truth, e);
        }
    }

    private String created(String name) throws Exception {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, name);
        deliver(created);
        String taskId = created.get(0).taskId();
        ReadApiConformanceTest.await("/task/" + taskId, body -> taskId.equals(body.path("id").asText()));
        return taskId;
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    /** A hand-made body, signed as ClickUp signs it. */
    private int post(String body, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(ingest).header("Content-Type", "application/json")
                .header("X-Signature", WebhookSigning.sign(body, secret))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
