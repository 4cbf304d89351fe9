package dev.clickupsync.bench;

import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.LocalRateBudget;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.RateLimitHeaders;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Pacing: N concurrent drainers (threads, each with its own budget object, as N Lambda instances
 * would have) share one token on the fake ClickUp at a time-scaled limit. Each drainer does what
 * {@code ClickUpCalls} does around every call: take a slot, call {@code GET /task/{id}}, feed the
 * {@code X-RateLimit-*} headers back to the budget, and on a 429 push the budget to the reset.
 *
 * <p>{@link Kind#SHARED} is the production budget ({@link SharedRateBudget} on one dynalite
 * item); {@link Kind#LOCAL} is the naive baseline, {@link LocalRateBudget} per instance.
 */
final class PacingBench {
    private static final Logger LOG = Logger.getLogger(PacingBench.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final double SAFETY_MARGIN = 0.1;
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    /**
     * The budgets compared. The fake answers {@code X-RateLimit-Reset} in milliseconds unless the kind
     * says otherwise: ClickUp sends both forms, and at the bench's 2 s window a reset rounded up to
     * the next whole second is worth up to half a window (at ClickUp's 60 s, 1/60 of it).
     */
    enum Kind {
        /** Production: {@link SharedRateBudget}, headers and 429s fed back. */
        SHARED("shared", true, true, true),
        /** The naive baseline: an in-memory bucket per instance that only backs off after a 429. */
        LOCAL("local", false, false, true),
        /** {@link LocalRateBudget} per instance, with ClickUp's headers fed back as production does. */
        LOCAL_HEADERS("local+headers", false, true, true),
        /** {@link #SHARED}, with the reset in whole seconds (rounded up) as ClickUp documents it. */
        SHARED_SECONDS("shared, reset in s", true, true, false);

        final String label;
        final boolean shared;
        final boolean headers;
        final boolean millisReset;

        Kind(String label, boolean shared, boolean headers, boolean millisReset) {
            this.label = label;
            this.shared = shared;
            this.headers = headers;
            this.millisReset = millisReset;
        }
    }

    /**
     * One cell. {@code utilisation} is successful calls over what the budget's steady rate allows in
     * the elapsed time; {@code ofLimit} the same over ClickUp's limit (at most ~0.9 + the burst).
     */
    record Result(Kind kind, int concurrency, int ok, int rateLimited, int fake429s, Duration elapsed,
                  double steadyPerSecond, double limitPerSecond) {
        double utilisation() {
            return ok / (steadyPerSecond * seconds());
        }

        double ofLimit() {
            return ok / (limitPerSecond * seconds());
        }

        double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final FakeClickUp clickUp;
    private final BenchOptions options;

    PacingBench(DynamoDbClient dynamo, String table, FakeClickUp clickUp, BenchOptions options) {
        this.dynamo = dynamo;
        this.table = table;
        this.clickUp = clickUp;
        this.options = options;
    }

    List<Result> run() throws Exception {
        // Warm-up, not recorded: JIT, connection pools and dynalite's first writes would
        // otherwise count against whichever cell runs first.
        Result warmUp = cell(options.budgets().get(0), options.concurrencies().get(0), WARM_UP);
        LOG.infof("pacing warm-up (not recorded): ok=%d in %.1f s", warmUp.ok(), warmUp.seconds());
        List<Result> results = new ArrayList<>();
        Progress progress = Progress.start("pacing", (long) options.concurrencies().size() * options.budgets().size(), "cells");
        for (int concurrency : options.concurrencies()) {
            for (Kind kind : options.budgets()) {
                Result result = cell(kind, concurrency, options.pacingDuration());
                progress.step();
                LOG.infof("pacing %s x%d: ok=%d 429=%d (fake %d) in %.1f s, utilisation %.1f %% of steady, %.1f %% of limit",
                        kind, concurrency, result.ok(), result.rateLimited(), result.fake429s(), result.seconds(),
                        100 * result.utilisation(), 100 * result.ofLimit());
                results.add(result);
            }
        }
        progress.close();
        clickUp.setRateLimitResetInMillis(false);
        return results;
    }

    private Result cell(Kind kind, int concurrency, Duration duration) throws Exception {
        int limit = options.pacingLimit();
        Duration window = options.pacingWindow();
        Gcra gcra = new Gcra(limit, window, SAFETY_MARGIN);
        // A fresh fixed window on the fake and a fresh budget item: cells do not inherit each other's state.
        clickUp.setRateLimit(limit, window);
        clickUp.setRateLimitResetInMillis(kind.millisReset);
        String budgetKey = "bench-" + UUID.randomUUID();
        SharedRateBudget.Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        Supplier<RateBudget> budgets = kind.shared
                ? () -> new SharedRateBudget(dynamo, table, budgetKey, gcra, Clock.systemUTC(), sleeper)
                : () -> new LocalRateBudget(gcra, Clock.systemUTC(), sleeper);

        int fakeBefore = clickUp.rateLimited();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        try {
            List<Future<?>> drainers = new ArrayList<>();
            for (int d = 0; d < concurrency; d++) {
                RateBudget budget = budgets.get();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                drainers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        budget.acquire(MAX_WAIT);
                        call(http, budget, kind.headers, ok, limited);
                    }
                    return null;
                }));
            }
            for (Future<?> drainer : drainers) {
                drainer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        double windowSeconds = window.toNanos() / 1e9;
        return new Result(kind, concurrency, ok.get(), limited.get(), clickUp.rateLimited() - fakeBefore, elapsed,
                gcra.rate() / windowSeconds, limit / windowSeconds);
    }

    private void call(HttpClient http, RateBudget budget, boolean feedHeaders, AtomicInteger ok, AtomicInteger limited) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clickUp.baseUrl() + "/task/" + DemoWorkspace.TASK_LOGIN_BUG))
                .header("Authorization", clickUp.token()).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        var reset = RateLimitHeaders.resetEpochMillis(response.headers().firstValue("X-RateLimit-Reset").orElse(null),
                Clock.systemUTC());
        if (response.statusCode() == 429) {
            limited.incrementAndGet();
            budget.onRateLimited(reset.orElse(System.currentTimeMillis() + options.pacingWindow().toMillis()));
            return;
        }
        if (response.statusCode() == 200) {
            ok.incrementAndGet();
        }
        var remaining = RateLimitHeaders.remaining(response.headers().firstValue("X-RateLimit-Remaining").orElse(null));
        if (feedHeaders && remaining.isPresent() && reset.isPresent()) {
            budget.observe(remaining.getAsInt(), reset.getAsLong());
        }
    }
}
