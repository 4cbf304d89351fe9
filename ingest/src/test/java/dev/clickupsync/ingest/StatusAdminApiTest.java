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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code GET /admin/status} through the admin function's real Lambda path (API Gateway v2 events on
 * Quarkus's mock event server): every section answers without an error on the deployed artifact,
 * so each of its AWS calls is recorded for this module's IAM check against {@code AdminRole} (the
 * queues' ages and the fleet's failures and breakers too: a {@code cloudwatch:GetMetricData} each,
 * answered by testkit's CloudWatch STUB, as no CloudWatch emulator runs here); the fleet's figures replace
 * this process's (its own stack's namespace only, not a dev stack's beside it), and a throttled CloudWatch
 * falls back to them with the reason; and the route is closed
 * without the token. Same profile as {@link CommandAdminApiTest}: no re-boot.
 */
@QuarkusTest
@TestProfile(CommandAdminApiTest.AdminOn.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class StatusAdminApiTest {
    /** This stack's namespace (ClickUpSync/&lt;Stage&gt; on AWS); a dev stack beside it writes ClickUpSync/dev. */
    static final String NAMESPACE = "ClickUpSync/prod";
    CloudWatchStub cloudWatch;
    @Inject
    EventQueue events;

    @Test
    void everySectionAnswersThroughTheAdminFunctionsLambdaPathWithTheFleetsFailuresAndBreaker() {
        String eventsQueue = events.url().substring(events.url().lastIndexOf('/') + 1);
        Instant minuteAgo = Instant.now().minusSeconds(60);
        cloudWatch.reset().datapoint(eventsQueue, minuteAgo, 42)
                .metric(NAMESPACE, "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_server_error"), minuteAgo, 3)
                .metric(NAMESPACE, "AdminFailed", Map.of("Service", "admin", "Operation", "redrive", "Reason", "aws_unavailable"),
                        minuteAgo, 1)
                .metric(NAMESPACE, "ClickUpCircuitState", Map.of("Service", "drain", "State", "open"), minuteAgo, 1)
                // a dev stack in the same account: its failures are not this stack's
                .metric("ClickUpSync/dev", "DrainFailed", Map.of("Service", "drain", "Reason", "clickup_server_error"), minuteAgo, 7)
                .metric("ClickUpSync/dev", "ReconcileError", Map.of("Service", "reconcile", "Reason", "clickup_auth"), minuteAgo, 1);

        Response response = status();

        response.then().statusCode(200).contentType("application/json")
                .body("queues.events.visible", notNullValue())
                .body("queues.events_dlq.visible", notNullValue())
                .body("queues.commands.visible", notNullValue())
                .body("queues.commands_dlq.visible", notNullValue())
                .body("queues.events.oldest_age_seconds", equalTo(42))
                .body("queues.commands.oldest_age_seconds", nullValue())
                .body("queues.commands.oldest_age_reason", equalTo("no_datapoints"))
                .body("clickup.circuit_breaker.scope", equalTo("fleet"))
                .body("clickup.circuit_breaker.state", equalTo("open"))
                .body("clickup.circuit_breaker.functions.drain.state", equalTo("open"))
                .body("clickup.workspaces.default.circuit_breaker.scope", equalTo("process"))
                .body("clickup.rate_budget.token.free_now", notNullValue())
                .body("clickup.rate_budget.reconcile.free_now", notNullValue())
                .body("failures.scope", equalTo("fleet"))
                .body("failures.window_minutes", equalTo(60))
                .body("failures.counts.DrainFailed.clickup_server_error", equalTo(3))
                .body("failures.counts.AdminFailed.aws_unavailable", equalTo(1))
                .body("failures.counts.ReconcileError", nullValue())
                .body("mirror.items_approximate", notNullValue())
                .body("backfill.runs", notNullValue());
        assertThat(response.asString()).as("no section failed").doesNotContain("\"error\"");
        assertThat(response.jsonPath().getList("workspaces", String.class)).contains(DemoWorkspace.TEAM_ID);
        assertThat(cloudWatch.requests()).as("one GetMetricData for the four queues, one for the fleet").hasSize(2);
        assertThat(cloudWatch.requests().get(0).dimensionValues()).hasSize(4).contains(eventsQueue);
        assertThat(cloudWatch.requests().get(1).expressions()).hasSize(6);
    }

    @Test
    void aThrottledCloudWatchLeavesThisProcesssFailuresAndBreakerWithTheReason() {
        cloudWatch.reset().fail(400, "Throttling", "Rate exceeded");

        status().then().statusCode(200)
                .body("queues.events.oldest_age_reason", equalTo("throttled"))
                .body("clickup.circuit_breaker.scope", equalTo("process"))
                .body("clickup.circuit_breaker.fleet_reason", equalTo("throttled"))
                .body("clickup.circuit_breaker.state", notNullValue())
                .body("failures.scope", equalTo("process"))
                .body("failures.fleet_reason", equalTo("throttled"))
                .body("failures.counts.StatusFleetUnavailable.throttled", notNullValue());
        cloudWatch.reset();
    }

    private static Response status() {
        return given().header("Authorization", "Bearer " + CommandAdminApiTest.TOKEN)
                .get("/admin/status?team_id=" + DemoWorkspace.TEAM_ID);
    }

    @Test
    void withoutTheTokenItIsA401() {
        given().get("/admin/status").then().statusCode(401)
                .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
    }
}
