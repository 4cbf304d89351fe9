package dev.clickupsync.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whole read answers kept for a short, configured time ({@code sync.read-api.answer-cache.max-staleness},
 * default 1 s), so that a read asked again within it is answered without any DynamoDB call: a CDN's
 * {@code max-age} in front of the replica. {@link AnswerCacheFilter} looks answers up and keeps them;
 * this class is the bounded store.
 *
 * <p>Why staleness without a generation check (unlike {@link PageCache}) is safe: the mirror already
 * trails ClickUp by the webhook and queue delay (seconds), so an answer up to {@code max-staleness}
 * older does not change the consistency a client gets; and a client's writes go to ClickUp through
 * the commands queue, never through this replica, so there is no read-your-writes to break. An answer
 * is never served once {@code max-staleness} has passed since it was computed (Caffeine's
 * {@code expireAfterWrite} on the injected {@link Ticker}), whatever was asked in between.
 *
 * <p>Key: the canonical path (after {@link ReadApiFilter}'s prefix rewrite) and the whole raw query
 * string, byte for byte: two spellings of one query are two entries, since parameters are part of the
 * answer and nothing here proves two spellings equal. The key holds no caller: every read token (and
 * every admitted IAM caller) may read everything today ({@link ReadAccess}, {@link ReadTokens}). If
 * tokens ever get scopes, the key must include the caller's scope, or one caller would be served what
 * only another may read.
 *
 * <p>Bounds: {@code max-bytes} of answers, the least used out first (Caffeine's W-TinyLFU weighs
 * recency and frequency), weighed as
 * {@link PageCache} weighs its pages; evictions run on the calling thread (a Lambda instance is
 * frozen between requests, so Caffeine's default pool is not used). Two requests that miss together
 * both compute and the later put wins, harmless: both answers are fresh.
 */
@ApplicationScoped
public class AnswerCache {

    /** One response header of a kept answer, as the resource set it. */
    public record Header(String name, String value) {
    }

    /** A 200 answer as the resource rendered it: body, content type and its own headers. */
    public record Answer(String body, String mediaType, List<Header> headers) {
        public Answer {
            headers = List.copyOf(headers);
        }
    }

    /** A kept answer and how long ago it was computed, in whole seconds (HTTP's {@code Age}). */
    public record Served(Answer answer, long ageSeconds) {
    }

    private record Kept(Answer answer, long keptAtNanos) {
    }

    private final Ticker ticker;
    private final Cache<String, Kept> answers;

    @Inject
    public AnswerCache(ReadApiConfig config) {
        this(config.answerCache().maxStaleness(), config.answerCache().maxBytes(), Ticker.systemTicker());
    }

    /** With the clock staleness is measured on (tests step it); a zero bound or no bytes turn it off. */
    AnswerCache(Duration maxStaleness, long maxBytes, Ticker ticker) {
        this.ticker = ticker;
        this.answers = maxStaleness.isZero() || maxStaleness.isNegative() || maxBytes <= 0 ? null
                : Caffeine.newBuilder().maximumWeight(maxBytes).expireAfterWrite(maxStaleness).ticker(ticker)
                        .executor(Runnable::run)
                        .<String, Kept>weigher((key, kept) -> PageCache.weight(kept.answer().body(),
                                kept.answer().headers().size() + key.length() / 32))
                        .build();
    }

    /** Whether answers are kept at all ({@code max-staleness} above zero and some bytes). */
    public boolean enabled() {
        return answers != null;
    }

    /** The answer kept under {@code key} and still within the bound, if any. */
    public Optional<Served> get(String key) {
        if (answers == null) {
            return Optional.empty();
        }
        Kept kept = answers.getIfPresent(key);
        if (kept == null) {
            return Optional.empty();
        }
        long age = Duration.ofNanos(Math.max(0, ticker.read() - kept.keptAtNanos())).getSeconds();
        return Optional.of(new Served(kept.answer(), age));
    }

    /** Keeps {@code answer} under {@code key} from now, in place of any older one. */
    public void put(String key, Answer answer) {
        if (answers != null) {
            answers.put(key, new Kept(answer, ticker.read()));
        }
    }

    /** Drops what is kept under {@code key}, if anything. */
    public void forget(String key) {
        if (answers != null) {
            answers.invalidate(key);
        }
    }

    /** How many answers are kept now (for tests and the bench). */
    public long size() {
        if (answers == null) {
            return 0;
        }
        answers.cleanUp();
        return answers.estimatedSize();
    }
}
