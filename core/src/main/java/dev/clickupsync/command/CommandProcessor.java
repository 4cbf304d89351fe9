package dev.clickupsync.command;

import dev.clickupsync.clickup.CallDeadline;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpFailure;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.clickup.ClickUpRoute;
import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.queue.ReceivePolicy;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a batch of queued commands (the commands Lambda and the local poller call it) and returns
 * the messages SQS must deliver again. Each message is settled exactly one way, with one metric
 * {@code CommandOutcome{Type,Outcome}} and, for each failure mode, one {@code CommandFailed{Reason}}
 * and one log line:
 * <ul>
 *   <li>succeeded, or already done (a redelivery): acknowledged; a done command never runs again;</li>
 *   <li>deferred, by the drain's rules and mechanics ({@link EventQueue#defer}): the budget has no slot
 *       soon (delay = the budget's wait), ClickUp is switched off ({@code sync.commands.disabled-deferral}),
 *       its circuit breaker is open ({@code sync.commands.circuit-open-deferral}: nothing was sent),
 *       or the invocation is out of time ({@code sync.drain.safety-margin}: before starting, or a
 *       ClickUp call cut at that margin before anything non-idempotent was sent); the record goes back to
 *       QUEUED and the deferral does not count toward {@code maxReceiveCount};</li>
 *   <li>held by another execution (its lock has not run out): redelivered by SQS, or, on its last
 *       allowed receive, re-sent for after the holder's lock ({@link EventQueue#awaitHolder}, the
 *       drain's rule), so waiting never parks it in the DLQ without a reason;</li>
 *   <li>failed for good (malformed, unknown field or option after one refresh, refused by ClickUp,
 *       task or list not found, workspace not authorized, write outcome unknown): FAILED with the
 *       reason, parked in the DLQ
 *       ({@link EventQueue#deadLetter}, attribute {@code failure_reason}) at once;</li>
 *   <li>failed for a passing reason (ClickUp 5xx or unreachable, token refused, AWS):
 *       back to QUEUED and redelivered by SQS; on the last allowed receive FAILED and dead-lettered.</li>
 * </ul>
 * Nothing is acknowledged that was not done, deferred or dead-lettered. Which ClickUp, budget or AWS
 * failure is deferred, failed for now or for good, and its reason, is {@link ClickUpFailures}' table.
 *
 * <p>Workspaces (issue #17): a command executes through its {@code workspace}'s client only (its token,
 * budget cell and breaker; named at submit, {@link CommandWorkspaces}; unset in a message queued before
 * that: {@code default}), so field names resolve against the definitions that token reads. A name this
 * function does not know is parked at once ({@code unknown_workspace}): no other token is tried. A token
 * ClickUp rejects also counts {@code WorkspaceTokenRejected{Workspace}}, as in the drain; every failure's
 * log line names the workspace.
 *
 * <p>Create and comment are not idempotent in ClickUp, so they are sent at most once (see
 * {@link dev.clickupsync.clickup.ClickUpCalls#executeOnce}) and marked in the record while in flight
 * ({@link CommandOutcomes}): a redelivery after a completed create finds SUCCEEDED (with the task id)
 * and does nothing; a redelivery after an execution died mid-write, or a write that timed out, fails
 * with {@code clickup_outcome_unknown} instead of risking a second task. The operator checks the list
 * (the detail says which) and re-submits under a new {@code command_id} if the task is missing.
 *
 * <p>Once ClickUp has accepted a command, what is left is the record, and it is retried as a record:
 * if SUCCEEDED cannot be written (DynamoDB throttled or down), the lock and the write mark stay, and a
 * copy of the message carrying the result ({@link #WRITTEN_TASK_ID}) is re-sent for after the lock
 * ({@code CommandOutcome{Outcome=record_deferred}}). A delivery carrying a result never calls ClickUp:
 * it records SUCCEEDED with that task id. Only a failure to re-send as well loses the id (logged, with
 * {@code CommandFailed{Reason=outcome_not_recorded}}); the redelivery then fails with
 * {@code clickup_outcome_unknown}, still without a second write.
 */
@ApplicationScoped
public class CommandProcessor {
    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);
    /**
     * Message attribute on a copy re-sent because the outcome could not be recorded: the task ClickUp
     * created (create_task) or changed or commented on. Set only after ClickUp accepted the command.
     */
    public static final String WRITTEN_TASK_ID = "written_task_id";
    /** Prefix of a deferred command's reason: {@code deferred_} + the {@link ClickUpFailures} reason. */
    static final String DEFERRED = "deferred_";
    /** The reason of a command naming a workspace this function is not configured for. */
    static final String UNKNOWN_WORKSPACE = "unknown_workspace";
    /** After a lock's end, so a delivery meant for after it does not meet it still held (clock skew). */
    private static final Duration PAST_LOCK = Duration.ofSeconds(1);

    private final CommandExecutor executor;
    private final CommandOutcomes outcomes;
    private final CommandQueue commands;
    private final Metrics metrics;
    private final ReceivePolicy receives;
    private final ClickUpClients clients;

    @Inject
    public CommandProcessor(CommandExecutor executor, CommandOutcomes outcomes, CommandQueue commands, Metrics metrics,
                            IdempotencyConfig idempotency, DrainConfig drain, SyncConfig sync, ClickUpClients clients) {
        this.executor = executor;
        this.clients = clients;
        this.outcomes = outcomes;
        this.commands = commands;
        this.metrics = metrics;
        this.receives = new ReceivePolicy(idempotency.maxLock(), drain.safetyMargin(), sync.commands().disabledDeferral(),
                sync.commands().circuitOpenDeferral(), sync.commands().queue().maxReceiveCount());
    }

    /** @return the message ids SQS must deliver again */
    public List<String> process(List<QueuedEvent> messages, Instant deadline) {
        EventQueue queue = commands.queue().orElseThrow(CommandsUnavailableException::new);
        List<String> retry = new ArrayList<>();
        // Every ClickUp call ends by the margin before the invocation's: a hanging ClickUp cannot run the
        // batch into Lambda's timeout (the batch response lost, a write cut mid-flight for good).
        try (CallDeadline.Scope clickUpTime = CallDeadline.until(receives.callDeadline(deadline))) {
            for (QueuedEvent message : messages) {
                new Settling(queue, message, retry).run(deadline);
            }
        }
        return retry;
    }

    /** One message on its way to exactly one outcome. */
    private final class Settling {
        private final EventQueue queue;
        private final QueuedEvent message;
        private final List<String> retry;
        private Command command;
        private CommandOutcomes.Attempt attempt;

        Settling(EventQueue queue, QueuedEvent message, List<String> retry) {
            this.queue = queue;
            this.message = message;
            this.retry = retry;
        }

        void run(Instant deadline) {
            Command parsed = null;
            try {
                parsed = CommandJson.parse(message.body());
                command = CommandValidator.validate(parsed);
            } catch (InvalidCommandException e) {
                // Recorded under its id when it has a usable one, so GET /admin/commands/{id} can say why.
                command = parsed != null && parsed.type() != null && CommandValidator.isCommandId(parsed.commandId())
                        ? parsed : null;
                failForGood("invalid_command", e.getMessage());
                return;
            }
            if (clients.workspaces().named(workspace()).isEmpty()) {
                failForGood(UNKNOWN_WORKSPACE, "no workspace " + workspace() + " in this function's sync.workspaces.*");
                return;
            }
            Duration lock = receives.lockFor(deadline);
            attempt = outcomes.begin(command, lock);
            String written = writtenTaskId();
            switch (attempt.claim()) {
                case DONE -> settled("duplicate");
                case IN_FLIGHT -> awaitHolder(lock);
                // ClickUp accepted it and only the record was missing: record it, never send again.
                case WRITE_UNCERTAIN -> {
                    if (written != null) {
                        record(written);
                    } else {
                        failForGood(ClickUpFailures.OUTCOME_UNKNOWN, uncertain("an earlier execution stopped"));
                    }
                }
                case ACQUIRED -> {
                    if (written != null) {
                        record(written);
                    } else {
                        execute(deadline);
                    }
                }
            }
        }

        /**
         * Another execution holds the command: wait for it, by the drain's rule ({@link EventQueue#awaitHolder}),
         * past the holder's recorded lock (or, if the record did not say, as long as a lock of ours would
         * run). The record is the holder's: it is not touched.
         */
        private void awaitHolder(Duration ownLock) {
            Duration untilFree = attempt.lockUntil() == null ? ownLock : untilAfter(attempt.lockUntil());
            if (queue.awaitHolder(message, receives.maxReceiveCount(), untilFree)) {
                settled("deferred");
                StructuredLog.log(LOG, Logger.Level.INFO, "command deferred", "command_id", command.commandId(),
                        "reason", "deferred_in_flight", "delay_ms", untilFree.toMillis());
            } else {
                retry.add(message.messageId());
                settled("in_flight");
            }
        }

        private void execute(Instant deadline) {
            if (receives.outOfTime(deadline)) {
                metrics.increment("CommandOutOfTime");
                defer(Duration.ZERO, DEFERRED + ClickUpFailures.OUT_OF_TIME);
                return;
            }
            String taskId;
            try (ClickUpRoute.Scope route = clients.route(workspace())) {
                taskId = executor.execute(command, attempt);
            } catch (RuntimeException notWritten) {
                settleUnwritten(notWritten);
                return;
            }
            record(taskId);
        }

        /**
         * ClickUp accepted the command; only its record is left. Nothing on this path calls ClickUp or
         * releases the command (which would remove the write mark and let a redelivery send it again).
         */
        private void record(String taskId) {
            boolean ours;
            try {
                ours = outcomes.succeeded(attempt, taskId);
            } catch (SdkException e) {
                recordLater(taskId, e);
                return;
            }
            settled("succeeded");
            StructuredLog.log(LOG, ours ? Logger.Level.INFO : Logger.Level.WARN, "command succeeded",
                    "command_id", command.commandId(), "type", type(), "workspace", workspace(),
                    "task", taskId == null ? "-" : taskId,
                    "recorded", ours);
        }

        /**
         * SUCCEEDED could not be written: re-send the message with the result, for after this attempt's
         * lock (its mark stays, so every delivery before then waits, and any after it sees the mark). The
         * copy's delivery records the result. If the copy cannot be sent either, the result survives only
         * in this log line: the redelivery fails the command as {@code clickup_outcome_unknown}.
         */
        private void recordLater(String taskId, SdkException cause) {
            Duration delay = untilAfter(attempt.lockUntil());
            try {
                queue.defer(message, delay, taskId == null ? Map.of() : Map.of(WRITTEN_TASK_ID, taskId));
                settled("record_deferred");
                StructuredLog.log(LOG, Logger.Level.WARN, "command outcome not recorded", "reason", "outcome_not_recorded",
                        "command_id", command.commandId(), "type", type(), "task", taskId == null ? "-" : taskId,
                        "retry", "re-sent", "delay_ms", delay.toMillis(), "error", cause.getClass().getSimpleName());
            } catch (SdkException resendFailed) {
                metrics.increment("CommandFailed", "Reason", "outcome_not_recorded");
                StructuredLog.log(LOG, Logger.Level.ERROR, "command outcome not recorded", "reason", "outcome_not_recorded",
                        "command_id", command.commandId(), "type", type(), "task", taskId == null ? "-" : taskId,
                        "retry", "none", "error", cause.getClass().getSimpleName());
                retry.add(message.messageId());
                settled("failed");
            }
        }

        /** The result a re-sent copy carries (see {@link #recordLater}), when it is a well-formed task id. */
        private String writtenTaskId() {
            String id = message.attributes().get(WRITTEN_TASK_ID);
            if (id == null || !CommandValidator.isId(id)
                    || (command.type() != Command.Type.CREATE_TASK && !id.equals(command.taskId()))) {
                return null;
            }
            return id;
        }

        /**
         * The executor stopped before ClickUp accepted anything, or with the outcome unknown
         * ({@link ClickUpException.OutcomeUnknown}); each kind is settled its one way, as
         * {@link ClickUpFailures} decides: deferred as {@code deferred_<reason>}, failed for good when
         * parked, failed for now otherwise. Only the command's own refusals are decided here.
         */
        private void settleUnwritten(RuntimeException stopped) {
            if (stopped instanceof CommandFailedException refused) {
                failForGood(refused.reason(), refused.getMessage());
                return;
            }
            ClickUpFailure failure = ClickUpFailures.classify(stopped);
            String reason = failure.reason();
            switch (failure.decision()) {
                // Cut at the deadline before anything non-idempotent was sent (a sent create or comment
                // is OutcomeUnknown instead): put off like a command that found no time to start.
                case RETRY_NOW -> {
                    metrics.increment("CommandOutOfTime");
                    defer(Duration.ZERO, DEFERRED + reason);
                }
                // Nothing was sent (budget, kill switch, open breaker) or ClickUp refused it with a 429.
                case DEFER -> defer(receives.deferral(failure), DEFERRED + reason);
                case PARK -> failForGood(reason, parkedDetail(stopped));
                case FAIL -> {
                    if (ClickUpFailures.INTERNAL.equals(reason)) {
                        LOG.errorf(stopped, "command failed unexpectedly command_id=%s", command.commandId());
                    }
                    failForNow(reason, stopped);
                }
            }
        }

        /** What the record says about a command parked on ClickUp's word (never a body or the token). */
        private String parkedDetail(RuntimeException stopped) {
            Throwable t = stopped;
            for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
                if (t instanceof ClickUpException.OutcomeUnknown) {
                    return uncertain("the write was sent and no answer came");
                }
                if (t instanceof ClickUpException e) {
                    return "ClickUp answered " + e.status() + (e.ecode() == null ? "" : " " + e.ecode());
                }
            }
            return stopped.getMessage();
        }

        private Duration untilAfter(Instant lockUntil) {
            Duration left = lockUntil == null ? Duration.ZERO : Duration.between(Instant.now(), lockUntil);
            return (left.isNegative() ? Duration.ZERO : left).plus(PAST_LOCK);
        }

        private void defer(Duration delay, String reason) {
            outcomes.released(attempt, reason, "put off for " + delay.toSeconds() + " s", true);
            try {
                queue.defer(message, delay);
                settled("deferred");
            } catch (SdkException e) {
                retry.add(message.messageId()); // could not re-send: SQS redelivers it instead
                settled("failed");
            }
            StructuredLog.log(LOG, Logger.Level.INFO, "command deferred", "command_id", command.commandId(),
                    "reason", reason, "delay_ms", delay.toMillis());
        }

        /** Failed as it stands: recorded and parked in the DLQ now, whatever the receive count. */
        private void failForGood(String reason, String detail) {
            if (command != null) {
                outcomes.failed(command, attempt, reason, detail);
            }
            failed(reason, true);
        }

        /** Failed for now: SQS redelivers it, until its last receive, which parks it. */
        private void failForNow(String reason, RuntimeException cause) {
            boolean last = receives.lastReceive(message);
            String detail = "attempt " + message.receiveCount() + " of " + receives.maxReceiveCount() + ": "
                    + cause.getClass().getSimpleName();
            if (last) {
                outcomes.failed(command, attempt, reason, detail);
            } else {
                outcomes.released(attempt, reason, detail, false);
            }
            failed(reason, last);
        }

        private void failed(String reason, boolean park) {
            metrics.increment("CommandFailed", "Reason", reason);
            if (ClickUpFailures.AUTHENTICATION.equals(reason)) {
                metrics.increment("WorkspaceTokenRejected", "Workspace", workspace());
            }
            StructuredLog.log(LOG, Logger.Level.ERROR, "command failed", "reason", reason, "message", message.messageId(),
                    "command_id", command == null ? "-" : command.commandId(), "type", type(), "workspace", workspace(),
                    "receives", message.receiveCount(), "dead_lettered", park);
            if (park) {
                try {
                    queue.deadLetter(message, reason);
                    settled("dead_lettered");
                    return;
                } catch (SdkException e) {
                    LOG.warnf("dead-lettering failed message=%s; leaving it to SQS's redrive", message.messageId());
                }
            }
            retry.add(message.messageId());
            settled("failed");
        }

        private String uncertain(String what) {
            return what + " while " + (command.type() == Command.Type.COMMENT ? "posting the comment on task " + command.taskId()
                    : "creating the task in list " + command.listId()) + "; it may or may not exist in ClickUp."
                    + " Not retried, to avoid a duplicate: check, and re-submit under a new command_id if it is missing";
        }

        private void settled(String outcome) {
            metrics.increment("CommandOutcome", "Type", type(), "Outcome", outcome);
        }

        private String type() {
            return command == null ? "unknown" : CommandJson.typeName(command.type());
        }

        /** The workspace executing it; {@code default} for a message queued before commands named one. */
        private String workspace() {
            return command == null ? "-" : command.workspace() == null ? Workspace.DEFAULT : command.workspace();
        }
    }
}
