/**
 * Status history that survives dropped webhooks (issue #17): reconcile restores the status
 * transitions whose {@code taskStatusUpdated} (or {@code taskCreated}) webhook ClickUp dropped.
 *
 * <ol>
 *   <li>The change walk hands each page to {@link dev.clickupsync.history.RestoreCandidates} before it
 *       writes it: a task changed since the walk's previous high water ({@code sync.reconcile.restore.check
 *       = changed}, the default), or whose stored history does not explain what ClickUp lists, is noted in
 *       {@link dev.clickupsync.history.PendingRestores} (control table), with no ClickUp call. A scope's
 *       first walk notes only tasks created since the drain began to hear their workspace
 *       ({@link dev.clickupsync.history.HeardSince}); older ones are imported without their past.</li>
 *   <li>After the walks, {@link dev.clickupsync.history.TransitionRestore} asks
 *       {@code GET /task/bulk_time_in_status/task_ids} for the noted tasks, 100 a call, under
 *       reconcile's deadline and budget share, and stores each entry into a status that the mirror
 *       lacks ({@code StatusEntries}) as a <em>restored</em> transition; a task leaves the pending set
 *       only once done, so a stop or a failure loses nothing.</li>
 *   <li>{@link dev.clickupsync.mirror.TransitionStore} keeps a restored transition and the webhook one
 *       of the same entry from both staying (its class comment: write, then look, on both sides).</li>
 * </ol>
 * A status entered twice shows one entry only; another visit is restored when a heard webhook's
 * {@code before} tells it, with a time known to the minute ({@link dev.clickupsync.history.UnseenVisits},
 * an approximate transition). What cannot be restored: a visit no heard webhook tells; and the
 * restored transition's {@code from} is the mirror's own timeline.
 * Depends on {@code clickup}, {@code mirror}, {@code store}; {@code reconcile} wires it in.
 */
package dev.clickupsync.history;
