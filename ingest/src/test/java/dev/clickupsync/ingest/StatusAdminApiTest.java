package dev.clickupsync.ingest;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * {@code GET /admin/status} through the admin function's real Lambda path (API Gateway v2 events on
 * Quarkus's mock event server): every section answers without an error on the deployed artifact,
 * so each of its AWS calls is recorded for this module's IAM check against {@code AdminRole}; and
 * the route is closed without the token. Same profile as {@link CommandAdminApiTest}: no re-boot.
 */
@QuarkusTest
@TestProfile(CommandAdminApiTest.AdminOn.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class StatusAdminApiTest {

    @Test
    void everySectionAnswersThroughTheAdminFunctionsLambdaPath() {
        Response response = given().header("Authorization", "Bearer " + CommandAdminApiTest.TOKEN)
                .get("/admin/status?team_id=" + DemoWorkspace.TEAM_ID);

        response.then().statusCode(200).contentType("application/json")
                .body("queues.events.visible", notNullValue())
                .body("queues.events_dlq.visible", notNullValue())
                .body("queues.commands.visible", notNullValue())
                .body("queues.commands_dlq.visible", notNullValue())
                .body("clickup.circuit_breaker.state", equalTo("closed"))
                .body("clickup.rate_budget.token.free_now", notNullValue())
                .body("clickup.rate_budget.reconcile.free_now", notNullValue())
                .body("mirror.items_approximate", notNullValue())
                .body("backfill.runs", notNullValue());
        assertThat(response.asString()).as("no section failed").doesNotContain("\"error\"");
        assertThat(response.jsonPath().getList("workspaces", String.class)).contains(DemoWorkspace.TEAM_ID);
    }

    @Test
    void withoutTheTokenItIsA401() {
        given().get("/admin/status").then().statusCode(401)
                .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
    }
}
