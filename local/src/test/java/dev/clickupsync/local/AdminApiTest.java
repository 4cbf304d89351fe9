package dev.clickupsync.local;

import dev.clickupsync.admin.BackfillTrigger;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The admin API on the whole local pipeline (the real poller drains what is redriven): a parked
 * event redriven over HTTP reaches the mirror; a replay of an applied event is a duplicate; a task
 * changed without a webhook is re-synced; nothing works without the token.
 */
@QuarkusTest
@TestProfile(AdminApiTest.AdminEnabled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class AdminApiTest {
    static final String TOKEN = "test-admin-token-" + "9f1c2e";

    /** The one profile of the admin tests: admin API on, with a token. */
    public static class AdminEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.admin.enabled", "true", "sync.admin.token", TOKEN);
        }
    }

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    DrainProcessor processor;
    @Inject
    Metrics metrics;
    @Inject
    Instance<BackfillTrigger> backfills;

    FakeClickUp clickUp;

    @Test
    void parkedEventRedrivenOverHttpIsDrainedIntoTheMirror() throws Exception {
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG,
                c -> c.name("Fixed after a redrive"));
        deliveries.forEach(d -> park(d, "clickup_server_error"));

        admin().post("/admin/dlq/redrive?entity_id=" + DemoWorkspace.TASK_LOGIN_BUG + "&reason=clickup_server_error")
                .then().statusCode(200).contentType("application/json")
                .body("redriven", equalTo(deliveries.size()))
                .body("skipped", equalTo(0))
                .body("complete", equalTo(true))
                .body("filter.entity_id", equalTo(DemoWorkspace.TASK_LOGIN_BUG));

        await("mirror has the redriven change", () -> {
            Response task = given().get("/tasks/" + DemoWorkspace.TASK_LOGIN_BUG);
            return task.statusCode() == 200 && "Fixed after a redrive".equals(task.jsonPath().getString("name"));
        });
        assertThat(metrics.count("AdminRedriven")).isGreaterThanOrEqualTo(deliveries.size());
    }

    @Test
    void replayOfAnAppliedEventIsAcknowledgedAsADuplicateAndRedrivingTwiceFindsNothing() throws Exception {
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(DemoWorkspace.TASK_RELEASE_NOTES,
                c -> c.name("Applied once"));
        List<QueuedEvent> events = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), attributes(d), 1)).toList();
        assertThat(processor.process(events, Instant.now().plusSeconds(30))).as("applied").isEmpty();
        given().get("/tasks/" + DemoWorkspace.TASK_RELEASE_NOTES).then().statusCode(200).body("name", equalTo("Applied once"));
        long duplicates = metrics.count("DrainOutcome", "Outcome", "duplicate");
        long applied = metrics.count("DrainOutcome", "Outcome", "applied");
        deliveries.forEach(d -> park(d, "internal"));
        String redrive = "/admin/dlq/redrive?entity_id=" + DemoWorkspace.TASK_RELEASE_NOTES + "&reason=internal";

        admin().post(redrive).then().statusCode(200).body("redriven", equalTo(deliveries.size()));
        await("the poller drained the replay as duplicates",
                () -> metrics.count("DrainOutcome", "Outcome", "duplicate") - duplicates == deliveries.size());

        assertThat(metrics.count("DrainOutcome", "Outcome", "applied")).as("nothing applied twice").isEqualTo(applied);
        admin().post(redrive).then().statusCode(200)
                .body("scanned", equalTo(0)).body("redriven", equalTo(0)).body("complete", equalTo(true));
    }

    @Test
    void resyncPicksUpAChangeThatNoWebhookAnnounced() {
        clickUp.workspace().updateTask(DemoWorkspace.TASK_SHIP_V1, c -> c.name("Changed quietly").status("review"));

        admin().post("/admin/tasks/" + DemoWorkspace.TASK_SHIP_V1 + "/resync").then().statusCode(200)
                .contentType("application/json")
                .body("task_id", equalTo(DemoWorkspace.TASK_SHIP_V1))
                .body("outcome", equalTo("applied"))
                .body("snapshot.name", equalTo("Changed quietly"));

        given().get("/tasks/" + DemoWorkspace.TASK_SHIP_V1).then().statusCode(200)
                .body("name", equalTo("Changed quietly")).body("status", equalTo("review"));
        admin().post("/admin/tasks/" + DemoWorkspace.TASK_SHIP_V1 + "/resync").then().statusCode(200)
                .body("outcome", equalTo("unchanged"));
    }

    @Test
    void resyncOfATaskClickUpNoLongerHasTombstonesIt() {
        String taskId = clickUp.workspace().createTask(DemoWorkspace.LIST_ID, "Gone before mirrored").get(0).taskId();
        clickUp.workspace().deleteTask(taskId);

        admin().post("/admin/tasks/" + taskId + "/resync").then().statusCode(200)
                .body("outcome", equalTo("tombstoned")).body("snapshot.deleted", equalTo(true));
        given().get("/tasks/" + taskId).then().statusCode(200).body("deleted", equalTo(true));
    }

    @Test
    void aResyncOfAnIdThatIsNotClickUpsIsA400AndNothingIsAsked() {
        int before = clickUp.requests().size();

        // The admin API's own value check allows '.' and ':'; a path segment like ".." must still never reach ClickUp
        admin().post("/admin/tasks/a..b/resync").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("not a ClickUp task id"));
        admin().post("/admin/tasks/team:1/resync").then().statusCode(400);
        admin().post("/admin/tasks/a%20b/resync").then().statusCode(400);

        assertThat(clickUp.requests().size() - before).isZero();
    }

    @Test
    void everyRouteNeedsTheToken() {
        for (String path : List.of("/admin/dlq/redrive", "/admin/tasks/" + DemoWorkspace.TASK_SHIP_V1 + "/resync",
                "/admin/backfill?team_id=" + DemoWorkspace.TEAM_ID + "&from=2025-01-01T00:00:00Z")) {
            given().post(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                    .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
            given().header("Authorization", "Bearer wrong-" + TOKEN).post(path).then().statusCode(401);
        }
        assertThat(metrics.count("AdminRejected", "Reason", "unauthorized")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aReadTokenNeverOpensAdmin() {
        String readToken = "local-dev-read-token"; // the local run's read API token (application.properties)
        for (String header : List.of(readToken, "Bearer " + readToken)) {
            given().header("Authorization", header).post("/admin/dlq/redrive").then().statusCode(401)
                    .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
        }
        given().header("X-Admin-Token", readToken).post("/admin/dlq/redrive").then().statusCode(401);
        given().header("Authorization", readToken).get("/api/v2/task/86cnotseen").then().statusCode(404)
                .body("type", equalTo("urn:clickup-sync:problem:task-not-mirrored"));
    }

    @Test
    void theTokenMayTravelInXAdminTokenWhenAuthorizationCarriesASignature() {
        given().header("Authorization", "AWS4-HMAC-SHA256 Credential=x/20250101/eu-west-1/execute-api/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=00")
                .header("X-Admin-Token", TOKEN)
                .post("/admin/tasks/" + DemoWorkspace.TASK_LOGIN_BUG + "/resync").then().statusCode(200);
    }

    @Test
    void badParametersAre400Problems() {
        admin().post("/admin/dlq/redrive?max=lots").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:clickup-sync:problem:admin-bad-request"));
        admin().post("/admin/dlq/redrive?max=0").then().statusCode(400);
        admin().post("/admin/dlq/redrive?event=" + "a%0Ab").then().statusCode(400);
        admin().post("/admin/backfill?from=2025-01-01T00:00:00Z").then().statusCode(400);
        admin().post("/admin/backfill?team_id=" + DemoWorkspace.TEAM_ID + "&from=yesterday").then().statusCode(400);
        admin().post("/admin/backfill?team_id=" + DemoWorkspace.TEAM_ID + "&from=2999-01-01T00:00:00Z").then().statusCode(400);
    }

    @Test
    void backfillIs501UntilSomethingImplementsIt() {
        Response response = admin().post("/admin/backfill?team_id=" + DemoWorkspace.TEAM_ID + "&from=2025-01-01T00:00:00Z");

        if (backfills.isUnsatisfied()) {
            response.then().statusCode(501).contentType("application/problem+json")
                    .body("type", equalTo("urn:clickup-sync:problem:backfill-not-available"));
        } else {
            response.then().statusCode(202).body("status", equalTo("accepted")).body("team_id", equalTo(DemoWorkspace.TEAM_ID));
        }
    }

    @Test
    void reindexStepsRunToCompletionAgainAndAgainAndRefuseABadCursorOrToken() {
        String cursor = null;
        int steps = 0;
        do {
            Response step = admin().post("/admin/reindex" + (cursor == null ? "" : "?cursor=" + cursor));
            step.then().statusCode(200).contentType("application/json");
            cursor = step.jsonPath().getString("cursor");
            assertThat(step.jsonPath().getBoolean("complete")).isEqualTo(cursor == null);
            steps++;
        } while (cursor != null && steps < 50);
        assertThat(cursor).as("the local mirror is small: it completes").isNull();
        admin().post("/admin/reindex").then().statusCode(200).body("indexed", org.hamcrest.Matchers.greaterThan(0));

        admin().post("/admin/reindex?cursor=bm90LWEta2V5").then().statusCode(400).contentType("application/problem+json");
        given().post("/admin/reindex").then().statusCode(401);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    /** Parks a webhook body in the DLQ directly, as the drain would have after its last failed receive. */
    private void park(WebhookDelivery delivery, String reason) {
        Map<String, MessageAttributeValue> attrs = new HashMap<>();
        attributes(delivery).forEach((k, v) -> attrs.put(k, text(v)));
        attrs.put("failure_reason", text(reason));
        attrs.put("failure_detail", text("failed_at=" + Instant.now() + "; receives=5"));
        sqs.sendMessage(b -> b.queueUrl(config.queue().url() + "-dlq").messageBody(delivery.bodyString())
                .messageAttributes(attrs));
    }

    private static Map<String, String> attributes(WebhookDelivery delivery) {
        return Map.of(EventEnvelope.EVENT, delivery.event(), EventEnvelope.WEBHOOK_ID, delivery.webhookId(),
                EventEnvelope.ENTITY_TYPE, "task", EventEnvelope.ENTITY_ID, delivery.taskId(),
                EventEnvelope.RECEIVED_AT, Instant.now().toString());
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(until)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
