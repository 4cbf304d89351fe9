package dev.clickupsync.query;

import dev.clickupsync.mirror.TaskSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * One page of a task query, in the asked order, and whether no page follows it ({@code last_page}).
 * {@code verifiedThrough} and {@code writtenAt} are the least fresh of the page's entries (the
 * earliest of each), so a page vouches only for what all its tasks vouch for; both are null for an
 * empty page (no entry was read).
 */
public record TaskPage(List<TaskSnapshot> tasks, boolean lastPage, Instant verifiedThrough, Instant writtenAt) {
    public TaskPage {
        tasks = List.copyOf(tasks);
    }

    /** A page without freshness (an empty one, or one built in a test). */
    public TaskPage(List<TaskSnapshot> tasks, boolean lastPage) {
        this(tasks, lastPage, null, null);
    }
}
