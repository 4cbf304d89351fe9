/**
 * Time entries from the workspace's listing (issue #17): reconcile's walk of
 * {@code GET /team/{id}/time_entries} by date window, with a watermark and a resumable backfill,
 * feeding the same normalised rows as the task path ({@code GET /task/{id}/time}, written by the
 * drain through {@code mirror.TimeEntryStore}).
 *
 * <ul>
 *   <li>{@link dev.clickupsync.timesync.TimeWalk}: one workspace's run, its windows and watermark (the
 *       algorithm and the start rules are its class comment);</li>
 *   <li>{@code WindowApply}: one window into the mirror (check, newer-wins write, deletions);</li>
 *   <li>{@code TeamEntryShape}: an element checked against {@code clickup/time-entry.schema.json} and
 *       mapped to {@code mirror.TimeEntryRecord}, or one reason why not;</li>
 *   <li>{@link dev.clickupsync.timesync.TimeEntrySource}: what the walk reads from ClickUp
 *       ({@link dev.clickupsync.timesync.ClickUpTimeSource} in production);</li>
 *   <li>{@link dev.clickupsync.timesync.TimeWalkConfig}: {@code sync.reconcile.time-entries.*}.</li>
 * </ul>
 *
 * <p>One row per entry: both paths write {@code pk = task#<taskId>, sk = time#<entryId>} in the mirror
 * table; the walk's writes are conditional on {@code observed_at} (newer reading wins) and skip an
 * unchanged entry, and deletions are tombstones ({@code mirror.TimeEntryUpserts}). Running timers are
 * rows with {@code running = true} and a negative duration until a walk (or the task path) sees them
 * stopped. The walk depends on {@code mirror}, {@code store}, {@code clickup} and {@code metrics} only;
 * {@code reconcile.Reconciler} runs it per workspace under its deadline and budget share.
 */
package dev.clickupsync.timesync;
