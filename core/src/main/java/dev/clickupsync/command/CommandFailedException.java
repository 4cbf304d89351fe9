package dev.clickupsync.command;

/**
 * A command that cannot succeed as it stands (an unknown field or option, a value ClickUp refuses, a
 * write whose outcome is unknown): it is failed at once, with {@link #reason()} (a low-cardinality
 * code for metrics and the DLQ's {@code failure_reason}) and a message for humans (recorded as the
 * outcome's {@code detail}; names fields and ECODEs, never values or secrets).
 */
public class CommandFailedException extends RuntimeException {
    private final String reason;

    public CommandFailedException(String reason, String detail) {
        this(reason, detail, null);
    }

    public CommandFailedException(String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
