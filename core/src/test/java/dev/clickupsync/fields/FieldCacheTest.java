package dev.clickupsync.fields;

import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import dev.clickupsync.support.RecordedCalls;
import dev.clickupsync.support.RealDynamoDbConditionFailures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.store.Tables;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeCustomField;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The custom-field cache on dynalite against the fake ClickUp over HTTP, with a clock the test
 * moves (so TTLs and refresh intervals are exact; only lease waits take real time).
 */
class FieldCacheTest {
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration MIN_REFRESH = Duration.ofMinutes(1);
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final String LIST = DemoWorkspace.LIST_ID;
    private static final String FIELD_CALLS = "/list/.*/field";

    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient dynamo;

    /**
     * Starts at the real time: an emulator with TTL (LocalStack) deletes by the real clock, so an
     * {@code expires_at} computed from a clock in the past would let it delete items mid-test.
     */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(123));
    private final Metrics metrics = Metrics.inMemory();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private FakeClickUp fake;
    private FieldSource source;
    private String table;

    @BeforeAll
    static void startDynamo() {
        dynamoServer = EmbeddedDynamoDb.start();
        dynamo = AwsClients.dynamo(dynamoServer.endpoint());
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
        dynamoServer.close();
    }

    @BeforeEach
    void startClickUp() {
        fake = FakeClickUp.start();
        source = new FakeClickUpFieldSource(fake);
        table = "field-cache-" + UUID.randomUUID();
        new Provisioner(dynamo, null).ensureTable(table);
    }

    @AfterEach
    void stopClickUp() {
        pool.shutdownNow();
        fake.close();
    }

    @Test
    void firstUseDiscoversOnceThenEveryInstanceHits() {
        FieldCache cache = cache();

        FieldDefinitions first = cache.forList(LIST);
        FieldDefinitions again = cache.forList(LIST);
        FieldDefinitions elsewhere = cache().forList(LIST);

        assertThat(first.fields()).extracting(CustomField::id).containsExactly(
                DemoWorkspace.FIELD_SEVERITY, DemoWorkspace.FIELD_STORY_POINTS, DemoWorkspace.FIELD_SPRINT_GOAL);
        assertThat(first.fetchedAt()).isEqualTo(clock.instant());
        assertThat(again).isSameAs(first);
        assertThat(elsewhere).isEqualTo(first);
        assertThat(discoveries()).isEqualTo(1);
        assertThat(metrics.count("FieldDiscovery")).isEqualTo(1);
        assertThat(metrics.count("FieldCacheMiss", "Reason", "absent")).isEqualTo(1);
        assertThat(metrics.count("FieldCacheHit")).isEqualTo(2);
    }

    @Test
    void storesTheDefinitionsWithoutValuesAndWithTheTtl() throws Exception {
        cache().forList(LIST);

        Map<String, AttributeValue> item = item();
        assertThat(item.get(Tables.PK).s()).isEqualTo("list#" + LIST);
        assertThat(item.get(Tables.SK).s()).isEqualTo("fields");
        assertThat(item.get("field_count").n()).isEqualTo("3");
        assertThat(item.get("fetched_at").n()).isEqualTo(Long.toString(clock.millis()));
        assertThat(item.get(Tables.TTL).n()).isEqualTo(Long.toString(clock.instant().plus(TTL).getEpochSecond()));
        assertThat(item.get("generation").n()).isEqualTo("1");
        assertThat(item).doesNotContainKeys("lease_until", "lease_owner");
        String json = item.get("fields").s();
        assertThat(json).doesNotContain("\"value\"");
        assertThat(Json.MAPPER.readTree(json).get(0).get("type_config").get("options")).hasSize(4);
    }

    @Test
    void rediscoversOnceTheTtlHasPassed() {
        FieldCache cache = cache();
        cache.forList(LIST);

        clock.advance(TTL.minusMillis(1));
        cache.forList(LIST);
        cache().forList(LIST);
        assertThat(discoveries()).as("still fresh, in memo and table").isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        FieldDefinitions renewed = cache.forList(LIST);
        cache().forList(LIST);

        assertThat(renewed.fetchedAt()).isEqualTo(clock.instant());
        assertThat(discoveries()).isEqualTo(2);
        assertThat(metrics.count("FieldCacheMiss", "Reason", "expired")).isEqualTo(1);
        assertThat(item().get(Tables.TTL).n()).isEqualTo(Long.toString(clock.instant().plus(TTL).getEpochSecond()));
    }

    @Test
    void aRenamedFieldIsFoundByNameAfterTheRefreshItsMissTriggers() {
        FieldCache cache = cache();
        assertThat(cache.fieldByName(LIST, "severity")).map(CustomField::id).contains(DemoWorkspace.FIELD_SEVERITY);
        fake.workspace().renameCustomField(LIST, DemoWorkspace.FIELD_SEVERITY, "Impact");

        assertThat(cache.fieldByName(LIST, "Impact")).as("refresh throttled: discovered a moment ago").isEmpty();
        assertThat(metrics.count("FieldRefreshThrottled")).isEqualTo(1);
        assertThat(discoveries()).isEqualTo(1);

        clock.advance(MIN_REFRESH);
        assertThat(cache.fieldByName(LIST, " impact ")).map(CustomField::id).contains(DemoWorkspace.FIELD_SEVERITY);
        assertThat(cache.forList(LIST).byName("Severity")).as("the memo was replaced by the refresh").isEmpty();
        assertThat(cache().fieldByName(LIST, "IMPACT")).as("another instance reads the refreshed copy").isPresent();

        assertThat(discoveries()).isEqualTo(2);
        assertThat(metrics.count("FieldCacheMiss", "Reason", "unknown_name")).isEqualTo(2);
    }

    @Test
    void aRefreshByOneInstanceReachesAnotherWithoutAnotherCall() {
        FieldCache a = cache();
        FieldCache b = cache();
        a.forList(LIST);
        b.forList(LIST);
        fake.workspace().renameCustomField(LIST, DemoWorkspace.FIELD_STORY_POINTS, "Points");
        clock.advance(MIN_REFRESH);

        assertThat(b.refresh(LIST).byName("points")).isPresent();
        assertThat(a.forList(LIST).byName("points")).as("a's memo is still within the TTL").isEmpty();
        assertThat(a.fieldByName(LIST, "points")).as("a's miss reads b's copy").isPresent();

        assertThat(discoveries()).isEqualTo(2);
    }

    @Test
    void unknownFieldIdsRefreshAtMostOncePerInterval() {
        FieldCache a = cache();
        FieldCache b = cache();
        a.forList(LIST);
        clock.advance(MIN_REFRESH);

        for (int i = 0; i < 10; i++) {
            FieldCache cache = i % 2 == 0 ? a : b;
            assertThat(cache.field(LIST, "deleted-field-id")).isEmpty();
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(discoveries()).as("the first discovery and one refresh").isEqualTo(2);
        assertThat(metrics.count("FieldCacheMiss", "Reason", "unknown_field")).isEqualTo(10);
        assertThat(metrics.count("FieldRefreshThrottled")).isEqualTo(9);

        fake.workspace().addCustomField(LIST, FakeCustomField.number("new-field-id", "Effort"));
        clock.advance(MIN_REFRESH);
        assertThat(b.field(LIST, "new-field-id")).map(CustomField::name).contains("Effort");
        assertThat(a.field(LIST, DemoWorkspace.FIELD_SEVERITY)).isPresent();
        assertThat(discoveries()).isEqualTo(3);
    }

    @Test
    void manyInstancesAskingForAColdListAtOnceDiscoverItOnce() throws Exception {
        FieldSource slow = listId -> {
            sleep(200);
            return source.fetch(listId);
        };
        List<Callable<FieldDefinitions>> callers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int instance = 0; instance < 4; instance++) {
            FieldCache cache = cache(slow, LEASE);
            for (int thread = 0; thread < 16; thread++) {
                callers.add(() -> {
                    go.await();
                    return cache.forList(LIST);
                });
            }
        }
        List<Future<FieldDefinitions>> answers = new ArrayList<>();
        callers.forEach(c -> answers.add(pool.submit(c)));
        go.countDown();

        List<FieldDefinitions> results = new ArrayList<>();
        for (Future<FieldDefinitions> answer : answers) {
            results.add(answer.get(20, TimeUnit.SECONDS));
        }

        assertThat(discoveries()).isEqualTo(1);
        assertThat(metrics.count("FieldDiscovery")).isEqualTo(1);
        assertThat(results).hasSize(64).allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
        assertThat(results.get(0).fields()).hasSize(3);
    }

    @Test
    void manyInstancesRefreshingAtOnceAskClickUpOnce() throws Exception {
        cache().forList(LIST);
        fake.workspace().renameCustomField(LIST, DemoWorkspace.FIELD_SPRINT_GOAL, "Goal");
        clock.advance(MIN_REFRESH);
        FieldSource slow = listId -> {
            sleep(200);
            return source.fetch(listId);
        };
        CountDownLatch go = new CountDownLatch(1);
        List<Future<java.util.Optional<CustomField>>> answers = new ArrayList<>();
        for (int instance = 0; instance < 4; instance++) {
            FieldCache cache = cache(slow, LEASE);
            for (int thread = 0; thread < 8; thread++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return cache.fieldByName(LIST, "goal");
                }));
            }
        }
        go.countDown();

        for (Future<java.util.Optional<CustomField>> answer : answers) {
            assertThat(answer.get(20, TimeUnit.SECONDS)).map(CustomField::id).contains(DemoWorkspace.FIELD_SPRINT_GOAL);
        }
        assertThat(discoveries()).isEqualTo(2);
    }

    @Test
    void aStaleCopyIsServedWhenClickUpFailsOnceTheTtlHasPassed() {
        FieldCache cache = cache();
        FieldDefinitions original = cache.forList(LIST);
        clock.advance(TTL.plusMinutes(5));
        fake.faults().failNext(5, 503, FIELD_CALLS);

        FieldDefinitions served = cache.forList(LIST);

        assertThat(served).isEqualTo(original);
        assertThat(fake.faults().injectedFailures()).isEqualTo(1);
        assertThat(metrics.count("FieldDiscoveryFailed", "Reason", "clickup_server_error")).isEqualTo(1);
        assertThat(metrics.count("FieldCacheStale")).isEqualTo(1);
        assertThat(item()).doesNotContainKeys("lease_until", "lease_owner");
        assertThat(item().get("failures").n()).isEqualTo("1");

        fake.clearFaults();
        clock.advance(MIN_REFRESH.minusMillis(1));
        assertThat(cache().forList(LIST)).as("backing off after the failure").isEqualTo(original);
        assertThat(discoveries()).isEqualTo(2);

        clock.advance(Duration.ofMillis(1));
        FieldDefinitions renewed = cache.forList(LIST);
        assertThat(renewed.fetchedAt()).as("the stale copy was not memoised").isEqualTo(clock.instant());
        assertThat(discoveries()).isEqualTo(3);
        assertThat(item()).doesNotContainKey("failed_at");
    }

    @Test
    void aStaleCopyIsServedWhenClickUpFailsDuringARefresh() {
        FieldCache cache = cache();
        FieldDefinitions original = cache.forList(LIST);
        fake.workspace().renameCustomField(LIST, DemoWorkspace.FIELD_SEVERITY, "Impact");
        clock.advance(MIN_REFRESH);
        fake.faults().failNext(5, 503, FIELD_CALLS);

        assertThat(cache.fieldByName(LIST, "Impact")).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(cache().fieldByName(LIST, "Impact")).as("backing off: no call").isEmpty();
        }

        assertThat(fake.faults().injectedFailures()).isEqualTo(1);
        assertThat(metrics.count("FieldDiscoveryFailed", "Reason", "clickup_server_error")).isEqualTo(1);
        assertThat(metrics.count("FieldCacheStale")).isEqualTo(6);
        assertThat(cache.forList(LIST)).as("still within the TTL").isEqualTo(original);

        clock.advance(MIN_REFRESH);
        assertThat(cache.refresh(LIST)).as("the next interval asks again, and fails again").isEqualTo(original);
        assertThat(fake.faults().injectedFailures()).isEqualTo(2);

        fake.clearFaults();
        clock.advance(MIN_REFRESH);
        assertThat(cache.fieldByName(LIST, "Impact")).isPresent();
        assertThat(discoveries()).isEqualTo(4);
    }

    @Test
    void aColdListWhoseDiscoveryFailsThrowsAndFreesTheLeaseAtOnce() {
        FieldCache cache = cache();
        fake.faults().failNext(1, 503, FIELD_CALLS);

        assertThatThrownBy(() -> cache.forList(LIST)).isInstanceOf(ClickUpException.Server.class);
        long started = System.nanoTime();
        FieldDefinitions next = cache().forList(LIST);

        assertThat(next.fields()).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting for a released lease")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(metrics.count("FieldDiscovery")).isEqualTo(2);
    }

    @Test
    void waitersShareTheOwnersFailureInsteadOfCallingClickUpThemselves() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FieldSource failing = listId -> {
            entered.countDown();
            await(release);
            throw new ClickUpException.Server(503, null, "down");
        };
        Metrics waiterMetrics = Metrics.inMemory();
        FieldCache owner = cache(failing, LEASE);
        FieldCache waiter = new FieldCache(dynamo, table, source, TTL, MIN_REFRESH, LEASE, clock, waiterMetrics);

        Future<FieldDefinitions> owned = pool.submit(() -> owner.forList(LIST));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Future<FieldDefinitions> waited = pool.submit(() -> waiter.forList(LIST));
        waitUntil(() -> waiterMetrics.count("FieldCacheMiss", "Reason", "absent") == 1);
        Thread.sleep(200);
        release.countDown();

        assertThatThrownBy(() -> owned.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ClickUpException.Server.class);
        assertThatThrownBy(() -> waited.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(FieldDiscoveryException.class);
        assertThat(discoveries()).isZero();
        assertThat(waiterMetrics.count("FieldDiscovery")).isZero();
    }

    @Test
    void aWaiterTakesOverWhenTheOwnersLeaseExpires() throws Exception {
        leaseHeldByACrashedInstance(clock.instant().plusSeconds(5));
        FieldCache cache = cache();

        Future<FieldDefinitions> answer = pool.submit(() -> cache.forList(LIST));
        waitUntil(() -> metrics.count("FieldCacheMiss", "Reason", "absent") == 1);
        Thread.sleep(100);
        assertThat(discoveries()).isZero();
        clock.advance(Duration.ofSeconds(6));

        assertThat(answer.get(5, TimeUnit.SECONDS).fields()).hasSize(3);
        assertThat(discoveries()).isEqualTo(1);
        assertThat(metrics.count("FieldDiscoveryUnleased")).isZero();
        assertThat(item()).doesNotContainKeys("lease_until", "lease_owner");
    }

    @Test
    void withNoResultAndNoStaleCopyAWaiterAsksClickUpItselfAsALastResort() {
        leaseHeldByACrashedInstance(clock.instant().plus(Duration.ofHours(1)));
        FieldCache cache = cache(source, Duration.ofMillis(300));

        FieldDefinitions answer = cache.forList(LIST);

        assertThat(answer.fields()).hasSize(3);
        assertThat(discoveries()).isEqualTo(1);
        assertThat(metrics.count("FieldDiscoveryUnleased")).isEqualTo(1);
        assertThat(item().get("lease_owner").s()).as("the other's lease is left alone").isEqualTo("crashed");
        assertThat(cache().forList(LIST)).as("but the result is stored").isEqualTo(answer);
        assertThat(discoveries()).isEqualTo(1);
    }

    @Test
    void withNoResultAWaiterServesTheStaleCopyWithoutCallingClickUp() {
        FieldDefinitions original = cache().forList(LIST);
        clock.advance(TTL.plusHours(1));
        leaseHeldByACrashedInstance(clock.instant().plus(Duration.ofHours(1)));

        FieldDefinitions answer = cache(source, Duration.ofMillis(300)).forList(LIST);

        assertThat(answer).isEqualTo(original);
        assertThat(discoveries()).isEqualTo(1);
        assertThat(metrics.count("FieldCacheStale")).isEqualTo(1);
    }

    @Test
    void findsOptionsByNameAndRefreshesForAnUnknownOne() {
        fake.workspace().addCustomField(LIST, FakeCustomField.labels("area-field", "Area",
                new FakeCustomField.Option("area-ui", "UI", "#ffffff", 0),
                new FakeCustomField.Option("area-api", "API", "#000000", 1)));
        FieldCache cache = cache();

        assertThat(cache.option(LIST, DemoWorkspace.FIELD_SEVERITY, " high "))
                .contains(new FieldValue.Option(DemoWorkspace.SEVERITY_HIGH, "High", 2));
        assertThat(cache.option(LIST, "area-field", "api")).map(FieldValue.Option::id).contains("area-api");
        assertThat(cache.forList(LIST).option(DemoWorkspace.FIELD_SEVERITY, "critical"))
                .map(FieldValue.Option::id).contains(DemoWorkspace.SEVERITY_CRITICAL);
        assertThat(cache.option(LIST, DemoWorkspace.FIELD_SEVERITY, "Blocker")).isEmpty();

        assertThat(metrics.count("FieldCacheMiss", "Reason", "unknown_option")).isEqualTo(1);
        assertThat(discoveries()).isEqualTo(1);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> cache(source, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldCache(dynamo, table, source, Duration.ZERO, MIN_REFRESH, LEASE, clock, metrics))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache().forList(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private FieldCache cache() {
        return cache(source, LEASE);
    }

    private FieldCache cache(FieldSource fieldSource, Duration lease) {
        return new FieldCache(dynamo, table, fieldSource, TTL, MIN_REFRESH, lease, clock, metrics);
    }

    private int discoveries() {
        return fake.count("GET", FIELD_CALLS);
    }

    private Map<String, AttributeValue> item() {
        return dynamo.getItem(b -> b.tableName(table).key(StoredFields.key(LIST)).consistentRead(true)).item();
    }

    /** What an instance that took the lease and died leaves behind. */
    private void leaseHeldByACrashedInstance(Instant until) {
        dynamo.updateItem(b -> b.tableName(table).key(StoredFields.key(LIST))
                .updateExpression("SET lease_until = :until, lease_owner = :owner")
                .expressionAttributeValues(Map.of(
                        ":until", AttributeValue.fromN(Long.toString(until.toEpochMilli())),
                        ":owner", AttributeValue.fromS("crashed"))));
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 5 s");
            }
            Thread.sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // A lease loser reads the copy it lost to from the item in the failed condition (real DynamoDB)
    // or, where the exception carries none (dynalite), from one consistent read.

    @Test
    void aLeaseLoserServesTheWinnersCopyFromTheItemInTheFailedCondition() {
        RealDynamoDbConditionFailures real = new RealDynamoDbConditionFailures(dynamoServer.endpoint());
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), winnerStoresFirst(), real, calls)) {
            assertALeaseLoserServesTheWinnersCopy(client);
            assertThat(real.itemsAdded()).isEqualTo(1);
            assertThat(calls.of(GetItemRequest.class)).as("only the cache's own first read").hasSize(1);
        }
    }

    @Test
    void aLeaseLoserServesTheWinnersCopyByAConsistentReadWhenTheFailedConditionCarriesNoItem() {
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), winnerStoresFirst(), calls)) {
            assertALeaseLoserServesTheWinnersCopy(client);
            assertThat(calls.of(GetItemRequest.class)).as("the cache's first read, then the fallback read").hasSize(2)
                    .allSatisfy(read -> assertThat(read.consistentRead()).isTrue());
        }
    }

    private void assertALeaseLoserServesTheWinnersCopy(DynamoDbClient client) {
        FieldCache loser = new FieldCache(client, table, source, TTL, MIN_REFRESH, LEASE, clock, metrics);

        FieldDefinitions served = loser.forList(LIST);

        assertThat(served.fields()).hasSize(3);
        assertThat(discoveries()).as("only the winner asked ClickUp").isEqualTo(1);
    }

    /**
     * Just before the loser's first lease write, another instance (on its own client) discovers and
     * stores the list: the loser read "absent", then loses the lease to a fresh copy.
     */
    private ExecutionInterceptor winnerStoresFirst() {
        AtomicBoolean done = new AtomicBoolean();
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest && done.compareAndSet(false, true)) {
                    cache().forList(LIST);
                }
            }
        };
    }
}
