package dev.clickupsync.digest;

import dev.clickupsync.command.Command;
import dev.clickupsync.command.CommandSubmitter;
import dev.clickupsync.infra.secrets.SecretParameters;
import dev.clickupsync.llm.Completion;
import dev.clickupsync.llm.LlmClient;
import dev.clickupsync.llm.LlmException;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The standup digest: for each configured scope, the mirror's facts for the window, a versioned
 * prompt, one chat completion, the {@link AnswerCheck} of its answer, and one comment command.
 * Scopes are independent: one failing leaves the others alone. The comment is posted as the
 * token's owner, so task text goes to the model as data only ({@link DigestPrompt}) and an answer
 * that fails the check is never posted ({@code DigestFailed{Reason=unsafe_output}}).
 *
 * <p>"Once per run" rests on idempotency, not on bookkeeping here: the command id is
 * {@code digest:<scope>:<UTC date of the run>:<prompt version>}, and the command path executes a
 * command id at most once. A retried or redelivered run on the same day therefore submits the same
 * id and posts nothing new; a failed run submits nothing at all (the model is asked before anything
 * is submitted, and the comment is one command), so the next run posts the day's digest.
 *
 * <p>Workspaces (issue #17): every workspace's scopes ({@code sync.digest.scopes} for {@code default},
 * {@code sync.workspaces.<name>.digest-scopes} for the others) are digested in one run, each workspace
 * on its own: a space scope resolves in that workspace's list registry (its team id), and the comment
 * command names the workspace, so the command path posts it with that workspace's token, budget and
 * breaker ({@code command/CommandProcessor}) and never another's. A workspace whose scopes do not parse,
 * or whose token ClickUp rejects when the comment executes, leaves the others' digests alone; each
 * result, metric ({@code DigestOutcome}/{@code DigestFailed} with {@code Workspace}) and log line names
 * its workspace. Command ids of further workspaces carry the name ({@code digest:<workspace>:<scope>:...}).
 *
 * <p>The {@link CommandSubmitter} is looked up, not injected: the queue-backed implementation lives
 * with the command path, and an application without one reports {@code no_command_path} instead of
 * failing to build.
 */
@ApplicationScoped
public class StandupDigest {
    private static final Logger LOG = Logger.getLogger(StandupDigest.class);
    /** The {@code DigestFailed} reason of an answer {@link AnswerCheck} rejected. */
    static final String UNSAFE_OUTPUT = "unsafe_output";

    private final DigestConfig config;
    private final MirrorFacts facts;
    private final LlmClient llm;
    private final Instance<CommandSubmitter> submitters;
    private final Metrics metrics;
    private final Redactor redactor;
    private final Workspaces workspaces;

    @Inject
    public StandupDigest(DigestConfig config, MirrorFacts facts, LlmClient llm, Instance<CommandSubmitter> submitters,
                         Metrics metrics, Config settings, Workspaces workspaces) {
        this.config = config;
        this.workspaces = workspaces;
        this.facts = facts;
        this.llm = llm;
        this.submitters = submitters;
        this.metrics = metrics;
        // every workspace's token and webhook secrets too: a task may carry any of them into a prompt
        List<String> secrets = new ArrayList<>(SecretParameters.SECRET_KEYS.stream()
                .map(key -> settings.getOptionalValue(key, String.class).orElse(null)).toList());
        workspaces.all().forEach(w -> {
            w.token().ifPresent(secrets::add);
            secrets.addAll(w.webhookSecrets());
        });
        this.redactor = new Redactor(secrets);
    }

    /** One run at {@code now}: every workspace's scopes once. */
    public DigestReport run(Instant now) {
        List<DigestReport.ScopeResult> results = new ArrayList<>();
        for (Workspace workspace : workspaces.all()) {
            results.addAll(runWorkspace(workspace, now));
        }
        return new DigestReport(now, DigestPrompt.PROMPT_VERSION, results);
    }

