package dev.clickupsync.digest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/** What one digest run did, per scope: the digest Lambda's answer. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DigestReport(Instant startedAt, String promptVersion, List<ScopeResult> scopes) {

    public DigestReport {
        scopes = List.copyOf(scopes);
    }

    /** How a scope ended. */
    @RegisterForReflection
    public enum Outcome {
        /** The comment command was submitted. */
        POSTED,
        /** Nothing in the window: no model call, no comment. */
        EMPTY,
        /** Nothing submitted; the next run tries again ({@code reason} says why). */
        FAILED
    }

    /**
     * @param workspace        the workspace whose scope it is (and whose token posts the comment)
     * @param commandId        the comment's command id: {@code digest:<scope>:<UTC date>:<prompt version>},
     *                         the same for every run of that day, so a repeated run cannot post twice
     * @param reason           why it failed (the {@code DigestFailed} metric's {@code Reason}), else null
     * @param tasks            tasks in the facts
     * @param promptCharacters size of the prompt sent (0 when none was)
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScopeResult(String workspace, String scope, String commentTaskId, String commandId, Outcome outcome, String reason,
                              int tasks, String model, long promptTokens, long completionTokens, long latencyMs,
                              int promptCharacters) {
    }

    /** True when no scope failed. */
    public boolean ok() {
        return scopes.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
    }
}
