package dev.clickupsync.fields;

/**
 * A list's field definitions could not be had and no copy, however stale, was there to fall back
 * on, when the failure was not this instance's own call to ClickUp (whose exception is passed on
 * as is): another instance's discovery failed while this one waited for it, or the wait was
 * interrupted. Worth retrying later, like a ClickUp server error.
 */
public class FieldDiscoveryException extends RuntimeException {
    private final String listId;

    public FieldDiscoveryException(String listId, String message) {
        super(message);
        this.listId = listId;
    }

    public String listId() {
        return listId;
    }
}
