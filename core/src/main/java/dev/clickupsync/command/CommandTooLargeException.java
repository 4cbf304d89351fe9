package dev.clickupsync.command;

/**
 * A command that passes every field rule but whose message would be larger than the commands queue
 * takes (SQS would refuse the SendMessage every time). Found before anything is recorded or sent.
 * The message states both numbers; it never echoes the command's content.
 */
public class CommandTooLargeException extends InvalidCommandException {
    private final long sizeBytes;
    private final long limitBytes;

    public CommandTooLargeException(long sizeBytes, long limitBytes) {
        super("body", "is " + sizeBytes + " bytes as queued (JSON body and message attributes); the commands queue"
                + " takes at most " + limitBytes + " bytes per command. Shorten the description, comment or"
                + " custom field values, or split the command");
        this.sizeBytes = sizeBytes;
        this.limitBytes = limitBytes;
    }

    /** The command's message size as SQS would count it. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The most a command's message may take (the queue's limit minus the reserve for later attributes). */
    public long limitBytes() {
        return limitBytes;
    }
}
