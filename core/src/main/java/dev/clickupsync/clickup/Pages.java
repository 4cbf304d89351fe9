package dev.clickupsync.clickup;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.TasksPage;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * ClickUp's task listings as a lazy stream: pages are fetched from 0 only as the consumer reads on,
 * so a consumer that stops early (or runs out of budget) costs no further calls.
 *
 * <p>The end is {@code last_page: true} where ClickUp gives it, otherwise a page shorter than
 * {@value #PAGE_SIZE} (the filtered-team-tasks endpoint has no {@code last_page}); {@code maxPages}
 * bounds the walk whatever the server says.
 */
public final class Pages {
    public static final int PAGE_SIZE = 100;

    private Pages() {
    }

    public static Stream<ClickUpTask> tasks(IntFunction<TasksPage> fetchPage, int maxPages) {
        Iterator<ClickUpTask> iterator = new Iterator<>() {
            private int nextPage;
            private boolean finished;
            private Iterator<ClickUpTask> current = List.<ClickUpTask>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !finished) {
                    if (nextPage >= maxPages) {
                        finished = true;
                        break;
                    }
                    TasksPage page = fetchPage.apply(nextPage++);
                    current = page.tasks().iterator();
                    finished = Boolean.TRUE.equals(page.lastPage())
                            || (page.lastPage() == null && page.tasks().size() < PAGE_SIZE);
                }
                return current.hasNext();
            }

            @Override
            public ClickUpTask next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
