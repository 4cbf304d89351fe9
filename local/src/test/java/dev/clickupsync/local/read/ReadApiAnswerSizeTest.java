package dev.clickupsync.local.read;

import static dev.clickupsync.local.read.ReadApiConformanceTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.read.AnswerBound;
import dev.clickupsync.read.AnswerCache;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code sync.read-api.max-answer-bytes} over this process's real HTTP, on dynalite (read/AnswerBound,
 * AnswerBoundFilter), with the bound made small ({@link #BOUND} bytes) instead of seeding megabytes:
 * tasks written straight into the mirror with names padded to put their answer exactly at the bound
 * or one byte over it. Over it, the answer is the {@code 500 read-answer-too-large} problem naming both
 * sizes, counted as {@code ReadFailed{Reason=answer_too_large}}, never kept and never a part of the body;
 * at it, the answer is the mirror's, untouched. The answer cache is on here, to show a kept answer is
 * bounded too: an application of its own.
 */
@QuarkusTest
@TestProfile(ReadApiAnswerSizeTest.SmallBound.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReadApiAnswerSizeTest {
    static final long BOUND = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** A bound of 3,000 bytes an answer; the answer cache on, long enough for a test. */
    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.read-api.max-answer-bytes", Long.toString(BOUND),
                    "sync.read-api.answer-cache.max-staleness", "60s");
        }
    }

    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    AnswerCache cache;

    @Test
    void anAnswerOneByteOverTheBoundIsTheProblemAnswerWithItsMetric() throws Exception {
        String path = "/api/v2/task/" + taskAnswering(BOUND + 1, 'x', null);
        long before = refusals();

        Response refused = read(path);

        assertTooLarge(refused, BOUND + 1);
        assertThat(refused.asString()).as("nothing of the task").doesNotContain("xxxxxxxx");
        assertThat(refused.header("X-Mirror-Written-At")).as("no freshness of a body not sent").isNull();
        assertThat(refusals()).isEqualTo(before + 1);
        assertThat(cache.get(path)).as("a refused answer is never kept").isEmpty();
        assertTooLarge(read(path), BOUND + 1);
        assertThat(refusals()).as("computed and refused again").isEqualTo(before + 2);
    }

    @Test
    void anAnswerAtTheBoundIsServedUntouched() throws Exception {
        String id = taskAnswering(BOUND, 'x', null);
        long before = refusals();

        Response served = read("/api/v2/task/" + id);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.header("Age")).as("computed, not kept").isNull();
        assertThat(served.contentType()).startsWith("application/json");
        assertThat(AnswerBound.lambdaBytes(served.asString())).isEqualTo(BOUND);
        assertThat(JSON.readTree(served.asString()).get("id").asText()).isEqualTo(id);
        assertThat(served.header("X-Mirror-Verified-Through")).isEqualTo(Long.toString(T.toEpochMilli()));
        assertThat(served.header("X-Mirror-Written-At")).isNotNull();
        assertThat(refusals()).isEqualTo(before);
    }

    @Test
    void theBoundCountsTheBodyAsEscapedIntoTheLambdaResponse() throws Exception {
        // Each '"' in the name is \" in the answer (two bytes of UTF-8) and \\\" in the Lambda response's body
        // string (four): this answer's UTF-8 bytes are far within the bound (a filter counting them would
        // serve it), its escaped bytes two over it.
        String id = taskAnswering(BOUND + 2, '"', null);
        Response refused = read("/api/v2/task/" + id);

        assertTooLarge(refused, BOUND + 2);
    }

    @Test
    void aPageOverTheBoundIsRefusedWhileEachOfItsTasksIsServed() throws Exception {
        String list = "9" + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
        List<String> ids = List.of(taskAnswering(BOUND * 2 / 3, 'p', list), taskAnswering(BOUND * 2 / 3, 'p', list));
        for (String id : ids) {
            assertThat(read("/api/v2/task/" + id).statusCode()).as(id).isEqualTo(200);
        }
        long before = refusals();

        Response page = read("/api/v2/list/" + list + "/task");

        assertThat(page.statusCode()).as(page.asString()).isEqualTo(500);
        assertThat(JSON.readTree(page.asString()).get("answer_bytes").asLong()).isGreaterThan(BOUND);
        assertThat(page.asString()).doesNotContain("\"tasks\"");
        assertThat(refusals()).isEqualTo(before + 1);
    }

    @Test
    void aKeptAnswerOverTheBoundIsRefusedToo() throws Exception {
        String path = "/api/v2/task/" + put("kept small", null);
        assertThat(read(path).statusCode()).isEqualTo(200);
        // A kept answer over the bound (one the cache can no longer hold otherwise: the bound is fixed at
        // start-up) shows that the bound also applies to what the cache serves.
        String big = "{\"id\":\"" + "k".repeat((int) BOUND) + "\"}";
        cache.put(path, new AnswerCache.Answer(big, "application/json", List.of()));
        long before = refusals();

        Response refused = read(path);

        assertTooLarge(refused, AnswerBound.lambdaBytes(big));
        assertThat(refused.header("X-Mirror-Cache")).as("no hit mark on the problem").isNull();
        assertThat(refused.header("Age")).isNull();
        assertThat(refusals()).isEqualTo(before + 1);
    }

    private static void assertTooLarge(Response refused, long bytes) throws Exception {
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(500);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).as("asking again gets the same").isNull();
        JsonNode problem = JSON.readTree(refused.asString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:clickup-sync:problem:read-answer-too-large");
        assertThat(problem.get("ECODE").asText()).isEqualTo("SYNC_READ_008");
        assertThat(problem.get("status").asInt()).isEqualTo(500);
        assertThat(problem.get("answer_bytes").asLong()).isEqualTo(bytes);
        assertThat(problem.get("max_answer_bytes").asLong()).isEqualTo(BOUND);
        assertThat(problem.get("detail").asText()).contains(bytes + " bytes", Long.toString(BOUND), "task_ids");
    }

    /**
     * A fresh task (in {@code list}, or a list of its own) whose {@code GET /task} answer takes exactly
     * {@code bytes} in the Lambda response: its name padded with {@code pad} (an {@code x} takes one byte
     * there; a {@code "}, {@code \"} in the answer, four) and with {@code x}s for what is left, measured on a first task of the same shape. Its id.
     */
    private String taskAnswering(long bytes, char pad, String list) throws Exception {
        String probe = read("/api/v2/task/" + put("sized", list)).asString();
        String inJson = JSON.writeValueAsString(Character.toString(pad)); // '"' is \" in the answer
        long perPad = AnswerBound.lambdaBytes(inJson.substring(1, inJson.length() - 1));
        long missing = bytes - AnswerBound.lambdaBytes(probe);
        String name = "sized" + Character.toString(pad).repeat((int) (missing / perPad)) + "x".repeat((int) (missing % perPad));
        return put(name, list); // its size is checked where it is read: the answer's, or the problem's answer_bytes
    }

    /** A task written straight into the mirror, in {@code list} or a list of its own; its id. */
    private String put(String name, String list) {
        String id = "86ac" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        mirror.upsert(new TaskSnapshot(id, null, name, "to do", "open", null, null, List.of(), List.of(),
                list == null ? "9" + id.substring(4) : list, null, null, null, null, T, T, null, null, null, null, null,
                null, null, List.of(), false, false, null));
        return id;
    }

    private long refusals() {
        return metrics.count("ReadFailed", "Reason", "answer_too_large");
    }
}
