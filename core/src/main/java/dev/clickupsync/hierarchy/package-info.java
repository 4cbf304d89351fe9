/**
 * Spaces, folders and lists as data (issue #17): stored in the mirror table as ClickUp's JSON, kept
 * by their webhooks and by reconcile, served by the read API ({@code read/HierarchyReadResource},
 * {@code docs/read-api.md}).
 *
 * <h2>Items</h2>
 * An <b>object item</b> per space, folder and list ({@code pk = h#<kind>#<id>}, {@code sk = object})
 * holds the JSON of {@code GET /space|folder|list/{id}} (or the same object from a listing), its
 * version {@code fetched_at}, {@code deleted}, and the key of its <b>link item</b>. The link item is
 * a copy of the JSON in the parent's partition, so that each listing endpoint is one {@code Query}:
 * {@code h#team#<team>#space}, {@code h#space#<space>#folder} (visible folders),
 * {@code h#space#<space>#list} (lists whose folder is hidden: ClickUp's folderless lists) and
 * {@code h#folder#<folder>#list}, sort key {@code <orderindex>#<id>} (ClickUp's order). Hidden folders
 * have no link; a space has one once its workspace is known. Layout: {@code HierarchyItems}.
 *
 * <h2>Ordering guard</h2>
 * ClickUp's hierarchy objects carry no {@code date_updated}. The version of what a fetch answered is
 * the time the request began ({@link dev.clickupsync.hierarchy.HierarchyStore#beforeFetch()}), and
 * every write of an object, a link or a tombstone is conditional on the stored version being strictly
 * older ({@code attribute_not_exists(pk) OR fetched_at < :t}). So a slower fetch never overwrites a
 * newer one, and a <b>tombstone</b> (versioned with the time the deletion was decided) wins over every
 * fetch begun before it, while a fetch begun after it (an object restored from the trash) heals it.
 * A move (a list to another folder) writes the new link, removes the old one, and writes the object
 * last, so a Lambda that dies in between is redone from the object, which still names the old link.
 *
 * <h2>Events</h2>
 * List, folder and space webhooks carry only the object's id. The drain groups them per object
 * ({@link dev.clickupsync.hierarchy.HierarchyEvents}), and {@link dev.clickupsync.hierarchy.HierarchyDrain}
 * makes at most one fetch per object per batch (a {@code 404} is a deletion), or none when the
 * group's last event is a {@code *Deleted}. Their bodies repeat exactly (two renames of one list are
 * byte-identical), so they are de-duplicated per delivery, not per body
 * ({@link dev.clickupsync.hierarchy.HierarchyEvents#deliveryKey}, applied by the drain's
 * {@code ObjectGroups}, which keys goal events the same way). Failures take the drain's usual
 * paths ({@code clickup/ClickUpFailures}: a 429 or a spent budget defers, a 5xx fails and is redelivered).
 *
 * <h2>Deletion cascade</h2>
 * Deleting a space deletes its folders and folderless lists, a folder its lists, a list its tasks
 * (the list's task-query index partitions {@code tq#l#<list>#0} and {@code #1}, a page of 100 at a
 * time, each task through {@code MirrorStore.notFound}, so a later fetch of a restored task heals it),
 * children before parents, each tombstone removing what led to it. A deletion cut short (out of the
 * invocation's time, checked between pages) is finished by the redelivered event, which finds only
 * what is left. {@link dev.clickupsync.hierarchy.HierarchyCascade}.
 *
 * <h2>Renames and moves</h2>
 * A task's JSON names its list, folder and space, and ClickUp changes those names in every task
 * without a task event or a new {@code date_updated}. So every list or folder the drain or the pass
 * stores goes through {@code HierarchyCascade#write}: when its name, folder or space differs from the
 * stored copy (or a list was never stored), the live tasks under it are rewritten in place at their
 * own version ({@code MirrorStore.relocate}, a compare-and-set), before the object itself is written,
 * so a cascade cut short is found again and finished. DynamoDB work only, no ClickUp call.
 *
 * <h2>Reconcile</h2>
 * {@link dev.clickupsync.hierarchy.HierarchyPass} runs first in a reconcile run, for each workspace
 * whose last complete pass is older than {@code sync.reconcile.hierarchy.interval} (default 1 hour:
 * the events keep the hierarchy current, the pass only repairs what they missed, and it costs a call
 * per space and folder), under reconcile's deadline and budget share: it lists spaces, each space's folders and folderless
 * lists, each folder's lists, writes what it saw, then asks by id for each stored object the
 * listings no longer show: only a {@code 404} deletes (with its cascade). The optional deletion sweep
 * ({@code reconcile/DeletionSweep}) still finds single tasks whose deletion was missed; a list's
 * deletion needs no sweep any more. The workspace's goal pass ({@code goal/GoalPass}) runs with it
 * when it is due (goals are not hierarchy, but as rare and as cheap to list); the pass is recorded
 * only when both ended.
 */
package dev.clickupsync.hierarchy;
