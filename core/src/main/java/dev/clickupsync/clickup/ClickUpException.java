package dev.clickupsync.clickup;

/**
 * An error answer from ClickUp: HTTP status plus ClickUp's {@code {"err", "ECODE"}}. Subclasses
 * name the failure modes callers act on differently; an unknown ECODE is kept verbatim.
 * Messages carry ClickUp's text and code only, never the request's token.
 */
public class ClickUpException extends RuntimeException {
    private final int status;
    private final String ecode;

    public ClickUpException(int status, String ecode, String err) {
        super("ClickUp answered " + status + (ecode == null ? "" : " " + ecode) + (err == null ? "" : ": " + err));
        this.status = status;
        this.ecode = ecode;
    }

    public int status() {
        return status;
    }

    /** ClickUp's {@code ECODE}, e.g. {@code OAUTH_025}; null when the body had none. */
    public String ecode() {
        return ecode;
    }

    /** Worth retrying later (server error, rate limit); false for errors a retry cannot fix. */
    public boolean retryable() {
        return false;
    }

    /** The token is missing, invalid or revoked ({@code 401}, {@code OAUTH_*}): needs a human. */
    public static final class Authentication extends ClickUpException {
        public Authentication(int status, String ecode, String err) {
            super(status, ecode, err);
        }
    }

    /** The resource does not exist or was deleted ({@code 404}, e.g. {@code ITEM_013}). */
    public static final class NotFound extends ClickUpException {
        public NotFound(int status, String ecode, String err) {
            super(status, ecode, err);
        }
    }

    /** {@code 429}: the token's request budget is spent until the reset time. */
    public static final class RateLimited extends ClickUpException {
        public RateLimited(int status, String ecode, String err) {
            super(status, ecode, err);
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
}
