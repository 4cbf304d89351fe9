package dev.clickupsync.reconcile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyset cursor as pure logic, against an in-memory listing that behaves like
 * {@code GET /team/{id}/task?order_by=updated&reverse=true&date_updated_gt=...} and changes between
 * pages. The same changes make a page-number walk skip tasks; the keyset walk never does.
 */
class ReconcileKeysetTest {
    private static final int PAGE = 10;

    /** Tasks by id with their date_updated; listing order: date_updated, then insertion (stable). */
    static final class Listing {
        final Map<String, Long> tasks = new LinkedHashMap<>();
        int queries;

        List<KeysetCursor.Item> query(long gt, int page) {
            queries++;
            List<KeysetCursor.Item> sorted = tasks.entrySet().stream().filter(e -> e.getValue() > gt)
                    .map(e -> new KeysetCursor.Item(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(KeysetCursor.Item::dateUpdated)).toList();
            int from = Math.min(sorted.size(), page * PAGE);
            return sorted.subList(from, Math.min(sorted.size(), from + PAGE));
        }

        void touch(String id, long at) {
            tasks.remove(id);
            tasks.put(id, Math.max(at, tasks.getOrDefault(id, 0L) + 1));
        }
    }

    /** What a walk saw: the newest version of each task it processed. */
    private static Map<String, Long> keysetWalk(Listing listing, KeysetCursor start, IntConsumer afterPage) {
        Map<String, Long> seen = new HashMap<>();
        KeysetCursor cursor = start;
        for (int pages = 1; pages < 1_000; pages++) {
            List<KeysetCursor.Item> page = listing.query(cursor.queryGt(), 0);
            for (KeysetCursor.Item item : cursor.pending(page)) {
                seen.merge(item.id(), item.dateUpdated(), Math::max);
            }
            KeysetCursor next = cursor.advance(page);
            assertThat(next.equals(cursor) && page.size() == PAGE).as("stuck at a full page").isFalse();
            cursor = next;
            if (page.size() < PAGE) {
                return seen;
            }
            afterPage.accept(pages); // changes while the walk is still going (later ones are the next run's)
        }
        throw new AssertionError("walk did not end");
    }

    private static Map<String, Long> pageNumberWalk(Listing listing, long gt, IntConsumer afterPage) {
        Map<String, Long> seen = new HashMap<>();
        for (int page = 0; page < 1_000; page++) {
            List<KeysetCursor.Item> items = listing.query(gt, page);
            items.forEach(i -> seen.merge(i.id(), i.dateUpdated(), Math::max));
            if (items.size() < PAGE) {
                return seen;
            }
            afterPage.accept(page + 1);
        }
        throw new AssertionError("walk did not end");
    }

    private static Listing listing(int tasks, int perMillisecond) {
        Listing listing = new Listing();
        for (int i = 0; i < tasks; i++) {
            listing.tasks.put("t" + i, 1_000L + i / perMillisecond);
        }
        return listing;
    }

    @Test
    void walksEveryTaskOnceAcrossSameMillisecondPageBoundaries() {
        Listing listing = listing(95, 3); // groups of three straddle the boundaries of pages of ten
        Map<String, Long> seen = keysetWalk(listing, KeysetCursor.from(0), page -> { });
        assertThat(seen).isEqualTo(listing.tasks);
    }

    @Test
    void taskUpdatedMidWalkIsNeverSkipped_whilePageNumbersSkipOne() {
        IntConsumer changes;
        Listing byPages = listing(45, 1);
        changes = page -> {
            if (page == 1) {
                byPages.touch("t3", 5_000); // read on page 1, moves to the end: everything behind it moves up
            }
        };
        Map<String, Long> pageSeen = pageNumberWalk(byPages, 0, changes);
        assertThat(pageSeen).as("page numbers skip the task that slid into page 1").doesNotContainKey("t10");

        Listing byKeyset = listing(45, 1);
        Map<String, Long> keysetSeen = keysetWalk(byKeyset, KeysetCursor.from(0), page -> {
            if (page == 1) {
                byKeyset.touch("t3", 5_000);
            }
        });
        assertThat(keysetSeen).isEqualTo(byKeyset.tasks);
    }

