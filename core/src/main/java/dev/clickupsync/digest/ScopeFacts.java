package dev.clickupsync.digest;

import java.time.Instant;
import java.util.List;

/**
 * The mirror's facts for one scope and window: every task that changed in the window or is now in
 * progress, blocked or overdue, in a stable order ({@link TaskFact#rank()}, then id).
 *
 * @param listIds the lists the scope covered
 */
public record ScopeFacts(DigestScope scope, Instant from, Instant to, List<String> listIds, List<TaskFact> tasks) {
    public ScopeFacts {
        listIds = List.copyOf(listIds);
        tasks = List.copyOf(tasks);
    }
}
