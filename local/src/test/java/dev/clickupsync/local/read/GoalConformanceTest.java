package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Goals against the oracle: goals, goal folders and key results changed in the fake ClickUp reach the
 * mirror through the real pipeline (signed webhooks to ingest, the queue, the local poller's drain),
 * and the replica's {@code GET /team/{id}/goal} (with and without {@code include_completed}) and
 * {@code GET /goal/{id}} answer exactly what the fake answers. Shares the hierarchy conformance
 * test's profile (one application boot for both).
 */
@QuarkusTest
@TestProfile(HierarchyConformanceTest.WithTeam.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class GoalConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM = DemoWorkspace.TEAM_ID;

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    @Test
    void goalsAndKeyResultsReachBothGoalEndpointsThroughThePipeline() throws Exception {
        clickUp.workspace().createGoalFolder("c0a1f000-0000-4000-8000-000000000001", "Quarterly Goals");
        String open = "c0a1f000-0000-4000-8000-000000000010";
        String done = "c0a1f000-0000-4000-8000-000000000011";
        deliver(clickUp.workspace().createGoal(open, "Grow", null));
        deliver(clickUp.workspace().createGoal(done, "Ship", "c0a1f000-0000-4000-8000-000000000001"));
        deliver(clickUp.workspace().createKeyResult(open, "c0a1f000-0000-4000-8000-000000000020", "Users", 0, 100));
        deliver(clickUp.workspace().createKeyResult(done, "c0a1f000-0000-4000-8000-000000000021", "Releases", 0, 2));
        deliver(clickUp.workspace().updateKeyResult("c0a1f000-0000-4000-8000-000000000020", 30));
        deliver(clickUp.workspace().updateKeyResult("c0a1f000-0000-4000-8000-000000000021", 2)); // completed
        deliver(clickUp.workspace().updateGoal(open, "Grow more", "Q3", 1_900_000_000_000L, null));

        for (String path : List.of("/goal/" + open, "/goal/" + done, "/team/" + TEAM + "/goal",
                "/team/" + TEAM + "/goal?include_completed=true", "/team/" + TEAM + "/goal?include_completed=false")) {
            await(path);
            Response replica = read(path);
            assertThat(replica.header("X-Mirror-Verified-Through")).as(path).isNotBlank();
        }
        assertThat(JSON.readTree(read("/team/" + TEAM + "/goal").asString()).get("folders").get(0).get("goals"))
                .as("the completed goal is left out").isEmpty();
    }

    @Test
    void aDeletedGoalIs404AndLeavesTheListing() throws Exception {
        String goal = "c0a1f000-0000-4000-8000-000000000030";
        deliver(clickUp.workspace().createGoal(goal, "Temp", null));
        await("/goal/" + goal);

        deliver(clickUp.workspace().deleteGoal(goal));
        awaitStatus("/goal/" + goal, 404);
        assertThat(read("/goal/" + goal).asString()).contains("goal-not-mirrored");
        await("/team/" + TEAM + "/goal?include_completed=true");
    }

    @Test
    void whatTheMirrorCannotAnswerIsA400AndAnUnknownGoalA404() {
        assertThat(read("/team/" + TEAM + "/goal?bogus=1").statusCode()).isEqualTo(400);
        assertThat(read("/team/" + TEAM + "/goal?include_completed=maybe").statusCode()).isEqualTo(400);
        assertThat(read("/goal/not*an*id").statusCode()).isEqualTo(400);
        assertThat(read("/goal/c0a1f000-0000-4000-8000-00000000ffff").statusCode()).isEqualTo(404);
        assertThat(read("/goal/c0a1f000-0000-4000-8000-00000000ffff?x=1").statusCode()).isEqualTo(400);
    }

    void deliver(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    static Response read(String path) {
        return HierarchyConformanceTest.read(path);
    }

    JsonNode clickUpGet(String path) throws Exception {
        return JSON.readTree(given().baseUri(clickUp.baseUrl()).header("Authorization", FakeClickUp.ORACLE_TOKEN)
                .get(clickUp.baseUrl() + path).then().statusCode(200).extract().asString());
    }

    /** Waits until the replica's answer to {@code path} equals the fake's. */
    void await(String path) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode truth = clickUpGet(path);
        String last = "-";
        while (Instant.now().isBefore(until)) {
            Response response = read(path);
            if (response.statusCode() == 200 && JSON.readTree(response.asString()).equals(truth)) {
                return;
            }
            last = response.statusCode() + " " + response.asString();
            Thread.sleep(100);
        }
        throw new AssertionError("replica did not answer " + path + " as ClickUp in time; last: " + last
                + "\nClickUp: " + truth);
    }

    void awaitStatus(String path, int status) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            if (read(path).statusCode() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not become " + status);
    }
}
