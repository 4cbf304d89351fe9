package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The page starts kept per query shape and generation ({@link PageCursors}); the engine's use of them is in TaskQueryCostTest. */
class PageCursorsTest {
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private final PageCursors cursors = new PageCursors(PageCursors.MAX_STARTS, MAX_AGE);

    @Test
    void aPageStartsFromTheNearestKnownStartAtOrBelowItUnderTheSameGeneration() {
        cursors.remember(page(0), "g1", Map.of(1, key("a"), 2, key("b"), 5, key("e")));

        assertThat(cursors.nearest(page(2), "g1")).contains(new PageCursors.Start(2, key("b")));
        assertThat(cursors.nearest(page(4), "g1")).contains(new PageCursors.Start(2, key("b")));
        assertThat(cursors.nearest(page(9), "g1")).contains(new PageCursors.Start(5, key("e")));
    }

    @Test
    void anotherGenerationPageZeroOrNoGenerationFindNothing() {
        cursors.remember(page(0), "g1", Map.of(1, key("a")));

        assertThat(cursors.nearest(page(1), "g2")).as("the partition changed since").isEmpty();
        assertThat(cursors.nearest(page(0), "g1")).as("page 0 starts at the partition's start").isEmpty();
        assertThat(cursors.nearest(page(1), null)).isEmpty();
        cursors.remember(page(3), null, Map.of(4, key("d")));
        assertThat(cursors.size()).as("nothing kept without a generation").isEqualTo(1);
    }

    @Test
    void startsOfOneGenerationAddUpAndANewGenerationReplacesThemWhole() {
        cursors.remember(page(0), "g1", Map.of(1, key("a")));
        cursors.remember(page(3), "g1", Map.of(4, key("d")));
        assertThat(cursors.nearest(page(1), "g1")).isPresent();
        assertThat(cursors.nearest(page(4), "g1")).contains(new PageCursors.Start(4, key("d")));

        cursors.remember(page(0), "g2", Map.of(1, key("a2")));

        assertThat(cursors.nearest(page(4), "g2")).contains(new PageCursors.Start(1, key("a2")));
        assertThat(cursors.nearest(page(4), "g1")).isEmpty();
        assertThat(cursors.size()).isEqualTo(1);
    }

    @Test
    void theShapeIsTheQueryWithoutItsPageOrHowItsTasksAreShown() {
        cursors.remember(page(0), "g1", Map.of(1, key("a")));

        TaskQuery withMarkdown = TaskQuery.parse(Scope.list("900"), Map.of("page", List.of("1"),
                "include_markdown_description", List.of("true")));
        assertThat(cursors.nearest(withMarkdown, "g1")).as("markdown changes how tasks are shown, not which").isPresent();
        TaskQuery otherOrder = TaskQuery.parse(Scope.list("900"), Map.of("page", List.of("1"), "order_by", List.of("updated")));
        assertThat(cursors.nearest(otherOrder, "g1")).isEmpty();
        TaskQuery otherList = TaskQuery.parse(Scope.list("901"), Map.of("page", List.of("1")));
        assertThat(cursors.nearest(otherList, "g1")).isEmpty();
    }

    @Test
    void keepsAtMostItsBoundOfStartsDroppingWholeShapes() {
        PageCursors small = new PageCursors(10, MAX_AGE);
        for (int list = 0; list < 20; list++) {
            small.remember(TaskQuery.parse(Scope.list("9" + list), Map.of()), "g", Map.of(1, key("a"), 2, key("b")));
        }

        assertThat(small.size()).isLessThanOrEqualTo(10);
        PageCursors off = PageCursors.none();
        off.remember(page(0), "g", Map.of(1, key("a")));
        assertThat(off.nearest(page(1), "g")).as("none keeps nothing").isEmpty();
    }

    @Test
    void startsServeForFiveMinutesFromTheFirstOneFoundWhateverIsAddedSince() {
        AtomicLong nanos = new AtomicLong();
        PageCursors aging = new PageCursors(PageCursors.MAX_STARTS, MAX_AGE, nanos::get);
        aging.remember(page(0), "g1", Map.of(1, key("a")));
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        aging.remember(page(1), "g1", Map.of(2, key("b"))); // does not make the first one younger

        assertThat(aging.nearest(page(1), "g1")).isPresent();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(aging.nearest(page(2), "g1")).as("a lost tick misplaces pages for 5 minutes at most").isEmpty();

        aging.remember(page(0), "g1", Map.of(1, key("a")));
        assertThat(aging.nearest(page(2), "g1")).as("found again: only what the new walk passed")
                .contains(new PageCursors.Start(1, key("a")));
    }

    private static TaskQuery page(int page) {
        return TaskQuery.parse(Scope.list("900"), Map.of("page", List.of(String.valueOf(page))));
    }

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of("pk", AttributeValue.fromS("tq#l#900#0"), "sk", AttributeValue.fromS(sk));
    }
}
