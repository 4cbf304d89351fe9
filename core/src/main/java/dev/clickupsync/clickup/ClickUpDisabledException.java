package dev.clickupsync.clickup;

/**
 * The kill switch is on ({@code clickup.enabled=false}): no call was made. Events keep being
 * queued and are applied once ClickUp calls are allowed again.
 */
public class ClickUpDisabledException extends RuntimeException {
    public ClickUpDisabledException() {
        super("ClickUp calls are disabled (clickup.enabled=false)");
    }
}
