package dev.clickupsync.local.read;

import static dev.clickupsync.local.read.ReadApiConformanceTest.TOKEN;
import static dev.clickupsync.local.read.ReadApiConformanceTest.read;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.aws.PartialBatchAnswers;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;

/**
 * DynamoDB answering a page's {@code BatchGetItem} only in part, as it does under throttling, under the
 * read API over this process's real HTTP, on dynalite. Dynalite never leaves keys unprocessed, so the
 * application's DynamoDB client carries the testkit's {@link PartialBatchAnswers}, which rewrites
 * dynalite's real answers the way DynamoDB's look then: the one stand-in here. Keys handed back are asked
 * again ({@code store/Batches}) and the page is whole; keys still handed back after every round make the
 * read a {@code 503 mirror-unavailable} (the {@code BatchUnfinishedException} is an {@code SdkException}),
 * never a page with tasks missing, and nothing of it is kept. An application of its own: the interceptor
 * is build-time configuration.
 */
@QuarkusTest
@TestProfile(ThrottledMirrorReadTest.PartialAnswers.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ThrottledMirrorReadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** The IAM recorder every test application has, and the partial answers. */
    public static class PartialAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.dynamodb.interceptors",
                    "dev.clickupsync.testkit.iam.AwsCallRecorder," + PartialBatchAnswers.class.getName());
        }
    }

    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    SyncConfig sync;

    @BeforeEach
    @AfterEach
    void answerInFull() {
        PartialBatchAnswers.reset();
    }

    @Test
    void aPageWhoseEntriesStayUnprocessedIs503MirrorUnavailableNeverAPartialPage() throws Exception {
        Listed listed = listOfTasks("stays-unprocessed", 3);
        List<String> ids = listed.ids();
        String page = "/api/v2/list/" + listed.list() + "/task";
        long before = metrics.count("ReadFailed", "Reason", "mirror_unavailable");

        PartialBatchAnswers.answerInPart(Integer.MAX_VALUE);
        Response refused = read(page);
        PartialBatchAnswers.answerInPart(0);

        refused.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("type", equalTo("urn:clickup-sync:problem:mirror-unavailable"))
                .body("ECODE", equalTo("SYNC_READ_005"))
                .body(not(containsString(sync.tables().mirror()))).body(not(containsString("stays-unprocessed")));
        assertThat(batchReadsOf(ids)).as("every round asked again before giving up").hasSize(8);
        assertThat(metrics.count("ReadFailed", "Reason", "mirror_unavailable")).isEqualTo(before + 1);

        Response whole = read(page);
        assertThat(whole.statusCode()).as("nothing of the failed read was kept").isEqualTo(200);
        assertThat(taskIds(whole)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void entriesHandedBackOnceAreAskedAgainAndThePageIsWhole() throws Exception {
        Listed listed = listOfTasks("handed-back", 4);
        List<String> ids = listed.ids();
        String page = "/api/v2/list/" + listed.list() + "/task";

        PartialBatchAnswers.answerInPart(1);
        Response throttled = read(page);
        PartialBatchAnswers.answerInPart(0);
        List<BatchGetItemRequest> calls = batchReadsOf(ids);
        Response calm = given().header("Authorization", TOKEN).header("Cache-Control", "no-cache").get(page);

        assertThat(throttled.statusCode()).isEqualTo(200);
        assertThat(taskIds(throttled)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(throttled.asString()).as("the same page as without throttling").isEqualTo(calm.asString());
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).requestItems().values().iterator().next().keys()).as("only the handed-back half")
                .hasSize(2);
    }

    /** A list of the test's own and the ids of its tasks. */
    private record Listed(String list, List<String> ids) {
    }

    /** {@code n} fresh tasks in a list of their own, written straight into the mirror. */
    private Listed listOfTasks(String name, int n) {
        String list = "9" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "86ac" + list.substring(1, 5) + i;
            mirror.upsert(new TaskSnapshot(id, null, name + " " + i, "to do", "open", null, null, List.of(), List.of(),
                    list, null, null, null, null, T, T.plusSeconds(i), null, null, null, null, null, null, null, List.of(),
                    false, false, null));
            ids.add(id);
        }
        return new Listed(list, ids);
    }

    /** The BatchGetItem calls that asked for any of these tasks' entries (the pipeline's own calls left out). */
    private static List<BatchGetItemRequest> batchReadsOf(List<String> ids) {
        return PartialBatchAnswers.sent(BatchGetItemRequest.class).stream()
                .filter(r -> r.requestItems().values().stream().flatMap(k -> k.keys().stream())
                        .anyMatch(key -> ids.contains(key.get("pk").s().substring("task#".length()))))
                .toList();
    }

    private static List<String> taskIds(Response page) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode task : JSON.readTree(page.asString()).path("tasks")) {
            ids.add(task.path("id").asText());
        }
        return ids;
    }
}
