package dev.clickupsync.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import dev.clickupsync.query.PageClock;
import dev.clickupsync.query.Scope;
import dev.clickupsync.query.TaskIndex;
import dev.clickupsync.query.TaskPage;
import dev.clickupsync.query.TaskQuery;
import dev.clickupsync.query.TaskQueryEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page cache against dynalite, with the real index writer ticking the partitions: a page is
 * served again only while nothing in its partition was written, and a page computed while a write
 * was landing is never served after that write's tick.
 */
class PageCacheTest {
    private static final String TABLE = "page-cache-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;
    private static TaskQueryEngine engine;
    private static PageClock clock;

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
        engine = new TaskQueryEngine(dynamo, TABLE, mirror);
        clock = new PageClock(dynamo, TABLE);
    }

    @Test
    void servesTheKeptPageAgainWhileItsListIsUnchanged() {
        String list = fresh();
        mirror.upsert(task(fresh(), list, T, "to do"));
        PageCache cache = cache();
        TaskQuery query = query(list);

        PageCache.Served first = cache.answer(query, () -> compute(query));
        PageCache.Served second = cache.answer(query, () -> compute(query));

        assertThat(first.hit()).isFalse();
        assertThat(second.hit()).isTrue();
        assertThat(second.answer().body()).isEqualTo(first.answer().body());
    }

    @Test
    void aWriteToATaskInTheListIsServedAtOnce() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        mirror.upsert(v1);
        PageCache cache = cache();
        TaskQuery query = query(list);
        cache.answer(query, () -> compute(query));

        mirror.upsert(task(v1.id(), list, T.plusSeconds(60), "review"));
        PageCache.Served after = cache.answer(query, () -> compute(query));

        assertThat(after.hit()).isFalse();
        assertThat(after.answer().body()).contains("review");
    }

    @Test
    void aTaskMovedOutOfTheListLeavesItsPageAtOnce() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        mirror.upsert(v1);
        PageCache cache = cache();
        TaskQuery query = query(list);
        assertThat(cache.answer(query, () -> compute(query)).answer().body()).contains(v1.id());

        mirror.upsert(task(v1.id(), fresh(), T.plusSeconds(60), "to do"));

        assertThat(cache.answer(query, () -> compute(query)).answer().body()).doesNotContain(v1.id());
    }

    @Test
    void aWriteInAnotherListKeepsThePage() {
        String list = fresh();
        mirror.upsert(task(fresh(), list, T, "to do"));
        PageCache cache = cache();
        TaskQuery query = query(list);
        cache.answer(query, () -> compute(query));

        mirror.upsert(task(fresh(), fresh(), T, "to do"));

        assertThat(cache.answer(query, () -> compute(query)).hit()).isTrue();
    }

    @Test
    void aPageComputedWhileAWriteLandedIsNotServedAfterTheWrite() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        mirror.upsert(v1);
        PageCache cache = cache();
        TaskQuery query = query(list);
        TaskPage before = engine.run(query);

        // the generation is read, then a writer's entry, index items and tick all land while the
        // reader still holds the page it walked before them
        cache.answer(query, () -> {
            mirror.upsert(task(v1.id(), list, T.plusSeconds(60), "review"));
            return render(before);
        });
        PageCache.Served next = cache.answer(query, () -> compute(query));

        assertThat(next.hit()).isFalse();
        assertThat(next.answer().body()).contains("review");
    }

    @Test
    void aKeptPageIsDroppedAfterMaxAgeEvenWithoutAWrite() {
        String list = fresh();
        mirror.upsert(task(fresh(), list, T, "to do"));
        AtomicLong nanos = new AtomicLong();
        PageCache cache = new PageCache(clock, true, 1 << 20, Duration.ofSeconds(30), nanos::get);
        TaskQuery query = query(list);
        cache.answer(query, () -> compute(query));
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.answer(query, () -> compute(query)).hit()).isTrue();

        nanos.addAndGet(Duration.ofSeconds(2).toNanos()); // 31 s after it was computed, with no tick in between

        assertThat(cache.answer(query, () -> compute(query)).hit()).isFalse();
    }

    @Test
    void noCacheComputesTheAnswerAndKeepsItForTheNextRequest() {
        String list = fresh();
        mirror.upsert(task(fresh(), list, T, "to do"));
        PageCache cache = cache();
        TaskQuery query = query(list);
        cache.answer(query, () -> compute(query));
        AtomicInteger computed = new AtomicInteger();

        PageCache.Served refreshed = cache.answer(query, () -> count(computed, query), true);
        PageCache.Served next = cache.answer(query, () -> count(computed, query));

        assertThat(refreshed.hit()).isFalse();
        assertThat(next.hit()).isTrue();
        assertThat(computed).hasValue(1);
    }

    @Test
    void noCacheOrMaxAgeZeroIsReadAmongOtherDirectivesInAnyCase() {
        assertThat(RequestCacheControl.refresh("no-cache")).isTrue();
        assertThat(RequestCacheControl.refresh("no-store, No-Cache")).isTrue();
        assertThat(RequestCacheControl.refresh("max-age=0")).isTrue();
        assertThat(RequestCacheControl.refresh("no-transform, MAX-AGE=0")).isTrue();
        assertThat(RequestCacheControl.refresh("max-age=\"0\"")).isTrue();
        assertThat(RequestCacheControl.refresh("max-age=10")).isFalse();
        assertThat(RequestCacheControl.refresh("max-age=00")).isTrue();
        assertThat(RequestCacheControl.refresh("max-age=")).isFalse();
        assertThat(RequestCacheControl.refresh("max-age=\"\"")).isFalse();
        assertThat(RequestCacheControl.refresh("s-maxage=0")).isFalse();
        assertThat(RequestCacheControl.refresh("no-store")).isFalse();
        assertThat(RequestCacheControl.refresh("no-cache-please")).isFalse();
        assertThat(RequestCacheControl.refresh("")).isFalse();
        assertThat(RequestCacheControl.refresh(null)).isFalse();
    }

    @Test
    void aDisabledCacheComputesEveryAnswer() {
        String list = fresh();
        mirror.upsert(task(fresh(), list, T, "to do"));
        PageCache cache = new PageCache(clock, false, 1 << 20, Duration.ofSeconds(30));
        TaskQuery query = query(list);
        AtomicInteger computed = new AtomicInteger();

        cache.answer(query, () -> count(computed, query));
        PageCache.Served again = cache.answer(query, () -> count(computed, query));

        assertThat(again.hit()).isFalse();
        assertThat(computed).hasValue(2);
    }

    @Test
    void aCacheOfNoBytesComputesEveryAnswer() {
        String list = fresh();
        mirror.upsert(task(fresh(), list, T, "to do"));
        PageCache cache = new PageCache(clock, true, 0, Duration.ofSeconds(30));
        TaskQuery query = query(list);
        cache.answer(query, () -> compute(query));

        assertThat(cache.answer(query, () -> compute(query)).hit()).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void answersBeyondMaxBytesAreNotAllKept() {
        PageCache cache = new PageCache(clock, true, 10_000, Duration.ofSeconds(30));
        for (int i = 0; i < 20; i++) {
            String list = fresh();
            TaskQuery query = query(list);
            cache.answer(query, () -> new PageCache.Answer("x".repeat(1_000), List.of(), null, null));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(5); // 2 bytes a char: at most 5 bodies of 2,000 bytes
    }

    private static PageCache.Answer count(AtomicInteger computed, TaskQuery query) {
        computed.incrementAndGet();
        return compute(query);
    }

    private static PageCache cache() {
        return new PageCache(clock, true, 1 << 20, Duration.ofSeconds(30));
    }

    private static PageCache.Answer compute(TaskQuery query) {
        return render(engine.run(query));
    }

    private static PageCache.Answer render(TaskPage page) {
        String ids = String.join(",", page.tasks().stream().map(t -> t.id() + ":" + t.status()).toList());
        return new PageCache.Answer(ids, List.of(), page.verifiedThrough(), page.writtenAt());
    }

    private static TaskQuery query(String list) {
        return TaskQuery.parse(Scope.list(list), Map.of());
    }

    private static TaskSnapshot task(String id, String list, Instant updated, String status) {
        return new TaskSnapshot(id, null, "Task " + id, status, "custom", null, null, List.of(new Person(1, "ada")),
                List.of("bug"), list, "f", "s", "team-" + list, null, updated, updated, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
