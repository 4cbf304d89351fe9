package dev.clickupsync.drain;

/**
 * How the drain turns minimal webhook events into full task snapshots.
 */
public enum ExpansionPolicy {
    /** Fetch the task ({@code GET /task}) once per task per batch, whatever the events say. */
    ALWAYS,
    /**
     * Apply the events' before/after values to the stored snapshot when they fully describe the
     * change (see {@link SnapshotDeltas}); fetch only when they do not. Same mirror, fewer calls.
     */
    SMART
}
