package dev.clickupsync.query;

/**
 * A task query the engine will not answer: a parameter it does not know or support, or a value that
 * does not parse. {@link #parameter()} names it, so the HTTP side can answer 400 with a problem body
 * that says which; the message never holds more than the parameter's own value.
 */
public final class QueryException extends RuntimeException {
    /** Why the parameter is refused. */
    public enum Kind {
        /** Not a parameter of this endpoint. */
        UNKNOWN,
        /** A ClickUp parameter the mirror cannot answer faithfully (it lacks the data). */
        UNSUPPORTED,
        /** A known parameter whose value does not parse. */
        MALFORMED
    }

    private final String parameter;
    private final Kind kind;

    public QueryException(Kind kind, String parameter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public Kind kind() {
        return kind;
    }
}
