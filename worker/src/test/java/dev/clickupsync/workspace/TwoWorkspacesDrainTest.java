package dev.clickupsync.workspace;

import dev.clickupsync.budget.BudgetExhaustedException;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two workspaces on two tokens in one drain (issue #17): the demo workspace ({@code default}, the fake
 * ClickUp of the embedded stack) and "acme" (a second fake ClickUp with its own token, one
 * {@code sync.workspaces.acme.*} entry). Each fake answers only its own token, so an event drained with the
 * wrong workspace's client could not succeed. Own profile: the last test spends acme's budget for a window.
 */
@QuarkusTest
@TestProfile(TwoWorkspacesDrainTest.TwoWorkspaces.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoWorkspacesDrainTest {

    public static class TwoWorkspaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.webhook-lifecycle.team-id", DemoWorkspace.TEAM_ID);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AcmeWorkspaceResource.class));
        }
    }

    @Inject
    DrainProcessor processor;
    @Inject
    ClickUpClients clients;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    HierarchyStore hierarchy;

    FakeClickUp clickUp;

    private static FakeClickUp acme() {
        return AcmeWorkspaceResource.clickUp();
    }

    private static QueuedEvent message(WebhookDelivery delivery, String workspace) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(EventEnvelope.EVENT, delivery.event());
        attributes.put(EventEnvelope.WEBHOOK_ID, delivery.webhookId());
        if (workspace != null) {
            attributes.put(EventEnvelope.WORKSPACE, workspace);
        }
        return new QueuedEvent(UUID.randomUUID().toString(), delivery.bodyString(), attributes, 1);
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    private String name(String taskId) {
        return mirror.find(taskId).map(TaskSnapshot::name).orElse(null);
    }

    @Test
    @Order(1)
    void eachWorkspacesClientCallsItsOwnClickUpWithItsOwnToken() {
        acme().workspace().createTask("86c0bb001", AcmeWorkspaceResource.LIST_ID, "Acme onboarding");
        ClickUpClient acmeClient = clients.forWorkspace("acme").orElseThrow();

        assertThat(acmeClient.task("86c0bb001").name()).isEqualTo("Acme onboarding");
        RecordedRequest sent = acme().requests().get(acme().requests().size() - 1);
        assertThat(sent.authorization()).as("the fake answers only acme's token: the call succeeded with it").isEqualTo("token");
        assertThat(clients.forWorkspace("default").orElseThrow().task(DemoWorkspace.TASK_LOGIN_BUG).name())
                .isEqualTo("Fix login bug");
        assertThat(clients.forTeam(AcmeWorkspaceResource.TEAM_ID)).containsSame(acmeClient);
        assertThat(clients.forWorkspace("nobody")).isEmpty();
    }

    @Test
    @Order(2)
    void twoWorkspacesDrainSideBySideInOneBatchEachThroughItsOwnToken() {
        WebhookDelivery demo = clickUp.workspace().updateTask(DemoWorkspace.TASK_RELEASE_NOTES, c -> c.name("Demo side")).get(0);
        WebhookDelivery byAttribute = acme().workspace().createTask("86c0bb002", AcmeWorkspaceResource.LIST_ID, "Acme by attribute").get(0);
        WebhookDelivery byWebhookId = acme().workspace().createTask("86c0bb003", AcmeWorkspaceResource.LIST_ID, "Acme by webhook id").get(0);
        int demoCalls = clickUp.requests().size();

        List<String> retry = processor.process(List.of(message(demo, "default"), message(byAttribute, "acme"),
                message(byWebhookId, null)), deadline());

        assertThat(retry).isEmpty();
        assertThat(name(DemoWorkspace.TASK_RELEASE_NOTES)).isEqualTo("Demo side");
        assertThat(name("86c0bb002")).isEqualTo("Acme by attribute");
        assertThat(name("86c0bb003")).as("routed by its configured webhook id").isEqualTo("Acme by webhook id");
        assertThat(clickUp.requests().subList(demoCalls, clickUp.requests().size()))
                .as("acme's tasks never asked of the demo workspace's ClickUp")
                .noneMatch(r -> r.path().contains("86c0bb"));
    }

    /** ClickUp's space JSON names no workspace: the drain files a new space under the team of the event's workspace. */
    @Test
    @Order(2)
    void aSpaceCreatedInAcmeIsFiledUnderAcmesTeamNeverTheDefaultOnes() {
        WebhookDelivery created = acme().workspace().createSpace("90c0bb001", "Acme space").get(0);

        assertThat(processor.process(List.of(message(created, "acme")), deadline())).isEmpty();

        assertThat(hierarchy.children(HierarchyStore.Partitions.spacesOf(AcmeWorkspaceResource.TEAM_ID)))
                .extracting(HierarchyStore.Link::id).contains("90c0bb001");
        assertThat(hierarchy.children(HierarchyStore.Partitions.spacesOf(DemoWorkspace.TEAM_ID)))
                .as("the default workspace's pass would ask for it with the default token")
                .extracting(HierarchyStore.Link::id).doesNotContain("90c0bb001");
    }

    @Test
    @Order(3)
    void anEventOfAnUnknownWebhookGoesToTheDlqWithItsReasonAtOnce() {
        WebhookDelivery delivery = acme().workspace().createTask("86c0bb004", AcmeWorkspaceResource.LIST_ID, "Stray").get(0);
        String body = delivery.bodyString().replace(AcmeWorkspaceResource.WEBHOOK_ID, "0f0f0f0f-1111-4222-8333-444455556666");
        QueuedEvent stray = new QueuedEvent(UUID.randomUUID().toString(), body,
                Map.of(EventEnvelope.EVENT, delivery.event()), 1);
        long failed = metrics.count("DrainFailed", "Reason", "unknown_workspace");
        int acmeCalls = acme().requests().size();

        List<String> retry = processor.process(List.of(stray), deadline());

        assertThat(retry).as("parked, so acknowledged").isEmpty();
        assertThat(metrics.count("DrainFailed", "Reason", "unknown_workspace") - failed).isEqualTo(1);
        assertThat(acme().requests()).as("no token guessed, no call").hasSize(acmeCalls);
        String dlq = config.queue().url() + "-dlq";
        List<Message> parked = sqs.receiveMessage(b -> b.queueUrl(dlq).messageAttributeNames("All").waitTimeSeconds(1)).messages();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).body()).isEqualTo(body);
        assertThat(parked.get(0).messageAttributes().get("failure_reason").stringValue()).isEqualTo("unknown_workspace");
        sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(parked.get(0).receiptHandle()));
        assertThat(name("86c0bb004")).isNull();
    }

    @Test
    @Order(4)
    void aRevokedTokenStopsOnlyItsWorkspaceWhileTheOtherKeepsDraining() {
        WebhookDelivery acme1 = acme().workspace().createTask("86c0bb005", AcmeWorkspaceResource.LIST_ID, "Acme one").get(0);
        WebhookDelivery acme2 = acme().workspace().createTask("86c0bb006", AcmeWorkspaceResource.LIST_ID, "Acme two").get(0);
        WebhookDelivery demo = clickUp.workspace().updateTask(DemoWorkspace.TASK_SHIP_V1, c -> c.name("Still draining")).get(0);
        acme().faults().failNext(10, 401, "/task/", "{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}");
        long rejected = metrics.count("WorkspaceTokenRejected", "Workspace", "acme");
        int acmeCalls = acme().requests().size();
        QueuedEvent first = message(acme1, "acme");
        QueuedEvent second = message(acme2, "acme");

        List<String> retry = processor.process(List.of(first, message(demo, "default"), second), deadline());

        assertThat(retry).as("acme's events come back (and, after their receives, park as clickup_authentication)")
                .containsExactlyInAnyOrder(first.messageId(), second.messageId());
        assertThat(name(DemoWorkspace.TASK_SHIP_V1)).isEqualTo("Still draining");
        assertThat(metrics.count("WorkspaceTokenRejected", "Workspace", "acme") - rejected).isEqualTo(1);
        assertThat(metrics.count("WorkspaceTokenRejected", "Workspace", "default")).isZero();
        assertThat(acme().requests().size() - acmeCalls).as("no second call with a rejected token").isEqualTo(1);
        acme().clearFaults();
    }

    @Test
    @Order(5)
    void spendingOneWorkspacesBudgetDefersOnlyItsEventsAndNeverSlowsTheOther() {
        WebhookDelivery acmeEvent = acme().workspace().createTask("86c0bb007", AcmeWorkspaceResource.LIST_ID, "Acme waits").get(0);
        WebhookDelivery demo = clickUp.workspace().updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name("Not slowed")).get(0);
        // Acme's ClickUp: no more calls for ten minutes (its budget is pushed a window out).
        acme().setRateLimit(100, Duration.ofMinutes(10));
        acme().faults().failNext(1, 429, "/task/");
        long deferred = metrics.count("DrainDeferred", "Reason", "budget")
                + metrics.count("DrainDeferred", "Reason", "clickup_rate_limited");

        long started = System.nanoTime();
        List<String> retry = processor.process(List.of(message(acmeEvent, "acme"), message(demo, "default")), deadline());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(retry).as("deferred is acknowledged, not failed").isEmpty();
        assertThat(name(DemoWorkspace.TASK_LOGIN_BUG)).as("applied in the same batch").isEqualTo("Not slowed");
        assertThat(name("86c0bb007")).isNull();
        assertThat(metrics.count("DrainDeferred", "Reason", "budget")
                + metrics.count("DrainDeferred", "Reason", "clickup_rate_limited") - deferred).isEqualTo(1);
        assertThat(took).as("nobody waited out acme's window").isLessThan(Duration.ofSeconds(20));
        assertThatThrownBy(() -> clients.forWorkspace("acme").orElseThrow().task("86c0bb007"))
                .isInstanceOf(BudgetExhaustedException.class);
        assertThat(clients.forWorkspace("default").orElseThrow().task(DemoWorkspace.TASK_LOGIN_BUG).name())
                .isEqualTo("Not slowed");
    }
}
