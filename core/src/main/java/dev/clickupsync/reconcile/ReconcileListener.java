package dev.clickupsync.reconcile;

/**
 * Hears a walk's progress: called after each page is written and its cursor saved, on the
 * reconciling thread. For progress reporting (and for tests that change ClickUp mid-walk).
 */
@FunctionalInterface
public interface ReconcileListener {
    ReconcileListener NONE = progress -> { };

    void pageDone(PageProgress progress);

    /**
     * @param page    pages of this walk so far (1 = the first)
     * @param tasks   tasks listed on this page
     * @param pending of those, not handled earlier in the walk
     * @param written of those, written to the mirror (newer than what it held)
     * @param cursor  the saved cursor after this page
     */
    record PageProgress(Scope scope, int page, int tasks, int pending, int written, KeysetCursor cursor) {
    }
}
