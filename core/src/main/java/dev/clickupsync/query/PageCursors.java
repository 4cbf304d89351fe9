package dev.clickupsync.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the pages of a task query start in its index partition, remembered per partition generation
 * ({@link PageClock}), so that page {@code N} walks one page from where it starts instead of the
 * {@code 100 N} matches before it. A client reading a list page after page (the usual way to read a
 * whole list) then walks each index item about once, where walking from the start every time reads
 * {@code 100 N} items for page {@code N}: a list of 10,000 tasks read to its end costs about 10,200 index
 * items instead of about 505,000 ({@code TaskQueryCostTest}).
 *
 * <h2>What is kept</h2>
 * Per query shape (the {@link TaskQuery} at page 0: scope, archived, order and every filter), the
 * generation the walks that found it had read, and for each page {@code p >= 1} a walk passed, the key
 * of the index item holding the {@code 100 p}-th match: page {@code p} is what follows it
 * ({@code ExclusiveStartKey}). A walk from the start passes the starts of every page before its own and
 * of the next one, so after page 7 was computed, pages 1 to 8 each cost one page's walk; a deeper page
 * starts from the nearest known start below it.
 *
 * <h2>Why a page is the same with or without them</h2>
 * The engine counts matches exactly as a walk from the start does (the filters run on the index items;
 * entries are checked only for the page itself), so a start is exactly where that walk would be after
 * {@code 100 p} matches, in the partition as it was when walked. A start is used only by a walk that read
 * the same generation before walking, and the generation changes after every write to the partition's
 * index items; {@link PageClock}'s argument carries over: a start found while a writer was between its
 * index writes and its tick is remembered under the generation the tick replaces. A start whose index
 * item was deleted since still marks a position (DynamoDB needs no item at an {@code ExclusiveStartKey}).
 *
 * <h2>Bounds</h2>
 * At most {@value #MAX_STARTS} starts in all (about 350 bytes each with its key: about 7 MB), weighed per
 * shape, the least used shapes out first (Caffeine's W-TinyLFU); a shape whose generation changed is
 * replaced whole, and so is one whose first start was found {@code maxAge} ago: the page cache's
 * {@code max-age}, so a lost tick ({@link PageClock}) misplaces pages for no longer than it leaves kept
 * answers stale. Evictions run on the calling thread (a Lambda instance is frozen between requests).
 * The read API's instance comes from {@code read/PageCursorsProducer}: none kept while the page cache,
 * which reads the generation, is off.
 */
public class PageCursors {
    /** The most starts one instance keeps. */
    public static final long MAX_STARTS = 20_000;

    /** Page {@code page} begins right after the index item {@code key}. */
    record Start(int page, Map<String, AttributeValue> key) {
    }

    /** The starts of one shape under one generation, and when the first of them was found (ticker nanos). */
    private record Shape(String generation, NavigableMap<Integer, Map<String, AttributeValue>> starts, long since) {
    }

    private final Cache<TaskQuery, Shape> shapes;
    private final Duration maxAge;
    private final Ticker ticker;

    /** At most {@code maxStarts} starts, each shape's for {@code maxAge} from its first; 0 starts keeps none. */
    public PageCursors(long maxStarts, Duration maxAge) {
        this(maxStarts, maxAge, Ticker.systemTicker());
    }

    /** With the clock {@code maxAge} is measured on (tests step it). */
    PageCursors(long maxStarts, Duration maxAge, Ticker ticker) {
        this.maxAge = maxAge;
        this.ticker = ticker;
        this.shapes = maxStarts <= 0 || maxAge.isZero() || maxAge.isNegative() ? null
                : Caffeine.newBuilder().maximumWeight(maxStarts).executor(Runnable::run)
                        .<TaskQuery, Shape>weigher((query, shape) -> Math.max(1, shape.starts().size())).build();
    }

    /** None kept: every page walks from its partition's start. */
    public static PageCursors none() {
        return new PageCursors(0, Duration.ZERO);
    }

    /** How long the starts found under one generation serve; empty when this keeps none. */
    public Optional<Duration> maxAge() {
        return shapes == null ? Optional.empty() : Optional.of(maxAge);
    }

    /** The known start nearest below or at the query's page, under {@code generation}; none for page 0 or no generation. */
    Optional<Start> nearest(TaskQuery query, String generation) {
        if (shapes == null || generation == null || query.page() == 0) {
            return Optional.empty();
        }
        Shape shape = shapes.getIfPresent(shape(query));
        if (shape == null || !current(shape, generation)) {
            return Optional.empty();
        }
        Map.Entry<Integer, Map<String, AttributeValue>> start = shape.starts().floorEntry(query.page());
        return start == null ? Optional.empty() : Optional.of(new Start(start.getKey(), start.getValue()));
    }

    /** Keeps {@code found} (page to the key it starts after) for the query's shape under {@code generation}. */
    void remember(TaskQuery query, String generation, Map<Integer, Map<String, AttributeValue>> found) {
        if (shapes == null || generation == null || found.isEmpty()) {
            return;
        }
        shapes.asMap().compute(shape(query), (key, old) -> {
            boolean adding = old != null && current(old, generation);
            TreeMap<Integer, Map<String, AttributeValue>> starts = adding ? new TreeMap<>(old.starts()) : new TreeMap<>();
            starts.putAll(found);
            return new Shape(generation, Collections.unmodifiableNavigableMap(starts), adding ? old.since() : ticker.read());
        });
    }

    /** Whether {@code shape}'s starts serve a walk that read {@code generation}: the same one, and not too old. */
    private boolean current(Shape shape, String generation) {
        return shape.generation().equals(generation) && ticker.read() - shape.since() < maxAge.toNanos();
    }

    /** How many starts are kept now (for tests). */
    long size() {
        if (shapes == null) {
            return 0;
        }
        shapes.cleanUp();
        return shapes.asMap().values().stream().mapToLong(s -> s.starts().size()).sum();
    }

    private static TaskQuery shape(TaskQuery query) {
        return query.atPage(0);
    }
}
