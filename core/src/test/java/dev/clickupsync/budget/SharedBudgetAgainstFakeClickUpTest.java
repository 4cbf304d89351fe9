package dev.clickupsync.budget;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.store.Tables;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four clients, each with its own budget object, hammer the fake ClickUp, whose per-token limit is
 * scaled down to 30 requests per second. Sharing one DynamoDB item, they never earn a 429; with
 * the usual per-instance in-memory buckets they do. (Throughput figures belong to the bench.)
 */
class SharedBudgetAgainstFakeClickUpTest {
    private static final int LIMIT = 30;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final String TABLE = "budget-hammer-control";
    private static EmbeddedAws aws;
    private static DynamoDbClient dynamo;
    private static FakeClickUp clickUp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        aws = EmbeddedAws.start();
        dynamo = AwsClients.dynamo(aws.dynamoDbEndpoint());
        new Provisioner(dynamo, null).ensureTable(TABLE);
        clickUp = FakeClickUp.start();
    }

    @AfterAll
    static void stop() {
        clickUp.close();
        dynamo.close();
        aws.close();
    }

    @Test
    void fourInstancesSharingOneItemNeverEarnA429() throws Exception {
        clickUp.setRateLimit(LIMIT, WINDOW);
        String key = UUID.randomUUID().toString();
        Gcra gcra = new Gcra(LIMIT, WINDOW, 0.1);

        Outcome outcome = hammer(() -> new SharedRateBudget(dynamo, TABLE, key, gcra, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000)), 30);

        assertThat(outcome.ok()).isEqualTo(120);
        assertThat(outcome.rateLimited()).isZero();
        // Sanity, not a timing assertion: 120 calls at 27/s cannot finish in under ~4 s.
        assertThat(outcome.elapsed()).isGreaterThan(Duration.ofMillis(3_500));
    }

    @Test
    void perInstanceInMemoryBucketsOvershootTogether() throws Exception {
        clickUp.setRateLimit(LIMIT, WINDOW);
        Gcra gcra = new Gcra(LIMIT, WINDOW, 0.1);

        Outcome outcome = hammer(() -> new LocalRateBudget(gcra, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000)), 30);

        assertThat(outcome.rateLimited()).isPositive();
    }

    /**
     * Eight instances fight over one item and give up after a single lost compare-and-set (production
     * gives up after {@value SharedRateBudget#MAX_RACES}; one makes giving up common). The clock is
     * frozen and the waits are not slept, so every admitted slot moved {@code tat} by exactly one
     * interval: the item itself says how many slots were granted. A caller that gave up must get "no
     * slot", never a go-ahead: ClickUp sees exactly as many requests as there were slots.
     */
    @Test
    void underHeavyContentionNoRequestReachesClickUpWithoutASlot() throws Exception {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
        String key = UUID.randomUUID().toString();
        Gcra gcra = new Gcra(LIMIT, WINDOW, 0.1);
        Instant frozen = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = Clock.fixed(frozen, ZoneOffset.UTC);
        int before = clickUp.count("GET", "/user$");
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                SharedRateBudget budget = new SharedRateBudget(dynamo, TABLE, key, gcra, clock, d -> { }, 1);
                racers.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        try {
                            budget.acquire(Duration.ofDays(1));
                        } catch (BudgetExhaustedException noSlot) {
                            refused.incrementAndGet();
                            continue; // what ClickUpCalls does: no call, the caller defers
                        }
                        get("/user");
                    }
                    return null;
                }));
            }
            for (Future<?> racer : racers) {
                racer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long tat = Long.parseLong(dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                Tables.PK, AttributeValue.fromS("budget#" + key), Tables.SK, AttributeValue.fromS("budget"))))
                .item().get("tat").n());
        long startMicros = frozen.getEpochSecond() * 1_000_000;
        long slots = (tat - startMicros) / gcra.intervalMicros();

        assertThat(refused.get()).as("contention made callers give up").isPositive();
        assertThat(clickUp.count("GET", "/user$") - before).as("requests ClickUp received").isEqualTo(slots)
                .isEqualTo(8 * 20 - refused.get());
    }

    private record Outcome(int ok, int rateLimited, Duration elapsed) {
    }

    private Outcome hammer(Supplier<RateBudget> budgets, int callsEach) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                RateBudget budget = budgets.get();
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        budget.acquire(Duration.ofSeconds(30));
                        int status = get("/user");
                        if (status == 429) {
                            limited.incrementAndGet();
                        } else if (status == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(ok.get(), limited.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    private int get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clickUp.baseUrl() + path))
                .header("Authorization", clickUp.token()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
