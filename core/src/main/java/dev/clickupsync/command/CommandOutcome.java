package dev.clickupsync.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * What became of one command, as {@code GET /admin/commands/{id}} shows it (snake_case JSON).
 *
 * @param commandId   the client's id
 * @param type        {@code create_task}, {@code update_task} or {@code comment}
 * @param state       {@link State}
 * @param taskId      the task changed or commented on; for {@code create_task} the created task, once known
 * @param listId      the list created in (create_task)
 * @param reason      why it failed ({@code FAILED}), or why the last attempt did not finish ({@code QUEUED}
 *                    after a deferral or a passing failure): a low-cardinality code such as
 *                    {@code unknown_field}, {@code clickup_validation}, {@code clickup_outcome_unknown},
 *                    {@code deferred_budget}
 * @param detail      a sentence for humans about {@code reason} (field names, ClickUp's ECODE; no secrets)
 * @param attempts    executions started
 * @param deferrals   times it was put off (budget spent, ClickUp switched off, out of time)
 * @param submittedAt when it was accepted for the queue
 * @param startedAt   when the last execution started
 * @param completedAt when it reached {@code SUCCEEDED} or {@code FAILED}
 * @param updatedAt   the record's last change
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CommandOutcome(String commandId, String type, State state, String taskId, String listId, String reason,
                             String detail, int attempts, int deferrals, Instant submittedAt, Instant startedAt,
                             Instant completedAt, Instant updatedAt) {

    /** Where a command is: waiting (again), executing, or done one way or the other. */
    @RegisterForReflection
    public enum State { QUEUED, IN_PROGRESS, SUCCEEDED, FAILED }
}
