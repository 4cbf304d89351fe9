package dev.clickupsync.command;

import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands spend the same shared rate budget as the drain and, when it is spent, are re-sent with a
 * delay instead of calling ClickUp into a 429. ClickUp (the fake) allows 5 calls a minute and the
 * budget is told the same; own profile, since a spent budget is lasting state.
 */
@QuarkusTest
@TestProfile(CommandBudgetTest.SmallBudget.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CommandBudgetTest {
    private static final int COMMANDS = 8;

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "commands", "clickup.rate-limit.limit", "5");
        }
    }

    @Inject
    CommandQueue submitter;
    @Inject
    CommandOutcomes outcomes;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @Test
    void commandsRespectTheBudgetAndDeferInsteadOfEarning429s() {
        clickUp.setRateLimit(5, Duration.ofMinutes(1));
        String queue = config.commands().queue().url().orElseThrow();
        CommandDelivery delivery = new CommandDelivery(sqs, queue);
        IntStream.range(0, COMMANDS).forEach(i -> submitter.submit(
                Command.comment("standup-" + i, DemoWorkspace.TASK_RELEASE_NOTES, "Standup digest part " + i)));
        int commentsBefore = clickUp.workspace().comments(DemoWorkspace.TASK_RELEASE_NOTES).size();

        List<String> failed = CommandDelivery.invoke(CommandDelivery.event(delivery.receive(COMMANDS), 1));

        assertThat(failed).as("deferred commands are acknowledged, not failed").isEmpty();
        assertThat(clickUp.rateLimited()).as("429s from ClickUp").isZero();
        List<CommandOutcome> all = IntStream.range(0, COMMANDS)
                .mapToObj(i -> outcomes.find("standup-" + i).orElseThrow()).toList();
        List<CommandOutcome> done = all.stream().filter(o -> o.state() == State.SUCCEEDED).toList();
        List<CommandOutcome> deferred = all.stream().filter(o -> o.state() == State.QUEUED).toList();
        assertThat(done).as("some fit the budget").isNotEmpty();
        assertThat(deferred).as("the rest wait").isNotEmpty().allSatisfy(o -> {
            assertThat(o.reason()).isEqualTo("deferred_budget");
            assertThat(o.deferrals()).isEqualTo(1);
        });
        assertThat(done.size() + deferred.size()).isEqualTo(COMMANDS);
        assertThat(clickUp.workspace().comments(DemoWorkspace.TASK_RELEASE_NOTES).size() - commentsBefore)
                .isEqualTo(done.size());
        assertThat(delivery.depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("re-sent with a delay").isEqualTo(deferred.size());
        assertThat(delivery.depth(queue + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(metrics.count("CommandOutcome", "Type", "comment", "Outcome", "deferred")).isEqualTo(deferred.size());
    }
}
