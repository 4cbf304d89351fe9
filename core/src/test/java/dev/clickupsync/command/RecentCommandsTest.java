package dev.clickupsync.command;

import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.store.Item;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommandOutcomes#recent} on dynalite, one table per test (the recent partition is shared by
 * every command of a table): newest first, bounded, each with its current outcome, a re-submission
 * listed once, a record gone is left out, and a failed listing write never fails the submission.
 */
class RecentCommandsTest {
    private static EmbeddedDynamoDb dynamoServer;
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

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

    @Test
    void theLastCommandsComeNewestFirstWithTheirCurrentOutcome() {
        CommandOutcomes outcomes = outcomes(table(), dynamo);
        for (int i = 1; i <= 12; i++) {
            outcomes.queued(Command.comment("c-" + i, "86c0aa001", "n" + i));
            clock.advance(Duration.ofMillis(i == 9 ? 1 : 250));
        }
        CommandOutcomes.Attempt attempt = outcomes.begin(Command.comment("c-11", "86c0aa001", "n11"), Duration.ofMinutes(1));
        outcomes.failed(Command.comment("c-11", "86c0aa001", "n11"), attempt, "clickup_validation", "refused");

        assertThat(outcomes.recent(3)).extracting(CommandOutcome::commandId).containsExactly("c-12", "c-11", "c-10");
        assertThat(outcomes.recent(3).get(1).state()).isEqualTo(State.FAILED);
        assertThat(outcomes.recent(3).get(1).reason()).isEqualTo("clickup_validation");
        assertThat(outcomes.recent(100)).hasSize(12);
        assertThat(outcomes.recent(100).get(11).commandId()).isEqualTo("c-1");
    }

    @Test
    void aResubmissionIsListedOnceAndARecordThatIsGoneIsLeftOut() {
        String table = table();
        CommandOutcomes outcomes = outcomes(table, dynamo);
        outcomes.queued(Command.comment("first", "86c0aa001", "x"));
        clock.advance(Duration.ofSeconds(1));
        outcomes.queued(Command.comment("second", "86c0aa001", "y"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(outcomes.queued(Command.comment("first", "86c0aa001", "x"))).as("already recorded").isFalse();
        dynamo.deleteItem(b -> b.tableName(table).key(CommandOutcomes.key("second")));

        assertThat(outcomes.recent(10)).extracting(CommandOutcome::commandId).containsExactly("first");
    }

    @Test
    void nothingSubmittedListsNothing() {
        assertThat(outcomes(table(), dynamo).recent(10)).isEmpty();
    }

    @Test
    void aFailedListingWriteLeavesTheCommandRecordedButUnlisted() {
        String table = table();
        // A stand-in client (dynalite cannot fail one put and not another): DynamoDB refuses the put into
        // the recent partition only; every other call goes to dynalite.
        DynamoDbClient failingRecentPuts = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putItem") && args != null && args.length == 1
                            && recentPut(args[0])) {
                        throw InternalServerErrorException.builder().message("injected").build();
                    }
                    try {
                        return method.invoke(dynamo, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        CommandOutcomes outcomes = outcomes(table, failingRecentPuts);

        assertThat(outcomes.queued(Command.comment("unlisted", "86c0aa001", "x"))).isTrue();

        assertThat(outcomes.find("unlisted").orElseThrow().state()).isEqualTo(State.QUEUED);
        assertThat(outcomes.recent(10)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static boolean recentPut(Object request) {
        Map<String, AttributeValue> item;
        if (request instanceof PutItemRequest put) {
            item = put.item();
        } else if (request instanceof Consumer<?> builder) {
            PutItemRequest.Builder b = PutItemRequest.builder();
            ((Consumer<PutItemRequest.Builder>) builder).accept(b);
            item = b.build().item();
        } else {
            return false;
        }
        return CommandOutcomes.RECENT.equals(Item.of(item).text("pk"));
    }

    private CommandOutcomes outcomes(String table, DynamoDbClient client) {
        return new CommandOutcomes(client, table, Duration.ofDays(15), clock);
    }

    private static String table() {
        String table = "recent-" + UUID.randomUUID().toString().substring(0, 8);
        new Provisioner(dynamo, null).ensureTable(table);
        return table;
    }
}
