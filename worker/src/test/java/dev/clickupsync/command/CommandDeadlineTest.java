package dev.clickupsync.command;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands under a ClickUp that never answers: each command's reads and idempotent writes are
 * retried like the drain's (four attempts of the test profile's 2 s), so a batch of them could run
 * the commands Lambda past its timeout. Every ClickUp call ends by the deadline minus the safety
 * margin; a command cut there is deferred, and the batch answers in time.
 */
@QuarkusTest
@TestProfile(CommandsProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CommandDeadlineTest {
    @Inject
    CommandQueue submitter;
    @Inject
    CommandProcessor processor;
    @Inject
    CommandOutcomes outcomes;
    @Inject
    DrainConfig drainConfig;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    FakeClickUp clickUp;

    @AfterEach
    void releaseHungRequests() {
        clickUp.faults().clear();
    }

    @Test
    void commandsMetByAHangingClickUpAreDeferredBeforeTheDeadlineNotCutOffByLambda() {
        String queue = config.commands().queue().url().orElseThrow();
        CommandDelivery delivery = new CommandDelivery(sqs, queue);
        // Setting a field reads the task first (GET /task/{id}): that read hangs.
        submitter.submit(Command.setFields("deadline-1", DemoWorkspace.TASK_LOGIN_BUG, Map.of("Story Points", IntNode.valueOf(5))));
        submitter.submit(Command.setFields("deadline-2", DemoWorkspace.TASK_RELEASE_NOTES, Map.of("Story Points", IntNode.valueOf(8))));
        List<QueuedEvent> messages = delivery.receive(2).stream().map(QueuedEvent::of).toList();
        assertThat(messages).hasSize(2);
        clickUp.faults().hangNext(100, "/task/");
        Instant deadline = Instant.now().plus(drainConfig.safetyMargin()).plusMillis(3_000);

        List<String> retry = processor.process(messages, deadline);

        assertThat(Instant.now()).as("the batch answered before the invocation's deadline").isBefore(deadline);
        assertThat(retry).as("nothing left for SQS's redelivery").isEmpty();
        for (String id : List.of("deadline-1", "deadline-2")) {
            CommandOutcome outcome = outcomes.find(id).orElseThrow();
            assertThat(outcome.state()).as(id).isEqualTo(State.QUEUED);
            assertThat(outcome.reason()).as(id).isEqualTo("deferred_out_of_time");
        }
        assertThat(delivery.receive(2)).as("both re-sent at once, costing no receive").hasSize(2);
        assertThat(delivery.depth(queue + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    }
}
