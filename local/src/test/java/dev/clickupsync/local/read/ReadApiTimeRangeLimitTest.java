package dev.clickupsync.local.read;

import static dev.clickupsync.local.read.ReadApiConformanceTest.await;
import static dev.clickupsync.local.read.ReadApiConformanceTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.local.read.ReadApiConformanceTest.Served;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both sides of {@code sync.read-api.time-entries.max-entries}, configured to 2 here: over HTTP,
 * through the real pipeline (entries tracked in the fake ClickUp, mirrored by signed webhooks), a
 * range holding 3 entries of the asked users is a {@code 400} {@code read-time-range-too-wide} naming
 * the limit (team-wide and with {@code task_id}), never a truncated list; a range holding 2 is
 * answered whole, equal to the fake's answer. The count is taken after the location filters: a quiet
 * list in a range where the workspace holds more than the limit is answered.
 */
@QuarkusTest
@TestProfile(ReadApiTimeRangeLimitTest.TwoEntries.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiTimeRangeLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    FakeClickUp clickUp;

    /** A limit of 2 entries per answer. */
    public static class TwoEntries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.read-api.time-entries.max-entries", "2");
        }
    }

    @Test
    void aRangeOverTheLimitIsRefusedWholeAndOneAtTheLimitIsAnswered() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String task = ReadPipeline.mirrored(ingest, clickUp, "Limit: timed");
        deliver(clickUp.workspace().trackTime(task, DemoWorkspace.ADA, start, Duration.ofMinutes(20)));
        deliver(clickUp.workspace().trackTime(task, DemoWorkspace.ALAN, start.plusSeconds(1_800), Duration.ofMinutes(5)));
        deliver(clickUp.workspace().trackTime(task, DemoWorkspace.ADA, start.plusSeconds(3_600), Duration.ofMinutes(5)));
        String users = "&assignee=" + DemoWorkspace.ADA + "," + DemoWorkspace.ALAN;
        String wide = "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?start_date=" + start.toEpochMilli()
                + "&end_date=" + start.plusSeconds(3_600).toEpochMilli() + users;
        assertThat(clickUpGet(wide).at("/data").size()).as("the fake has all three").isEqualTo(3);

        Response refused = awaitStatus(wide, 400); // 200 with fewer until the third entry is mirrored
        JsonNode problem = JSON.readTree(refused.asString());
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(problem.get("type").asText()).isEqualTo("urn:clickup-sync:problem:read-time-range-too-wide");
        assertThat(problem.get("ECODE").asText()).isEqualTo("SYNC_READ_006");
        assertThat(problem.get("detail").asText()).contains("More than 2 ", "start_date", "end_date");
        assertThat(problem.has("data")).as("never a truncated list").isFalse();
        assertThat(read("/api/v2/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + task + users).statusCode())
                .as("the task's own entries are bounded too").isEqualTo(400);

        for (String atTheLimit : List.of(
                "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?start_date=" + start.toEpochMilli()
                        + "&end_date=" + start.plusSeconds(1_800).toEpochMilli() + users,
                "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?start_date=" + start.toEpochMilli()
                        + "&end_date=" + start.plusSeconds(3_600).toEpochMilli() + "&assignee=" + DemoWorkspace.ADA,
                "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?task_id=" + task + "&assignee=" + DemoWorkspace.ADA)) {
            JsonNode truth = clickUpGet(atTheLimit);
            assertThat(truth.at("/data").size()).as(atTheLimit).isEqualTo(2);
            JsonNode replica = await(atTheLimit, body -> body.at("/data").size() == 2);
            assertThat(replica).as(atTheLimit).isEqualTo(Served.teamTimeEntries(truth, replica));
        }
    }

    @Test
    void aNarrowListInAWideRangeIsAnsweredWhileTheWorkspaceHoldsMoreThanTheLimit() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
        deliver(clickUp.workspace().createList("73100", DemoWorkspace.FOLDER_ID, "Quiet list", DemoWorkspace.STATUSES));
        String busy = ReadPipeline.mirrored(ingest, clickUp, "Limit: busy");
        List<WebhookDelivery> created = clickUp.workspace().createTask("73100", "Limit: quiet");
        deliver(created);
        String quiet = created.get(0).taskId();
        for (int i = 0; i < 3; i++) {
            deliver(clickUp.workspace().trackTime(busy, DemoWorkspace.ADA, start.plusSeconds(600L * i), Duration.ofMinutes(5)));
        }
        deliver(clickUp.workspace().trackTime(quiet, DemoWorkspace.ADA, start.plusSeconds(300), Duration.ofMinutes(5)));
        String range = "/team/" + DemoWorkspace.TEAM_ID + "/time_entries?start_date=" + start.toEpochMilli()
                + "&end_date=" + start.plusSeconds(3_600).toEpochMilli() + "&assignee=" + DemoWorkspace.ADA;
        awaitStatus(range, 400); // the workspace's four entries: over the limit of 2

        for (String narrow : List.of(range + "&list_id=73100", range + "&list_id=" + DemoWorkspace.LIST_ID + "&space_id=99999999")) {
            JsonNode truth = clickUpGet(narrow);
            JsonNode replica = await(narrow, body -> body.at("/data").size() == truth.at("/data").size());
            assertThat(replica).as(narrow).isEqualTo(Served.teamTimeEntries(truth, replica));
        }
        assertThat(clickUpGet(range + "&list_id=73100").at("/data/0/task/id").asText()).isEqualTo(quiet);
        assertThat(read("/api/v2" + range + "&list_id=" + DemoWorkspace.LIST_ID).statusCode())
                .as("the busy list itself is still over the limit").isEqualTo(400);
    }

    private static Response awaitStatus(String path, int status) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        Response last = read("/api/v2" + path);
        while (last.statusCode() != status && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            last = read("/api/v2" + path);
        }
        assertThat(last.statusCode()).as(path + ": " + last.asString()).isEqualTo(status);
        return last;
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        ReadPipeline.deliver(ingest, deliveries);
    }

    private JsonNode clickUpGet(String path) throws Exception {
        return ReadPipeline.clickUpGet(clickUp, path);
    }
}
