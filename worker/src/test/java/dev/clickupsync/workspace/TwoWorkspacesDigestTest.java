package dev.clickupsync.workspace;

import dev.clickupsync.testkit.CapturedLogs;
import dev.clickupsync.command.Command;
import dev.clickupsync.command.CommandOutcome;
import dev.clickupsync.command.CommandOutcomes;
import dev.clickupsync.digest.DigestAnswers;
import dev.clickupsync.digest.DigestReport;
import dev.clickupsync.digest.RecordingCommandSubmitter;
import dev.clickupsync.digest.StandupDigest;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeComment;
import dev.clickupsync.testkit.llm.FakeLlm;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.testkit.quarkus.FakeLlmResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.clickupsync.workspace.AcmeWriteBackProfile.ACME_TARGET;
import static dev.clickupsync.workspace.AcmeWriteBackProfile.DEFAULT_LIST;
import static dev.clickupsync.workspace.AcmeWriteBackProfile.DEFAULT_TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The digest of two workspaces in one run (issue #17): facts from dynalite per workspace's scope, the prompt
 * to the fake OpenAI-compatible server, and each comment through the real command path (ElasticMQ, the
 * production {@code CommandProcessor}) to its own workspace's fake ClickUp. Each fake answers only its own
 * token, so a comment sent with the other workspace's token could not land. Each test runs the digest for
 * another day, so its command ids are new (a day's id executes once).
 */
@QuarkusTest
@TestProfile(AcmeWriteBackProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(FakeLlmResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoWorkspacesDigestTest {
    private static final Instant NOW = Instant.now();
    private static boolean seeded;

    @Inject
    StandupDigest digest;
    @Inject
    MirrorStore mirror;
    @Inject
    ListMembership membership;
    @Inject
    RecordingCommandSubmitter submitter;
    @Inject
    CommandOutcomes outcomes;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;
    FakeLlm llm;

    private final CapturedLogs logs = new CapturedLogs("dev.clickupsync");

    private static FakeClickUp acme() {
        return AcmeWorkspaceResource.clickUp();
    }

    @BeforeEach
    void seedOnce() {
        if (!seeded) {
            acme().workspace().createTask(ACME_TARGET, AcmeWorkspaceResource.LIST_ID, "Acme standup");
            put(task("86c0bf101", DEFAULT_LIST, DemoWorkspace.TEAM_ID, "Default side work"));
            put(task("86c0bf201", AcmeWorkspaceResource.LIST_ID, AcmeWorkspaceResource.TEAM_ID, "Acme side work"));
            put(task("86c0bf202", AcmeWorkspaceResource.LIST_ID, AcmeWorkspaceResource.TEAM_ID,
                    "Rotate " + AcmeWorkspaceResource.TOKEN + " now"));
            seeded = true;
        }
        llm.reset();
        llm.answerWith(DigestAnswers::clean);
        submitter.clear();
        logs.start();
    }

    @AfterEach
    void stop() {
        logs.stop();
        acme().clearFaults();
    }

    @Test
    @Order(1)
    void eachWorkspacesDigestIsBuiltFromItsScopeAndPostedThroughItsOwnToken() {
        long acmePosted = metrics.count("DigestOutcome", "Outcome", "posted", "Workspace", "acme");
        long defaultPosted = metrics.count("DigestOutcome", "Outcome", "posted", "Workspace", "default");
        int demoCalls = clickUp.requests().size();

        DigestReport report = digest.run(NOW);

        assertThat(report.scopes()).extracting(DigestReport.ScopeResult::workspace, DigestReport.ScopeResult::scope,
                        DigestReport.ScopeResult::outcome)
                .containsExactly(tuple("default", "list-" + DEFAULT_LIST, DigestReport.Outcome.POSTED),
                        tuple("acme", "list-" + AcmeWorkspaceResource.LIST_ID,
                                DigestReport.Outcome.POSTED));
        assertThat(report.scopes().get(1).commandId()).startsWith("digest:acme:list-" + AcmeWorkspaceResource.LIST_ID + ":");
        assertThat(submitter.submitted()).extracting(Command::workspace, Command::taskId)
                .containsExactly(tuple("default", DEFAULT_TARGET),
                        tuple("acme", ACME_TARGET));
        assertThat(llm.requests()).hasSize(2);
        assertThat(llm.requests().get(1).promptText()).as("acme's prompt holds acme's facts only")
                .contains("86c0bf201", "Rotate [redacted] now").doesNotContain("86c0bf101");
        assertThat(llm.requests()).as("acme's token is a configured secret too").noneMatch(r -> r.body().contains(
                AcmeWorkspaceResource.TOKEN) || r.body().contains(AcmeWorkspaceResource.WEBHOOK_SECRET));

        assertThat(digestComments(acme(), ACME_TARGET, AcmeWorkspaceResource.LIST_ID)).hasSize(1);
        assertThat(digestComments(clickUp, DEFAULT_TARGET, DEFAULT_LIST)).hasSize(1);
        assertThat(acme().requests()).filteredOn(r -> r.path().endsWith("/task/" + ACME_TARGET + "/comment"))
                .singleElement().satisfies(r -> assertThat(r.authorization()).isEqualTo("token"));
        assertThat(clickUp.requests().subList(demoCalls, clickUp.requests().size())).as("acme's comment never asked of default's ClickUp")
                .noneMatch(r -> r.path().contains(ACME_TARGET));
        assertThat(acme().requests()).noneMatch(r -> r.path().contains(DEFAULT_TARGET));
        assertThat(metrics.count("DigestOutcome", "Outcome", "posted", "Workspace", "acme") - acmePosted).isEqualTo(1);
        assertThat(metrics.count("DigestOutcome", "Outcome", "posted", "Workspace", "default") - defaultPosted).isEqualTo(1);
        assertThat(logs.lines()).anyMatch(l -> l.contains("digest submitted") && l.contains("workspace=acme"))
                .noneMatch(l -> l.contains(AcmeWorkspaceResource.TOKEN) || l.contains(clickUp.token()));
    }

    @Test
    @Order(2)
    void acmesRevokedTokenStopsOnlyAcmesCommentDefaultsIsPostedAndTheReasonIsCountedForAcme() {
        Instant day = NOW.plus(Duration.ofDays(1));
        acme().faults().failNext(10, 401, "/comment", "{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}");
        long rejected = metrics.count("WorkspaceTokenRejected", "Workspace", "acme");
        long failed = metrics.count("CommandFailed", "Reason", "clickup_authentication");

        DigestReport report = digest.run(day);

        assertThat(report.scopes()).extracting(DigestReport.ScopeResult::outcome).as("both digests were built and submitted")
                .containsOnly(DigestReport.Outcome.POSTED);
        assertThat(digestComments(clickUp, DEFAULT_TARGET, DEFAULT_LIST)).as("default's digest of the day still written")
                .hasSize(2);
        assertThat(digestComments(acme(), ACME_TARGET, AcmeWorkspaceResource.LIST_ID)).as("acme's refused").hasSize(1);
        String acmeId = report.scopes().get(1).commandId();
        CommandOutcome acmeOutcome = outcomes.find(acmeId).orElseThrow();
        assertThat(acmeOutcome.state()).as("failed for now: retried until its last receive").isEqualTo(CommandOutcome.State.QUEUED);
        assertThat(acmeOutcome.reason()).isEqualTo("clickup_authentication");
        assertThat(outcomes.find(report.scopes().get(0).commandId()).orElseThrow().state()).isEqualTo(CommandOutcome.State.SUCCEEDED);
        assertThat(metrics.count("WorkspaceTokenRejected", "Workspace", "acme") - rejected).isEqualTo(1);
        assertThat(metrics.count("WorkspaceTokenRejected", "Workspace", "default")).isZero();
        assertThat(metrics.count("CommandFailed", "Reason", "clickup_authentication") - failed).isEqualTo(1);
        assertThat(logs.lines()).filteredOn(l -> l.contains("command failed") && l.contains("reason=clickup_authentication"))
                .singleElement().asString().contains("workspace=acme", "command_id=" + acmeId);
        assertThat(logs.lines()).noneMatch(l -> l.contains(AcmeWorkspaceResource.TOKEN) || l.contains(clickUp.token()));
    }

    @Test
    @Order(3)
    void acmesSpentBudgetDefersOnlyAcmesCommentWhileDefaultsIsWritten() {
        Instant day = NOW.plus(Duration.ofDays(2));
        // Acme's ClickUp refuses once and says its window resets in six seconds: acme's budget cell waits till then.
        // The reset must lie well beyond the budget's max-wait (2 s) when the client's retry asks for a slot: with
        // a 2 s window a retry delayed by a loaded machine found the cell almost open, waited, and posted (CI flake).
        acme().setRateLimit(100, Duration.ofSeconds(6));
        acme().faults().failNext(1, 429, "/comment");
        try {
            DigestReport report = digest.run(day);

            assertThat(report.scopes()).extracting(DigestReport.ScopeResult::outcome).containsOnly(DigestReport.Outcome.POSTED);
            assertThat(digestComments(clickUp, DEFAULT_TARGET, DEFAULT_LIST)).as("default's digest of the day written")
                    .hasSize(3);
            assertThat(outcomes.find(report.scopes().get(0).commandId()).orElseThrow().state())
                    .isEqualTo(CommandOutcome.State.SUCCEEDED);
            CommandOutcome acmeOutcome = outcomes.find(report.scopes().get(1).commandId()).orElseThrow();
            assertThat(acmeOutcome.state()).as("put off, not failed: it posts once acme's window opens")
                    .isEqualTo(CommandOutcome.State.QUEUED);
            assertThat(acmeOutcome.reason()).startsWith("deferred_");
            assertThat(acmeOutcome.deferrals()).isEqualTo(1);
        } finally {
            acme().setRateLimit(100, Duration.ofMinutes(1));
            // The 429's reset holds acme's shared budget cell for about six seconds; the other classes of
            // this profile (TwoWorkspacesCommandsTest) share the cell and must start from a free one.
            sleep(Duration.ofSeconds(7));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<FakeComment> digestComments(FakeClickUp fake, String taskId, String list) {
        return fake.workspace().comments(taskId).stream().filter(c -> c.text().startsWith("Standup digest for list " + list))
                .toList();
    }

    private void put(TaskSnapshot snapshot) {
        assertThat(mirror.upsert(snapshot)).isEqualTo(MirrorStore.Write.APPLIED);
        membership.add(snapshot.listId(), List.of(snapshot.id()));
    }

    /** A task in progress (status type {@code custom}): a fact of every day's digest. */
    private static TaskSnapshot task(String id, String list, String team, String name) {
        Instant updated = NOW.minus(Duration.ofHours(2));
        return new TaskSnapshot(id, null, name, "in progress", "custom", "high", "2", List.of(new TaskSnapshot.Person(183, "ada")),
                List.of(), list, "f1", "s1", team, null, updated.minus(Duration.ofDays(10)), updated, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }
}
