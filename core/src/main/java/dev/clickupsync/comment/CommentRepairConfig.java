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
}
