package dev.clickupsync.command;

import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import dev.clickupsync.support.RecordedCalls;
import dev.clickupsync.support.RealDynamoDbConditionFailures;
import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.command.CommandOutcomes.Attempt;
import dev.clickupsync.command.CommandOutcomes.Claim;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-command record's state machine on dynalite, with a clock the test moves. */
class CommandOutcomesTest {
    private static final String TABLE = "command-outcomes-test";
    private static final Duration LOCK = Duration.ofMinutes(1);

    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final CommandOutcomes outcomes = new CommandOutcomes(dynamo, TABLE, Duration.ofDays(15), clock);

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
    void queuedThenClaimedThenSucceededIsNeverClaimedAgain() {
        Command create = create();
        assertThat(outcomes.queued(create)).isTrue();
        assertThat(outcomes.queued(create)).as("a second submit finds the record").isFalse();
        assertThat(outcomes.find(create.commandId()).orElseThrow().state()).isEqualTo(State.QUEUED);

        Attempt attempt = outcomes.begin(create, LOCK);
        assertThat(attempt.claim()).isEqualTo(Claim.ACQUIRED);
        assertThat(outcomes.begin(create, LOCK).claim()).as("locked").isEqualTo(Claim.IN_FLIGHT);
        assertThat(outcomes.writeStarted(attempt)).isTrue();
        assertThat(outcomes.succeeded(attempt, "86new0001")).isTrue();

        CommandOutcome done = outcomes.find(create.commandId()).orElseThrow();
        assertThat(done.state()).isEqualTo(State.SUCCEEDED);
        assertThat(done.taskId()).isEqualTo("86new0001");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.completedAt()).isNotNull();
        assertThat(outcomes.begin(create, LOCK).claim()).isEqualTo(Claim.DONE);
        assertThat(outcomes.failed(create, null, "invalid_command", "x")).as("an outcome is never overwritten").isFalse();
        assertThat(outcomes.find(create.commandId()).orElseThrow().state()).isEqualTo(State.SUCCEEDED);
    }

    @Test
    void aCommandHeldByAnotherExecutionSaysWhenThatExecutionsLockEnds() {
        Command create = create();
        Attempt holder = outcomes.begin(create, LOCK);
        clock.advance(Duration.ofSeconds(20));

        Attempt waiting = outcomes.begin(create, Duration.ofSeconds(5));

        assertThat(waiting.claim()).isEqualTo(Claim.IN_FLIGHT);
        assertThat(waiting.lockUntil()).as("the holder's lock, not the one asked for")
                .isEqualTo(holder.lockUntil()).isEqualTo(clock.instant().minusSeconds(20).plus(LOCK));
    }

    @Test
    void anExecutionThatDiedMidWriteLeavesTheNextOneUncertainNotFree() {
        Command create = create();
        Attempt crashed = outcomes.begin(create, LOCK);
        outcomes.writeStarted(crashed);
        clock.advance(LOCK.plusSeconds(1));

        Attempt next = outcomes.begin(create, LOCK);

        assertThat(next.claim()).isEqualTo(Claim.WRITE_UNCERTAIN);
        assertThat(outcomes.writeStarted(crashed)).as("the overrun execution has lost its lock").isFalse();
        assertThat(outcomes.succeeded(crashed, "86late001")).isFalse();
        assertThat(outcomes.failed(create, next, "clickup_outcome_unknown", "check the list")).isTrue();
        assertThat(outcomes.find(create.commandId()).orElseThrow().reason()).isEqualTo("clickup_outcome_unknown");
    }

    @Test
    void aDeferredCommandIsQueuedAgainWithoutItsWriteMarkAndCountsTheDeferral() {
        Command create = create();
        Attempt first = outcomes.begin(create, LOCK);
        outcomes.writeStarted(first); // the budget then had no slot: nothing was sent

        outcomes.released(first, "deferred_budget", "put off for 14 s", true);

        CommandOutcome queued = outcomes.find(create.commandId()).orElseThrow();
        assertThat(queued.state()).isEqualTo(State.QUEUED);
        assertThat(queued.reason()).isEqualTo("deferred_budget");
        assertThat(queued.deferrals()).isEqualTo(1);
        Attempt second = outcomes.begin(create, LOCK);
        assertThat(second.claim()).as("no mark left: safe to send").isEqualTo(Claim.ACQUIRED);
        assertThat(outcomes.find(create.commandId()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aCommandSqsRefusedIsWithdrawnButNeverOnceAnExecutionClaimedIt() {
        Command unqueued = create();
        outcomes.queued(unqueued);

        assertThat(outcomes.withdraw(unqueued.commandId())).isTrue();
        assertThat(outcomes.find(unqueued.commandId())).as("no record for a command that was not queued").isEmpty();

        Command claimed = create(); // its message reached SQS after all and an execution took it
        outcomes.queued(claimed);
        Attempt attempt = outcomes.begin(claimed, LOCK);
        outcomes.released(attempt, "deferred_budget", "put off", true); // QUEUED again, but it ran

        assertThat(outcomes.withdraw(claimed.commandId())).isFalse();
        assertThat(outcomes.find(claimed.commandId()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outcomes.withdraw("never-" + UUID.randomUUID())).isFalse();
    }

    @Test
    void aMalformedCommandIsRecordedAsFailedUnderItsId() {
        Command bad = Command.comment("bad-" + UUID.randomUUID(), "86c0aa001", "");

        assertThat(outcomes.failed(bad, null, "invalid_command", "comment: is required")).isTrue();

        CommandOutcome failed = outcomes.find(bad.commandId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.type()).isEqualTo("comment");
        assertThat(failed.detail()).isEqualTo("comment: is required");
        assertThat(outcomes.find("never-" + UUID.randomUUID())).isEmpty();
    }

    private static Command create() {
        return Command.createTask("cmd-" + UUID.randomUUID(), "901200100", "A task", null);
    }

    // A finished command is told apart from one in flight by the item in the failed condition (real
    // DynamoDB) or, where the exception carries none (dynalite), by one consistent read. Before the
    // read existed, dynalite made every finished command look IN_FLIGHT: deferred for ever.

    @Test
    void aFinishedCommandIsKnownFromTheItemInTheFailedCondition() {
        RealDynamoDbConditionFailures real = new RealDynamoDbConditionFailures(dynamoServer.endpoint());
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), real, calls)) {
            assertAFinishedCommandIsDone(new CommandOutcomes(client, TABLE, Duration.ofDays(15), clock));
            assertThat(real.itemsAdded()).isEqualTo(1);
            assertThat(calls.of(GetItemRequest.class)).as("no read when the exception carries the item").isEmpty();
        }
    }

    @Test
    void aFinishedCommandIsKnownByAConsistentReadWhenTheFailedConditionCarriesNoItem() {
        RecordedCalls calls = new RecordedCalls();
        try (DynamoDbClient client = AwsClients.dynamo(dynamoServer.endpoint(), calls)) {
            assertAFinishedCommandIsDone(new CommandOutcomes(client, TABLE, Duration.ofDays(15), clock));
            assertThat(calls.of(GetItemRequest.class)).singleElement()
                    .satisfies(read -> assertThat(read.consistentRead()).isTrue());
        }
    }

    private void assertAFinishedCommandIsDone(CommandOutcomes store) {
        Command create = create();
        Attempt attempt = store.begin(create, LOCK);
        assertThat(store.succeeded(attempt, "86new0002")).isTrue();

        Attempt again = store.begin(create, LOCK);

        assertThat(again.claim()).isEqualTo(Claim.DONE);
        assertThat(again.before().taskId()).isEqualTo("86new0002");
    }
}
