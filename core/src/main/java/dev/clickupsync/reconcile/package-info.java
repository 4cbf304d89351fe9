/**
 * Reconcile and backfill: the scheduled pass that makes the mirror complete whatever webhooks
 * ClickUp dropped (after 5 failed deliveries it gives up on an event; a suspended webhook sends
 * nothing at all).
 *
 * <h2>The pieces</h2>
 * {@link dev.clickupsync.reconcile.Reconciler} orchestrates one run: the workspaces, each scope's
 * walk, then the due deletion sweeps, and the report. It delegates to package-private pieces:
 * <ul>
 *   <li>{@code ChangeWalk}, the change walk of one scope (below);</li>
 *   <li>{@code DeletionSweep}, the id sweep that finds missed deletions (below);</li>
 *   <li>{@code WatermarkRewind}, backfill and the webhook gap rewind: watermarks moved back, never
 *       forward, by compare-and-set;</li>
 *   <li>{@code StopPolicy}, when to stop instead of waiting: the invocation's deadline minus the
 *       safety margin, and a slot of reconcile's share of the budget within its max wait; a stop is
 *       {@code complete=false}, and the next run resumes from what was saved;</li>
 *   <li>{@code MirrorWrites}, the mirror writes both of them make: only what is newer than (or
 *       heals) the stored entry, through the mirror's guarded write, 8 at a time per page;</li>
 *   <li>{@code BackfillProgress}, what a backfill has done, for {@code GET /admin/status}: a run per
 *       scope started by the rewind, adopted by the walk, one write per page.</li>
 * </ul>
 * The first four are records of their collaborators: they hold no state between calls (a walk's
 * progress lives in its cursor and watermark), and the record says so.
 * {@link dev.clickupsync.reconcile.ScheduledReconcile} runs the webhook lifecycle first and rewinds
 * for a delivery gap it reports; {@link dev.clickupsync.reconcile.GapRewinds} keeps a rewind that failed
 * (the lifecycle reports a gap only once) for the next run, and one workspace's failure stops no other.
 *
 * <h2>Changes</h2>
 * The walk lists {@code GET /team/{id}/task} per workspace and
 * scope ({@link dev.clickupsync.reconcile.Scope}), oldest update first, by keyset
 * ({@link dev.clickupsync.reconcile.KeysetCursor}) from a watermark stored in the control table
 * ({@link dev.clickupsync.reconcile.WatermarkStore}), and writes every task newer than the mirror
 * through the mirror's guarded write. The first run of a scope is a backfill of
 * {@code sync.reconcile.backfill-days}; {@code Reconciler.backfill(team, from)} rewinds a workspace
 * for an explicit one. Both are resumable from the cursor saved after every page. Reconcile takes at
 * most {@code sync.reconcile.budget-share} of the token's budget
 * ({@link dev.clickupsync.reconcile.ReconcileBudget}).
 *
 * <h2>Status history</h2>
 * The walk notes the tasks of each page whose stored status transitions do not explain their listed
 * status, before it writes the page; after the walks, the restore pass restores what webhooks dropped
 * from {@code GET /task/bulk_time_in_status/task_ids} (package {@code dev.clickupsync.history}).
 *
 * <h2>Comments</h2>
 * The same page notes ({@code PageNotes}, one read of the page's mirror entries for both) put the
 * tasks ClickUp lists newer than the mirror holds (with {@code sync.reconcile.comments.check=changed}:
 * every task listed as changed since the previous walk), and those the mirror lacks whose listing shows
 * activity after their creation, into the comment repair's pending set. As the run's last step (after
 * every workspace's walks, restore and sweeps; each workspace's repair in a slice of the time left, its
 * stop never the run's), {@link dev.clickupsync.comment.CommentRepair} re-reads
 * {@code GET /task/{id}/comment} for at most {@code sync.reconcile.comments.max-tasks} of them (one call
 * each, the rest left pending), adds and updates what the mirror lacks and tombstones what ClickUp no
 * longer lists; its class comment says what it cannot see (a comment that does not move the task's
 * {@code date_updated}).
 *
 * <h2>Time entries</h2>
 * After the hierarchy pass, each workspace's time entries are walked by
 * {@link dev.clickupsync.timesync.TimeWalk} (date windows of {@code GET /team/{id}/time_entries} from
 * its own watermark, scope {@code time_entries}, which {@code WatermarkRewind} rewinds with the
 * others), under the same deadline and budget share; its design is that class's comment.
 *
 * <h2>Deletions</h2>
 * A {@code taskDeleted} webhook tombstones the task in the drain. A deletion whose webhook never
 * arrived leaves no trace in ClickUp's listings: a deleted task is simply absent, and its
 * {@code date_updated} never shows up past the watermark. So a missed deletion is found by
 * absence, in the periodic <b>id sweep</b> ({@code sync.reconcile.deletion-sweep.enabled}, each
 * list at most every {@code interval}):
 * <ol>
 *   <li>the mirror knows which task ids it holds per list through membership items
 *       ({@code pk = list#<listId>, sk = task#<taskId>} in the mirror table, see
 *       {@link dev.clickupsync.store.ListMembership}), written whenever a snapshot is written by
 *       reconcile (and, once wired, by the drain), because the IAM design allows no {@code Scan};</li>
 *   <li>the sweep lists ClickUp's ids for the list ({@code GET /list/{id}/task} with closed tasks,
 *       subtasks, and a second pass for archived ones) and reads the membership with one
 *       {@code Query};</li>
 *   <li>every mirrored id ClickUp did not list is confirmed with {@code GET /task/{id}}: {@code 404}
 *       means deleted, and the task gets a {@code not_found} tombstone ({@code MirrorStore.notFound})
 *       and leaves the membership; an answer from another list means it moved (membership follows
 *       it); an answer from the same list was a listing race and changes nothing. Only a {@code 404}
 *       ever tombstones, so a stale or incomplete membership costs a call, never a wrong deletion;</li>
 *   <li>ids ClickUp lists that the membership lacks are added, so membership heals itself; and as
 *       the listing carries full tasks, any listed task newer than the mirror is written on the way
 *       (archived tasks included, which the team-wide walk may not list).</li>
 * </ol>
 * Each list's last complete sweep is stored in the control table; a sweep stopped by the budget or
 * the deadline is redone at the next run.
 *
 * <h2>Healing what a 404 hid</h2>
 * A {@code 404} is our observation, not ClickUp's statement: a permission blip or a restore from the
 * trash (which need not bump {@code date_updated}) contradicts it later. The mirror tells the two
 * kinds of tombstone apart ({@code deleted_by}) and lets any task ClickUp answers after a 404's
 * tombstone was written replace it, whatever its version (the ordering rules are in
 * {@link dev.clickupsync.mirror.MirrorStore}'s class comment). Both listings here are such answers:
 * the walk heals a tombstoned task it lists, and so does the sweep's listing of its list. A task
 * whose {@code date_updated} is older than the walk's watermark is not listed by the walk; it heals
 * at its next change, at the sweep of its list, or with an admin resync.
 */
package dev.clickupsync.reconcile;
