package dev.clickupsync.budget;

import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import dev.clickupsync.support.RecordedCalls;
import dev.clickupsync.support.RealDynamoDbConditionFailures;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared budget on dynalite, under a virtual clock so time-dependent behaviour is exact:
 * the sleeper advances the clock instead of sleeping.
 */
class SharedRateBudgetTest {
    private static final String TABLE = "budget-test-control";
    private static EmbeddedAws aws;
    private static DynamoDbClient dynamo;

    private final VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
    // 100 per minute, 10 % margin: 90 per minute steady (one every 666,666 µs), bursts of 9.
    private final Gcra gcra = new Gcra(100, Duration.ofMinutes(1), 0.1);
    private final String key = UUID.randomUUID().toString();

    @BeforeAll
    static void startDynamo() {
        aws = EmbeddedAws.start();
        dynamo = AwsClients.dynamo(aws.dynamoDbEndpoint());
        new Provisioner(dynamo, null).ensureTable(TABLE);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        aws.close();
    }

    private SharedRateBudget instance() {
        return new SharedRateBudget(dynamo, TABLE, key, gcra, time, time::sleep);
    }

    @Test
    void grantsTheBurstAtOnceThenOneSlotPerInterval() {
        SharedRateBudget budget = instance();
        for (int i = 0; i < gcra.burst(); i++) {
            assertThat(budget.tryAcquire()).as("burst slot %d", i).isZero();
        }
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofNanos(gcra.intervalMicros() * 1_000));
    }

    @Test
    void deniedTryAcquireReservesNothing() {
        SharedRateBudget budget = instance();
        for (int i = 0; i < gcra.burst(); i++) {
            budget.tryAcquire();
        }
        Duration first = budget.tryAcquire();
        Duration second = instance().tryAcquire();
        assertThat(first).isPositive().isEqualTo(second);
    }

    @Test
    void blockingAcquireReservesTheNextSlotAndWaitsForIt() {
        SharedRateBudget budget = instance();
        for (int i = 0; i < gcra.burst(); i++) {
            budget.acquire(Duration.ZERO);
        }
        Instant before = time.instant();
        Duration waited = budget.acquire(Duration.ofSeconds(5));
        assertThat(waited).isEqualTo(Duration.ofNanos(gcra.intervalMicros() * 1_000));
        assertThat(Duration.between(before, time.instant())).isEqualTo(waited);
    }

    @Test
    void failsFastWithTheWaitWhenItExceedsThePatience() {
        SharedRateBudget budget = instance();
        for (int i = 0; i < gcra.burst(); i++) {
            budget.acquire(Duration.ZERO);
        }
        assertThatThrownBy(() -> budget.acquire(Duration.ofMillis(10)))
                .isInstanceOf(BudgetExhaustedException.class)
                .satisfies(e -> assertThat(((BudgetExhaustedException) e).retryAfter()).isGreaterThan(Duration.ofMillis(10)));
        assertThat(time.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void anotherInstanceSeesTheSameBudget() {
        SharedRateBudget a = instance();
        for (int i = 0; i < gcra.burst(); i++) {
            assertThat(a.tryAcquire()).isZero();
        }
        assertThat(instance().tryAcquire()).isPositive();
    }

    @Test
    void concurrentInstancesNeverShareASlot() throws Exception {
        // Frozen clock: exactly `burst` slots are free now; 8 instances racing may take no more.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> {
                    SharedRateBudget budget = instance();
                    int granted = 0;
                    for (int attempt = 0; attempt < 5; attempt++) {
                        if (budget.tryAcquire().isZero()) {
                            granted++;
                        }
                    }
                    return granted;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(racers)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(gcra.burst());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noWindowOfTheLimitsLengthEverExceedsTheLimitAcrossInstances() {
        List<SharedRateBudget> instances = List.of(instance(), instance(), instance(), instance());
        List<Long> grants = new ArrayList<>();
        for (int call = 0; call < 400; call++) {
            instances.get(call % instances.size()).acquire(Duration.ofMinutes(2));
            grants.add(time.micros());
        }
        Collections.sort(grants);
        long window = Duration.ofMinutes(1).toNanos() / 1_000;
        int worst = 0;
        for (int i = 0, j = 0; i < grants.size(); i++) {
            while (grants.get(i) - grants.get(j) >= window) {
                j++;
            }
            worst = Math.max(worst, i - j + 1);
        }
        assertThat(worst).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(gcra.rate());
    }

    @Test
    void rateLimitedAnswerStopsEveryInstanceUntilTheReset() {
        SharedRateBudget budget = instance();
        long reset = time.instant().plusSeconds(30).toEpochMilli();
        budget.onRateLimited(reset);
        assertThat(instance().tryAcquire()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void exhaustedHeadersDelayUntilResetButGenerousOnesChangeNothing() {
        SharedRateBudget budget = instance();
        budget.observe(95, time.instant().plusSeconds(50).toEpochMilli());
        assertThat(budget.tryAcquire()).isZero();
        budget.observe(0, time.instant().plusSeconds(20).toEpochMilli());
        Duration wait = instance().tryAcquire();
        assertThat(wait).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void headersOnlyEverSlowDown() {
        SharedRateBudget budget = instance();
        budget.onRateLimited(time.instant().plusSeconds(30).toEpochMilli());
        budget.observe(100, time.instant().plusSeconds(1).toEpochMilli());
        budget.observe(0, time.instant().minusSeconds(10).toEpochMilli());
        assertThat(instance().tryAcquire()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFarFutureResetClosesTheBudgetForAtMostOneWindowNotUntilSomeoneDeletesTheItem() {
        SharedRateBudget budget = instance();
        budget.observe(0, 1_000_000_000_000_000L); // 1e15 "milliseconds": the year 33658
        assertThat(instance().tryAcquire()).as("after a bogus remaining=0 header").isEqualTo(Duration.ofMinutes(1));

        budget.onRateLimited(time.instant().toEpochMilli() * 1_000); // microseconds where milliseconds were meant
        budget.onRateLimited(Long.MAX_VALUE);
        assertThat(instance().tryAcquire()).as("after 429s with absurd resets").isEqualTo(Duration.ofMinutes(1));

        time.sleep(Duration.ofMinutes(1));
        assertThat(instance().tryAcquire()).as("open again a window later").isZero();
    }

    /** A clock that moves only when someone "sleeps". */
    static final class VirtualTime extends Clock {
        private final AtomicLong micros;

        VirtualTime(Instant start) {
            this.micros = new AtomicLong(start.getEpochSecond() * 1_000_000);
        }

        void sleep(Duration d) {
            micros.addAndGet(d.toNanos() / 1_000);
        }

        long micros() {
            return micros.get();
        }

        @Override
        public Instant instant() {
            long m = micros.get();
            return Instant.ofEpochSecond(m / 1_000_000, (m % 1_000_000) * 1_000);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    // A lost compare-and-set learns the winner's tat from the item in the failed condition (real
    // DynamoDB) or, where the exception carries none (dynalite), from one consistent read.

    @Test
    void aLostRaceLearnsTheWinnersTatFromTheItemInTheFailedCondition() {
        RealDynamoDbConditionFailures real = new RealDynamoDbConditionFailures(aws.dynamoDbEndpoint());
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(aws.dynamoDbEndpoint(), real, calls)) {
            assertALateInstanceLosesOneRaceThenWaits(client, calls);
            assertThat(real.itemsAdded()).as("the race was lost with the item in the exception").isEqualTo(1);
            assertThat(calls.of(GetItemRequest.class)).as("no read when the exception carries the item").isEmpty();
        }
    }

    @Test
    void aLostRaceLearnsTheWinnersTatByAConsistentReadWhenTheFailedConditionCarriesNoItem() {
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(aws.dynamoDbEndpoint(), calls)) {
            assertALateInstanceLosesOneRaceThenWaits(client, calls);
            assertThat(calls.of(GetItemRequest.class)).singleElement()
                    .satisfies(read -> assertThat(read.consistentRead()).isTrue());
        }
    }

    private void assertALateInstanceLosesOneRaceThenWaits(DynamoDbClient client, RecordedCalls calls) {
        SharedRateBudget first = instance();
        for (int i = 0; i < gcra.burst(); i++) {
            assertThat(first.tryAcquire()).isZero();
        }
        SharedRateBudget late = new SharedRateBudget(client, TABLE, key, gcra, time, time::sleep);

        assertThat(late.tryAcquire()).as("the burst is spent by the other instance")
                .isEqualTo(Duration.ofNanos(gcra.intervalMicros() * 1_000));
        assertThat(calls.of(UpdateItemRequest.class)).as("one compare-and-set, lost; none after learning").hasSize(1);
    }
}
