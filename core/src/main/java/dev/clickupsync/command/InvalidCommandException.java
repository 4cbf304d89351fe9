package dev.clickupsync.command;

/**
 * A command that cannot be executed as given: which field is wrong and why. The message names the
 * field and is safe to return to the client (it echoes no value but a workspace name, checked first
 * to be letters and digits).
 */
public class InvalidCommandException extends IllegalArgumentException {
    private final String field;

    public InvalidCommandException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The JSON field at fault, e.g. {@code custom_fields.Estimate}; {@code body} for the whole document. */
    public String field() {
        return field;
    }
}
