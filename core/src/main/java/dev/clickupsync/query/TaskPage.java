package dev.clickupsync.query;

import dev.clickupsync.mirror.TaskSnapshot;

import java.util.List;

/** One page of a task query, in the asked order, and whether no page follows it ({@code last_page}). */
public record TaskPage(List<TaskSnapshot> tasks, boolean lastPage) {
    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}