    /** One workspace's scopes; a configuration error fails this workspace only. */
    private List<DigestReport.ScopeResult> runWorkspace(Workspace workspace, Instant now) {
        String key = workspace.isDefault() ? "sync.digest.scopes" : "sync.workspaces." + workspace.name() + ".digest-scopes";
        List<DigestScope> scopes;
        try {
            scopes = DigestScope.parseAll(workspace.digestScopes(), key);
        } catch (IllegalArgumentException e) {
            failed(workspace.name(), "all", "config", e.getMessage());
            return List.of(new DigestReport.ScopeResult(workspace.name(), "all", null, null, DigestReport.Outcome.FAILED,
                    "config", 0, llm.model(), 0, 0, 0, 0));
        }
        // sync.digest.team-id came first; the default workspace's team id is the same workspace
        Optional<String> team = workspace.isDefault() ? config.teamId().or(workspace::teamId) : workspace.teamId();
        List<DigestReport.ScopeResult> results = new ArrayList<>();
        for (DigestScope scope : scopes) {
            results.add(runScope(workspace.name(), team, scope, now));
        }
        return results;
    }

    /** {@code digest:list-901200100:2026-11-22:standup-v1}; further workspaces {@code digest:acme:list-...}. */
    static String commandId(String workspace, DigestScope scope, Instant now) {
        return "digest:" + (Workspace.DEFAULT.equals(workspace) ? "" : workspace + ":") + scope.key() + ":"
                + LocalDate.ofInstant(now, ZoneOffset.UTC) + ":" + DigestPrompt.PROMPT_VERSION;
    }

    private DigestReport.ScopeResult runScope(String workspace, Optional<String> team, DigestScope scope, Instant now) {
        String commandId = commandId(workspace, scope, now);
        String stage = "command_path";
        int tasks = 0;
        int characters = 0;
        try {
            if (!submitters.isResolvable() || !submitters.get().available()) {
                return failure(workspace, scope, commandId, "no_command_path",
                        "no command path here (no CommandSubmitter, or sync.commands.queue.url unset)", tasks, 0);
            }
            stage = "mirror";
            ScopeFacts scopeFacts = facts.read(scope, team, now.minus(config.window()), now);
            tasks = scopeFacts.tasks().size();
            if (tasks == 0) {
                metrics.increment("DigestOutcome", "Outcome", "empty", "Workspace", workspace);
                StructuredLog.log(LOG, Logger.Level.INFO, "digest skipped: nothing in the window", "workspace", workspace,
                        "scope", scope.key());
                return result(workspace, scope, commandId, DigestReport.Outcome.EMPTY, null, 0, null, 0);
            }
            stage = "llm";
            DigestPrompt prompt = DigestPrompt.of(scopeFacts, redactor, config.maxTasks());
            characters = prompt.characters();
            Completion completion = llm.complete(prompt.messages());
            recordUsage(completion);
            stage = "check";
            AnswerCheck.Verdict verdict = AnswerCheck.check(completion.content(), prompt);
            if (!verdict.ok()) {
                return unsafe(workspace, scope, commandId, verdict, completion, tasks, characters);
            }
            stage = "submit";
            String text = DigestPrompt.comment(scopeFacts, verdict.text(), completion.model(), redactor);
            submitters.get().submit(Command.comment(commandId, scope.commentTaskId(), text, workspace));
            metrics.increment("DigestOutcome", "Outcome", "posted", "Workspace", workspace);
            StructuredLog.log(LOG, Logger.Level.INFO, "digest submitted", "workspace", workspace, "scope", scope.key(),
                    "command_id", commandId,
                    "tasks", tasks, "prompt_version", DigestPrompt.PROMPT_VERSION, "model", completion.model(),
                    "prompt_tokens", completion.promptTokens(), "completion_tokens", completion.completionTokens(),
                    "latency_ms", completion.latency().toMillis(), "prompt_chars", characters);
            return new DigestReport.ScopeResult(workspace, scope.key(), scope.commentTaskId(), commandId,
                    DigestReport.Outcome.POSTED,
                    null, tasks, completion.model(), completion.promptTokens(), completion.completionTokens(),
                    completion.latency().toMillis(), characters);
        } catch (LlmException e) {
            return failure(workspace, scope, commandId, e.reason().code(), e.getMessage(), tasks, characters);
        } catch (RuntimeException e) {
            // one line, no stack trace: the class and message of our own and the SDK's exceptions carry no secrets
            return failure(workspace, scope, commandId, stage, e.getClass().getSimpleName() + ": " + e.getMessage(), tasks,
                    characters);
        }
    }

