package dev.clickupsync.command;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.EventQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The commands queue: where {@link CommandSubmitter#submit} puts a command (validated, recorded as
 * QUEUED so {@code GET /admin/commands/{id}} knows it at once, then sent as JSON with the attributes
 * {@code command_id} and {@code command_type}), and, for {@link CommandProcessor}, the same
 * {@link EventQueue} mechanics the drain uses: re-send with a delay, park in the DLQ with the reason.
 *
 * <p>A second submit of the same {@code command_id} is sent again (it may be a client retry after a
 * lost answer); the executor's record makes sure it runs at most once.
 */
@ApplicationScoped
public class CommandQueue implements CommandSubmitter {
    private static final Logger LOG = Logger.getLogger(CommandQueue.class);
    public static final String COMMAND_ID = "command_id";
    public static final String COMMAND_TYPE = "command_type";

    private final EventQueue queue;
    private final CommandOutcomes outcomes;
    private final Metrics metrics;

    @Inject
    public CommandQueue(SqsClient sqs, SyncConfig sync, CommandOutcomes outcomes, Metrics metrics) {
        SyncConfig.CommandQueue config = sync.commands().queue();
        this.queue = config.url().filter(url -> !url.isBlank())
                .map(url -> new EventQueue(sqs, url, config.deadLetterUrl().orElse(url + "-dlq"), sync.queue().sendTimeout()))
                .orElse(null);
        this.outcomes = outcomes;
        this.metrics = metrics;
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidCommandException      the command breaks a {@link CommandValidator} rule (names the field)
     * @throws CommandsUnavailableException no commands queue is configured
     * @throws software.amazon.awssdk.core.exception.SdkException SQS or DynamoDB did not answer
     */
    @Override
    public String submit(Command command) {
        try {
            CommandValidator.validate(command);
        } catch (InvalidCommandException e) {
            metrics.increment("CommandRejected", "Reason", "invalid_command");
            StructuredLog.log(LOG, Logger.Level.WARN, "command rejected", "reason", "invalid_command", "field", e.field());
            throw e;
        }
        EventQueue q = queueOrThrow();
        boolean fresh = outcomes.queued(command);
        String type = CommandJson.typeName(command.type());
        String messageId = q.send(new EventEnvelope(CommandJson.write(command), Map.of(COMMAND_ID, command.commandId(),
                COMMAND_TYPE, type, EventEnvelope.RECEIVED_AT, Instant.now().toString())));
        metrics.increment("CommandSubmitted", "Type", type);
        StructuredLog.log(LOG, Logger.Level.INFO, "command queued", "command_id", command.commandId(), "type", type,
                "message", messageId, "resubmitted", !fresh);
        return messageId;
    }

    /** Whether commands can be accepted (a queue is configured). */
    public boolean configured() {
        return queue != null;
    }

    @Override
    public boolean available() {
        return configured();
    }

    /** The queue's mechanics (defer, dead-letter), for the processor. */
    Optional<EventQueue> queue() {
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
