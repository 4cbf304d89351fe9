package dev.clickupsync.ingest;

import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.testkit.aws.CloudWatchStub;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code GET /admin/status} through the admin function's real Lambda path (API Gateway v2 events on
 * Quarkus's mock event server): every section answers without an error on the deployed artifact,
 * so each of its AWS calls is recorded for this module's IAM check against {@code AdminRole} (the
 * queues' ages too: one {@code cloudwatch:GetMetricData}, answered by testkit's CloudWatch STUB, as
 * no CloudWatch emulator runs here); and the route is closed without the token. Same profile as
 * {@link CommandAdminApiTest}: no re-boot.
 */
@QuarkusTest
@TestProfile(CommandAdminApiTest.AdminOn.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class StatusAdminApiTest {
    CloudWatchStub cloudWatch;
    @Inject
    EventQueue events;

    @Test
    void everySectionAnswersThroughTheAdminFunctionsLambdaPath() {
        String eventsQueue = events.url().substring(events.url().lastIndexOf('/') + 1);
        cloudWatch.reset().datapoint(eventsQueue, Instant.now().minusSeconds(60), 42);

        Response response = given().header("Authorization", "Bearer " + CommandAdminApiTest.TOKEN)
                .get("/admin/status?team_id=" + DemoWorkspace.TEAM_ID);

        response.then().statusCode(200).contentType("application/json")
                .body("queues.events.visible", notNullValue())
                .body("queues.events_dlq.visible", notNullValue())
                .body("queues.commands.visible", notNullValue())
                .body("queues.commands_dlq.visible", notNullValue())
                .body("queues.events.oldest_age_seconds", equalTo(42))
                .body("queues.commands.oldest_age_seconds", nullValue())
                .body("queues.commands.oldest_age_reason", equalTo("no_datapoints"))
                .body("clickup.circuit_breaker.state", equalTo("closed"))
                .body("clickup.rate_budget.token.free_now", notNullValue())
                .body("clickup.rate_budget.reconcile.free_now", notNullValue())
                .body("mirror.items_approximate", notNullValue())
                .body("backfill.runs", notNullValue());
        assertThat(response.asString()).as("no section failed").doesNotContain("\"error\"");
        assertThat(response.jsonPath().getList("workspaces", String.class)).contains(DemoWorkspace.TEAM_ID);
        assertThat(cloudWatch.requests()).as("one GetMetricData for the four queues").hasSize(1);
        assertThat(cloudWatch.requests().get(0).dimensionValues()).hasSize(4).contains(eventsQueue);
    }

    @Test
    void withoutTheTokenItIsA401() {
        given().get("/admin/status").then().statusCode(401)
                .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
    }
}
