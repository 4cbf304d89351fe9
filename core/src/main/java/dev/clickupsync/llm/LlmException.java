package dev.clickupsync.llm;

/**
 * A chat completion that did not produce a usable answer. The message names the failure mode and
 * the HTTP status only: never the key, the prompt or the provider's body (which may echo either).
 */
public final class LlmException extends RuntimeException {

    /** Why; the metric dimension {@code Reason} is {@link #code()}. */
    public enum Reason {
        RATE_LIMITED("llm_rate_limited"),
        SERVER_ERROR("llm_server_error"),
        CLIENT_ERROR("llm_client_error"),
        TIMEOUT("llm_timeout"),
        NETWORK("llm_network"),
        MALFORMED("llm_malformed"),
        EMPTY("llm_empty");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final int status;

    public LlmException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** No stack trace: the reason is the whole story, and a trace would only bury the one log line. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
