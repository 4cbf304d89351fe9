package dev.clickupsync.command;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The commands queue: where {@link CommandSubmitter#submit} puts a command (validated, its workspace
 * named ({@link #prepare}), recorded as QUEUED so {@code GET /admin/commands/{id}} knows it at once,
 * then sent as JSON with the attributes {@code command_id} and {@code command_type}), and, for {@link CommandProcessor}, the same
 * {@link EventQueue} mechanics the drain uses: re-send with a delay, park in the DLQ with the reason.
 *
 * <p>A second submit of the same {@code command_id} is sent again (it may be a client retry after a
 * lost answer); the executor's record makes sure it runs at most once.
 *
 * <p>A command is refused before anything is written when its message would not fit the queue
 * ({@link CommandTooLargeException}, {@code sync.commands.queue.max-message-bytes}); and when SQS
 * refuses or does not answer the SendMessage, the QUEUED record this submit created is removed again,
 * so no record claims a command that was never queued (a retry under the same id starts afresh).
 */
@ApplicationScoped
public class CommandQueue implements CommandSubmitter {
    private static final Logger LOG = Logger.getLogger(CommandQueue.class);
    public static final String COMMAND_ID = "command_id";
    public static final String COMMAND_TYPE = "command_type";
    /**
     * Bytes of the queue's limit kept for the attributes execution adds to a command's message later:
     * {@code deferrals} (about 25 bytes), {@link CommandProcessor#WRITTEN_TASK_ID} (up to 85), and on
     * dead-lettering {@code failure_reason} and {@code failure_detail} (about 130). 512 covers them
     * with room to spare, so a command accepted here can always be re-sent and parked.
     */
    public static final int RESERVED_BYTES = 512;

    private final EventQueue queue;
    private final CommandWorkspaces workspaces;
    private final CommandOutcomes outcomes;
    private final Metrics metrics;
    private final long maxCommandBytes;

    @Inject
    public CommandQueue(SqsClient sqs, SyncConfig sync, CommandWorkspaces workspaces, CommandOutcomes outcomes,
                        Metrics metrics) {
        SyncConfig.CommandQueue config = sync.commands().queue();
        this.queue = config.url().filter(url -> !url.isBlank())
                .map(url -> new EventQueue(sqs, url, config.deadLetterUrl().orElse(url + "-dlq"), sync.queue().sendTimeout()))
                .orElse(null);
        this.workspaces = workspaces;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.maxCommandBytes = (long) config.maxMessageBytes() - RESERVED_BYTES;
    }

    /**
     * The command as it will be queued: validated ({@link CommandValidator}), then with its workspace
     * named ({@link CommandWorkspaces}: the one given, which must exist, or the one the mirror says owns
     * the target). {@link #submit} does this itself; the admin API calls it first to answer with the workspace.
     *
     * @throws InvalidCommandException the command breaks a rule or names an unknown workspace (names the field)
     * @throws software.amazon.awssdk.core.exception.SdkException the mirror did not answer (several workspaces only)
     */
    public Command prepare(Command command) {
        try {
            return workspaces.assign(CommandValidator.validate(command));
        } catch (InvalidCommandException e) {
            metrics.increment("CommandRejected", "Reason", "invalid_command");
            StructuredLog.log(LOG, Logger.Level.WARN, "command rejected", "reason", "invalid_command", "field", e.field());
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidCommandException      the command breaks a {@link CommandValidator} rule, or names a workspace
     *                                      this deployment does not have (names the field)
     * @throws CommandTooLargeException     its message would be larger than the queue takes (nothing written)
     * @throws CommandsUnavailableException no commands queue is configured
     * @throws software.amazon.awssdk.core.exception.SdkException SQS or DynamoDB did not answer (no record is
     *         left for a command this call recorded but could not queue)
     */
    @Override
    public String submit(Command submitted) {
        Command command = prepare(submitted);
        EventQueue q = queueOrThrow();
        String type = CommandJson.typeName(command.type());
        // default travels unnamed (unset means default to the executor): a commands function of the version
        // before workspaces, still running during a deploy, refuses the unknown property and parks the command.
        Command queued = Workspace.DEFAULT.equals(command.workspace()) ? command.inWorkspace(null) : command;
        EventEnvelope message = new EventEnvelope(CommandJson.write(queued), Map.of(COMMAND_ID, command.commandId(),
                COMMAND_TYPE, type, EventEnvelope.RECEIVED_AT, Instant.now().toString()));
        long size = EventQueue.messageSize(message);
        if (size > maxCommandBytes) {
            metrics.increment("CommandRejected", "Reason", "command_too_large");
            StructuredLog.log(LOG, Logger.Level.WARN, "command rejected", "reason", "command_too_large",
                    "command_id", command.commandId(), "size_bytes", size, "limit_bytes", maxCommandBytes);
            throw new CommandTooLargeException(size, maxCommandBytes);
        }
        boolean fresh = outcomes.queued(command);
        String messageId;
        try {
            messageId = q.send(message);
        } catch (SdkException notQueued) {
            if (fresh) {
                withdraw(command);
            }
            throw notQueued;
        }
        metrics.increment("CommandSubmitted", "Type", type);
        StructuredLog.log(LOG, Logger.Level.INFO, "command queued", "command_id", command.commandId(), "type", type,
                "workspace", command.workspace(), "message", messageId, "resubmitted", !fresh);
        return messageId;
    }

    /**
     * SQS did not take the message: the QUEUED record this submit wrote goes, so it cannot claim a
     * command nobody will execute. If that fails too, the record stays QUEUED until its TTL (logged):
     * harmless for a retry, which re-sends under the same id, but misleading to a reader.
     */
    private void withdraw(Command command) {
        try {
            outcomes.withdraw(command.commandId());
        } catch (SdkException e) {
            StructuredLog.log(LOG, Logger.Level.WARN, "command record not withdrawn", "reason", "aws_unavailable",
                    "command_id", command.commandId(), "error", e.getClass().getSimpleName());
        }
    }

    /** Whether commands can be accepted (a queue is configured). */
    public boolean configured() {
        return queue != null;
    }

    @Override
    public boolean available() {
        return configured();
    }

    /** The queue's mechanics (defer, dead-letter) for the processor, its URLs for status; empty when none is configured. */
    public Optional<EventQueue> queue() {
        return Optional.ofNullable(queue);
    }

    private EventQueue queueOrThrow() {
        if (queue == null) {
            metrics.increment("CommandRejected", "Reason", "not_configured");
            throw new CommandsUnavailableException();
        }
        return queue;
    }
}
