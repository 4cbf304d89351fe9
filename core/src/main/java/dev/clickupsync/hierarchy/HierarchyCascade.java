package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.query.TaskIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Deleting a space, folder or list deletes everything under it, children first: a space's folders
 * and folderless lists, a folder's lists, a list's tasks, and the object itself last. Children come
 * from the link items ({@link HierarchyStore#children}), tasks from the list's task-query index
 * (both archive states, {@link TaskIndex#listTaskIds}), a page of {@value ListTasks#PAGE} at a time ({@link ListTasks}).
 *
 * <p><b>Resumable.</b> Each tombstone removes what led to it (the link, the index items), so running
 * the same deletion again, after a Lambda died mid-way and SQS redelivered the event, finds only what
 * is left; the object goes last so a half-done deletion is still reachable from its parent. Before
 * each page the caller's {@code beforePage} may stop the work (the drain: out of time, which defers
 * the event without spending a receive).
 *
 * <p><b>Tasks</b> go through the mirror's own tombstone path as a {@code not_found} tombstone
 * ({@link MirrorStore#notFound}): ClickUp deleted their container, not (yet) said anything about each
 * task, and a list restored from the trash must be able to bring its tasks back, which a
 * {@code not_found} tombstone allows (any later fetch heals it) and a {@code taskDeleted} one would
 * not. A task is tombstoned only when its entry still names the deleted list (an index item left
 * behind by a failed index write must not delete a task that moved on).
 *
 * <p>Renaming or moving follows the same path down: {@link #write} stores a fetched object after
 * bringing the tasks under it in line ({@link HierarchyRenames}).
 */
@ApplicationScoped
public class HierarchyCascade {

    private final HierarchyStore store;
    private final MirrorStore mirror;
    private final Metrics metrics;
    private final HierarchyRenames renames;
    private final ListTasks tasks;

    @Inject
    public HierarchyCascade(HierarchyStore store, MirrorStore mirror, TaskIndex index, Metrics metrics) {
        this.store = store;
        this.mirror = mirror;
        this.metrics = metrics;
        this.tasks = new ListTasks(index, mirror);
        this.renames = new HierarchyRenames(store, mirror, tasks, metrics);
    }

    /**
     * Stores ClickUp's JSON of one object fetched at {@code fetchedAt} ({@link HierarchyStore#write}), after
     * rewriting the tasks under a renamed or moved list or folder ({@link HierarchyRenames}); before each
     * page of tasks {@code beforePage} may stop the work, and the object is then left unwritten.
     *
     * @return false when the stored object is as new or newer
     */
    public boolean write(HierarchyKind kind, JsonNode json, String teamId, Instant fetchedAt, Runnable beforePage) {
        return renames.write(kind, json, teamId, fetchedAt, beforePage);
    }

    /** Deletes the object and everything under it as of {@code at}; returns the tasks tombstoned. */
    public int delete(HierarchyKind kind, String id, Instant at, Runnable beforePage) {
        int tasks = 0;
        switch (kind) {
            case SPACE -> {
                for (HierarchyStore.Link folder : store.children(HierarchyItems.foldersOf(id))) {
                    tasks += delete(HierarchyKind.FOLDER, folder.id(), at, beforePage);
                }
                for (HierarchyStore.Link list : store.children(HierarchyItems.folderlessListsOf(id))) {
                    tasks += delete(HierarchyKind.LIST, list.id(), at, beforePage);
                }
            }
            case FOLDER -> {
                for (HierarchyStore.Link list : store.children(HierarchyItems.listsOf(id))) {
                    tasks += delete(HierarchyKind.LIST, list.id(), at, beforePage);
                }
            }
            case LIST -> tasks += tombstoneTasks(id, beforePage);
        }
        beforePage.run();
        if (store.tombstone(kind, id, at)) {
            metrics.increment("HierarchyDeleted", "Kind", kind.code());
        }
        return tasks;
    }

    private int tombstoneTasks(String listId, Runnable beforePage) {
        // "asked" is taken before the page's entries were read: a write after the read wins over the 404.
        int tombstoned = tasks.each(listId, beforePage, (entry, asked) -> !entry.snapshot().deleted()
                && listId.equals(entry.snapshot().listId()) && mirror.notFound(entry.snapshot().id(), asked).written());
        if (tombstoned > 0) {
            metrics.record("HierarchyTasksTombstoned", tombstoned, "Count");
        }
        return tombstoned;
    }
}
