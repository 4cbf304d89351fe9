package dev.clickupsync.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code sync.reconcile.restore.*}: which tasks reconcile asks ClickUp's {@code time_in_status} about. */
@ConfigMapping(prefix = "sync.reconcile.restore")
public interface RestoreConfig {

    /** Which listed tasks the change walk notes for the restore pass ({@link RestoreCandidates}). */
    enum Check {
        /**
         * Every task the walk lists as changed since its previous walk (and, in a scope's first walk,
         * every task created since the mirror hears its workspace): finds every visit that
         * {@code time_in_status} shows, also a visit to another status and back whose two webhooks were
         * both dropped and that a later, heard change hides. Costs one bulk call per 100 such tasks, at
         * most as many calls as the walk's own pages.
         */
        CHANGED,
        /**
         * Only tasks whose stored history does not explain what ClickUp lists (a gap, another status, a
         * version the mirror never heard, a missing creation): the fewest calls, and such a hidden visit
         * stays missing.
         */
        UNEXPLAINED
    }

    /**
     * {@code SYNC_RECONCILE_RESTORE_CHECK}: {@code changed} (default) or {@code unexplained}; see
     * {@link Check}. Either way a task is asked about once per version, not on every run: a task the
     * walk lists again within its overlap is not noted again for being listed.
     */
    @WithDefault("changed")
    Check check();
}
