package dev.clickupsync.command;

import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickUp accepted a create or comment, then recording SUCCEEDED failed (DynamoDB throttled the
 * UpdateItem). Before, the failure was handled like a ClickUp failure: the command was released, its
 * write mark removed, and the redelivery sent it to ClickUp again. Now the write mark stays and the
 * outcome is retried as a record: a copy of the message carrying the result ClickUp gave is re-sent
 * for after the lock, and its delivery records SUCCEEDED with that task id without calling ClickUp.
 *
 * <p>Real parts throughout: the fake ClickUp over HTTP (it counts the creates and comments it saw),
 * dynalite and ElasticMQ through the AWS SDK. The throttle is DynamoDB's own exception thrown by an
 * SDK interceptor on the record store's client (the one thing no emulator does on demand), before
 * the request leaves, as a throttled request is not applied; that client does not retry, as if the
 * SDK's retries were spent.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class UnrecordedOutcomeTest {
    @Inject
    ClickUpClient clickUpClient;
    @Inject
    FieldCache fields;
    @Inject
    CommandQueue submitter;
    @Inject
    CommandOutcomes outcomes;
    @Inject
    Metrics metrics;
    @Inject
    IdempotencyConfig idempotency;
    @Inject
    DrainConfig drain;
    @Inject
    SyncConfig config;
    @Inject
    SqsClient sqs;
    @Inject
    ClickUpClients clients;

    EmbeddedStack stack;
    FakeClickUp clickUp;

    private static final Duration LOCK = Duration.ofSeconds(4);

    private final ThrottleSucceeded throttle = new ThrottleSucceeded();
    private DynamoDbClient throttled;
    private CommandProcessor processor;
    private String listId;

    @BeforeEach
    void setUp() {
        sqs.purgeQueue(b -> b.queueUrl(commandsUrl()));
        sqs.purgeQueue(b -> b.queueUrl(commandsUrl() + "-dlq"));
        throttled = DynamoDbClient.builder()
                .endpointOverride(stack.emulator().dynamoDbEndpoint())
                .region(Region.of(stack.emulator().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        stack.emulator().accessKey(), stack.emulator().secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()).addExecutionInterceptor(throttle))
                .build();
        CommandOutcomes records = new CommandOutcomes(throttled, config.tables().idempotency(), idempotency.retention(),
                Clock.systemUTC());
        processor = new CommandProcessor(new CommandExecutor(clickUpClient, fields, records, metrics), records, submitter,
                metrics, idempotency, drain, config, clients);
        listId = CommandLists.create(clickUp.workspace()).listId();
        // One retried read first: the client's first request in a fresh application can outlast the
        // tests' 2 s call timeout on a busy machine, and a create that times out is (rightly) never resent.
        clickUpClient.task(DemoWorkspace.TASK_RELEASE_NOTES);
    }

    @AfterEach
    void close() {
        throttled.close();
    }

    @Test
    void aCreateAcceptedByClickUpIsNeverSentAgainWhenItsOutcomeCannotBeRecorded() {
        throttle.failNext(1);
        submitter.submit(CommandJson.parse("""
                {"command_id":"unrecorded-create","type":"create_task","list_id":"%s","name":"Recorded later"}"""
                .formatted(listId)));
        List<QueuedEvent> first = receive();

        assertThat(processor.process(first, shortLock())).as("a copy with the result was re-sent").isEmpty();

        assertThat(throttle.failed()).as("the SUCCEEDED write was throttled").isEqualTo(1);
        assertThat(creates()).isEqualTo(1);
        CommandOutcome pending = outcomes.find("unrecorded-create").orElseThrow();
        assertThat(pending.state()).as("still ours, mark kept").isEqualTo(State.IN_PROGRESS);

        // SQS redelivers the original too (e.g. a crash after the re-send): it must not send again.
        assertThat(processor.process(first.stream().map(m -> received(m, 2)).toList(), shortLock()))
                .as("the lock is still held: wait").containsExactly(first.get(0).messageId());
        assertThat(creates()).isEqualTo(1);

        List<QueuedEvent> copy = receive(); // delayed until that lock ran out
        assertThat(copy).singleElement().satisfies(m ->
                assertThat(m.attributes()).containsKey(CommandProcessor.WRITTEN_TASK_ID));

        assertThat(processor.process(copy, shortLock())).isEmpty();

        String created = clickUp.workspace().taskIdsNamed("Recorded later").get(0);
        CommandOutcome done = outcomes.find("unrecorded-create").orElseThrow();
        assertThat(done.state()).isEqualTo(State.SUCCEEDED);
        assertThat(done.taskId()).as("the id ClickUp returned is not lost").isEqualTo(created);
        assertThat(creates()).as("sent to ClickUp once").isEqualTo(1);
        assertThat(clickUp.workspace().taskIdsNamed("Recorded later")).hasSize(1);
        assertThat(deadLetterDepth()).isZero();
    }

    @Test
    void aCommentAcceptedByClickUpIsPostedOnceWhenItsOutcomeCannotBeRecordedTwice() {
        throttle.failNext(2);
        String task = clickUp.workspace().createTask(listId, "Comment target").get(0).taskId();
        submitter.submit(Command.comment("unrecorded-comment", task, "Posted exactly once"));

        assertThat(processor.process(receive(), shortLock())).isEmpty();
        assertThat(processor.process(receive(), shortLock())).as("recording failed again: re-sent again").isEmpty();
        assertThat(processor.process(receive(), shortLock())).isEmpty();

        assertThat(throttle.failed()).isEqualTo(2);
        assertThat(clickUp.workspace().comments(task)).as("posted once").hasSize(1);
        CommandOutcome done = outcomes.find("unrecorded-comment").orElseThrow();
        assertThat(done.state()).isEqualTo(State.SUCCEEDED);
        assertThat(done.taskId()).isEqualTo(task);
        assertThat(metrics.count("CommandOutcome", "Type", "comment", "Outcome", "record_deferred")).isGreaterThanOrEqualTo(2);
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Fails the next {@code n} UpdateItems that would record SUCCEEDED, as DynamoDB does when throttling. */
    static final class ThrottleSucceeded implements ExecutionInterceptor {
        private final AtomicInteger toFail = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        void failNext(int n) {
            toFail.set(n);
        }

        int failed() {
            return failed.get();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest update
                    && update.expressionAttributeValues().containsValue(AttributeValue.fromS(State.SUCCEEDED.name()))
                    && toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.incrementAndGet();
                throw ProvisionedThroughputExceededException.builder().statusCode(400)
                        .message("The level of configured provisioned throughput for the table was exceeded").build();
            }
        }
    }

    /** The next message on the commands queue, waiting out a delay (deleted, as the mapping does). */
    private List<QueuedEvent> receive() {
        for (int round = 0; round < 20; round++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(commandsUrl()).maxNumberOfMessages(1).waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (!got.isEmpty()) {
                Message m = got.get(0);
                sqs.deleteMessage(b -> b.queueUrl(commandsUrl()).receiptHandle(m.receiptHandle()));
                Map<String, String> attrs = new HashMap<>();
                m.messageAttributes().forEach((k, v) -> attrs.put(k, v.stringValue()));
                return List.of(new QueuedEvent(m.messageId(), m.body(), attrs, 1));
            }
        }
        throw new AssertionError("nothing arrived on the commands queue");
    }

    private static QueuedEvent received(QueuedEvent m, int receiveCount) {
        return new QueuedEvent(m.messageId(), m.body(), m.attributes(), receiveCount);
    }

    private int creates() {
        return clickUp.count("POST", "/list/" + listId + "/task$");
    }

    private long deadLetterDepth() {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(commandsUrl() + "-dlq")
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    /**
     * An invocation deadline that gives each execution a lock of a few seconds, so the copy re-sent
     * for after the lock arrives within the test (in Lambda the lock is the invocation's remaining time).
     */
    private Instant shortLock() {
        return Instant.now().plus(drain.safetyMargin()).plus(LOCK);
    }

    private String commandsUrl() {
        return config.commands().queue().url().orElseThrow();
    }
}
