package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.support.DynaliteTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The read API's bound on one time-entry answer, at the index: {@link TeamTimeIndex#between(String,
 * Instant, Instant, java.util.function.Predicate, int)} returns at most {@code max + 1} kept entries and
 * stops reading there (the {@code Query}'s items are counted on the wire), so a range of any width
 * costs the bound, not the range. On dynalite.
 */
class TeamTimeIndexBoundTest {
    private static final String TABLE = "team-time-bound-test";
    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static final AtomicInteger ITEMS_READ = new AtomicInteger();
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE, new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse query) {
                QUERIES.incrementAndGet();
                ITEMS_READ.addAndGet(query.scannedCount());
            }
        }
    });
    private static final long T = 1_760_000_000_000L;
    private static final String TEAM = "9012345";
    private static final String TASK = "86c0b0001";
    private static final long ADA = 183;
    private static final long ALAN = 184;
    private static TeamTimeIndex index;

    @BeforeAll
    static void seed() {
        new MirrorStore(DYNALITE.dynamo(), TABLE).upsert(new TaskSnapshot(TASK, null, "Timed", "to do", "open", null, null,
                List.of(), List.of(), "901200100", "90120010", "90120001", TEAM, null, Instant.ofEpochMilli(T),
                Instant.ofEpochMilli(T), null, null, null, null, null, null, null, List.of(), false, false, null));
        List<TimeEntryRecord> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // 7 entries an hour apart: Ada has 4 (even), Alan 3 (odd)
            long user = i % 2 == 0 ? ADA : ALAN;
            Instant start = Instant.ofEpochMilli(T + i * 3_600_000L);
            entries.add(new TimeEntryRecord("te" + i, TASK, user, "user " + user, start, start.plusSeconds(600), 600_000L,
                    false, null, null, "clickup", start.plusSeconds(600)));
        }
        new TimeEntryStore(DYNALITE.dynamo(), TABLE).replaceForTask(TASK, entries);
        index = new TeamTimeIndex(DYNALITE.dynamo(), TABLE);
    }

    @BeforeEach
    void resetCounts() {
        QUERIES.set(0);
        ITEMS_READ.set(0);
    }

    @Test
    void aRangeOverTheBoundStopsReadingAtTheBoundPlusOne() {
        List<TimeEntryRecord> found = index.between(TEAM, Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 86_400_000L),
                e -> true, 3);

        assertThat(found).extracting(TimeEntryRecord::entryId).containsExactly("te0", "te1", "te2", "te3");
        assertThat(ITEMS_READ.get()).as("items read: the bound plus one, not the range's 7").isEqualTo(4);
        assertThat(QUERIES.get()).isEqualTo(1);
    }

    @Test
    void aRangeAtTheBoundIsReadWholeInStartOrder() {
        List<TimeEntryRecord> found = index.between(TEAM, Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 86_400_000L),
                e -> true, 7);

        assertThat(found).extracting(TimeEntryRecord::entryId).containsExactly("te0", "te1", "te2", "te3", "te4", "te5", "te6");
        assertThat(found).isEqualTo(index.between(TEAM, Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 86_400_000L)));
    }

    @Test
    void onlyKeptEntriesCountTowardsTheBound() {
        Instant from = Instant.ofEpochMilli(T);
        Instant to = Instant.ofEpochMilli(T + 86_400_000L);

        List<TimeEntryRecord> ada = index.between(TEAM, from, to, e -> e.userId() == ADA, 4);
        List<TimeEntryRecord> adaOver = index.between(TEAM, from, to, e -> e.userId() == ADA, 3);

        assertThat(ada).extracting(TimeEntryRecord::entryId).containsExactly("te0", "te2", "te4", "te6");
        assertThat(adaOver).as("over: the bound plus one kept").extracting(TimeEntryRecord::entryId)
                .containsExactly("te0", "te2", "te4", "te6");
        assertThat(index.between(TEAM, from, to, e -> e.userId() == ALAN, 3)).hasSize(3);
    }

    @Test
    void aNarrowOrEmptyRangeAndAnInvertedOneAreNotOverTheBound() {
        assertThat(index.between(TEAM, Instant.ofEpochMilli(T + 3_600_000L), Instant.ofEpochMilli(T + 7_200_000L), e -> true, 1))
                .extracting(TimeEntryRecord::entryId).containsExactly("te1", "te2");
        assertThat(index.between(TEAM, Instant.ofEpochMilli(T - 10_000), Instant.ofEpochMilli(T - 1), e -> true, 1)).isEmpty();
        assertThat(index.between(TEAM, Instant.ofEpochMilli(T + 1), Instant.ofEpochMilli(T), e -> true, 1)).isEmpty();
        assertThat(index.between("other-team", Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 86_400_000L), e -> true, 1))
                .isEmpty();
    }
}
