package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.Pages;
import dev.clickupsync.clickup.model.ClickUpTask;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads one of {@link ClickUpClient}'s lazy task listings a page at a time, so the caller can take
 * a budget slot and check its deadline before each page is requested. {@link Pages} fetches page
 * {@code n} only when the consumer reads past the {@code n * 100}th task, so taking exactly
 * {@value Pages#PAGE_SIZE} tasks per {@link #next()} lines up with ClickUp's pages.
 */
final class PagedReader {
    private final Iterator<ClickUpTask> tasks;
    private boolean exhausted;

    PagedReader(Stream<ClickUpTask> listing) {
        this.tasks = listing.iterator();
    }

    /** The next page (fewer than 100 tasks: the last one); empty once the listing is exhausted. */
    List<ClickUpTask> next() {
        if (exhausted) {
            return List.of();
        }
        List<ClickUpTask> page = new ArrayList<>(Pages.PAGE_SIZE);
        while (page.size() < Pages.PAGE_SIZE && tasks.hasNext()) {
            page.add(tasks.next());
        }
        if (page.size() < Pages.PAGE_SIZE) {
            exhausted = true;
        }
        return page;
    }

    boolean exhausted() {
        return exhausted;
    }
}
