package dev.clickupsync.ingest;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The ingest function includes core's resources, the read API's among them, but has no read rights
 * on the mirror: with {@code sync.read-api.enabled} at its default ({@code false}) every read route
 * answers 404 as if it did not exist, with a token or without, through the Lambda HTTP adapter.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiOffInIngestTest {

    @Test
    void readRoutesAre404WhenTheReadApiIsOff() {
        for (String path : List.of("/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG,
                "/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG + "/time_in_status",
                "/api/v2/task/bulk_time_in_status/task_ids?task_ids=" + DemoWorkspace.TASK_LOGIN_BUG,
                "/api/v2/task/" + DemoWorkspace.TASK_LOGIN_BUG + "/time",
                "/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + DemoWorkspace.TASK_LOGIN_BUG,
                "/api/v2/list/" + DemoWorkspace.LIST_ID + "/field",
                "/tasks/" + DemoWorkspace.TASK_LOGIN_BUG)) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:clickup-sync:problem:not-found"));
            given().header("Authorization", "any-token").get(path).then().statusCode(404);
        }
    }
}
