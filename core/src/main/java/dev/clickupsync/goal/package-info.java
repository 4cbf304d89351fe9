/**
 * Goals and their key results as mirror data (issue #17): stored in the mirror table as ClickUp's
 * {@code GET /goal/{goal_id}} answers them (its {@code goal} object, key results included), so no
 * new table and no new IAM grant. Layout in {@link dev.clickupsync.goal.GoalItems}.
 *
 * <h2>Items</h2>
 * An <b>object item</b> per goal ({@code pk = g#goal#<id>}, {@code sk = object}) holds the goal's
 * JSON, its version {@code fetched_at}, {@code deleted} and its workspace; a <b>link item</b> in the
 * workspace's partition ({@code pk = g#team#<team>#goal}, {@code sk = <goal id>}) copies the JSON, so
 * that listing a workspace's goals is one {@code Query}. A goal never changes workspace, so a goal
 * has one link for its whole life: there are no moves to repair.
 *
 * <h2>Key results</h2>
 * A key result lives inside its goal's JSON ({@code key_results}), never on its own: a key-result
 * event refetches its goal (the payload names {@code goal_id}), and a goal's tombstone removes its
 * key results with it.
 *
 * <h2>Workspace listing</h2>
 * ClickUp's {@code GET /team/{id}/goal} answers another shape than {@code GET /goal/{id}} (entries
 * carry {@code date_updated}, {@code last_update}, {@code key_result_count}, no key results; goals
 * in folders sit under {@code folders}), so it is stored as answered, fetched with
 * {@code include_completed=true}: one <b>listing item</b> per workspace
 * ({@code pk = g#team#<team>#listing}, {@code sk = object}), versioned by fetch start under the same
 * guard. The read API serves it (dropping completed goals unless asked), and reconcile compares it
 * with a new listing to find changed goals. <b>Size:</b> a DynamoDB item holds at most 400 KB and a
 * listing entry is about 1 KB of JSON, so the listing is stored gzip'd (a few thousand goals fit). One
 * that does not fit even so is not stored ({@code GoalStore.ListingWrite.TOO_LARGE}): the event or the
 * pass goes on (the goals are stored one item each), the older listing stays, and
 * {@code GoalListingSkipped{Reason=goal_listing_too_large}} raises the alarm {@code GoalListingTooLarge};
 * splitting the listing by folder would be the fix for such a workspace.
 *
 * <h2>Events</h2>
 * {@link dev.clickupsync.goal.GoalDrain}: a batch's events of one goal
 * ({@link dev.clickupsync.goal.GoalEvents}) cost one {@code GET /goal/{id}} (none for a
 * {@code goalDeleted}, a tombstone) and one listing refresh; their bodies repeat identically, so
 * the drain keys them per delivery.
 *
 * <h2>Reconcile</h2>
 * {@link dev.clickupsync.goal.GoalPass}, run by the hierarchy pass when that is due: one listing
 * call, then a {@code GET /goal/{id}} only for goals whose listing entry changed since the stored
 * listing, or that are new, or that vanished from it (a {@code 404} tombstones; only a {@code 404}
 * deletes).
 *
 * <h2>Ordering guard</h2>
 * ClickUp's goal JSON carries no {@code date_updated}, so, as for the hierarchy, the version of what a
 * fetch answered is the time the request <em>began</em> ({@link dev.clickupsync.goal.GoalStore#beforeFetch()}),
 * and every write of an object, a link or a tombstone is conditional on the stored version being
 * strictly older ({@code attribute_not_exists(pk) OR fetched_at < :t}). Invariants:
 * <ul>
 *   <li>a slower fetch never overwrites a newer one (equal versions: the first write stays);</li>
 *   <li>a <b>tombstone</b> (versioned with the time the deletion was decided) wins over every fetch
 *       begun before it, so a late {@code goalUpdated} refetch answered before the deletion cannot
 *       resurrect the goal; a fetch begun after it (a restored goal) heals it;</li>
 *   <li>the link is written before the object; a write that loses to a tombstone removes the link it
 *       put, so a deleted goal never shows in its workspace's listing.</li>
 * </ul>
 */
package dev.clickupsync.goal;
