package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconcile Lambda end to end: the sample EventBridge scheduled event in (Quarkus's mock event
 * server plays the Lambda runtime, {@code quarkus.lambda.handler=reconcile}), the report out.
 * The profile leaves {@code sync.reconcile.team-ids} unset (so the run asks {@code GET /team}) and
 * scopes the run to {@link ReconcileProfile#HANDLER_LIST}.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @Test
    void theScheduledEventRunsReconcileAndAnswersItsReport() throws Exception {
        clickUp.workspace().addList(ReconcileProfile.HANDLER_LIST, DemoWorkspace.FOLDER_ID, "Handler", DemoWorkspace.STATUSES);
        List<String> tasks = Workspaces.createTasks(clickUp, ReconcileProfile.HANDLER_LIST, 3);
        String event = Files.readString(Path.of("../events/scheduled.json"));
        int teamCalls = clickUp.count("GET", "/team$");
        long timeWalks = metrics.count("ReconcileTimeWalk", "Outcome", "complete");

        Response response = given().contentType("application/json").body(event).post();

        response.then().statusCode(200);
        JsonNode report = JSON.readTree(response.asString());
        assertThat(report.path("complete").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("stop").isNull()).isTrue();
        assertThat(report.path("tasks_written").asInt()).isEqualTo(3);
        assertThat(report.path("scopes")).as("live tasks (the archived pass is off by default)").hasSize(1);
        assertThat(report.path("scopes").get(0).path("team_id").asText()).isEqualTo(DemoWorkspace.TEAM_ID);
        assertThat(report.path("scopes").get(0).path("scope").asText()).contains(ReconcileProfile.HANDLER_LIST).endsWith("live");
        assertThat(report.path("scopes").get(0).path("backfill").asBoolean()).isTrue();
        assertThat(report.path("started_at").asText()).isNotEmpty();
        // no team ids configured: GET /team for the workspaces (the time walk may ask it too, for the
        // members, unless this instance read them within the hour: ClickUpTimeSource.MEMBERS_TTL)
        assertThat(clickUp.count("GET", "/team$")).as("no team ids configured: GET /team").isGreaterThan(teamCalls);
        assertThat(Workspaces.mismatches(clickUp, mirror, tasks)).isEmpty();
        assertThat(metrics.count("ReconcileTimeWalk", "Outcome", "complete")).as("the workspace's time entries walked")
                .isEqualTo(timeWalks + 1);
    }
}
