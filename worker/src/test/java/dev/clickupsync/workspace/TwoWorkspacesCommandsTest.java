package dev.clickupsync.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.clickupsync.command.Command;
import dev.clickupsync.command.CommandJson;
import dev.clickupsync.command.CommandOutcome;
import dev.clickupsync.command.CommandOutcomes;
import dev.clickupsync.command.CommandProcessor;
import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.command.InvalidCommandException;
import dev.clickupsync.digest.RecordingCommandSubmitter;
import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeCustomField;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands in a deployment of two workspaces (issue #17): which workspace a command runs in (named, or the
 * one the mirror says owns its task or list, else {@code default}), refused at submit when it names none,
 * and executed through that workspace's client only: commands submitted through the real
 * {@link CommandQueue} into ElasticMQ and run by the production {@link CommandProcessor}
 * ({@link RecordingCommandSubmitter}) against two fake ClickUps over HTTP, each answering only its own token.
 */
@QuarkusTest
@TestProfile(AcmeWriteBackProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class TwoWorkspacesCommandsTest {
    @Inject
    RecordingCommandSubmitter submitter;
    @Inject
    CommandQueue queue;
    @Inject
    CommandProcessor processor;
    @Inject
    CommandOutcomes outcomes;
    @Inject
    MirrorStore mirror;
    @Inject
    HierarchyStore hierarchy;
    @Inject
    ClickUpClients clients;
    @Inject
    Metrics metrics;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    FakeClickUp clickUp;

    private static FakeClickUp acme() {
        return AcmeWorkspaceResource.clickUp();
    }

    /** A task in acme's fake, mirrored as acme's ClickUp answers it (so with acme's team id). */
    private void acmeTask(String id, String list, String name) {
        acme().workspace().createTask(id, list, name);
        mirror.upsert(TaskSnapshot.of(clients.forWorkspace("acme").orElseThrow().task(id)));
    }

    @Test
    void aCommentOnATaskTheMirrorKnowsAsAcmesRunsThroughAcmesToken() {
        acmeTask("86c0bf011", AcmeWorkspaceResource.LIST_ID, "Acme task to comment on");
        int demoCalls = clickUp.requests().size();
        Command comment = Command.comment("ws-acme-comment", "86c0bf011", "from a command");

        assertThat(queue.prepare(comment).workspace()).as("unset: the mirror's team id says acme").isEqualTo("acme");
        submitter.submit(comment);

        assertThat(outcomes.find("ws-acme-comment").orElseThrow().state()).isEqualTo(CommandOutcome.State.SUCCEEDED);
        assertThat(acme().workspace().comments("86c0bf011")).extracting(c -> c.text()).containsExactly("from a command");
        assertThat(acme().requests()).filteredOn(r -> r.path().endsWith("/task/86c0bf011/comment")).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("token"));
        assertThat(clickUp.requests().subList(demoCalls, clickUp.requests().size())).as("never sent with default's token")
                .noneMatch(r -> r.path().contains("86c0bf011"));
    }

    @Test
    void aCustomFieldNameOnlyAcmesListHasResolvesInAcmeAndNamingDefaultNeverLendsAcmesToken() {
        String list = "909900200";
        String fieldId = UUID.randomUUID().toString();
        acme().workspace().addList(list, "90990010", "Acme Fields", DemoWorkspace.STATUSES)
                .addCustomField(list, FakeCustomField.text(fieldId, "Acme Ticket"));
        acmeTask("86c0bf012", list, "Acme task with a field");

        submitter.submit(Command.setFields("ws-acme-field", "86c0bf012", Map.of("Acme Ticket", TextNode.valueOf("ACME-7")))
                .inWorkspace("acme"));

        assertThat(outcomes.find("ws-acme-field").orElseThrow().state()).isEqualTo(CommandOutcome.State.SUCCEEDED);
        assertThat(acme().workspace().customValue("86c0bf012", fieldId)).isEqualTo("ACME-7");
        assertThat(acme().count("GET", "/list/" + list + "/field")).as("acme's definitions, read with acme's token").isEqualTo(1);

        // The same change named for default: default's token is asked (and ClickUp there does not know the task).
        int acmeCalls = acme().requests().size();
        submitter.submit(Command.setFields("ws-default-field", "86c0bf012", Map.of("Acme Ticket", TextNode.valueOf("DEF-1")))
                .inWorkspace("default"));

        CommandOutcome refused = outcomes.find("ws-default-field").orElseThrow();
        assertThat(refused.state()).isEqualTo(CommandOutcome.State.FAILED);
        assertThat(refused.reason()).isEqualTo("clickup_not_found");
        assertThat(acme().requests()).as("acme's token not lent to a command of default").hasSize(acmeCalls);
        assertThat(acme().workspace().customValue("86c0bf012", fieldId)).isEqualTo("ACME-7");
    }

    @Test
    void anUnsetWorkspaceIsTheOwnerOfTheTaskOrListTheMirrorKnowsElseDefault() {
        // As the drain stores them: the space with its workspace's team id, the list as ClickUp's JSON (naming its space).
        hierarchy.write(HierarchyKind.SPACE, Json.MAPPER.createObjectNode().put("id", "90990002").put("name", "Acme Ops"),
                AcmeWorkspaceResource.TEAM_ID, Instant.now());
        ObjectNode list = Json.MAPPER.createObjectNode().put("id", "909900300").put("name", "Acme Later");
        list.putObject("space").put("id", "90990002");
        hierarchy.write(HierarchyKind.LIST, list, null, Instant.now());

        assertThat(queue.prepare(Command.createTask("ws-create", "909900300", "New", null)).workspace())
                .as("the list's space's team in the mirror's hierarchy").isEqualTo("acme");
        assertThat(queue.prepare(Command.createTask("ws-create-2", "909900399", "New", null)).workspace())
                .as("a list the mirror has not seen").isEqualTo("default");
        assertThat(queue.prepare(Command.comment("ws-unknown", "86c0bf0ff", "hi")).workspace())
                .as("a task the mirror has not seen").isEqualTo("default");
        assertThat(queue.prepare(Command.comment("ws-demo", DemoWorkspace.TASK_LOGIN_BUG, "hi")).workspace())
                .isEqualTo("default");
        assertThat(queue.prepare(Command.comment("ws-named", "86c0bf0ff", "hi").inWorkspace("acme")).workspace())
                .as("a named workspace wins").isEqualTo("acme");
    }

    @Test
    void aCommandNamingAnUnknownWorkspaceIsRefusedAtSubmitNamingItAndNothingIsQueued() {
        long rejected = metrics.count("CommandRejected", "Reason", "invalid_command");

        assertThatThrownBy(() -> queue.submit(Command.comment("ws-globex", "86c0bf011", "hi").inWorkspace("globex")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("workspace: no workspace 'globex' in this deployment; known: default, acme");

        assertThat(outcomes.find("ws-globex")).as("nothing recorded").isEmpty();
        assertThat(metrics.count("CommandRejected", "Reason", "invalid_command") - rejected).isEqualTo(1);
    }

    @Test
    void aQueuedCommandNamingAWorkspaceThisFunctionLacksIsParkedWithoutAnyCall() {
        String body = CommandJson.write(Command.comment("ws-drift", "86c0bf011", "hi").inWorkspace("globex"));
        int acmeCalls = acme().requests().size();
        int demoCalls = clickUp.requests().size();

        List<String> retry = processor.process(List.of(new QueuedEvent(UUID.randomUUID().toString(), body,
                Map.of(CommandQueue.COMMAND_ID, "ws-drift"), 1)), Instant.now().plus(Duration.ofSeconds(30)));

        assertThat(retry).as("parked, so acknowledged").isEmpty();
        assertThat(outcomes.find("ws-drift").orElseThrow().reason()).isEqualTo("unknown_workspace");
        assertThat(acme().requests()).hasSize(acmeCalls);
        assertThat(clickUp.requests()).hasSize(demoCalls);
        String dlq = config.commands().queue().url().orElseThrow() + "-dlq";
        List<Message> parked = sqs.receiveMessage(b -> b.queueUrl(dlq).messageAttributeNames("All").waitTimeSeconds(1)
                .maxNumberOfMessages(10)).messages();
        assertThat(parked).filteredOn(m -> m.body().equals(body)).singleElement().satisfies(m -> assertThat(
                m.messageAttributes().get("failure_reason").stringValue()).isEqualTo("unknown_workspace"));
        parked.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(m.receiptHandle())));
    }
}
