package dev.clickupsync.local;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code GET /admin/status} on the whole local pipeline (dynalite, ElasticMQ and the fake ClickUp
 * over HTTP): a backfill of hundreds of tasks is polled while it runs and its progress grows to
 * {@code done} with the walk's own count; one queue going missing fails only its own section; and
 * the route is as closed as every admin route. Same profile as {@link AdminApiTest}, so no re-boot.
 */
@QuarkusTest
@TestProfile(AdminApiTest.AdminEnabled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class AdminStatusTest {
    private static final int CREATED = 320;
    private static final String LIVE_SCOPE = "spaces=|lists=|live";

    @Inject
    ScheduledReconcile reconcile;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    FakeClickUp clickUp;

    @Test
    void backfillProgressGrowsWhileItRunsAndEndsDoneWithTheWalksTaskCount() throws Exception {
        for (int i = 0; i < CREATED; i++) {
            clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Backfilled task " + i);
        }
        admin().post("/admin/backfill?team_id=" + DemoWorkspace.TEAM_ID + "&from=2020-01-01T00:00:00Z")
                .then().statusCode(202);
        JsonPath requested = liveRun(status());
        assertThat(requested.getString("state")).isEqualTo("requested");
        assertThat(requested.getLong("pages")).isZero();

        // Each ClickUp answer takes a while, so the walk's pages can be watched one by one.
        clickUp.faults().delayResponses(Duration.ofMillis(350));
        List<JsonPath> seen = new ArrayList<>();
        CompletableFuture<ReconcileReport> run;
        try {
            run = CompletableFuture.supplyAsync(() -> reconcile.run(Instant.now().plus(Duration.ofMinutes(2))));
            while (!run.isDone()) {
                seen.add(liveRun(status()));
                Thread.sleep(120);
            }
        } finally {
            clickUp.faults().clear();
        }
        ReconcileReport report = run.get(5, TimeUnit.SECONDS);
        ReconcileReport.ScopeResult walked = report.scopes().stream()
                .filter(s -> s.teamId().equals(DemoWorkspace.TEAM_ID) && s.scope().equals(LIVE_SCOPE)).findFirst().orElseThrow();
        assertThat(walked.complete()).isTrue();
        assertThat(walked.tasksSeen()).as("every created task and the demo's").isGreaterThanOrEqualTo(CREATED);

        List<Long> counts = seen.stream().map(r -> r.getLong("tasks_seen")).toList();
        assertThat(counts).as("never goes back").isSorted();
        assertThat(seen).as("seen mid-run, between none and all")
                .anySatisfy(r -> {
                    assertThat(r.getString("state")).isEqualTo("running");
                    assertThat(r.getLong("tasks_seen")).isPositive().isLessThan(walked.tasksSeen());
                });

        JsonPath done = liveRun(status());
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getLong("tasks_seen")).isEqualTo(walked.tasksSeen());
        assertThat(done.getLong("tasks_written")).isEqualTo(walked.tasksWritten()).isGreaterThanOrEqualTo(CREATED);
        assertThat(done.getLong("pages")).isEqualTo(walked.pages()).isGreaterThanOrEqualTo(CREATED / 100 + 1);
        assertThat(done.getString("finished_at")).isNotNull();
        assertThat(done.getDouble("rate_per_minute")).isPositive();
        assertThat(done.getDouble("window_percent")).isEqualTo(100.0);
        assertThat(done.getString("expected_total")).as("ClickUp's task listing gives no total").isNull();
        assertThat(done.getString("percent")).isNull();
        assertThat(done.getString("eta")).isNull();

        JsonPath unasked = JsonPath.from(admin().get("/admin/status").then().statusCode(200).extract().asString());
        assertThat(unasked.getList("workspaces", String.class)).as("a reconciled workspace is listed without asking")
                .contains(DemoWorkspace.TEAM_ID);
        assertThat(unasked.getString("backfill.current.state")).isNotNull();
        assertThat(unasked.getList("reconcile." + DemoWorkspace.TEAM_ID + ".scope", String.class)).contains(LIVE_SCOPE);
    }

    @Test
    void theDocumentHasEverySectionAndReconcileShowsTheWorkspacesScopes() {
        Response response = admin().get("/admin/status?team_id=" + DemoWorkspace.TEAM_ID);

        response.then().statusCode(200).contentType("application/json")
                .body("generated_at", notNullValue())
                .body("queues.events.visible", notNullValue())
                .body("queues.events.oldest_age_seconds", nullValue())
                .body("queues.events.oldest_age_reason", equalTo("cloudwatch_off"))
                .body("queues.events_dlq.oldest_age_reason", equalTo("cloudwatch_off"))
                .body("clickup.rate_budget.token.used_last_minute", notNullValue())
                .body("queues.events_dlq.visible", notNullValue())
                .body("queues.commands_dlq.visible", notNullValue())
                .body("clickup.circuit_breaker.state", equalTo("closed"))
                .body("clickup.circuit_breaker.scope", equalTo("process"))
                .body("clickup.circuit_breaker.fleet_reason", equalTo("cloudwatch_off"))
                .body("clickup.rate_budget.token.burst", notNullValue())
                .body("clickup.rate_budget.token.wait_ms", notNullValue())
                .body("clickup.rate_budget.reconcile.free_now", notNullValue())
                .body("failures.scope", equalTo("process"))
                .body("failures.fleet_reason", equalTo("cloudwatch_off"))
                .body("mirror.table", equalTo(config.tables().mirror()));
        assertThat(response.jsonPath().getMap("")).containsKeys("webhooks", "reconcile", "backfill");
        assertThat(response.asString()).as("no secret in the document")
                .doesNotContain(clickUp.token()).doesNotContain(AdminApiTest.TOKEN);
    }

    @Test
    void aMissingQueueFailsOnlyItsOwnSection() {
        String deadLetters = config.commands().queue().url().orElseThrow() + "-dlq";
        String name = deadLetters.substring(deadLetters.lastIndexOf('/') + 1);
        sqs.deleteQueue(b -> b.queueUrl(deadLetters));
        try {
            admin().get("/admin/status").then().statusCode(200)
                    .body("queues.commands_dlq.error", equalTo("aws_unavailable"))
                    .body("queues.commands_dlq.aws_error", notNullValue())
                    .body("queues.commands_dlq.visible", nullValue())
                    .body("queues.events.visible", notNullValue())
                    .body("queues.events_dlq.error", nullValue())
                    .body("clickup.rate_budget.token.error", nullValue())
                    .body("mirror.error", nullValue());
        } finally {
            sqs.createQueue(b -> b.queueName(name).attributes(
                    Map.of(software.amazon.awssdk.services.sqs.model.QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")));
        }
        admin().get("/admin/status").then().statusCode(200).body("queues.commands_dlq.error", nullValue());
    }

    @Test
    void statusNeedsTheAdminTokenAndAReadTokenNeverOpensIt() {
        given().get("/admin/status").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
        given().header("Authorization", "Bearer wrong-" + AdminApiTest.TOKEN).get("/admin/status").then().statusCode(401);
        String readToken = "local-dev-read-token"; // the local run's read API token (application.properties)
        given().header("Authorization", "Bearer " + readToken).get("/admin/status").then().statusCode(401);
        given().header("X-Admin-Token", readToken).get("/admin/status").then().statusCode(401);
    }

    @Test
    void aTeamIdThatIsNotAnIdIsA400() {
        admin().get("/admin/status?team_id=a%20b").then().statusCode(400).contentType("application/problem+json");
    }

    private static JsonPath status() {
        Response response = admin().get("/admin/status?team_id=" + DemoWorkspace.TEAM_ID);
        response.then().statusCode(200);
        return response.jsonPath();
    }

    /** The live scope's backfill run of the demo workspace, from a status document. */
    private static JsonPath liveRun(JsonPath status) {
        List<Map<String, Object>> runs = status.getList("backfill.runs");
        assertThat(runs).as("backfill runs in %s", status.prettify()).isNotNull();
        Map<String, Object> run = runs.stream()
                .filter(r -> DemoWorkspace.TEAM_ID.equals(r.get("team_id")) && LIVE_SCOPE.equals(r.get("scope")))
                .findFirst().orElseThrow(() -> new AssertionError("no live run in " + status.prettify()));
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(run).toString());
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + AdminApiTest.TOKEN);
    }
}
