package dev.clickupsync.comment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Reconcile's comment repair ({@code SYNC_RECONCILE_COMMENTS_*}); what a run does is
 * {@link CommentRepair}'s class comment. Each task repaired is one {@code GET /task/{id}/comment} under
 * reconcile's budget share.
 */
@ConfigMapping(prefix = "sync.reconcile.comments")
public interface CommentRepairConfig {

    /**
     * Re-read the comments of the tasks the change walk finds changed without their webhook. Off: the
     * mirror's comments come from comment webhooks only, and a dropped one is never repaired.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * At most this many tasks' comments are re-read per workspace and run (one call each); the other
     * noted tasks stay pending in the control table for the next run, the longest waiting first. At the
     * default 0.3 share of 100 calls a minute and a 10-minute schedule, 50 is a sixth of a run's share.
     */
    @WithDefault("50")
    int maxTasks();

    /** Which tasks the mirror holds the change walk notes for the repair ({@link CommentRepair}). */
    enum Check {
        /**
         * Only tasks ClickUp lists newer than the mirror holds: a change (a comment among them) was not
         * heard. The fewest calls; a dropped comment followed by a heard change of the same task is not
         * seen (the drain's {@code GET /task} for that change leaves the mirror level).
         */
        BEHIND,
        /**
         * Every task the walk lists as changed since the scope's previous high water, level with the
         * mirror or not: also sees that dropped comment, at one call per changed task (capped by
         * {@code max-tasks}, the rest pending).
         */
        CHANGED
    }

    /**
     * {@code SYNC_RECONCILE_COMMENTS_CHECK}: {@code behind} (default) or {@code changed}; see {@link Check}.
     * Either way a task is judged once per version (a task listed again within the walk's overlap is not
     * noted again), and a task the mirror lacks is noted by the same rule (its listing shows activity
     * after its creation). A scope's first walk applies {@code changed} and the rule for a task the mirror
     * lacks only to tasks created since the mirror began to hear the workspace.
     */
    @WithDefault("behind")
    Check check();
}
