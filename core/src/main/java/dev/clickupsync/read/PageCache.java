package dev.clickupsync.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.clickupsync.query.PageClock;
import dev.clickupsync.query.TaskQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Task-query answers kept in memory while their partition is unchanged, so that a page asked
 * again costs one {@code GetItem} (the partition's generation, {@link PageClock}) instead of the
 * index walk, the {@code BatchGetItem} of 100 entries and their rendering.
 *
 * <p>An answer is kept with the generation read <em>before</em> it was computed and served only to
 * a request that reads the same generation; {@link PageClock} says why that never serves a page
 * older than the last completed write. Key: the parsed {@link TaskQuery} (scope, page and every
 * filter; two spellings of one query share an entry). Bounds: {@code max-bytes} of answers (least
 * recently used out first) and {@code max-age} since computed, the bound on staleness when a
 * writer's tick was lost. Caffeine does the bounded, concurrent part; two requests that miss
 * together both compute (no lock across a DynamoDB call), and the later put wins, which is harmless:
 * both answers are valid for the generation they carry.
 */
@ApplicationScoped
public class PageCache {
    /** The answer header that says whether the cache served it: {@code hit} or {@code miss}. */
    public static final String HEADER = "X-Mirror-Cache";

    /** A rendered answer, its freshness, and the generation it was computed under. */
    public record Answer(String body, List<String> reduced, Instant verifiedThrough, Instant writtenAt) {
        public Answer {
            reduced = List.copyOf(reduced);
        }
    }

    private record Kept(String generation, Answer answer) {
    }

    /** An answer and whether it came from the cache. */
    public record Served(Answer answer, boolean hit) {
    }

    private final PageClock clock;
    private final Cache<TaskQuery, Kept> answers;

    @Inject
    public PageCache(PageClock clock, ReadApiConfig config) {
        this(clock, config.pageCache().enabled(), config.pageCache().maxBytes(), config.pageCache().maxAge());
    }

    public PageCache(PageClock clock, boolean enabled, long maxBytes, Duration maxAge) {
        this(clock, enabled, maxBytes, maxAge, Ticker.systemTicker());
    }

    /**
     * With the clock {@code max-age} is measured on (tests step it). Evictions run on the calling
     * thread, not Caffeine's default pool: a Lambda instance is frozen between requests.
     */
    PageCache(PageClock clock, boolean enabled, long maxBytes, Duration maxAge, Ticker ticker) {
        this.clock = clock;
        this.answers = enabled && maxBytes > 0
                ? Caffeine.newBuilder().maximumWeight(maxBytes).expireAfterWrite(maxAge).ticker(ticker)
                        .executor(Runnable::run).<TaskQuery, Kept>weigher((query, kept) -> weight(kept)).build()
                : null;
    }

    /** The answer to {@code query}: the kept one if its generation is current, else {@code compute}'s, kept. */
    public Served answer(TaskQuery query, Supplier<Answer> compute) {
        return answer(query, compute, false);
    }

    /**
     * As {@link #answer(TaskQuery, Supplier)}; with {@code refresh} ({@code Cache-Control: no-cache}
     * on the request) the answer is computed whatever is kept, and kept in its place.
     */
    public Served answer(TaskQuery query, Supplier<Answer> compute, boolean refresh) {
        return answer(query, generation -> compute.get(), refresh);
    }

    /**
     * As {@link #answer(TaskQuery, Supplier, boolean)}, computing with the generation read before
     * ({@code null} while the cache is off), which the query engine's page starts are kept under
     * ({@code query/PageCursors}).
     */
    public Served answer(TaskQuery query, Function<String, Answer> compute, boolean refresh) {
        if (answers == null) {
            return new Served(compute.apply(null), false);
        }
        String generation = clock.generation(query); // before computing: see PageClock
        Kept kept = refresh ? null : answers.getIfPresent(query);
        if (kept != null && kept.generation().equals(generation)) {
            return new Served(kept.answer(), true);
        }
        Answer fresh = compute.apply(generation);
        answers.put(query, new Kept(generation, fresh));
        return new Served(fresh, false);
    }

    /** How many answers are kept now (for tests and the bench). */
    public long size() {
        return Optional.ofNullable(answers).map(Cache::estimatedSize).orElse(0L);
    }

    /** Bytes a kept answer holds, about: two per char of the body, plus the small rest. */
    private static int weight(Kept kept) {
        return weight(kept.answer().body(), kept.answer().reduced().size());
    }

    /**
     * The weigher both answer caches use ({@link AnswerCache} too): two bytes per char of {@code body}
     * (a Java string's worst case), plus 64 for the entry and each of its {@code smallParts} (ids, headers).
     */
    static int weight(String body, int smallParts) {
        long bytes = 2L * body.length() + 64L * (1 + smallParts);
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
