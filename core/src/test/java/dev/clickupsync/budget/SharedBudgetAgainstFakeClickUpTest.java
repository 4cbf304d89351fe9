package dev.clickupsync.budget;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
