package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limiting, injected faults and concurrency, over real HTTP. */
class FakeClickUpLimitsAndFaultsTest {

    private static final long START = 1_750_000_000_500L;

    private final MutableClock clock = new MutableClock(START);
    private FakeClickUp fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void everyResponseCarriesRateLimitHeadersInSeconds() {
        fake = FakeClickUp.builder().clock(clock).start();

        HttpResponse<String> first = get(fake, "/user");
        HttpResponse<String> second = get(fake, "/task/nope");

        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("99");
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).hasValue("98");
        // window opened at START (…000.5 s) and lasts 60 s; the reset is rounded up to whole seconds
        assertThat(first.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString((START + 60_000 + 999) / 1000));
    }

    @Test
    void resetHeaderCanBeMilliseconds() {
        fake = FakeClickUp.builder().clock(clock).rateLimitResetInMillis(true).start();

        assertThat(get(fake, "/user").headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(START + 60_000));

        fake.setRateLimitResetInMillis(false);
        assertThat(get(fake, "/user").headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString((START + 60_000 + 999) / 1000));
    }

    @Test
    void rateLimitHeadersCanSayAnythingUntilCleared() {
        fake = FakeClickUp.builder().clock(clock).start();
        fake.faults().rateLimitHeaders("lots", "1000000000000000").failNext(1, 429);

        HttpResponse<String> limited = get(fake, "/user");
        HttpResponse<String> ok = get(fake, "/user");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("X-RateLimit-Reset")).hasValue("1000000000000000");
        assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue("lots");
        assertThat(ok.headers().firstValue("X-RateLimit-Limit")).as("the others are the fake's own").hasValue("100");

        fake.clearFaults();
        assertThat(get(fake, "/user").headers().firstValue("X-RateLimit-Remaining")).hasValue("98");
    }

    @Test
    void theOraclesReadsAreNeitherLimitedNorFaultedAndLeaveThePlannedFaultForTheSystem() {
        fake = FakeClickUp.builder().clock(clock).rateLimit(2, Duration.ofSeconds(10)).start();
        fake.faults().failNext(1, 500);

        for (int i = 0; i < 5; i++) {
            assertThat(get(fake, "/user", FakeClickUp.ORACLE_TOKEN).statusCode()).as("oracle read %d", i).isEqualTo(200);
        }
        HttpResponse<String> system = get(fake, "/user");

        assertThat(system.statusCode()).as("the planned fault still reaches the system's token").isEqualTo(500);
        // The system's window (2 per 10 s; an injected fault takes no slot) is whole: the oracle's reads are not in it.
        assertThat(get(fake, "/user").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/user").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/user").statusCode()).isEqualTo(429);
        assertThat(fake.count("GET", "/user$")).as("journaled like any request").isEqualTo(9);
    }

    @Test
    void theOracleTokenCannotWrite() {
        fake = FakeClickUp.builder().clock(clock).start();

        HttpResponse<String> write = ClickUpHttp.send(fake, FakeClickUp.ORACLE_TOKEN, "PUT", "/task/" + DemoWorkspace.TASK_LOGIN_BUG,
                "{\"name\":\"renamed by the oracle\"}");

        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(json(write).path("ECODE").asText()).isEqualTo(ClickUpErrors.TOKEN_INVALID);
        assertThat(json(get(fake, "/task/" + DemoWorkspace.TASK_LOGIN_BUG, FakeClickUp.ORACLE_TOKEN)).path("name").asText())
                .isNotEqualTo("renamed by the oracle");
    }

    @Test
    void answers429WithEcodeWhenWindowIsSpent() {
        fake = FakeClickUp.builder().clock(clock).rateLimit(3, Duration.ofSeconds(10)).start();

        for (int i = 0; i < 3; i++) {
            assertThat(get(fake, "/user").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get(fake, "/user");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("err").asText()).isEqualTo("Rate limit reached");
        assertThat(json(limited).get("ECODE").asText()).isEqualTo("APP_002");
        assertThat(limited.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString((START + 10_000 + 999) / 1000));

        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> afterReset = get(fake, "/user");
        assertThat(afterReset.statusCode()).isEqualTo(200);
        assertThat(afterReset.headers().firstValue("X-RateLimit-Remaining")).hasValue("2");
    }

    @Test
    void rateLimitCanBeChangedWhileRunning() {
        fake = FakeClickUp.builder().clock(clock).start();
        fake.setRateLimit(1, Duration.ofMinutes(1));

        assertThat(get(fake, "/team").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/team").statusCode()).isEqualTo(429);
        assertThat(get(fake, "/team", "Bearer " + fake.token()).statusCode()).as("same token, same window").isEqualTo(429);
    }

    @Test
    void unauthenticatedRequestsDoNotSpendTheWindow() {
        fake = FakeClickUp.builder().clock(clock).rateLimit(2, Duration.ofMinutes(1)).start();

        get(fake, "/user", null);
        get(fake, "/user", "pk_wrong");

        assertThat(get(fake, "/user").headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
    }

    @Test
    void injectedFaultsApplyToNextRequestsOnly() {
        fake = FakeClickUp.start();
        fake.faults().failNext(2, 503);

        HttpResponse<String> first = get(fake, "/task/86c0aa001");
        HttpResponse<String> second = get(fake, "/user");
        HttpResponse<String> third = get(fake, "/task/86c0aa001");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first).has("err")).isTrue();
        assertThat(json(first).has("ECODE")).isTrue();
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(fake.count("GET", "/task/86c0aa001")).isEqualTo(2);
    }

    @Test
    void injectedFaultsCanTargetPathsByRegex() {
        fake = FakeClickUp.start();
        fake.faults().failNext(1, 500, "/task/86c0aa00[12]$").failNext(1, 502, "/team");

        assertThat(get(fake, "/user").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/task/86c0aa003").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/task/86c0aa002").statusCode()).isEqualTo(500);
        assertThat(get(fake, "/task/86c0aa002").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/team").statusCode()).isEqualTo(502);
        assertThat(get(fake, "/team").statusCode()).isEqualTo(200);
    }

    @Test
    void failAfterLetsTheFirstMatchingRequestsThroughThenFails() {
        fake = FakeClickUp.start();
        fake.faults().failAfter(2, 2, 503, "/task/");

        assertThat(get(fake, "/user").statusCode()).as("not matching: neither passed nor failed").isEqualTo(200);
        assertThat(get(fake, "/task/86c0aa001").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/task/86c0aa002").statusCode()).isEqualTo(200);
        assertThat(get(fake, "/task/86c0aa003").statusCode()).isEqualTo(503);
        assertThat(get(fake, "/task/86c0aa001").statusCode()).isEqualTo(503);
        assertThat(get(fake, "/task/86c0aa001").statusCode()).as("the rule is used up").isEqualTo(200);
        assertThat(fake.faults().injectedFailures(503)).isEqualTo(2);
    }

    @Test
    void injected429LooksLikeClickUpsRateLimit() {
        fake = FakeClickUp.start();
        fake.faults().failNext(1, 429);

        HttpResponse<String> response = get(fake, "/user");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response).get("ECODE").asText()).isEqualTo("APP_002");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(get(fake, "/user").headers().firstValue("X-RateLimit-Remaining")).as("the fault did not count").hasValue("99");
    }

    @Test
    void injectedFaultsClearWithClearFaults() {
        fake = FakeClickUp.start();
        fake.faults().failNext(5, 500).delayResponses(Duration.ofSeconds(3));

        fake.clearFaults();

        assertThat(get(fake, "/user", fake.token(), Duration.ofSeconds(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void delayedResponsesArriveLate() {
        fake = FakeClickUp.start();
        fake.faults().delayResponses(Duration.ofMillis(300));

        long started = System.nanoTime();
        HttpResponse<String> response = get(fake, "/user");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void hangingRequestOutlastsTheClientTimeout() {
        fake = FakeClickUp.start();
        fake.faults().hangNext(1, "/task/");

        assertThat(get(fake, "/user").statusCode()).as("other paths are served").isEqualTo(200);
        assertThatThrownBy(() -> get(fake, "/task/86c0aa001", fake.token(), Duration.ofMillis(300)))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        fake.clearFaults();
        assertThat(get(fake, "/task/86c0aa001").statusCode()).isEqualTo(200);
        assertThat(fake.count("GET", "/task/86c0aa001")).isEqualTo(2);
    }

    @Test
    void closeReleasesHangingRequests() {
        fake = FakeClickUp.start();
        fake.faults().hangNext(1);
        assertThatThrownBy(() -> get(fake, "/user", fake.token(), Duration.ofMillis(200))).isInstanceOf(UncheckedIOException.class);

        long started = System.nanoTime();
        fake.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        fake = null;
    }

    @Test
    void servesConcurrentClientsWhileTheWorkspaceChanges() throws Exception {
        fake = FakeClickUp.builder().rateLimit(10_000, Duration.ofMinutes(1)).start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int j = 0; j < 15; j++) {
                        ok += get(fake, "/task/86c0aa001").statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (int i = 0; i < 30; i++) {
                String name = "Fix login bug #" + i;
                fake.workspace().updateTask("86c0aa001", c -> c.name(name));
            }
            int ok = 0;
            for (Future<Integer> result : results) {
                ok += result.get();
            }
            assertThat(ok).isEqualTo(120);
            assertThat(fake.requests()).hasSize(120);
            assertThat(get(fake, "/task/86c0aa001").body()).contains("Fix login bug #29");
        } finally {
            pool.shutdownNow();
        }
    }
}
