package dev.clickupsync.local.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.hierarchy.HierarchyPass;
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
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spaces, folders and lists against the oracle: changes made in the fake ClickUp (created, renamed,
 * moved, deleted) reach the mirror through the real pipeline (signed webhooks to ingest, the queue,
 * the local poller's drain, which fetches each object), and every hierarchy endpoint of the replica
 * answers what the fake answers, less {@code task_count} (docs/read-api.md: counts are as of the
 * object's last fetch). The workspace's webhook team is configured so new spaces are linked at once.
 */
@QuarkusTest
@TestProfile(HierarchyConformanceTest.WithTeam.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class HierarchyConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM = DemoWorkspace.TEAM_ID;

    public static class WithTeam implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.webhook-lifecycle.team-id", TEAM);
        }
    }

    @TestHTTPResource("/webhooks/clickup")
    URI ingest;

    @Inject
    HierarchyPass pass;

    FakeClickUp clickUp;

    /**
     * What reconcile's first run does: the demo hierarchy, which no event ever announced. The local
     * pipeline's budget (ClickUp's 100 a minute) is shared with every earlier test of the
     * application, so a spent budget is waited out as reconcile's next run would, within 2 minutes.
     */
    @BeforeEach
    void seedAsReconcileWould() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                pass.run(TEAM, () -> { }, () -> { });
                return;
            } catch (BudgetExhaustedException spent) {
                if (Instant.now().plus(spent.retryAfter()).isAfter(until)) {
                    throw spent;
                }
                Thread.sleep(spent.retryAfter().toMillis() + 100);
            }
        }
    }

    @Test
    void changesInClickUpReachEveryHierarchyEndpointThroughThePipeline() throws Exception {
        deliver(clickUp.workspace().createSpace("71001", "Ops"));
        deliver(clickUp.workspace().createFolder("71010", "71001", "Runbooks"));
        deliver(clickUp.workspace().createList("71100", "71010", "Incidents", DemoWorkspace.STATUSES));
        deliver(clickUp.workspace().createList("71101", DemoWorkspace.FOLDER_ID, "Ideas", DemoWorkspace.STATUSES));
        deliver(clickUp.workspace().createFolderlessList("71102", "71001", "Inbox", DemoWorkspace.STATUSES));
        deliver(clickUp.workspace().renameList("71101", "Ideas, renamed"));
        deliver(clickUp.workspace().renameFolder("71010", "Runbooks, renamed"));
        deliver(clickUp.workspace().renameSpace("71001", "Operations"));
        deliver(clickUp.workspace().moveList("71101", "71010"));

        await("/folder/71010/list");
        for (String path : List.of("/team/" + TEAM + "/space", "/space/71001", "/space/71001/folder", "/space/71001/list",
                "/folder/71010", "/folder/71010/list", "/list/71100", "/list/71101", "/list/71102",
                "/space/" + DemoWorkspace.SPACE_ID + "/folder", "/folder/" + DemoWorkspace.FOLDER_ID + "/list",
                "/list/" + DemoWorkspace.LIST_ID, "/list/71100/member", "/list/" + DemoWorkspace.LIST_ID + "/member")) {
            JsonNode truth = await(path); // the pipeline is asynchronous: each object's event may still be queued
            Response replica = read(path);
            assertThat(replica.statusCode()).as(path).isEqualTo(200);
            assertThat(served(JSON.readTree(replica.asString()))).as(path).isEqualTo(truth);
            assertThat(replica.header("X-Mirror-Verified-Through")).as(path).isNotBlank();
        }
    }

    @Test
    void deletionsReachTheMirrorWithEverythingUnderThem() throws Exception {
        deliver(clickUp.workspace().createSpace("72001", "Temp"));
        deliver(clickUp.workspace().createFolder("72010", "72001", "Temp folder"));
        deliver(clickUp.workspace().createList("72100", "72010", "Temp list", DemoWorkspace.STATUSES));
        deliver(clickUp.workspace().createFolderlessList("72101", "72001", "Temp inbox", DemoWorkspace.STATUSES));
        List<WebhookDelivery> task = clickUp.workspace().createTask("72100", "Temp task");
        deliver(task);
        String taskId = task.get(0).taskId();
        await("/task/" + taskId);
        await("/space/72001/list");

        deliver(clickUp.workspace().deleteFolder("72010"));
        awaitStatus("/list/72100", 404);
        assertThat(read("/folder/72010").statusCode()).isEqualTo(404);
        Response gone = read("/task/" + taskId);
        assertThat(gone.statusCode()).as("the task went with its list").isEqualTo(404);
        assertThat(gone.asString()).contains("task-deleted");
        assertThat(served(JSON.readTree(read("/space/72001/folder").asString())))
                .isEqualTo(served(clickUpGet("/space/72001/folder")));

        deliver(clickUp.workspace().deleteSpace("72001"));
        awaitStatus("/space/72001", 404);
        assertThat(read("/list/72101").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(read("/list/72101").asString()).get("ECODE").asText()).isEqualTo("ITEM_015");
        assertThat(read("/space/72001/list").statusCode()).isEqualTo(404);
        assertThat(served(JSON.readTree(read("/team/" + TEAM + "/space").asString())))
                .isEqualTo(served(clickUpGet("/team/" + TEAM + "/space")));
    }

    @Test
    void aListSharedWithoutAWebhookShowsItsNewMembersAfterTheHierarchyPass() throws Exception {
        String path = "/list/" + DemoWorkspace.LIST_ID + "/member";
        JsonNode everyone = clickUpGet(path);
        long first = everyone.get("members").get(0).get("id").asLong();
        clickUp.workspace().setListMembers(DemoWorkspace.LIST_ID, List.of(first));
        try {
            assertThat(JSON.readTree(read(path).asString())).as("no webhook: the mirror does not know yet").isEqualTo(everyone);
            pass.run(TEAM, () -> { }, () -> { });
            assertThat(JSON.readTree(read(path).asString())).isEqualTo(clickUpGet(path));
            assertThat(JSON.readTree(read(path).asString()).get("members")).hasSize(1);
        } finally {
            clickUp.workspace().setListMembers(DemoWorkspace.LIST_ID,
                    java.util.stream.StreamSupport.stream(everyone.get("members").spliterator(), false)
                            .map(m -> m.get("id").asLong()).toList());
        }
        assertThat(read("/list/73998/member").statusCode()).isEqualTo(404);
    }

    @Test
    void whatTheMirrorCannotAnswerIsA400AndAnUnknownObjectA404() {
        assertThat(read("/space/" + DemoWorkspace.SPACE_ID + "/folder?archived=true").statusCode()).isEqualTo(400);
        assertThat(read("/space/" + DemoWorkspace.SPACE_ID + "/folder?archived=false&bogus=1").statusCode()).isEqualTo(400);
        assertThat(read("/list/not*an*id").statusCode()).isEqualTo(400);
        assertThat(read("/folder/73999").statusCode()).isEqualTo(404);
        assertThat(read("/list/" + DemoWorkspace.LIST_ID + "/task").statusCode()).as("the task query still routes")
                .isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    /** ClickUp's answer less {@code task_count}, at any depth (the mirror serves it as of the last fetch). */
    static JsonNode served(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("task_count");
        }
        node.forEach(HierarchyConformanceTest::strip);
    }

    void deliver(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery delivery : deliveries) {
            assertThat(delivery.postTo(ingest)).isEqualTo(200);
        }
    }

    static Response read(String path) {
        return given().header("Authorization", ReadApiConformanceTest.TOKEN).get("/api/v2" + path);
    }

    /** ClickUp's answer, read with the fake's oracle token: it neither spends nor waits on the pipeline's 100 a minute. */
    JsonNode clickUpGet(String path) throws Exception {
        return JSON.readTree(given().baseUri(clickUp.baseUrl()).header("Authorization", FakeClickUp.ORACLE_TOKEN)
                .get(clickUp.baseUrl() + path).then().statusCode(200).extract().asString());
    }

    /** Waits until the replica's answer to {@code path} equals the fake's (less task_count); the fake's answer, as served. */
    JsonNode await(String path) throws Exception {
        List<String> last = new ArrayList<>();
        // ClickUp's answer once: the changes are made; asking it every 100 ms would spend the fake's
        // 100 calls a minute, which the pipeline under test shares
        JsonNode truth = served(clickUpGet(path));
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            Response response = read(path);
            if (response.statusCode() == 200 && served(JSON.readTree(response.asString())).equals(truth)) {
                return truth;
            }
            last.add(response.statusCode() + " " + response.asString());
            Thread.sleep(100);
        }
        throw new AssertionError("replica did not answer " + path + " as ClickUp in time; last: "
                + (last.isEmpty() ? "-" : last.get(last.size() - 1)));
    }

    void awaitStatus(String path, int status) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            if (read(path).statusCode() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("replica did not answer " + status + " for " + path + " in time");
    }
}
