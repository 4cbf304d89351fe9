package dev.clickupsync.bench;

import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskTimeline;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.query.PageClock;
import dev.clickupsync.query.TaskQueryEngine;
import dev.clickupsync.read.ReadApiConfig;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads from the mirror (issue #16): ClickUp's read API as the bench application serves it (core's
 * read resources on the application's own HTTP server, real loopback HTTP, a read token in
 * {@code Authorization} as ClickUp clients send theirs) from a mirror of {@link ReadSeed#tasks}
 * tasks in dynalite, against the same reads made to ClickUp itself (the fake, at ClickUp's 100
 * requests a minute) through the production budget ({@code SharedRateBudget}).
 *
 * <p>Six reads ({@link Read}), each with 1 and 8 concurrent readers, each reader on its own
 * keep-alive connection sending the next request once the last is answered; which task (or, for
 * the unfiltered page, which of the first pages) is drawn from the seed. Latency per request, send
 * to full body, as a sorted array of every sample (HdrHistogram is not a dependency and a few
 * thousand samples per cell sort in microseconds); reads per minute = answered 200s / cell time x 60. Every cell
 * but the {@code no-cache} ones runs {@link #rounds} interleaved rounds and is reported as its median round.
 * The application runs with its configured answer cache ({@code sync.read-api.answer-cache.max-staleness},
 * reported): a task or page drawn again within the bound is answered from memory ({@code Age}).
 *
 * <p>And two ceilings. {@link Read#CEILING}: the same client and readers against a no-op GET of the
 * same application answering a copy of a real task answer ({@link BenchNoopResource}), so the report
 * can say what this machine's HTTP stack alone reaches, and what part of it the replica's reads do.
 * {@link Read#STORE}: the one {@code GetItem} a task read cannot avoid, from the same threads with no
 * HTTP, so the report can say what the store alone reaches for reads that miss the caches;
 * {@link Read#STORE_URL} makes it through the URL-connection client, the baseline for the DynamoDB
 * client's Apache HTTP client; {@link Read#STORE_TIMELINE} is the one {@code Query} time in status makes.
 *
 * <p>Baseline: one reader cycling through the same reads ({@link #BASELINE_READS}) to the fake for a short window,
 * each call admitted by a fresh {@code SharedRateBudget} at ClickUp's limit (as production's
 * {@code ClickUpBudgetProducer} builds it); more readers would share the one budget and read no
 * faster. A minute is too long for CI, so the window is {@link #baselineWindow} and the rate is
 * extrapolated linearly to a minute (the budget's own burst makes a short window slightly
 * optimistic for ClickUp, i.e. the ratio slightly pessimistic for the replica).
 */
@ApplicationScoped
public class ReadBench {
    private static final Logger LOG = Logger.getLogger(ReadBench.class);
    static final String TOKEN = "bench-read-token";
    /** ClickUp's budget for one token: 100 requests a minute. */
    static final int CLICKUP_LIMIT = 100;
    static final Duration CLICKUP_WINDOW = Duration.ofSeconds(60);
    private static final double SAFETY_MARGIN = 0.1;
    /**
     * The fake ClickUp does not serve {@code time_in_status} (it answers 404); every call costs one
     * slot of the budget whatever its endpoint, so the baseline's rate is the same without it.
     */
    static final List<Read> BASELINE_READS = List.of(Read.TASK, Read.PAGE, Read.FILTERED);

    @Inject
    MirrorStore mirror;
    @Inject
    TransitionStore transitions;
    @Inject
    TaskTimeline timeline;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    TaskQueryEngine engine;
    @Inject
    PageClock pageClock;
    @Inject
    ReadApiConfig readApi;

    /**
     * The measured reads. The two pages are asked twice over: as clients ask them (a page asked again
     * while its list is unchanged is served from the page cache, {@code X-Mirror-Cache: hit}), and
     * with {@code Cache-Control: no-cache}, which makes every request walk the index and read its entries.
     */
    enum Read {
        TASK("GET /task/{id}", false), PAGE("GET /list/{id}/task, no filter", false),
        FILTERED("GET /list/{id}/task, filtered", false),
        PAGE_UNCACHED("GET /list/{id}/task, no filter, `no-cache`", true),
        FILTERED_UNCACHED("GET /list/{id}/task, filtered, `no-cache`", true),
        TIME_IN_STATUS("GET /task/{id}/time_in_status", false),
        /** Not a read: the HTTP stack's ceiling, a no-op GET answering a task answer's bytes ({@link BenchNoopResource}). */
        CEILING("ceiling: no-op GET answering a task answer's bytes, no mirror", false),
        /**
         * Not a read: the store's ceiling, the one {@code GetItem} a task read needs ({@link MirrorStore#findEntry} of the
         * same random tasks), made in-process from the same reader threads, no HTTP.
         */
        STORE("store alone: one consistent GetItem of a task's entry (dynalite), in-process, no HTTP", false),
        /**
         * Not a read: the store cell's {@code GetItem} through the URL-connection HTTP client (the JDK's
         * {@code HttpURLConnection}), which the DynamoDB client used before Apache's: the baseline for that choice.
         */
        STORE_URL("store alone, URL-connection client: the store cell's GetItem through the JDK's HttpURLConnection", false),
        /**
         * Not a read: the one {@code Query} time in status makes ({@link TaskTimeline#read}: the task's entry and its
         * transitions) of the same random tasks, in-process from the same threads, no HTTP: that read's store ceiling.
         */
        STORE_TIMELINE("store alone, time in status: the one consistent Query of a task's entry and transitions, in-process, no HTTP", false),
        /**
         * Not a read: the floor of a read that misses the caches, the store cell's {@code GetItem} made by a no-op GET
         * that then answers the ceiling's bytes ({@link BenchNoopResource}): one store call and one HTTP exchange.
         */
        FLOOR("floor: the store cell's GetItem behind the ceiling's no-op GET, no replica work", false);

        final String label;
        /** Sent with {@code Cache-Control: no-cache}. */
        final boolean noCache;

        Read(String label, boolean noCache) {
            this.label = label;
            this.noCache = noCache;
        }

        /** A read of the replica over HTTP (every read but the ceiling, store and floor cells). */
        boolean replica() {
            return this != CEILING && this != FLOOR && !inProcess();
        }

        /** A store call made in-process from the reader threads, no HTTP (the store cells). */
        boolean inProcess() {
            return this == STORE || this == STORE_URL || this == STORE_TIMELINE;
        }

        /** The goal's reads: the replica's, as clients make them (not the {@code no-cache} cells). */
        boolean asClientsRead() {
            return replica() && !noCache;
        }
    }

    /**
     * One cell; latencies in milliseconds; {@code kept}: answers served from memory ({@code X-Mirror-Cache: hit}: the
     * answer cache, or the page cache's generation check); {@code aged}: those the answer cache served ({@code Age}).
     */
    record Result(Read read, int readers, int requests, int ok, int kept, int aged, double p50Millis, double p99Millis,
                  double maxMillis, Duration elapsed, int rounds, double lowPerMinute, double highPerMinute) {
        /** One round's cell: its own rate is the low and the high. */
        Result(Read read, int readers, int requests, int ok, int kept, int aged, double p50Millis, double p99Millis,
               double maxMillis, Duration elapsed) {
            this(read, readers, requests, ok, kept, aged, p50Millis, p99Millis, maxMillis, elapsed, 1,
                    ReadBench.perMinute(ok, elapsed), ReadBench.perMinute(ok, elapsed));
        }

        double perMinute() {
            return ReadBench.perMinute(ok, elapsed);
        }

        /**
         * The round whose rate is the median of {@code rounds} (the lower middle one of an even count), carrying
         * the lowest and highest rate of them all: one cell as the report shows it.
         */
        static Result median(List<Result> rounds) {
            List<Result> sorted = rounds.stream().sorted(java.util.Comparator.comparingDouble(Result::perMinute)).toList();
            Result m = sorted.get((sorted.size() - 1) / 2);
            return new Result(m.read, m.readers, m.requests, m.ok, m.kept, m.aged, m.p50Millis, m.p99Millis, m.maxMillis,
                    m.elapsed, sorted.size(), sorted.get(0).perMinute(), sorted.get(sorted.size() - 1).perMinute());
        }
    }

    /** The baseline: reads ClickUp answered 200 through the budget in the window, and 429s. */
    record Baseline(int ok, int rateLimited, Duration elapsed) {
        double perMinute() {
            return ReadBench.perMinute(ok, elapsed);
        }
    }

    /** {@code ok} answers in {@code elapsed}, as a rate a minute. */
    static double perMinute(int ok, Duration elapsed) {
        return ok / (elapsed.toNanos() / 1e9) * 60;
    }

    /** Everything the section measured, and the deterministic checks ({@link ReadChecks}). */
    record Outcome(int tasks, int transitions, Duration seedTime, String filterQuery, List<Result> results,
                   Baseline baseline, ReadChecks.Checks checks, List<ReadProfile.Profile> profiles, double[] load,
                   Duration maxStaleness, int answerBytes) {
        Result result(Read read, int readers) {
            return results.stream().filter(r -> r.read() == read && r.readers() == readers).findFirst().orElseThrow();
        }

        int mostReaders() {
            return results.stream().mapToInt(Result::readers).max().orElse(1);
        }

        /** Replica reads per minute (the least of the reads as clients make them, at the most readers) over the baseline's. */
        double ratio() {
            double least = results.stream().filter(r -> r.readers() == mostReaders() && r.read().asClientsRead())
                    .mapToDouble(Result::perMinute).min().orElse(0);
            return least / baseline.perMinute();
        }
    }

    static int requests(BenchOptions options) {
        return "smoke".equals(options.size()) ? 100 : 1000;
    }

    /**
     * Unrecorded requests per read before the rounds, from the most readers. The JIT needs thousands: with 200, the
     * same cells read 1.3x (a task) to 2.3x (the no-op ceiling) faster in a fifth round than in the first. The
     * {@code no-cache} cells compute every page (tens of milliseconds each, dynalite-bound), so a few hundred do.
     */
    static int warmUp(BenchOptions options, Read read) {
        return "smoke".equals(options.size()) ? 30 : read.noCache ? 200 : 10_000;
    }

    /**
     * Rounds of every cell but the {@code no-cache} ones (which take most of the section's time and are in no
     * ratio), interleaved: round 1 runs every cell, then round 2, and so on, so a burst of load elsewhere on the
     * machine lands in one round of several cells instead of in every round of one. Each cell is reported as its
     * median round ({@link Result#median}) with the lowest and highest rate.
     */
    static int rounds(BenchOptions options) {
        return "smoke".equals(options.size()) ? 1 : 5;
    }

    static List<Integer> readers(BenchOptions options) {
        return List.of(1, 8);
    }

    /** The most concurrent readers of any cell: the warm-up's, and the goal's. */
    static int mostReaders(BenchOptions options) {
        return readers(options).get(readers(options).size() - 1);
    }

    static Duration baselineWindow(BenchOptions options) {
        return "smoke".equals(options.size()) ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
    }

    public Outcome run(BenchOptions options) throws Exception {
        ReadSeed.Seeded seeded = ReadSeed.seed(options, mirror, transitions);
        LOG.infof("reads: seeded %d tasks and %d transitions in %.1f s", seeded.taskIds().size(), seeded.transitions(),
                seeded.elapsed().toMillis() / 1000.0);
        URI root = URI.create("http://127.0.0.1:" + AckLatencyBench.httpPort());
        URI replica = URI.create(root + "/api/v2");
        String answer = ClosedLoop.client().send(get(replica, TOKEN, path(Read.TASK, seeded, new Random(options.seed()))),
                HttpResponse.BodyHandlers.ofString()).body();
        BenchNoopResource.answer(answer); // the ceiling answers a real task answer's bytes
        List<Result> results = new ArrayList<>();
        double loadBefore = loadAverage();
        try (FakeClickUp clickUp = FakeClickUp.start(seeded.workspace()); DynamoDbClient urlDynamo = UrlConnectionTwins.of(dynamo)) {
            MirrorStore urlMirror = new MirrorStore(urlDynamo, sync.tables().mirror());
            for (Read read : Read.values()) {
                cell(read.replica() ? replica : root, TOKEN, read, seeded, mostReaders(options), warmUp(options, read),
                        options.seed(), urlMirror); // JIT: not recorded
            }
            Map<String, List<Result>> rounds = new LinkedHashMap<>(); // by cell, in the order cells first ran
            for (int round = 0; round < rounds(options); round++) {
                for (int readers : readers(options)) {
                    for (Read read : Read.values()) {
                        if (round > 0 && read.noCache) {
                            continue;
                        }
                        Result r = cell(read.replica() ? replica : root, TOKEN, read, seeded, readers, requests(options),
                                cellSeed(options.seed(), readers, round), urlMirror);
                        LOG.infof("reads %s x%d, round %d: %d/%d ok, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %.0f reads/min",
                                read.label, readers, round + 1, r.ok(), r.requests(), r.p50Millis(), r.p99Millis(),
                                r.maxMillis(), r.perMinute());
                        rounds.computeIfAbsent(read + "x" + readers, k -> new ArrayList<>()).add(r);
                    }
                }
            }
            rounds.values().forEach(cell -> results.add(Result.median(cell)));
            double loadAfter = loadAverage();
            List<ReadProfile.Profile> profiles = new ArrayList<>();
            for (Read read : List.of(Read.PAGE, Read.FILTERED)) {
                profiles.add(ReadProfile.run(read, engine, pageClock, mirror, replica, TOKEN, seeded, ReadProfile.requests(options),
                        options.seed()));
            }
            ReadChecks.Checks checks = ReadChecks.run(replica, TOKEN, URI.create(clickUp.baseUrl()), clickUp.token(), seeded);
            Baseline baseline = baseline(clickUp, seeded, baselineWindow(options), options.seed());
            LOG.infof("reads baseline (ClickUp through the budget): %d ok, %d 429s in %.1f s: %.0f reads/min", baseline.ok(),
                    baseline.rateLimited(), baseline.elapsed().toMillis() / 1000.0, baseline.perMinute());
            return new Outcome(seeded.taskIds().size(), seeded.transitions(), seeded.elapsed(), seeded.filterQuery(), results,
                    baseline, checks, profiles, new double[]{loadBefore, loadAfter}, readApi.answerCache().maxStaleness(),
                    answer.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    /** The machine's 1-minute load average (-1 where the OS has none): how shared the cores were. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The path and query of one read of the given kind; {@code rnd} picks the task or page. */
    static String path(Read read, ReadSeed.Seeded seeded, Random rnd) {
        String task = seeded.taskIds().get(rnd.nextInt(seeded.taskIds().size()));
        int pages = Math.max(1, Math.min(10, seeded.taskIds().size() / 100));
        return switch (read) {
            case TASK -> "/task/" + task;
            case PAGE, PAGE_UNCACHED -> "/list/" + ReadSeed.LIST_ID + "/task?page=" + rnd.nextInt(pages);
            case FILTERED, FILTERED_UNCACHED -> "/list/" + ReadSeed.LIST_ID + "/task?" + seeded.filterQuery();
            case TIME_IN_STATUS -> "/task/" + task + "/time_in_status";
            case CEILING -> "/bench/noop/read";
            case STORE, STORE_URL, STORE_TIMELINE -> task;
            case FLOOR -> "/bench/noop/store/" + task;
        };
    }

    /** The seed of one round's cell of {@code readers}. */
    static long cellSeed(long seed, int readers, int round) {
        return seed + readers + 1000L * round;
    }

    /**
     * What draws request {@code i}'s task or page. Its seed goes through {@link SplittableRandom}'s mixing first:
     * {@code java.util.Random}'s first draws from consecutive seeds are correlated, and with {@code new Random(seed * 31
     * + i)} one round's 1000 task draws repeated 230 tasks (365 in another) while the others repeated none, so that
     * round's task reads came a quarter from the answer cache and its rate was no read that misses the caches.
     */
    static Random requestRandom(long cellSeed, int i) {
        return new Random(new SplittableRandom(cellSeed * 31 + i).nextLong());
    }

    static HttpRequest get(URI base, String token, String path) {
        return get(base, token, path, false);
    }

    /** With {@code noCache}, {@code Cache-Control: no-cache}: the replica computes the page whatever it keeps. */
    static HttpRequest get(URI base, String token, String path, boolean noCache) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", token).GET();
        return (noCache ? request.header("Cache-Control", "no-cache") : request).build();
    }

    /** One cell; {@code urlMirror} is the mirror through the URL-connection client ({@link Read#STORE_URL}). */
    private Result cell(URI base, String token, Read read, ReadSeed.Seeded seeded, int readers, int requests,
                        long seed, MirrorStore urlMirror) throws Exception {
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger aged = new AtomicInteger();
        ClosedLoop.Run run = ClosedLoop.run(readers, requests, (http, i) -> {
            String path = path(read, seeded, requestRandom(seed, i)); // request i's read, whatever thread
            if (read.inProcess()) {
                return read == Read.STORE_TIMELINE ? timeline.read(path).isPresent()
                        : (read == Read.STORE ? mirror : urlMirror).findEntry(path).isPresent();
            }
            HttpResponse<String> response = http.send(get(base, token, path, read.noCache), HttpResponse.BodyHandlers.ofString());
            if ("hit".equals(response.headers().firstValue("X-Mirror-Cache").orElse(""))) {
                kept.incrementAndGet();
            }
            if (response.headers().firstValue("Age").isPresent()) {
                aged.incrementAndGet();
            }
            return response.statusCode() == 200;
        });
        return new Result(read, readers, requests, run.ok(), kept.get(), aged.get(), run.p50Millis(), run.p99Millis(),
                run.maxMillis(), run.elapsed());
    }

    /** The same reads to ClickUp (the fake at its real limit), each admitted by the production budget. */
    private Baseline baseline(FakeClickUp clickUp, ReadSeed.Seeded seeded, Duration window, long seed) throws Exception {
        clickUp.setRateLimit(CLICKUP_LIMIT, CLICKUP_WINDOW); // a fresh fixed window
        SharedRateBudget budget = new SharedRateBudget(dynamo, sync.tables().control(), "bench-reads-" + UUID.randomUUID(),
                new Gcra(CLICKUP_LIMIT, CLICKUP_WINDOW, SAFETY_MARGIN), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
        URI base = URI.create(clickUp.baseUrl());
        HttpClient http = ClosedLoop.client();
        Random rnd = new Random(seed);
        int ok = 0;
        int limited = 0;
        long started = System.nanoTime();
        long deadline = started + window.toNanos();
        for (int i = 0; ; ) {
            Duration wait = budget.tryAcquire();
            if (!wait.isZero()) {
                if (System.nanoTime() + wait.toNanos() >= deadline) {
                    break; // the next slot is past the window: the window ends here
                }
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
                continue;
            }
            Read read = BASELINE_READS.get(i++ % BASELINE_READS.size());
            HttpResponse<Void> response = http.send(get(base, clickUp.token(), path(read, seeded, rnd)),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                ok++;
            } else if (response.statusCode() == 429) {
                limited++;
            }
        }
        return new Baseline(ok, limited, Duration.ofNanos(Math.max(System.nanoTime(), deadline) - started));
    }
}
