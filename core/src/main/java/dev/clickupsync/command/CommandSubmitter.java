package dev.clickupsync.command;

/**
 * Hands a {@link Command} to the command path (the commands queue on AWS and in the local run).
 * Execution is asynchronous and idempotent per {@code command_id}: submitting the same id twice
 * executes it at most once.
 */
public interface CommandSubmitter {

    /**
     * Validates and enqueues the command.
     *
     * @return the SQS message id
     * @throws IllegalArgumentException when the command is malformed (the message says which field)
     */
    String submit(Command command);

    /** Whether {@link #submit} can accept commands here (e.g. a queue is configured); checked before costly work. */
    default boolean available() {
        return true;
    }
}
