package dev.clickupsync.command;

/** No commands queue is configured ({@code sync.commands.queue.url} unset): commands cannot be accepted here. */
public class CommandsUnavailableException extends IllegalStateException {
    public CommandsUnavailableException() {
        super("no commands queue is configured (sync.commands.queue.url)");
    }
}
