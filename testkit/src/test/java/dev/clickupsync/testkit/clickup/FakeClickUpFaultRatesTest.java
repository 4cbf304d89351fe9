package dev.clickupsync.testkit.clickup;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seeded random failures, ClickUp-shaped injected errors, and exact 429 counting under concurrency. */
class FakeClickUpFaultRatesTest {

    private FakeClickUp fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void failRateAnswersRoughlyThatShareUntilCleared() {
        fake = FakeClickUp.builder().rateLimit(10_000, Duration.ofMinutes(1)).start();
        fake.faults().failRate(0.3, 503, 42L);

        List<Integer> statuses = statuses(fake, 300);

        long failed = statuses.stream().filter(s -> s == 503).count();
        assertThat(failed).isBetween(60L, 120L);
        assertThat(statuses).containsOnly(200, 503);
        assertThat(fake.faults().injectedFailures()).isEqualTo((int) failed);
        HttpResponse<String> sample = firstFailure(fake);
        assertThat(json(sample).get("ECODE").asText()).isEqualTo("FAKE_503");

        fake.clearFaults();
        assertThat(statuses(fake, 20)).containsOnly(200);
    }

    @Test
    void countsEachKindOfInjectedFaultSeparately() {
        fake = FakeClickUp.builder().rateLimit(10_000, Duration.ofMinutes(1)).start();
        fake.faults().failNext(2, 429, "/task/").failNext(1, 502, "/task/").hangNext(1, "/task/");

        assertThatThrownBy(() -> get(fake, "/task/86c0aa001", fake.token(), Duration.ofMillis(200)))
                .as("the hang comes first").isInstanceOf(java.io.UncheckedIOException.class);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get(fake, "/task/86c0aa001").statusCode());
        }

        assertThat(statuses).containsExactly(429, 429, 502, 200);
        assertThat(fake.faults().injectedFailures(429)).isEqualTo(2);
        assertThat(fake.faults().injectedFailures(502)).isEqualTo(1);
        assertThat(fake.faults().injectedFailures(500)).isZero();
        assertThat(fake.faults().hangsBegun()).isEqualTo(1);
        assertThat(fake.faults().injectedFailures()).as("the total excludes hangs").isEqualTo(3);
        fake.faults().failRate(1.0, 503, 1L, "/task/");
        get(fake, "/task/86c0aa001");
        assertThat(fake.faults().injectedFailures(503)).isEqualTo(1);

        fake.clearFaults();
        assertThat(fake.faults().injectedFailures(429)).isZero();
        assertThat(fake.faults().hangsBegun()).isZero();
    }

    @Test
    void failRateRepeatsForTheSameSeed() {
        fake = FakeClickUp.start();
        fake.faults().failRate(0.5, 500, 7L);
        List<Integer> first = statuses(fake, 40);
        fake.faults().failRate(0.5, 500, 7L);
        List<Integer> second = statuses(fake, 40);

        assertThat(second).isEqualTo(first).contains(200, 500);
    }

    @Test
    void failRateCanTargetAPath() {
        fake = FakeClickUp.start();
        fake.faults().failRate(1.0, 502, 1L, "/task/");

        assertThat(get(fake, "/user").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/task/86c0aa001").statusCode()).isEqualTo(502);
    }

    @Test
    void injectedTokenInvalidAndFieldValidationLookLikeClickUp() {
        fake = FakeClickUp.start();
        fake.faults().failNext(1, 401, "/task/", ClickUpErrors.tokenInvalid())
                .failNext(1, 400, "/list/.*/field", ClickUpErrors.fieldValueInvalid());

        HttpResponse<String> unauthorized = get(fake, "/task/86c0aa001");
        HttpResponse<String> invalid = get(fake, "/list/" + DemoWorkspace.LIST_ID + "/field");

        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.body()).isEqualTo("{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("{\"err\":\"Value must be an option index or uuid\",\"ECODE\":\"FIELD_011\"}");
        assertThat(get(fake, "/task/86c0aa001").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitedCountsEvery429FromEightThreads() throws Exception {
        fake = FakeClickUp.builder().rateLimit(40, Duration.ofMinutes(1)).start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clients.add(() -> {
                    int ok = 0;
                    for (int j = 0; j < 25; j++) {
                        ok += get(fake, "/user").statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                });
            }
            int ok = 0;
            for (Future<Integer> result : pool.invokeAll(clients)) {
                ok += result.get();
            }

            assertThat(ok).isEqualTo(40);
            assertThat(fake.rateLimited()).isEqualTo(160);
            assertThat(fake.requestCount()).isEqualTo(200);
            assertThat(fake.count("GET", "/user$")).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        fake.resetJournal();
        assertThat(fake.rateLimited()).isZero();
    }

    private static List<Integer> statuses(FakeClickUp fake, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(get(fake, "/user").statusCode());
        }
        return statuses;
    }

    private static HttpResponse<String> firstFailure(FakeClickUp fake) {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> response = get(fake, "/team");
            if (response.statusCode() == 503) {
                return response;
            }
        }
        throw new AssertionError("no injected failure in 100 requests");
    }
}