    @Test
    void randomChangesDuringTheWalkAreAllSeenAtTheirLatestVersion() {
        for (long seed = 0; seed < 30; seed++) {
            Random random = new Random(seed);
            Listing listing = listing(120, 1 + random.nextInt(3));
            long[] now = {2_000};
            Map<String, Long> seen = keysetWalk(listing, KeysetCursor.from(0), page -> {
                for (int i = 0; i < random.nextInt(6); i++) {
                    // Several updates may share a millisecond. (A change stamped before what the walk has
                    // already seen is the next run's overlap's job: see WatermarkStoreTest.)
                    listing.touch("t" + random.nextInt(120), now[0]);
                    now[0] += random.nextInt(2);
                }
                now[0]++; // (more than a page in one millisecond is the Reconciler's group read)
            });
            for (Map.Entry<String, Long> task : listing.tasks.entrySet()) {
                assertThat(seen.get(task.getKey())).as("seed %d task %s", seed, task.getKey()).isEqualTo(task.getValue());
            }
        }
    }

    @Test
    void advanceRemembersIdsAtTheNewestMillisecondAndNeverMovesBack() {
        KeysetCursor start = KeysetCursor.from(100);
        assertThat(start.queryGt()).isEqualTo(99);
        KeysetCursor a = start.advance(List.of(new KeysetCursor.Item("x", 100), new KeysetCursor.Item("y", 105),
                new KeysetCursor.Item("z", 105)));
        assertThat(a).isEqualTo(new KeysetCursor(105, Set.of("y", "z")));
        assertThat(a.done(new KeysetCursor.Item("y", 105))).isTrue();
        assertThat(a.done(new KeysetCursor.Item("w", 105))).isFalse();
        assertThat(a.done(new KeysetCursor.Item("y", 106))).as("same task, newer version").isFalse();
        assertThat(a.done(new KeysetCursor.Item("q", 104))).isTrue();

        KeysetCursor b = a.advance(List.of(new KeysetCursor.Item("y", 105), new KeysetCursor.Item("w", 105)));
        assertThat(b).isEqualTo(new KeysetCursor(105, Set.of("y", "z", "w")));
        assertThat(b.advance(List.of(new KeysetCursor.Item("y", 105)))).isSameAs(b);
        assertThat(b.advance(List.of())).isSameAs(b);
        assertThat(b.highWater()).isEqualTo(105);

        KeysetCursor group = KeysetCursor.after(105);
        assertThat(group.queryGt()).isEqualTo(105);
        assertThat(group.highWater()).isEqualTo(105);
        assertThat(KeysetCursor.from(100).highWater()).as("nothing done at 100 yet").isEqualTo(99);
    }

    @Test
    void aPageOfOneMillisecondDoesNotAdvance_soTheWalkKnowsToReadTheGroup() {
        Listing listing = listing(25, 25); // 25 tasks in one millisecond, pages of ten
        KeysetCursor cursor = KeysetCursor.from(0);
        KeysetCursor first = cursor.advance(listing.query(cursor.queryGt(), 0));
        assertThat(first.ids()).hasSize(PAGE);
        List<KeysetCursor.Item> again = listing.query(first.queryGt(), 0);
        assertThat(first.pending(again)).as("the same ten again").isEmpty();
        assertThat(first.advance(again)).isEqualTo(first);

        Set<String> ids = new HashSet<>(first.ids());
        List<String> order = new ArrayList<>();
        for (int page = 1; page < 3; page++) {
            listing.query(first.queryGt(), page).forEach(i -> order.add(i.id()));
        }
        ids.addAll(order);
        assertThat(ids).hasSize(25);
    }
}
