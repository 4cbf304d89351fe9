package dev.clickupsync.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.clickupsync.command.Command;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.reconcile.ListMembership;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeComment;
import dev.clickupsync.testkit.llm.FakeLlm;
import dev.clickupsync.testkit.llm.LlmRequest;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.testkit.quarkus.FakeLlmResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.clickupsync.digest.DigestProfile.BUSY_LIST;
import static dev.clickupsync.digest.DigestProfile.BUSY_TARGET;
import static dev.clickupsync.digest.DigestProfile.EMPTY_LIST;
import static dev.clickupsync.digest.DigestProfile.OTHER_LIST;
import static dev.clickupsync.digest.DigestProfile.SECOND_LIST;
import static dev.clickupsync.digest.DigestProfile.SECOND_TARGET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest Lambda end to end: the sample EventBridge scheduled event in (the mock event server
 * plays the Lambda runtime, {@code quarkus.lambda.handler=digest}), facts read from dynalite,
 * the prompt sent to the fake OpenAI-compatible server, the comment submitted through the command
 * path's test stand-in ({@link RecordingCommandSubmitter}), which posts it to the fake ClickUp.
 */
@QuarkusTest
@TestProfile(DigestProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@QuarkusTestResource(FakeLlmResource.class)
class DigestHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static boolean seeded;

    @Inject
    MirrorStore mirror;
    @Inject
    ListMembership membership;
    @Inject
    TransitionStore transitions;
    @Inject
    RecordingCommandSubmitter submitter;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;
    FakeLlm llm;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(new SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void seedOnceAndReset() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
        if (!seeded) {
            seed();
            seeded = true;
        }
        llm.reset();
        submitter.clear();
        Logger.getLogger("dev.clickupsync").addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("dev.clickupsync").removeHandler(capture);
    }

    /**
     * The busy list holds tasks inside and outside the window; other lists, a task that moved away,
     * a deleted one and a closed one must stay out of its prompt.
     */
    private void seed() {
        put(task("dg-review", BUSY_LIST, "Fix login redirect", "review", "custom", hours(2), null, List.of()),
                BUSY_LIST);
        transitions.record(new Transition("dg-review", "h-old", "open", "open", "to do", "open", NOW.minus(Duration.ofDays(3)), 183L));
        transitions.record(new Transition("dg-review", "h-new", "to do", "open", "review", "custom", NOW.minus(Duration.ofHours(2)), 183L));
        put(task("dg-blocked", BUSY_LIST, "Migrate billing", "blocked", "custom", Duration.ofDays(5), null, List.of()), BUSY_LIST);
        put(task("dg-overdue", BUSY_LIST, "Renew certificate", "to do", "open", Duration.ofDays(4),
                NOW.minus(Duration.ofDays(2)), List.of()), BUSY_LIST);
        put(task("dg-secret", BUSY_LIST, "Rotate " + clickUp.token() + " and " + FakeLlmResource.API_KEY + " today",
                "to do", "open", hours(1), null, List.of()), BUSY_LIST);
        // out of the window or of the scope
        put(task("dg-closed", BUSY_LIST, "Old closed task", "complete", "closed", Duration.ofDays(3), null, List.of()), BUSY_LIST);
        put(task("dg-idle", BUSY_LIST, "Idle open task", "to do", "open", Duration.ofDays(3), null, List.of()), BUSY_LIST);
        put(task("dg-otherlist", OTHER_LIST, "Other list task", "review", "custom", hours(1), null, List.of()), OTHER_LIST);
        put(task("dg-moved", OTHER_LIST, "Moved away task", "review", "custom", hours(1), null, List.of()), OTHER_LIST);
        membership.add(BUSY_LIST, List.of("dg-moved")); // stale membership: the snapshot's list wins
        put(task("dg-deleted", BUSY_LIST, "Deleted task", "review", "custom", hours(1), null, List.of()), BUSY_LIST);
        mirror.tombstone("dg-deleted", NOW.minus(Duration.ofMinutes(30)));
        put(task("dg-second", SECOND_LIST, "Write release notes", "in progress", "custom", hours(3), null, List.of()),
                SECOND_LIST);
    }

    @Test
    void thePromptHoldsExactlyTheMirrorFactsOfTheWindowAndTheCommentIsSubmittedOncePerDay() throws Exception {
        JsonNode report = invoke();

        JsonNode busy = scope(report, BUSY_LIST);
        String expectedId = "digest:list-" + BUSY_LIST + ":"
                + LocalDate.ofInstant(Instant.parse(report.path("started_at").asText()), ZoneOffset.UTC) + ":"
                + DigestPrompt.PROMPT_VERSION;
        assertThat(busy.path("outcome").asText()).as(report.toString()).isEqualTo("POSTED");
        assertThat(busy.path("command_id").asText()).isEqualTo(expectedId);
        assertThat(busy.path("tasks").asInt()).isEqualTo(4);
        assertThat(scope(report, EMPTY_LIST).path("outcome").asText()).as("nothing in the window: no call").isEqualTo("EMPTY");
        assertThat(llm.requests()).as("one call per scope with facts").hasSize(2);

        LlmRequest request = requestFor(BUSY_LIST);
        String prompt = request.promptText();
        assertThat(request.model()).isEqualTo(FakeLlmResource.MODEL);
        assertThat(request.authorization()).isEqualTo("bearer");
        assertThat(request.keyAccepted()).isTrue();
        assertThat(taskIds(prompt)).containsExactly("dg-review", "dg-secret", "dg-blocked", "dg-overdue");
        assertThat(prompt).contains("id=dg-review name=\"Fix login redirect\" status=\"review\"",
                        "flags=[changed, in_progress]", "transition: \"to do\" -> \"review\"",
                        "id=dg-blocked name=\"Migrate billing\" status=\"blocked\"", "flags=[blocked]",
                        "due=" + LocalDate.ofInstant(NOW.minus(Duration.ofDays(2)), ZoneOffset.UTC), "flags=[overdue]",
                        "assignees=[ada]", "priority=high")
                .doesNotContain("\"open\" -> \"to do\"", "dg-closed", "dg-idle", "dg-otherlist", "dg-moved", "dg-deleted",
                        "dg-second", "Other list task", "Moved away task", "customer-secret-field-value");
        assertThat(prompt).as("secrets masked").contains("Rotate [redacted] and [redacted] today")
                .doesNotContain(clickUp.token(), FakeLlmResource.API_KEY);
        assertThat(request.body()).doesNotContain(clickUp.token(), FakeLlmResource.API_KEY);

        List<Command> first = submitter.submitted().stream().filter(c -> c.taskId().equals(BUSY_TARGET)).toList();
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.commandId()).isEqualTo(expectedId);
            assertThat(c.type()).isEqualTo(Command.Type.COMMENT);
            assertThat(c.comment()).contains("Standup summary from " + FakeLlmResource.MODEL, "prompt " + DigestPrompt.PROMPT_VERSION);
        });
        List<FakeComment> posted = clickUp.workspace().comments(BUSY_TARGET).stream()
                .filter(c -> c.text().startsWith("Standup digest for list " + BUSY_LIST)).toList();
        assertThat(posted).hasSize(1);

        // a retried / second run the same day submits the same command id: the command path posts it once
        JsonNode again = invoke();
        assertThat(scope(again, BUSY_LIST).path("command_id").asText()).isEqualTo(expectedId);
        assertThat(submitter.submitted().stream().filter(c -> c.taskId().equals(BUSY_TARGET)).map(Command::commandId))
                .containsExactly(expectedId, expectedId);
        assertThat(clickUp.workspace().comments(BUSY_TARGET).stream()
                .filter(c -> c.text().startsWith("Standup digest for list " + BUSY_LIST))).hasSize(1);

        assertThat(logLines).isNotEmpty().noneMatch(l -> l.contains(FakeLlmResource.API_KEY) || l.contains(clickUp.token()));
    }

    @Test
    void tokenUsageModelAndLatencyAreRecordedAsTheProviderReportedThem() throws Exception {
        long promptBefore = metrics.count("DigestPromptTokens", "Model", FakeLlmResource.MODEL, "PromptVersion", DigestPrompt.PROMPT_VERSION);
        long completionBefore = metrics.count("DigestCompletionTokens", "Model", FakeLlmResource.MODEL,
                "PromptVersion", DigestPrompt.PROMPT_VERSION);
        llm.reply("Changed: Fix login redirect [dg-review].", "In progress: Write release notes [dg-second].");

        JsonNode report = invoke();

        long promptTokens = llm.requests().stream().mapToLong(r -> FakeLlm.tokens(r.promptText())).sum();
        JsonNode busy = scope(report, BUSY_LIST);
        assertThat(busy.path("prompt_tokens").asLong()).isEqualTo(FakeLlm.tokens(requestFor(BUSY_LIST).promptText()));
        assertThat(busy.path("completion_tokens").asLong()).isEqualTo(FakeLlm.tokens("Changed: Fix login redirect [dg-review]."));
        assertThat(busy.path("model").asText()).isEqualTo(FakeLlmResource.MODEL);
        assertThat(busy.path("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(busy.path("prompt_characters").asInt()).isGreaterThan(200);
        assertThat(report.path("prompt_version").asText()).isEqualTo(DigestPrompt.PROMPT_VERSION);
        assertThat(metrics.count("DigestPromptTokens", "Model", FakeLlmResource.MODEL, "PromptVersion", DigestPrompt.PROMPT_VERSION)
                - promptBefore).isEqualTo(promptTokens);
        assertThat(metrics.count("DigestCompletionTokens", "Model", FakeLlmResource.MODEL, "PromptVersion",
                DigestPrompt.PROMPT_VERSION) - completionBefore)
                .isEqualTo(FakeLlm.tokens("Changed: Fix login redirect [dg-review].")
                        + FakeLlm.tokens("In progress: Write release notes [dg-second]."));
    }

    @Test
    void anLlmServerErrorSubmitsNothingForThatScopeAndTheNextRunPostsIt() throws Exception {
        failsThenRecovers(f -> f.failNext(1, 500), "llm_server_error");
    }

    @Test
    void anLlmRateLimitSubmitsNothingAndTheNextRunPostsIt() throws Exception {
        failsThenRecovers(f -> f.failNext(1, 429), "llm_rate_limited");
    }

    @Test
    void anLlmTimeoutSubmitsNothingAndTheNextRunPostsIt() throws Exception {
        failsThenRecovers(f -> f.slowNext(1, Duration.ofSeconds(3)), "llm_timeout");
    }

    @Test
    void aMalformedLlmAnswerSubmitsNothingAndTheNextRunPostsIt() throws Exception {
        failsThenRecovers(f -> f.malformedNext(1), "llm_malformed");
    }

    /** The busy scope is asked first and answered; the fault hits the second scope's call only. */
    private void failsThenRecovers(Consumer<dev.clickupsync.testkit.llm.LlmFaults> fault, String reason) throws Exception {
        long failedBefore = metrics.count("DigestFailed", "Reason", reason);
        llm.faults().slowNext(1, Duration.ZERO);
        fault.accept(llm.faults());

        JsonNode report = invoke();

        assertThat(scope(report, BUSY_LIST).path("outcome").asText()).as("scopes are independent").isEqualTo("POSTED");
        JsonNode second = scope(report, SECOND_LIST);
        assertThat(second.path("outcome").asText()).as(report.toString()).isEqualTo("FAILED");
        assertThat(second.path("reason").asText()).isEqualTo(reason);
        assertThat(submitter.submitted()).as("nothing submitted for the failed scope")
                .noneMatch(c -> c.taskId().equals(SECOND_TARGET));
        assertThat(metrics.count("DigestFailed", "Reason", reason) - failedBefore).isEqualTo(1);
        assertThat(logLines.stream().filter(l -> l.contains("digest not posted") && l.contains(reason))).hasSize(1);

        JsonNode next = invoke();

        JsonNode retried = scope(next, SECOND_LIST);
        assertThat(retried.path("outcome").asText()).as(next.toString()).isEqualTo("POSTED");
        assertThat(submitter.submitted().stream().filter(c -> c.taskId().equals(SECOND_TARGET)).map(Command::commandId))
                .containsExactly(retried.path("command_id").asText());
        assertThat(clickUp.workspace().comments(SECOND_TARGET).stream()
                .filter(c -> c.text().startsWith("Standup digest for list " + SECOND_LIST))).hasSize(1);
    }

    private JsonNode invoke() throws Exception {
        String event = Files.readString(Path.of("../events/scheduled.json"));
        String body = given().contentType("application/json").body(event).post().then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private static JsonNode scope(JsonNode report, String list) {
        for (JsonNode s : report.path("scopes")) {
            if (s.path("scope").asText().equals("list-" + list)) {
                return s;
            }
        }
        throw new AssertionError("no scope " + list + " in " + report);
    }

    private LlmRequest requestFor(String list) {
        return llm.requests().stream().filter(r -> r.promptText().contains("Scope: list " + list + "\n")).findFirst()
                .orElseThrow(() -> new AssertionError("no prompt for " + list));
    }

    private static List<String> taskIds(String prompt) {
        return prompt.lines().filter(l -> l.startsWith("- id=")).map(l -> l.substring(5, l.indexOf(" ", 5))).toList();
    }

    private void put(TaskSnapshot snapshot, String list) {
        assertThat(mirror.upsert(snapshot)).isEqualTo(MirrorStore.Write.APPLIED);
        membership.add(list, List.of(snapshot.id()));
    }

    private static Duration hours(int h) {
        return Duration.ofHours(h);
    }

    private static TaskSnapshot task(String id, String list, String name, String status, String type, Duration age,
                                     Instant due, List<String> tags) {
        Instant updated = NOW.minus(age);
        Instant closed = "closed".equals(type) ? updated : null;
        return new TaskSnapshot(id, null, name, status, type, "high", "2", List.of(new TaskSnapshot.Person(183, "ada")), tags,
                list, "f1", "s1", "9012345", null, updated.minus(Duration.ofDays(10)), updated, closed, null, due, null, null,
                null, null, List.of(new TaskSnapshot.FieldValue("cf1", "API token", "short_text",
                TextNode.valueOf("customer-secret-field-value"))), false, false, null);
    }
}