    /**
     * The model's answer broke a rule of {@link AnswerCheck}: nothing is submitted, so the next run
     * may try again. The log line names the rule and identifies the answer by length and a short
     * hash only: its content is what must not be shown (it may carry the very link or text the
     * check stopped).
     */
    private DigestReport.ScopeResult unsafe(String workspace, DigestScope scope, String commandId, AnswerCheck.Verdict verdict,
                                            Completion completion, int tasks, int characters) {
        failed(workspace, scope.key(), UNSAFE_OUTPUT, "the model's answer failed the output check", "rule", verdict.rule(),
                "answer_chars", completion.content().length(), "answer_sha256", shortHash(completion.content()));
        return new DigestReport.ScopeResult(workspace, scope.key(), scope.commentTaskId(), commandId,
                DigestReport.Outcome.FAILED, UNSAFE_OUTPUT, tasks, completion.model(), completion.promptTokens(), completion.completionTokens(),
                completion.latency().toMillis(), characters);
    }

    /** The first 12 hex digits of the text's SHA-256: enough to tell answers apart in logs, nothing of their content. */
    static String shortHash(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void recordUsage(Completion c) {
        String model = llm.model(); // the configured name: a stable dimension (servers append dates and tags)
        metrics.record("DigestPromptTokens", c.promptTokens(), "Count", "Model", model, "PromptVersion", DigestPrompt.PROMPT_VERSION);
        metrics.record("DigestCompletionTokens", c.completionTokens(), "Count", "Model", model,
                "PromptVersion", DigestPrompt.PROMPT_VERSION);
        metrics.record("DigestLatency", c.latency().toMillis(), "Milliseconds", "Model", model);
    }

    private DigestReport.ScopeResult failure(String workspace, DigestScope scope, String commandId, String reason, String detail,
                                             int tasks, int characters) {
        failed(workspace, scope.key(), reason, detail);
        return result(workspace, scope, commandId, DigestReport.Outcome.FAILED, reason, tasks, llm.model(), characters);
    }

    /** Counts and logs one failure, once: {@code fields} are extra name/value pairs of metadata only. */
    private void failed(String workspace, String scope, String reason, String detail, Object... fields) {
        metrics.increment("DigestFailed", "Reason", reason, "Workspace", workspace);
        metrics.increment("DigestOutcome", "Outcome", "failed", "Workspace", workspace);
        Object[] all = new Object[8 + fields.length];
        all[0] = "workspace";
        all[1] = workspace;
        all[2] = "scope";
        all[3] = scope;
        all[4] = "reason";
        all[5] = reason;
        all[6] = "detail";
        all[7] = redactor.redact(String.valueOf(detail));
        System.arraycopy(fields, 0, all, 8, fields.length);
        StructuredLog.log(LOG, Logger.Level.WARN, "digest not posted; the next run tries again", all);
    }

    private static DigestReport.ScopeResult result(String workspace, DigestScope scope, String commandId,
                                                   DigestReport.Outcome outcome, String reason, int tasks, String model,
                                                   int characters) {
        return new DigestReport.ScopeResult(workspace, scope.key(), scope.commentTaskId(), commandId, outcome, reason, tasks, model,
                0, 0, 0, characters);
    }
}
