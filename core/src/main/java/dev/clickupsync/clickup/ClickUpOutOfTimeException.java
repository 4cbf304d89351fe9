package dev.clickupsync.clickup;

/**
 * The caller's deadline ({@link CallDeadline}) came before this ClickUp call could finish: it was
 * not started, or it was abandoned while it waited for a budget slot, a retry or ClickUp's answer.
 * Not a ClickUp failure: callers settle the work for later (the drain defers it), as they do when
 * no time is left before starting. A non-idempotent write abandoned after it was sent surfaces as
 * {@link ClickUpException.OutcomeUnknown} instead ({@link ClickUpCalls#executeOnce}).
 */
public class ClickUpOutOfTimeException extends RuntimeException {
    /** Metric and log reason, as the drain and commands name it too. */
    public static final String REASON = "out_of_time";

    public ClickUpOutOfTimeException(String endpoint) {
        super("no time left for ClickUp call " + endpoint + " before the caller's deadline", null, false, false);
    }
}
