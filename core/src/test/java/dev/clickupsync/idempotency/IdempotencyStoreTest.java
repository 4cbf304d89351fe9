package dev.clickupsync.idempotency;

import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import dev.clickupsync.support.RecordedCalls;
import dev.clickupsync.support.RealDynamoDbConditionFailures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.idempotency.IdempotencyStore.Attempt;
import dev.clickupsync.idempotency.IdempotencyStore.Claim;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.store.Tables;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The idempotency state machine on dynalite, with a clock the test moves. */
class IdempotencyStoreTest {
    private static final String TABLE = "idempotency-store-test";
    private static final Duration RETENTION = Duration.ofDays(15);
    private static final Duration LOCK = Duration.ofMinutes(5);

    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient dynamo;

    // Real time: an emulator with TTL (LocalStack) expires items whose expires_at has passed, whatever our clock says.
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private final IdempotencyStore store = new IdempotencyStore(dynamo, TABLE, RETENTION, clock);

    @BeforeAll
    static void startDynamo() {
        dynamoServer = EmbeddedDynamoDb.start();
        dynamo = AwsClients.dynamo(dynamoServer.endpoint());
        new Provisioner(dynamo, null).ensureTable(TABLE);
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
        dynamoServer.close();
    }

    @Test
    void firstBeginAcquires() {
        String key = newKey();

        Attempt attempt = store.begin(key, LOCK);

        assertThat(attempt.claim()).isEqualTo(Claim.ACQUIRED);
        assertThat(attempt.key()).isEqualTo(key);
        assertThat(attempt.owner()).isNotBlank();
    }

    @Test
    void describeShowsTheRecordAsStoredAndNothingForAnUnknownKey() {
        String key = newKey();
        assertThat(store.describe(key)).isEmpty();
        Attempt attempt = store.begin(key, LOCK);
        assertThat(store.describe(key)).containsEntry("state", "IN_PROGRESS").containsEntry("owner", attempt.owner())
                .containsKey("lock_until").doesNotContainKeys(Tables.PK, Tables.SK);

        store.complete(attempt);

        assertThat(store.describe(key)).containsEntry("state", "COMPLETED").doesNotContainKey("lock_until");
    }

    @Test
    void secondBeginWhileLockedIsInFlight() {
        String key = newKey();
        Attempt first = store.begin(key, LOCK);

        Attempt second = store.begin(key, LOCK);
        clock.advance(LOCK.minusMillis(1));
        Attempt justBeforeExpiry = store.begin(key, LOCK);
        clock.advance(Duration.ofMillis(1));
        Attempt atExpiry = store.begin(key, LOCK);

        assertThat(first.claim()).isEqualTo(Claim.ACQUIRED);
        assertThat(second.claim()).isEqualTo(Claim.IN_FLIGHT);
        assertThat(second.owner()).isNull();
        assertThat(justBeforeExpiry.claim()).isEqualTo(Claim.IN_FLIGHT);
        assertThat(atExpiry.claim()).as("the lock holds up to and including lock_until").isEqualTo(Claim.IN_FLIGHT);
        assertThat(store.complete(first)).isTrue();
    }

