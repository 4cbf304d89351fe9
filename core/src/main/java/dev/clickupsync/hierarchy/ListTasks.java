package dev.clickupsync.hierarchy;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.query.TaskIndex;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.time.Instant;
import java.util.function.BiPredicate;

/**
 * The mirror entries of a list's tasks, a page of {@value #PAGE} at a time from the list's task-query
 * index (both archive states), for the cascades that work on everything under a list: a deletion
 * ({@link HierarchyCascade}) and a rename or move ({@link HierarchyRenames}). Before each page
 * {@code beforePage} may stop the work by throwing. Per page: one {@code Query}, one {@code BatchGetItem}.
 */
record ListTasks(TaskIndex index, MirrorStore mirror) {
    static final int PAGE = 100;

    /**
     * Applies {@code action} to each stored entry of the list's tasks, with the instant taken just before
     * its page of entries was read ({@link MirrorStore#beforeFetch}: what a write guarded on "written
     * before" compares); returns how many it answered true for.
     */
    int each(String listId, Runnable beforePage, BiPredicate<MirrorStore.Entry, Instant> action) {
        int counted = 0;
        for (boolean archived : new boolean[] {false, true}) {
            Map<String, AttributeValue> start = null;
            do {
                beforePage.run();
                TaskIndex.IdPage page = index.listTaskIds(listId, archived, start, PAGE);
                Instant read = mirror.beforeFetch();
                for (MirrorStore.Entry entry : mirror.findEntries(page.taskIds()).values()) {
                    if (action.test(entry, read)) {
                        counted++;
                    }
                }
                start = page.next();
            } while (start != null);
        }
        return counted;
    }
}
