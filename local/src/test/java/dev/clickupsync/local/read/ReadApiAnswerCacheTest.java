package dev.clickupsync.local.read;

import static dev.clickupsync.local.read.ReadApiConformanceTest.TOKEN;
import static dev.clickupsync.local.read.ReadApiConformanceTest.read;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The answer cache over this process's real HTTP, on dynalite (read/AnswerCache, AnswerCacheFilter):
 * tasks are written straight into the mirror and then changed or deleted there, so a kept answer
 * still served afterwards can only have come from memory, without a DynamoDB call; and once the
 * bound has passed the mirror's own answer is served again. Refused requests never see a kept answer
 * and errors are never kept. An application of its own: the other read tests run with the cache off.
 */
@QuarkusTest
@TestProfile(ReadApiAnswerCacheTest.KeptAnswers.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiAnswerCacheTest {
    static final Duration BOUND = Duration.ofSeconds(3);
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** The cache on, with a bound long enough to read twice within it on a busy machine. */
    public static class KeptAnswers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.read-api.answer-cache.max-staleness", BOUND.toSeconds() + "s");
        }
    }

    @Inject
    MirrorStore mirror;

    @Test
    void aReadAskedAgainWithinTheBoundIsServedWithoutTheMirrorAndNotAfterIt() throws Exception {
        String id = put("kept", T);
        String path = "/api/v2/task/" + id;
        Response first = read(path);
        long answered = System.nanoTime();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.header("Age")).as("computed, not kept").isNull();

        mirror.tombstone(id, T.plusSeconds(3_600)); // the mirror now answers 404 for it
        Response second = read(path);

        assertThat(second.statusCode()).as("served from memory: the mirror says deleted").isEqualTo(200);
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("X-Mirror-Cache")).isEqualTo("hit");
        assertThat(second.header("Age")).isIn("0", "1", "2");
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(second.header("X-Mirror-Verified-Through")).isEqualTo(first.header("X-Mirror-Verified-Through"));
        assertThat(second.header("X-Mirror-Written-At")).isEqualTo(first.header("X-Mirror-Written-At"));

        sleepUntil(answered + BOUND.toNanos() + 100_000_000L);
        assertThat(read(path).statusCode()).as("past the bound: the mirror's answer").isEqualTo(404);
    }

    @Test
    void servesAKeptAnswerWithItsAgeInWholeSeconds() throws Exception {
        String path = "/api/v2/task/" + put("aged", T);
        Response first = read(path);
        long answered = System.nanoTime(); // kept before this, so a second on, its Age is at least 1
        sleepUntil(answered + 1_100_000_000L);

        Response kept = read(path);

        assertThat(kept.header("X-Mirror-Cache")).isEqualTo("hit");
        assertThat(kept.header("Age")).isIn("1", "2");
        assertThat(Long.parseLong(kept.header("X-Mirror-Age"))).as("the mirror's age, for now")
                .isGreaterThanOrEqualTo(Long.parseLong(first.header("X-Mirror-Age")) + 1);
    }

    @Test
    void noCacheOrMaxAgeZeroComputesAnewAndKeepsTheNewAnswer() {
        String id = put("before", T);
        String path = "/api/v2/task/" + id;
        assertThat(read(path).asString()).contains("\"before\"");
        mirror.upsert(task(id, "after", T.plusSeconds(1)));
        assertThat(read(path).asString()).as("kept").contains("\"before\"");

        Response refreshed = given().header("Authorization", TOKEN).header("Cache-Control", "no-cache").get(path);
        assertThat(refreshed.asString()).contains("\"after\"");
        assertThat(refreshed.header("Age")).isNull();
        Response next = read(path);
        assertThat(next.asString()).as("the refreshed answer is kept").contains("\"after\"");
        assertThat(next.header("Age")).isNotNull();

        mirror.upsert(task(id, "third", T.plusSeconds(2)));
        assertThat(given().header("Authorization", TOKEN).header("Cache-Control", "max-age=0").get(path).asString())
                .contains("\"third\"");
    }

    @Test
    void aRefreshThatFindsTheTaskGoneLeavesNoKeptAnswer() {
        String id = put("gone", T);
        String path = "/api/v2/task/" + id;
        assertThat(read(path).statusCode()).isEqualTo(200);
        mirror.tombstone(id, T.plusSeconds(3_600));

        assertThat(given().header("Authorization", TOKEN).header("Cache-Control", "no-cache").get(path).statusCode())
                .isEqualTo(404);
        assertThat(read(path).statusCode()).as("the kept 200 was dropped with the refresh's 404").isEqualTo(404);
    }

    @Test
    void errorsAreNeverKept() {
        String id = "86ac" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String path = "/api/v2/task/" + id;
        assertThat(read(path).statusCode()).isEqualTo(404);
        mirror.upsert(task(id, "appeared", T));
        Response appeared = read(path);
        assertThat(appeared.statusCode()).as("the 404 was not kept").isEqualTo(200);
        assertThat(appeared.header("Age")).isNull();

        for (int i = 0; i < 2; i++) {
            Response refused = read(path + "?subtasks=true");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.header("Age")).isNull();
            assertThat(refused.header("X-Mirror-Cache")).isNull();
        }
    }

    @Test
    void aRequestWithoutTheTokenNeverGetsAKeptAnswer() {
        String path = "/api/v2/task/" + put("secret", T);
        read(path);
        assertThat(read(path).header("X-Mirror-Cache")).as("kept now").isEqualTo("hit");

        for (Response refused : List.of(given().get(path), given().header("Authorization", "wrong").get(path),
                given().header("Authorization", "Bearer " + TOKEN + "x").get(path),
                given().header("Authorization", "wrong").header("Cache-Control", "no-cache").get(path))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.asString()).doesNotContain("secret");
            assertThat(refused.header("Age")).isNull();
        }
        assertThat(read(path).header("X-Mirror-Cache")).as("a refusal drops nothing").isEqualTo("hit");
    }

    @Test
    void everyKindOfReadIsKept() {
        String id = put("kinds", T);
        String list = listOf(id);
        for (String path : List.of("/api/v2/task/" + id, "/api/v2/task/" + id + "/time_in_status",
                "/api/v2/task/bulk_time_in_status/task_ids?task_ids=" + id, "/api/v2/list/" + list + "/task",
                "/api/v2/list/" + list + "/task?order_by=created&reverse=true")) {
            Response first = read(path);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            Response second = read(path);
            assertThat(second.header("Age")).as(path).isNotNull();
            assertThat(second.asString()).as(path).isEqualTo(first.asString());
        }
    }

    /** A fresh task in a list of its own, written straight into the mirror; its id. */
    private String put(String name, Instant at) {
        String id = "86ac" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        mirror.upsert(task(id, name, at));
        return id;
    }

    private static TaskSnapshot task(String id, String name, Instant updated) {
        return new TaskSnapshot(id, null, name, "to do", "open", null, null, List.of(), List.of(), listOf(id), null,
                null, null, null, updated, updated, null, null, null, null, null, null, null, List.of(), false, false, null);
    }

    private static String listOf(String taskId) {
        return "9" + taskId.substring(4);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000 + 1);
        }
    }
}
