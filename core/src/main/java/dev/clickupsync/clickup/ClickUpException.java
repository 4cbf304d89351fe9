package dev.clickupsync.clickup;

import java.util.OptionalLong;

/**
 * An error answer from ClickUp: HTTP status plus ClickUp's {@code {"err", "ECODE"}}. Subclasses
 * name the failure modes callers act on differently; anything else is this class itself, with an
 * unknown ECODE kept verbatim. Messages carry ClickUp's text and code only, never the token.
 */
public class ClickUpException extends RuntimeException {
    private final int status;
    private final String ecode;

    public ClickUpException(int status, String ecode, String err) {
        super("ClickUp answered " + status + (ecode == null ? "" : " " + ecode) + (err == null ? "" : ": " + err));
        this.status = status;
        this.ecode = ecode;
    }

    /**
     * A copy of {@code original}'s answer (status, code, message), for a subclass that amends one detail.
     * No cause: the fault-tolerance guard matches its retry and abort lists against the cause chain.
     */
    ClickUpException(ClickUpException original) {
        super(original.getMessage());
        this.status = original.status;
        this.ecode = original.ecode;
    }

    public int status() {
        return status;
    }

    /** ClickUp's {@code ECODE}, e.g. {@code OAUTH_025}; null when the body had none. */
    public String ecode() {
        return ecode;
    }

    /** Worth retrying (server error, rate limit); false for errors a retry cannot fix. */
    public boolean retryable() {
        return false;
    }

    /**
     * Short, low-cardinality name of the failure mode, for metrics and log lines, e.g.
     * {@code clickup_server_error}: as {@link ClickUpFailures} names it, the one table of reasons.
     */
    public String reason() {
        return ClickUpFailures.reason(this);
    }

    /** The token is missing, invalid or revoked ({@code 401}, {@code OAUTH_*}): needs a human, never retried. */
    public static final class Authentication extends ClickUpException {
        public Authentication(int status, String ecode, String err) {
            super(status, ecode, err);
        }
    }

    /**
     * The token is valid but may not see this workspace ({@code OAUTH_027} "Team not authorized"),
     * e.g. the user left it or the id is wrong: needs a human, never retried.
     */
    public static final class WorkspaceNotAuthorized extends ClickUpException {
        public WorkspaceNotAuthorized(int status, String ecode, String err) {
            super(status, ecode, err);
        }
    }

    /** The resource does not exist or was deleted ({@code 404}, e.g. {@code ITEM_013}). */
    public static final class NotFound extends ClickUpException {
        public NotFound(int status, String ecode, String err) {
            super(status, ecode, err);
        }
    }

    /** The request was refused as invalid ({@code 400}/{@code 422}, e.g. an unknown custom field or option). */
    public static final class Validation extends ClickUpException {
        public Validation(int status, String ecode, String err) {
            super(status, ecode, err);
        }
    }

    /** {@code 429}: the token's budget is spent until {@link #resetEpochMillis()}. */
    public static final class RateLimited extends ClickUpException {
        private final OptionalLong resetEpochMillis;

        public RateLimited(int status, String ecode, String err, OptionalLong resetEpochMillis) {
            super(status, ecode, err);
            this.resetEpochMillis = resetEpochMillis;
        }

        private RateLimited(RateLimited original, long resetEpochMillis) {
            super(original);
            this.resetEpochMillis = OptionalLong.of(resetEpochMillis);
        }

        /**
         * When ClickUp said the limit resets. Once the answer has passed through {@link ClickUpCalls}
         * this is the bounded reset the budget was given (at most one window ahead; one window when
         * the header was absent or bogus), so every caller that waits on it waits as the budget does.
         */
        public OptionalLong resetEpochMillis() {
            return resetEpochMillis;
        }

        /** The same answer, resetting at {@code resetEpochMillis} (the bound {@link ClickUpCalls} applied). */
        RateLimited resettingAt(long resetEpochMillis) {
            return new RateLimited(this, resetEpochMillis);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** {@code 5xx}: ClickUp failed; a later attempt may succeed. */
    public static final class Server extends ClickUpException {
        public Server(int status, String ecode, String err) {
            super(status, ecode, err);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * A non-idempotent write ({@link ClickUpCalls#executeOnce}) was sent and then failed in a way that
     * does not say whether ClickUp applied it (timeout, connection lost, 5xx). It is not retried, since
     * a retry could apply it twice; the caller must find out or give up. {@link #getCause()} is the
     * failure of the attempt that was sent.
     */
    public static final class OutcomeUnknown extends ClickUpException {
        public OutcomeUnknown(String endpoint, Throwable cause) {
            super(0, null, endpoint + " was sent but its outcome is unknown ("
                    + (cause == null ? "no answer within the call timeout" : cause.getClass().getSimpleName()) + "); not retried");
            if (cause != null) {
                initCause(cause);
            }
        }
    }
}
