package dev.clickupsync.store;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.support.RecordedCalls;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner-and-expiry lease on dynalite, with a clock the test moves. */
class LeaseTest {
    private static final String TABLE = "lease-test";
    private static final Duration LENGTH = Duration.ofSeconds(30);

    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final Lease lease = new Lease(dynamo, TABLE, "owner", "until", clock);
    private final Map<String, AttributeValue> key = Item.key("job#" + UUID.randomUUID(), "lease");

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
    void claimsAFreeItemWithItsWritesAndFindsNothingBefore() {
        Lease.Claim claim = lease.claim(key, LENGTH, lease.update().set("state", Item.s("RUNNING")).setNow("started_at"));

        assertThat(claim.won()).isTrue();
        assertThat(claim.owner()).isNotBlank();
        assertThat(claim.until()).isEqualTo(clock.instant().plus(LENGTH));
        assertThat(claim.found().exists()).isFalse();
        Item stored = item();
        assertThat(stored.text("owner")).isEqualTo(claim.owner());
        assertThat(stored.instant("until")).isEqualTo(claim.until());
        assertThat(stored.text("state")).isEqualTo("RUNNING");
        assertThat(stored.instant("started_at")).isEqualTo(clock.instant());
    }

    @Test
    void aHeldLeaseIsNotClaimedUpToAndIncludingItsEndAndTheLoserLearnsTheHolder() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update());
        clock.advance(LENGTH);

        Lease.Claim atTheEnd = lease.claim(key, Duration.ofMinutes(5), lease.update().set("state", Item.s("STOLEN")));

        assertThat(atTheEnd.won()).isFalse();
        assertThat(atTheEnd.owner()).as("the holder, not a token of the loser's").isEqualTo(holder.owner());
        assertThat(atTheEnd.until()).isEqualTo(holder.until());
        assertThat(item().has("state")).as("a lost claim writes nothing").isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsStaleOwnerCanNoLongerAct() {
        Lease.Claim crashed = lease.claim(key, LENGTH, lease.update());
        clock.advance(LENGTH.plusMillis(1));

        Lease.Claim takeover = lease.claim(key, LENGTH, lease.update());

        assertThat(takeover.won()).isTrue();
        assertThat(takeover.owner()).isNotEqualTo(crashed.owner());
        assertThat(takeover.found().text("owner")).as("the item as it was: the crashed owner's").isEqualTo(crashed.owner());
        assertThat(lease.renew(key, crashed.owner(), LENGTH)).isFalse();
        assertThat(lease.transition(key, crashed.owner(), lease.update().set("step", Item.s("late")))).isFalse();
        assertThat(lease.complete(key, crashed.owner(), lease.update().set("state", Item.s("DONE")))).isFalse();
        assertThat(lease.release(key, crashed.owner(), lease.update())).isFalse();
        assertThat(lease.releaseByDelete(key, crashed.owner(), lease.update())).isFalse();
        assertThat(item().text("owner")).isEqualTo(takeover.owner());
        assertThat(item().has("step")).isFalse();
    }

    @Test
    void theOwnerRenewsFromNowAndAStrangerCannot() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update());
        clock.advance(Duration.ofSeconds(20));

        assertThat(lease.renew(key, UUID.randomUUID().toString(), Duration.ofHours(1))).isFalse();
        assertThat(item().instant("until")).isEqualTo(holder.until());
        assertThat(lease.renew(key, holder.owner(), LENGTH)).isTrue();

        assertThat(item().instant("until")).isEqualTo(clock.instant().plus(LENGTH));
        clock.advance(Duration.ofSeconds(20));
        assertThat(lease.claim(key, LENGTH, lease.update()).won()).as("still held: renewed").isFalse();
    }

    @Test
    void theOwnerReleasesAndTheNextClaimWinsAtOnceWhereTheUserCallsThatStateFree() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update());

        assertThat(lease.release(key, holder.owner(), lease.update().set("reason", Item.s("deferred")).add("deferrals", 1))).isTrue();

        Item released = item();
        assertThat(released.has("owner")).isFalse();
        assertThat(released.has("until")).isFalse();
        assertThat(released.text("reason")).isEqualTo("deferred");
        assertThat(released.longOrNull("deferrals")).isEqualTo(1L);
        assertThat(lease.claim(key, LENGTH, lease.update()).won())
                .as("the item outlives the lease: without the user's word it is an ended state").isFalse();
        assertThat(lease.claim(key, LENGTH, "attribute_not_exists(#owner)", lease.update()).won()).isTrue();
    }

    @Test
    void theOwnerReleasesByDeleteAndAnyoneClaimsAtOnce() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update());

        assertThat(lease.releaseByDelete(key, holder.owner(), lease.update())).isTrue();

        assertThat(item().exists()).isFalse();
        assertThat(lease.claim(key, LENGTH, lease.update()).won()).isTrue();
    }

    @Test
    void aStrangersReleaseLeavesTheLeaseInPlace() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update());
        String stranger = UUID.randomUUID().toString();

        assertThat(lease.release(key, stranger, lease.update())).isFalse();
        assertThat(lease.releaseByDelete(key, stranger, lease.update())).isFalse();
        assertThat(lease.release(key, null, lease.update())).as("a loser has no token").isFalse();

        assertThat(item().text("owner")).isEqualTo(holder.owner());
        assertThat(lease.claim(key, LENGTH, lease.update()).won()).isFalse();
    }

    @Test
    void theOwnerReleasesByDeleteOnlyWhileItsConditionsHold() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update().set("state", Item.s("RUNNING")));
        ItemUpdate whileRunning = lease.update().onlyIf("#state = :running", Map.of(":running", Item.s("RUNNING")));
        lease.transition(key, holder.owner(), lease.update().set("state", Item.s("PAUSED")));

        assertThat(lease.releaseByDelete(key, holder.owner(), whileRunning)).isFalse();
        lease.transition(key, holder.owner(), lease.update().set("state", Item.s("RUNNING")));
        assertThat(lease.releaseByDelete(key, holder.owner(), whileRunning)).isTrue();

        assertThat(item().exists()).isFalse();
    }

    @Test
    void completeWritesTheFinalStateEndsTheLeaseAndKeepsWhoFinished() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update().set("state", Item.s("RUNNING")));
        clock.advance(Duration.ofSeconds(3));

        assertThat(lease.complete(key, holder.owner(), lease.update().set("state", Item.s("DONE")).setNow("done_at"))).isTrue();

        Item done = item();
        assertThat(done.text("state")).isEqualTo("DONE");
        assertThat(done.instant("done_at")).isEqualTo(clock.instant());
        assertThat(done.text("owner")).isEqualTo(holder.owner());
        assertThat(done.has("until")).isFalse();
        assertThat(lease.renew(key, holder.owner(), LENGTH)).as("an ended lease is not renewed").isFalse();

        clock.advance(Duration.ofDays(1));
        Lease.Claim later = lease.claim(key, LENGTH, lease.update());
        assertThat(later.won()).as("a completed item is terminal, however late").isFalse();
        assertThat(later.until()).as("no lease: the found item tells why").isNull();
        assertThat(later.found().text("state")).isEqualTo("DONE");
    }

    @Test
    void alsoFreeWhenReopensAnEndedStateAndTheCallersConditionsCanStillRefuse() {
        Lease.Claim first = lease.claim(key, LENGTH, lease.update());
        lease.release(key, first.owner(), lease.update().set("state", Item.s("QUEUED")));
        ItemUpdate queuedIsFree = lease.update().bindValue(":queued", Item.s("QUEUED"));

        assertThat(lease.claim(key, LENGTH, "#state = :queued",
                queuedIsFree.copy().onlyIf("attribute_not_exists(#blocked)", Map.of())).won()).isTrue();

        Map<String, AttributeValue> other = Item.key("job#" + UUID.randomUUID(), "lease");
        dynamo.putItem(b -> b.tableName(TABLE).item(Item.with(other).flag("blocked", true).build()));
        Lease.Claim refused = lease.claim(other, LENGTH, lease.update().onlyIf("attribute_not_exists(#blocked)", Map.of()));
        assertThat(refused.won()).as("free by the lease, refused by the caller's condition").isFalse();
        assertThat(refused.found().flag("blocked")).isTrue();
    }

    // A lost claim learns the item it lost to. dynalite never puts the item into the exception, so on it
    // the lease falls back on one consistent read (first test, against the real emulator). Real
    // DynamoDB does put it there; no emulator here can send it, so the second test builds that exception
    // as the SDK would unmarshal it and hands it to the method that interprets it: no read may follow.

    @Test
    void aLostClaimReadsTheItemConsistentlyWhenTheExceptionCarriesNone() {
        Lease.Claim holder = lease.claim(key, LENGTH, lease.update());
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), calls)) {
            Lease onDynalite = new Lease(client, TABLE, "owner", "until", clock);

            Lease.Claim lost = onDynalite.claim(key, LENGTH, onDynalite.update());

            assertThat(lost.won()).isFalse();
            assertThat(lost.owner()).isEqualTo(holder.owner());
            assertThat(lost.until()).isEqualTo(holder.until());
            assertThat(calls.of(GetItemRequest.class)).singleElement()
                    .satisfies(read -> assertThat(read.consistentRead()).isTrue());
        }
    }

    @Test
    void aLostClaimTakesTheItemTheExceptionCarriesWithoutAnyRead() {
        Instant theirs = clock.instant().plus(Duration.ofMinutes(2));
        Map<String, AttributeValue> old = Item.with(key).text("owner", "someone-else").instant("until", theirs)
                .text("state", "RUNNING").build();
        ConditionalCheckFailedException asRealDynamoDbSendsIt = ConditionalCheckFailedException.builder()
                .message("The conditional request failed").statusCode(400).item(old).build();
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), calls)) {
            Lease onReal = new Lease(client, TABLE, "owner", "until", clock);

            Lease.Claim lost = onReal.lost(key, asRealDynamoDbSendsIt);

            assertThat(lost.won()).isFalse();
            assertThat(lost.owner()).isEqualTo("someone-else");
            assertThat(lost.until()).isEqualTo(theirs);
            assertThat(lost.found().text("state")).isEqualTo("RUNNING");
            assertThat(calls.of(GetItemRequest.class)).as("the exception's item is the answer").isEmpty();
        }
    }

    private Item item() {
        return Item.of(dynamo.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true)).item());
    }
}
