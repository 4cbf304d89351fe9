package dev.clickupsync.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.command.CommandOutcome.State;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeCustomField;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands Lambda end to end: commands submitted through the real {@link CommandQueue} into
 * ElasticMQ, received and handed to the {@code commands} handler as Lambda's SQS event JSON, executed
 * against the fake ClickUp over HTTP, recorded in dynalite.
 * See {@link CommandsProfile} for the one setting that differs.
 */
@QuarkusTest
@TestProfile(CommandsProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CommandsHandlerTest {

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
    CommandDelivery delivery;
    CommandLists list;

    @BeforeEach
    void setUp() {
        delivery = new CommandDelivery(sqs, commandsUrl());
        sqs.purgeQueue(b -> b.queueUrl(commandsUrl()));
        sqs.purgeQueue(b -> b.queueUrl(commandsUrl() + "-dlq"));
        list = CommandLists.create(ws());
    }

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    @Test
    void createSettingCustomFieldsByNameLandsWithTheRightIdsAndTypedValues() {
        List<String> failed = submitAndDeliver("""
                {"command_id":"create-typed","type":"create_task","list_id":"%s","name":"Typed fields",
                 "description":"made by a **command**","status":"in progress","priority":2,"assignees":[183],
                 "due_date":1767225600000,
                 "custom_fields":{"Notes":"hello","estimate":8.5,"Severity":"high","Areas":["Backend","frontend"],
                                  "Launch":"2026-12-01T00:00:00Z","Reviewers":[183,184]}}""".formatted(list.listId()));

        assertThat(failed).isEmpty();
        CommandOutcome outcome = outcomes.find("create-typed").orElseThrow();
        assertThat(outcome.state()).isEqualTo(State.SUCCEEDED);
        String taskId = outcome.taskId();
        assertThat(ws().customValue(taskId, list.notes())).isEqualTo("hello");
        assertThat(ws().customValue(taskId, list.estimate())).isEqualTo(new BigDecimal("8.5"));
        assertThat(ws().customValue(taskId, list.severity())).isEqualTo(list.high());
        assertThat(ws().customValue(taskId, list.areas())).isEqualTo(List.of(list.backend(), list.frontend()));
        assertThat(ws().customValue(taskId, list.launch())).isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(ws().customValue(taskId, list.reviewers())).isEqualTo(List.of(DemoWorkspace.ADA, DemoWorkspace.ALAN));
        JsonNode task = ws().taskJson(taskId);
        assertThat(task.at("/status/status").asText()).isEqualTo("in progress");
        assertThat(task.at("/priority/id").asText()).isEqualTo("2");
        assertThat(task.get("due_date").asText()).isEqualTo("1767225600000");
        assertThat(task.at("/assignees/0/id").asLong()).isEqualTo(DemoWorkspace.ADA);
        assertThat(ws().description(taskId)).isEqualTo("made by a **command**");
        assertThat(clickUp.count("POST", "/list/" + list.listId() + "/task$")).as("fields travel with the create").isEqualTo(1);
        assertThat(clickUp.count("POST", "/task/" + taskId + "/field/")).isZero();
    }

    @Test
    void updateSetsTaskPropertiesAndCustomFieldsByName() {
        String taskId = task("To update");
        ws().updateTask(taskId, c -> c.addAssignee(DemoWorkspace.ADA).priority(3)
                .customField(list.reviewers(), List.of(DemoWorkspace.ADA)).customField(list.notes(), "old"));

        List<String> failed = submitAndDeliver("""
                {"command_id":"update-typed","type":"update_task","task_id":"%s","name":"Updated","status":"review",
                 "priority":0,"due_date":1767225600000,"assignees":[184],
                 "custom_fields":{"Severity":"Low","Reviewers":[184],"Notes":null,"Estimate":"3","Areas":"Frontend"}}"""
                .formatted(taskId));

        assertThat(failed).isEmpty();
        assertThat(outcomes.find("update-typed").orElseThrow().state()).isEqualTo(State.SUCCEEDED);
        JsonNode task = ws().taskJson(taskId);
        assertThat(task.get("name").asText()).isEqualTo("Updated");
        assertThat(task.at("/status/status").asText()).isEqualTo("review");
        assertThat(task.get("priority").isNull()).as("priority 0 clears it").isTrue();
        assertThat(task.get("due_date").asText()).isEqualTo("1767225600000");
        assertThat(task.get("assignees")).extracting(a -> a.get("id").asLong()).containsExactly(DemoWorkspace.ALAN);
        assertThat(ws().customValue(taskId, list.severity())).isEqualTo(list.low());
        assertThat(ws().customValue(taskId, list.reviewers())).isEqualTo(List.of(DemoWorkspace.ALAN));
        assertThat(ws().customValue(taskId, list.notes())).as("null clears the field").isNull();
        assertThat(ws().customValue(taskId, list.estimate())).isEqualTo(new BigDecimal("3"));
        assertThat(ws().customValue(taskId, list.areas())).isEqualTo(List.of(list.frontend()));
    }

    @Test
    void aRenamedFieldIsResolvedAfterOneRefresh() {
        String taskId = task("Rename");
        assertThat(submitAndDeliver(update("rename-1", taskId, "\"Estimate\":1"))).isEmpty();
        ws().renameCustomField(list.listId(), list.estimate(), "Effort");
        int discoveries = discoveries();

        assertThat(submitAndDeliver(update("rename-2", taskId, "\"Effort\":5"))).isEmpty();

        assertThat(outcomes.find("rename-2").orElseThrow().state()).isEqualTo(State.SUCCEEDED);
        assertThat(ws().customValue(taskId, list.estimate())).isEqualTo(new BigDecimal("5"));
        assertThat(discoveries() - discoveries).as("one fresh discovery").isEqualTo(1);
    }

    @Test
    void aRecreatedFieldIsResolvedAfterOneRefreshWhenClickUpRefusesItsOldId() {
        String taskId = task("Recreate");
        assertThat(submitAndDeliver(update("recreate-1", taskId, "\"Severity\":\"Low\""))).isEmpty();
        FakeCustomField fresh = ws().recreateCustomField(list.listId(), list.severity());
        int discoveries = discoveries();

        assertThat(submitAndDeliver(update("recreate-2", taskId, "\"Severity\":\"High\""))).isEmpty();

        assertThat(outcomes.find("recreate-2").orElseThrow().state()).isEqualTo(State.SUCCEEDED);
        assertThat(ws().customValue(taskId, fresh.id())).isEqualTo(fresh.options().get(1).id());
        assertThat(discoveries() - discoveries).as("one fresh discovery after ClickUp's FIELD_115").isEqualTo(1);
        assertThat(clickUp.count("POST", "/task/" + taskId + "/field/" + list.severity())).as("the stale id, once per command")
                .isEqualTo(2);
        assertThat(metrics.count("CommandFieldRefresh", "Trigger", "clickup_FIELD_115")).isPositive();
    }

    @Test
    void anUnknownFieldNameFailsWithAClearReasonAfterExactlyOneRefreshAndEndsInTheDlq() {
        String taskId = task("Unknown field");
        assertThat(submitAndDeliver(update("unknown-1", taskId, "\"Estimate\":1"))).isEmpty();
        int discoveries = discoveries();
        int fieldPosts = clickUp.count("POST", "/field/");

        assertThat(submitAndDeliver(update("unknown-2", taskId, "\"Story Size\":3"))).as("acknowledged: parked").isEmpty();

        CommandOutcome outcome = outcomes.find("unknown-2").orElseThrow();
        assertThat(outcome.state()).isEqualTo(State.FAILED);
        assertThat(outcome.reason()).isEqualTo("unknown_field");
        assertThat(outcome.detail()).contains("\"Story Size\"", list.listId());
        assertThat(discoveries() - discoveries).as("exactly one refresh").isEqualTo(1);
        assertThat(clickUp.count("POST", "/field/")).isEqualTo(fieldPosts);
        Message parked = deadLettered("unknown-2");
        assertThat(parked.messageAttributes().get("failure_reason").stringValue()).isEqualTo("unknown_field");
    }

    @Test
    void aRedeliveredCreateCommandCreatesOneTask() {
        String json = """
                {"command_id":"create-once","type":"create_task","list_id":"%s","name":"Exactly once",
                 "custom_fields":{"Severity":"Low"}}""".formatted(list.listId());
        submitter.submit(CommandJson.parse(json));
        List<Message> messages = delivery.receive(1);
        long duplicates = metrics.count("CommandOutcome", "Type", "create_task", "Outcome", "duplicate");

        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, 1))).isEmpty();
        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, 2))).isEmpty();
        submitter.submit(CommandJson.parse(json)); // a client retrying after a lost 202
        assertThat(CommandDelivery.invoke(CommandDelivery.event(delivery.receive(1), 1))).isEmpty();

        assertThat(ws().taskIdsNamed("Exactly once")).hasSize(1);
        assertThat(clickUp.count("POST", "/list/" + list.listId() + "/task$")).isEqualTo(1);
        assertThat(outcomes.find("create-once").orElseThrow().taskId()).isEqualTo(ws().taskIdsNamed("Exactly once").get(0));
        assertThat(metrics.count("CommandOutcome", "Type", "create_task", "Outcome", "duplicate") - duplicates).isEqualTo(2);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNeverSentAgain() throws InterruptedException {
        clickUp.faults().hangNext(1, "/list/" + list.listId() + "/task");
        submitter.submit(CommandJson.parse("""
                {"command_id":"create-lost","type":"create_task","list_id":"%s","name":"Answer lost"}""".formatted(list.listId())));
        List<Message> messages = delivery.receive(1);

        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, 1))).as("parked, not retried").isEmpty();
        clickUp.faults().clear(); // ClickUp finishes the request whose answer the client gave up on
        for (int i = 0; i < 50 && ws().taskIdsNamed("Answer lost").isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, 2))).isEmpty();

        assertThat(ws().taskIdsNamed("Answer lost")).hasSize(1);
        assertThat(clickUp.count("POST", "/list/" + list.listId() + "/task$")).isEqualTo(1);
        CommandOutcome outcome = outcomes.find("create-lost").orElseThrow();
        assertThat(outcome.state()).isEqualTo(State.FAILED);
        assertThat(outcome.reason()).isEqualTo("clickup_outcome_unknown");
        assertThat(outcome.detail()).contains(list.listId(), "new command_id");
        assertThat(deadLettered("create-lost").messageAttributes().get("failure_reason").stringValue())
                .isEqualTo("clickup_outcome_unknown");
    }

    @Test
    void aCommandFailingUntilItsLastReceiveEndsInTheDlqWithItsReasonAndItsOutcomeIsReadable() {
        String taskId = task("ClickUp down");
        clickUp.faults().failNext(100, 503, "/task/" + taskId);
        submitter.submit(CommandJson.parse(update("down-1", taskId, "\"Estimate\":2")));
        List<Message> messages = delivery.receive(1);

        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, 1))).as("redelivered by SQS")
                .containsExactly(messages.get(0).messageId());
        CommandOutcome pending = outcomes.find("down-1").orElseThrow();
        assertThat(pending.state()).isEqualTo(State.QUEUED);
        assertThat(pending.reason()).isEqualTo("clickup_server_error");

        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, config.commands().queue().maxReceiveCount())))
                .as("last receive: parked").isEmpty();
        CommandOutcome failed = outcomes.find("down-1").orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.reason()).isEqualTo("clickup_server_error");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(deadLettered("down-1").messageAttributes().get("failure_reason").stringValue())
                .isEqualTo("clickup_server_error");
    }

    @Test
    void aCommandOnItsLastReceiveWhoseLockAnotherExecutionHoldsIsDeferredPastThatLockNotLeftForSqsToDeadLetter() {
        String taskId = task("Held elsewhere");
        String json = update("held-1", taskId, "\"Estimate\":4");
        submitter.submit(CommandJson.parse(json));
        CommandOutcomes.Attempt holder = outcomes.begin(CommandJson.parse(json), Duration.ofSeconds(30)); // another execution
        assertThat(holder.claim()).isEqualTo(CommandOutcomes.Claim.ACQUIRED);
        List<Message> messages = delivery.receive(1);
        int last = config.commands().queue().maxReceiveCount();

        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, last - 1)))
                .as("before the last receive, SQS's redelivery is the wait").containsExactly(messages.get(0).messageId());
        assertThat(CommandDelivery.invoke(CommandDelivery.event(messages, last)))
                .as("on the last receive, a retry would be parked by SQS without a reason").isEmpty();

        assertThat(delivery.depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("re-sent for after the holder's lock").isEqualTo(1);
        assertThat(delivery.depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(delivery.depth(commandsUrl() + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        CommandOutcome held = outcomes.find("held-1").orElseThrow();
        assertThat(held.state()).as("the holder's record is left alone").isEqualTo(State.IN_PROGRESS);
        assertThat(held.attempts()).isEqualTo(1);
        assertThat(ws().customValue(taskId, list.estimate())).as("not executed while held").isNull();
    }

    @Test
    void aMalformedCommandOnTheQueueIsParkedAtOnceWithItsReason() {
        sqs.sendMessage(b -> b.queueUrl(commandsUrl()).messageBody("{\"command_id\":\"bad-1\",\"type\":\"update_task\"}"));

        assertThat(CommandDelivery.invoke(CommandDelivery.event(delivery.receive(1), 1))).isEmpty();

        CommandOutcome outcome = outcomes.find("bad-1").orElseThrow();
        assertThat(outcome.state()).isEqualTo(State.FAILED);
        assertThat(outcome.reason()).isEqualTo("invalid_command");
        assertThat(outcome.detail()).startsWith("task_id:");
        Message parked = delivery.receiveFrom(commandsUrl() + "-dlq");
        assertThat(parked.messageAttributes().get("failure_reason").stringValue()).isEqualTo("invalid_command");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private List<String> submitAndDeliver(String json) {
        submitter.submit(CommandJson.parse(json));
        return CommandDelivery.invoke(CommandDelivery.event(delivery.receive(1), 1));
    }

    private static String update(String commandId, String taskId, String fields) {
        return "{\"command_id\":\"" + commandId + "\",\"type\":\"update_task\",\"task_id\":\"" + taskId
                + "\",\"custom_fields\":{" + fields + "}}";
    }

    private String task(String name) {
        return ws().createTask(list.listId(), name).get(0).taskId();
    }

    private int discoveries() {
        return clickUp.count("GET", "/list/" + list.listId() + "/field");
    }

    private Message deadLettered(String commandId) {
        Message parked = delivery.receiveFrom(commandsUrl() + "-dlq");
        assertThat(parked.messageAttributes().get(CommandQueue.COMMAND_ID).stringValue()).isEqualTo(commandId);
        return parked;
    }

    private FakeWorkspace ws() {
        return clickUp.workspace();
    }

    private String commandsUrl() {
        return config.commands().queue().url().orElseThrow();
    }
}
