package dev.clickupsync.reconcile;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a walk over tasks ordered by {@code date_updated} stands: every task updated before
 * {@link #millis()} is done, and so are the tasks {@link #ids()} updated exactly at it.
 *
 * <p>Why a keyset and not page numbers: the listing changes while it is walked. A task updated
 * after it was read moves to the end, so every task behind it moves up one place, and the first of
 * the next page slides into a page already read: page numbers skip it. Querying again after each
 * page with {@code date_updated_gt = millis - 1} asks only for what is left; a task updated meanwhile
 * shows up again later with its new date (and is written again, harmlessly). The {@code - 1} and
 * the ids handle a page boundary that falls between tasks updated in the same millisecond.
 *
 * <p>Immutable.
 */
public record KeysetCursor(long millis, Set<String> ids) {

    /** A listed task reduced to what ordering needs. */
    public record Item(String id, long dateUpdated) {
    }

    public KeysetCursor {
        ids = ids == null ? Set.of() : Set.copyOf(ids);
    }

    /** Nothing done yet at or after {@code millis}: the walk starts with tasks updated from then on. */
    public static KeysetCursor from(long millis) {
        return new KeysetCursor(millis, Set.of());
    }

    /** The {@code date_updated_gt} of the next query: one before {@link #millis()}, as that millisecond may be half done. */
    public long queryGt() {
        return millis - 1;
    }

    /** Whether this task (as listed now) was already handled by this walk. */
    public boolean done(Item task) {
        return task.dateUpdated() < millis || (task.dateUpdated() == millis && ids.contains(task.id()));
    }

    /**
     * The cursor after the tasks of one page (all written): moves to the page's newest
     * {@code date_updated}, remembering the ids at it. Never moves backwards.
     */
    public KeysetCursor advance(Collection<Item> page) {
        long newest = millis;
        for (Item item : page) {
            newest = Math.max(newest, item.dateUpdated());
        }
        Set<String> atNewest = new HashSet<>();
        if (newest == millis) {
            atNewest.addAll(ids);
        }
        for (Item item : page) {
            if (item.dateUpdated() == newest) {
                atNewest.add(item.id());
            }
        }
        if (newest == millis && atNewest.equals(ids)) {
            return this;
        }
        return new KeysetCursor(newest, atNewest);
    }

    /** Everything up to and including {@code millis} is done (a whole same-millisecond group was read). */
    public static KeysetCursor after(long millis) {
        return new KeysetCursor(millis + 1, Set.of());
    }

    /** The newest {@code date_updated} known done: the watermark a finished walk leaves. */
    public long highWater() {
        return ids.isEmpty() ? millis - 1 : millis;
    }

    /** Not-yet-done tasks of a page, in page order. */
    public List<Item> pending(List<Item> page) {
        return page.stream().filter(item -> !done(item)).toList();
    }
}
