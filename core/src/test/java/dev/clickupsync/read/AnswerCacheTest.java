package dev.clickupsync.read;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The answer cache's store and how a kept answer is served, on a stepped clock: kept within the
 * staleness bound and never after it, bounded in bytes, off at zero, and served with its own headers,
 * {@code Age} and the hit mark. The HTTP side (access check first, errors never kept, no DynamoDB
 * call) is {@code local}'s {@code ReadApiAnswerCacheTest}.
 */
class AnswerCacheTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void servesAKeptAnswerWithinTheBoundAndNeverAfterIt() {
        AnswerCache cache = new AnswerCache(BOUND, 1 << 20, nanos::get);
        cache.put("/api/v2/task/a", answer("{\"id\":\"a\"}"));

        step(Duration.ofMillis(999));
        assertThat(cache.get("/api/v2/task/a")).map(s -> s.answer().body()).contains("{\"id\":\"a\"}");
        step(Duration.ofMillis(1));
        assertThat(cache.get("/api/v2/task/a")).isEmpty();
    }

    @Test
    void keysAreThePathAndTheWholeQueryStringAsSent() {
        AnswerCache cache = new AnswerCache(BOUND, 1 << 20, nanos::get);
        cache.put("/api/v2/task/a?include_markdown_description=true", answer("{\"md\":1}"));

        assertThat(cache.get("/api/v2/task/a")).isEmpty();
        assertThat(cache.get("/api/v2/task/a?include_markdown_description=TRUE")).isEmpty();
        assertThat(cache.get("/api/v2/task/a?include_markdown_description=true")).isPresent();
    }

    @Test
    void servesAKeptAnswerWithItsAgeInWholeSeconds() {
        AnswerCache cache = new AnswerCache(Duration.ofSeconds(10), 1 << 20, nanos::get);
        cache.put("k", answer("{}"));
        assertThat(cache.get("k").orElseThrow().ageSeconds()).isZero();

        step(Duration.ofMillis(2_999));
        assertThat(cache.get("k").orElseThrow().ageSeconds()).isEqualTo(2);
        step(Duration.ofMillis(1));
        assertThat(cache.get("k").orElseThrow().ageSeconds()).isEqualTo(3);
    }

    @Test
    void aNewerAnswerReplacesTheKeptOneAndRestartsItsBound() {
        AnswerCache cache = new AnswerCache(BOUND, 1 << 20, nanos::get);
        cache.put("k", answer("{\"v\":1}"));
        step(Duration.ofMillis(800));
        cache.put("k", answer("{\"v\":2}"));
        step(Duration.ofMillis(800));

        AnswerCache.Served served = cache.get("k").orElseThrow();
        assertThat(served.answer().body()).isEqualTo("{\"v\":2}");
        assertThat(served.ageSeconds()).isZero();
    }

    @Test
    void forgottenAnswersAreGone() {
        AnswerCache cache = new AnswerCache(BOUND, 1 << 20, nanos::get);
        cache.put("k", answer("{}"));
        cache.forget("k");
        cache.forget("never-kept");
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void maxBytesEvictsAnswersBeyondIt() {
        String body = "x".repeat(1_000); // weighs about 2,128 bytes with its two headers and key
        AnswerCache cache = new AnswerCache(BOUND, 10_000, nanos::get);
        for (int i = 0; i < 20; i++) {
            cache.put("/api/v2/task/" + i, answer(body));
        }
        assertThat(cache.size()).isBetween(1L, 4L);
        long served = java.util.stream.IntStream.range(0, 20).filter(i -> cache.get("/api/v2/task/" + i).isPresent()).count();
        assertThat(served).as("only what fits is served (Caffeine picks which, frequency before recency)").isBetween(1L, 4L);
    }

    @Test
    void anAnswerHeavierThanMaxBytesIsNotKept() {
        AnswerCache cache = new AnswerCache(BOUND, 1_000, nanos::get);
        cache.put("k", answer("x".repeat(1_000)));
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void zeroStalenessOrZeroBytesKeepsNothing() {
        for (AnswerCache off : List.of(new AnswerCache(Duration.ZERO, 1 << 20, nanos::get),
                new AnswerCache(BOUND, 0, nanos::get))) {
            off.put("k", answer("{}"));
            assertThat(off.enabled()).isFalse();
            assertThat(off.get("k")).isEmpty();
            assertThat(off.size()).isZero();
        }
    }

    @Test
    void servesAKeptAnswerWithItsOwnHeadersAgeAndTheHitMark() {
        Instant written = Instant.parse("2026-12-07T03:00:00Z");
        AnswerCache.Answer kept = new AnswerCache.Answer("{\"id\":\"a\"}", "application/json", List.of(
                new AnswerCache.Header(Freshness.VERIFIED_THROUGH, "1796612400000"),
                new AnswerCache.Header(Freshness.WRITTEN_AT, Long.toString(written.toEpochMilli())),
                new AnswerCache.Header(TaskView.REDUCED_HEADER, "a")));

        Response served = AnswerCacheFilter.response(new AnswerCache.Served(kept, 1), written.plusSeconds(42));

        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getEntity()).isEqualTo("{\"id\":\"a\"}");
        assertThat(served.getHeaderString("Content-Type")).isEqualTo("application/json");
        assertThat(served.getHeaderString(Freshness.VERIFIED_THROUGH)).isEqualTo("1796612400000");
        assertThat(served.getHeaderString(Freshness.WRITTEN_AT)).isEqualTo(Long.toString(written.toEpochMilli()));
        assertThat(served.getHeaderString(Freshness.AGE)).as("the mirror's age, for now").isEqualTo("42");
        assertThat(served.getHeaderString(TaskView.REDUCED_HEADER)).isEqualTo("a");
        assertThat(served.getHeaderString("Age")).isEqualTo("1");
        assertThat(served.getHeaderString(PageCache.HEADER)).isEqualTo("hit");
    }

    private void step(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private static AnswerCache.Answer answer(String body) {
        return new AnswerCache.Answer(body, "application/json", List.of(new AnswerCache.Header(Freshness.VERIFIED_THROUGH, "1"),
                new AnswerCache.Header(Freshness.WRITTEN_AT, "2")));
    }
}
