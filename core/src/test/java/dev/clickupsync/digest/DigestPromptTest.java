package dev.clickupsync.digest;

import dev.clickupsync.mirror.Transition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scope parsing, command ids, masking and the prompt's layout, without a model or a mirror. */
class DigestPromptTest {
    private static final Instant TO = Instant.parse("2026-11-22T08:05:30Z");
    private static final Instant FROM = Instant.parse("2026-11-21T08:05:30Z");
    private static final Redactor REDACTOR = new Redactor(List.of("pk_1_SECRETSECRETSECRET", "short", "hunter2-llm-key"));

    @Test
    void scopesParseListAndSpaceEntriesAndRejectAnythingElseByName() {
        assertThat(DigestScope.parseAll(List.of("list:901200100=86c0aa001", " space:90120001=86c0aa002 ", "")))
                .containsExactly(new DigestScope(DigestScope.Kind.LIST, "901200100", "86c0aa001"),
                        new DigestScope(DigestScope.Kind.SPACE, "90120001", "86c0aa002"));
        assertThatThrownBy(() -> DigestScope.parseAll(List.of("folder:1=2"))).hasMessageContaining("'folder:1=2'");
        assertThatThrownBy(() -> DigestScope.parseAll(List.of("list:1"))).hasMessageContaining("list:<list id>=<task id>");
        assertThatThrownBy(() -> DigestScope.parseAll(List.of("list:1 2=3"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandIdIsTheScopeTheUtcDateAndThePromptVersion() {
        DigestScope scope = new DigestScope(DigestScope.Kind.LIST, "901200100", "86c0aa001");
        String morning = StandupDigest.commandId(scope, Instant.parse("2026-11-22T00:00:01Z"));
        assertThat(morning).isEqualTo("digest:list-901200100:2026-11-22:" + DigestPrompt.PROMPT_VERSION)
                .matches("[A-Za-z0-9._:-]{1,128}");
        assertThat(StandupDigest.commandId(scope, Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo(morning);
        assertThat(StandupDigest.commandId(scope, Instant.parse("2026-11-23T00:00:00Z"))).isNotEqualTo(morning);
        assertThat(StandupDigest.commandId(new DigestScope(DigestScope.Kind.SPACE, "901200100", "x"), TO))
                .startsWith("digest:space-901200100:");
    }

    @Test
    void configuredSecretsAndCredentialShapedTextAreMasked() {
        assertThat(REDACTOR.redact("use pk_1_SECRETSECRETSECRET now")).isEqualTo("use [redacted] now");
        assertThat(REDACTOR.redact("key hunter2-llm-key")).isEqualTo("key [redacted]");
        assertThat(REDACTOR.redact("a short name")).as("too short to be a secret").isEqualTo("a short name");
        assertThat(REDACTOR.redact("pk_81_ABCDEFGH12345678 sk-proj-abcdefghijklmnop Bearer abc.def.ghijk AKIAABCDEFGHIJKLMNOP"))
                .isEqualTo("[redacted] [redacted] [redacted] [redacted]");
        assertThat(REDACTOR.redact("Fix skeleton task-42 (pk_ mention)")).isEqualTo("Fix skeleton task-42 (pk_ mention)");
    }

    @Test
    void thePromptListsOneCleanLinePerTaskMostImportantFirstAndSaysWhatItLeftOut() {
        List<TaskFact> tasks = new ArrayList<>();
        tasks.add(fact("t1", "Ship \"v2\"\nnow pk_1_SECRETSECRETSECRET", true, List.of(new Transition("t1", "h1", null, null,
                "to do", "open", Instant.parse("2026-11-22T07:00:40Z"), 1L))));
        tasks.add(fact("t2", "x".repeat(300), false, List.of()));
        tasks.add(fact("t3", "Third", false, List.of()));
        ScopeFacts facts = new ScopeFacts(new DigestScope(DigestScope.Kind.LIST, "L1", "T"), FROM, TO, List.of("L1"), tasks);

        DigestPrompt prompt = DigestPrompt.of(facts, REDACTOR, 2);

        assertThat(prompt.messages()).extracting(m -> m.role()).containsExactly("system", "user");
        assertThat(prompt.messages().get(0).content()).isEqualTo(DigestPrompt.SYSTEM);
        String user = prompt.messages().get(1).content();
        assertThat(user).startsWith("Scope: list L1\nWindow: 2026-11-21T08:05Z to 2026-11-22T08:05Z (UTC)\nTasks (2 of 3):\n")
                .contains("- id=t1 name=\"Ship 'v2' now [redacted]\" status=\"in progress\" priority=high assignees=[ada, bob]"
                        + " due=2026-11-20 flags=[changed, overdue]\n  transition: \"(created)\" -> \"to do\" at 2026-11-22T07:00Z\n")
                .contains("name=\"" + "x".repeat(DigestPrompt.MAX_TEXT - 1) + "…\"")
                .endsWith("(1 more tasks not listed)\n")
                .doesNotContain("t3", "SECRET");
        assertThat(prompt.tasksListed()).isEqualTo(2);
        assertThat(DigestPrompt.of(new ScopeFacts(new DigestScope(DigestScope.Kind.SPACE, "S1", "T"), FROM, TO, List.of("L1"),
                tasks), REDACTOR, 1).messages().get(1).content()).contains("- id=t1 list=L1 name=");
        assertThat(prompt.characters()).isEqualTo(DigestPrompt.SYSTEM.length() + user.length());
    }

    @Test
    void theCommentNamesScopeWindowModelAndPromptVersionAndBoundsAndMasksTheSummary() {
        ScopeFacts facts = new ScopeFacts(new DigestScope(DigestScope.Kind.SPACE, "S9", "T"), FROM, TO, List.of("L1"),
                List.of(fact("t1", "One", true, List.of())));

        String comment = DigestPrompt.comment(facts, "Echoed hunter2-llm-key " + "y".repeat(20_000), "m-7", REDACTOR);

        assertThat(comment).startsWith("Standup digest for space S9, 2026-11-21T08:05Z to 2026-11-22T08:05Z\n\nEchoed [redacted] y")
                .endsWith("…\n\n(1 tasks from the mirror; model m-7, prompt " + DigestPrompt.PROMPT_VERSION + ")")
                .doesNotContain("hunter2");
        assertThat(comment.length()).isLessThan(DigestPrompt.MAX_SUMMARY + 200);
    }

    private static TaskFact fact(String id, String name, boolean changed, List<Transition> transitions) {
        return new TaskFact(id, "L1", name, "in progress", "high", List.of("ada", "bob"), Instant.parse("2026-11-20T12:00:00Z"),
                TO.minusSeconds(60), changed, false, false, true, transitions);
    }
}