    @Test
    void completedKeyIsDuplicateForever() {
        String key = newKey();
        Attempt attempt = store.begin(key, LOCK);

        assertThat(store.complete(attempt)).isTrue();

        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.DUPLICATE);
        clock.advance(LOCK.multipliedBy(10));
        Attempt later = store.begin(key, LOCK);
        assertThat(later.claim()).as("a completed record has no lock to expire").isEqualTo(Claim.DUPLICATE);
        assertThat(later.owner()).isNull();
    }

    @Test
    void completeRecordsCompletionAndDropsTheLock() {
        String key = newKey();
        Attempt attempt = store.begin(key, LOCK);
        clock.advance(Duration.ofSeconds(2));

        store.complete(attempt);

        Map<String, AttributeValue> item = item(key);
        assertThat(item.get("state").s()).isEqualTo("COMPLETED");
        assertThat(item.get("owner").s()).isEqualTo(attempt.owner());
        assertThat(item).doesNotContainKey("lock_until");
        assertThat(Long.parseLong(item.get("completed_at").n())).isEqualTo(clock.millis());
    }

    @Test
    void releaseLetsTheNextBeginAcquireAtOnce() {
        String key = newKey();
        Attempt failed = store.begin(key, LOCK);

        store.release(failed);
        Attempt retry = store.begin(key, LOCK);

        assertThat(retry.claim()).isEqualTo(Claim.ACQUIRED);
        assertThat(retry.owner()).isNotEqualTo(failed.owner());
        assertThat(store.complete(failed)).as("the released attempt no longer owns the key").isFalse();
        assertThat(store.complete(retry)).isTrue();
    }

    @Test
    void releaseByAnotherOwnerLeavesTheLockInPlace() {
        String key = newKey();
        Attempt holder = store.begin(key, LOCK);

        store.release(new Attempt(key, Claim.ACQUIRED, UUID.randomUUID().toString()));

        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.IN_FLIGHT);
        assertThat(store.complete(holder)).isTrue();
    }

    @Test
    void releaseAfterCompleteKeepsTheKeyCompleted() {
        String key = newKey();
        Attempt attempt = store.begin(key, LOCK);
        store.complete(attempt);

        store.release(attempt);

        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void releaseOfAnUnknownKeyIsHarmless() {
        String key = newKey();

        store.release(new Attempt(key, Claim.ACQUIRED, UUID.randomUUID().toString()));

        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void crashedAttemptIsRetriedAfterLockExpires() {
        String key = newKey();
        Attempt crashed = store.begin(key, LOCK); // never completed nor released

        clock.advance(LOCK.plusMillis(1));
        Attempt retry = store.begin(key, LOCK);

        assertThat(retry.claim()).isEqualTo(Claim.ACQUIRED);
        assertThat(retry.owner()).isNotEqualTo(crashed.owner());
        assertThat(store.complete(crashed)).as("the stale owner lost the lock").isFalse();
        assertThat(store.begin(key, LOCK).claim()).as("the stale complete did not finish the key").isEqualTo(Claim.IN_FLIGHT);
        assertThat(store.complete(retry)).isTrue();
        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void staleOwnersReleaseDoesNotFreeTheNewOwnersLock() {
        String key = newKey();
        Attempt crashed = store.begin(key, LOCK);
        clock.advance(LOCK.plusSeconds(1));
        Attempt retry = store.begin(key, LOCK);

        store.release(crashed);

        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.IN_FLIGHT);
        assertThat(store.complete(retry)).isTrue();
    }

    @Test
    void shortLockFromTheCallerExpiresSooner() {
        String key = newKey();
        store.begin(key, Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(11));

        assertThat(store.begin(key, LOCK).claim()).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void completingADuplicateOrInFlightAttemptIsRefused() {
        String key = newKey();
        Attempt holder = store.begin(key, LOCK);
        Attempt inFlight = store.begin(key, LOCK);

        assertThat(inFlight.owner()).isNull();
        // An owner-less attempt cannot complete anything: it must not be called, but if it is, it must not succeed.
        assertThat(completeQuietly(inFlight)).isFalse();
        assertThat(store.complete(holder)).isTrue();
    }

    @Test
    void keysAreIndependent() {
        String a = newKey();
        String b = newKey();

        Attempt first = store.begin(a, LOCK);
        store.complete(first);

        assertThat(store.begin(b, LOCK).claim()).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void concurrentBeginsOnOneKeyAcquireExactlyOnce() throws Exception {
        assertThat(race(newKey(), 8)).containsExactlyInAnyOrder(Claim.ACQUIRED, Claim.IN_FLIGHT, Claim.IN_FLIGHT,
                Claim.IN_FLIGHT, Claim.IN_FLIGHT, Claim.IN_FLIGHT, Claim.IN_FLIGHT, Claim.IN_FLIGHT);
    }

    @Test
    void concurrentTakeoversOfAnExpiredLockAcquireExactlyOnce() throws Exception {
        String key = newKey();
        store.begin(key, LOCK);
        clock.advance(LOCK.plusSeconds(1));

        List<Claim> claims = race(key, 8);

        assertThat(claims).filteredOn(c -> c == Claim.ACQUIRED).hasSize(1);
        assertThat(claims).filteredOn(c -> c == Claim.IN_FLIGHT).hasSize(7);
    }

    @Test
    void recordExpiresByTtlNoEarlierThanRetention() {
        String key = newKey();
        Instant now = clock.instant();

        Attempt attempt = store.begin(key, LOCK);

        Map<String, AttributeValue> item = item(key);
        long expiresAt = Long.parseLong(item.get(Tables.TTL).n());
        assertThat(expiresAt).as("epoch seconds, not millis").isLessThan(10_000_000_000L)
                .isGreaterThanOrEqualTo(now.plus(RETENTION).getEpochSecond())
                .isLessThanOrEqualTo(now.plus(RETENTION).getEpochSecond() + 1);
        assertThat(item.get("state").s()).isEqualTo("IN_PROGRESS");
        assertThat(item.get("owner").s()).isEqualTo(attempt.owner());
        assertThat(Long.parseLong(item.get("lock_until").n())).isEqualTo(now.plus(LOCK).toEpochMilli());
        assertThat(Long.parseLong(item.get("started_at").n())).isEqualTo(now.toEpochMilli());
        assertThat(item.get(Tables.PK).s()).isEqualTo("idem#" + key);

        store.complete(attempt);
        assertThat(Long.parseLong(item(key).get(Tables.TTL).n())).isGreaterThanOrEqualTo(now.plus(RETENTION).getEpochSecond());
    }

    private List<Claim> race(String key, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Attempt>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return store.begin(key, LOCK);
                }));
            }
            assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Claim> claims = new ArrayList<>();
            for (Future<Attempt> f : futures) {
                claims.add(f.get(10, TimeUnit.SECONDS).claim());
            }
            return claims;
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean completeQuietly(Attempt attempt) {
        try {
            return store.complete(attempt);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(String key) {
        return dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                Tables.PK, AttributeValue.fromS("idem#" + key),
                Tables.SK, AttributeValue.fromS("idempotency")))).item();
    }

    private static String newKey() {
        return "hist:" + UUID.randomUUID();
    }

    // A taken key is told apart (duplicate or in flight) from the item in the failed condition (real
    // DynamoDB) or, where the exception carries none (dynalite), from one consistent read.

    @Test
    void aDuplicateIsKnownFromTheItemInTheFailedCondition() {
        RealDynamoDbConditionFailures real = new RealDynamoDbConditionFailures(dynamoServer.endpoint());
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), real, calls)) {
            IdempotencyStore onReal = new IdempotencyStore(client, TABLE, RETENTION, clock);
            String key = newKey();
            onReal.complete(onReal.begin(key, LOCK));

            assertThat(onReal.begin(key, LOCK).claim()).isEqualTo(Claim.DUPLICATE);
            assertThat(real.itemsAdded()).isEqualTo(1);
            assertThat(calls.of(GetItemRequest.class)).as("no read when the exception carries the item").isEmpty();
        }
    }

    @Test
    void aDuplicateIsKnownByAConsistentReadWhenTheFailedConditionCarriesNoItem() {
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), calls)) {
            IdempotencyStore onDynalite = new IdempotencyStore(client, TABLE, RETENTION, clock);
            String key = newKey();
            onDynalite.complete(onDynalite.begin(key, LOCK));

            assertThat(onDynalite.begin(key, LOCK).claim()).isEqualTo(Claim.DUPLICATE);
            assertThat(calls.of(GetItemRequest.class)).singleElement()
                    .satisfies(read -> assertThat(read.consistentRead()).isTrue());
        }
    }
}
