package dev.clickupsync.local.read;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The read API's refusals on the local pipeline (default profile: enabled, token
 * {@code local-dev-read-token}): each bad request gets its status and a problem body that names
 * the cause, and never the token.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiAccessTest {
    private static final String TASK = "/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG;

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Inject
    Metrics metrics;

    @Test
    void rejectsMissingTokenWith401() {
        given().get(TASK).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:clickup-sync:problem:read-unauthorized"));
    }

    @Test
    void rejectsWrongTokenWith401WithoutEchoingIt() {
        given().header("Authorization", "local-dev-read-tokeX").get(TASK).then().statusCode(401)
                .body(not(containsString("local-dev-read-tokeX")));
        long before = metrics.count("ReadRejected", "Reason", "unauthorized");
        given().header("Authorization", "Bearer wrong").get(TASK).then().statusCode(401);
        assertThat(metrics.count("ReadRejected", "Reason", "unauthorized")).isEqualTo(before + 1);
    }

    @Test
    void acceptsTheTokenBareOrAsBearer() {
        awaitMirrored(DemoWorkspace.TASK_LOGIN_BUG);
        given().header("Authorization", "Bearer " + ReadApiConformanceTest.TOKEN).get(TASK).then().statusCode(200)
                .body("id", equalTo(DemoWorkspace.TASK_LOGIN_BUG));
    }

    @Test
    void readTokenDoesNotReachAdmin() {
        // admin is disabled in this profile: 404 whatever the token; AdminApiTest checks it with admin on
        given().header("Authorization", ReadApiConformanceTest.TOKEN).post("/admin/dlq/redrive").then().statusCode(404);
    }

    @Test
    void unknownParameterIs400NamingIt() {
        read(TASK + "?subtasks=true").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:clickup-sync:problem:read-unsupported-parameter"))
                .body("detail", containsString("\"subtasks\""));
    }

    @Test
    void unservedValuesAre400NamingTheParameter() {
        read(TASK + "?include_markdown_description=yes").then().statusCode(400)
                .body("type", equalTo("urn:clickup-sync:problem:read-invalid-parameter"))
                .body("detail", containsString("include_markdown_description"));
        read("/api/v2/list/" + DemoWorkspace.LIST_ID + "/task?include_markdown_description=1").then().statusCode(400)
                .body("type", equalTo("urn:clickup-sync:problem:read-invalid-parameter"))
                .body("detail", containsString("include_markdown_description"));
        read("/api/v2/list/" + DemoWorkspace.LIST_ID + "/task?include_markdown_description=false").then().statusCode(200);
        read(TASK + "?custom_task_ids=true").then().statusCode(400).body("detail", containsString("team_id"));
        read("/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?custom_task_ids=true&task_id=DEV-1&assignee=183")
                .then().statusCode(400).body("detail", containsString("team_id"));
        read(TASK + "?include_subtasks=maybe").then().statusCode(400)
                .body("type", equalTo("urn:clickup-sync:problem:read-invalid-parameter"));
        read("/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + DemoWorkspace.TASK_LOGIN_BUG)
                .then().statusCode(400).body("detail", containsString("assignee"));
        read("/api/v2/task/bulk_time_in_status/task_ids").then().statusCode(400).body("detail", containsString("task_ids"));
    }

    @Test
    void malformedIdsAre400() {
        read("/api/v2/task/bad%2Eid").then().statusCode(400).body("type", equalTo("urn:clickup-sync:problem:read-invalid-id"));
        read("/api/v2/list/" + "x".repeat(80) + "/field").then().statusCode(400);
        read("/api/v2/task/bulk_time_in_status/task_ids?task_ids=ok1&task_ids=no%20pe").then().statusCode(400);
    }

    @Test
    void unseenTaskIs404SayingTheMirrorHasNotSeenIt() {
        read("/api/v2/task/86cnotseen").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:clickup-sync:problem:task-not-mirrored"))
                .body("detail", containsString("has not seen"))
                .body("ECODE", equalTo("ITEM_013"));
        read("/api/v2/task/86cnotseen/time_in_status").then().statusCode(404);
        read("/api/v2/task/86cnotseen/time").then().statusCode(404);
    }

    @Test
    void tombstonedTaskIs404Deleted() throws Exception {
        List<WebhookDelivery> created = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Read: short-lived");
        String taskId = created.get(0).taskId();
        created.forEach(d -> assertThat(d.postTo(ingest)).isEqualTo(200));
        clickUp.workspace().deleteTask(taskId).forEach(d -> assertThat(d.postTo(ingest)).isEqualTo(200));
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        Response last = null;
        while (Instant.now().isBefore(until)) {
            last = read("/api/v2/task/" + taskId);
            if (last.statusCode() == 404 && last.asString().contains("task-deleted")) {
                read("/api/v2/task/" + taskId + "/time_in_status").then().statusCode(404)
                        .body("type", equalTo("urn:clickup-sync:problem:task-deleted"));
                read("/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + taskId + "&assignee="
                        + DemoWorkspace.ADA).then().statusCode(200).body("data.size()", equalTo(0));
                read("/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=86cnotseen&assignee="
                        + DemoWorkspace.ADA).then().statusCode(404);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + taskId + " not served as deleted; last: " + (last == null ? "" : last.asString()));
    }

    @Test
    void listWithoutStoredFieldsIs404() {
        read("/api/v2/list/901299999/field").then().statusCode(404)
                .body("type", equalTo("urn:clickup-sync:problem:list-fields-not-mirrored"));
    }

    private void awaitMirrored(String taskId) {
        clickUp.workspace().updateTask(taskId, c -> c.name("Read access: touched")).forEach(d -> d.postTo(ingest));
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until) && read("/api/v2/task/" + taskId).statusCode() != 200) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Response read(String path) {
        return given().header("Authorization", ReadApiConformanceTest.TOKEN).get(path);
    }
}
