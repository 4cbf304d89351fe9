package dev.clickupsync.read;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * ClickUp's read API served from the mirror (see {@code package-info.java} and
 * {@code docs/read-api.md}).
 *
 * <p>Keys (environment: upper-case, {@code .}/{@code -} become {@code _}):
 * <ul>
 *   <li>{@code sync.read-api.enabled} ({@code SYNC_READ_API_ENABLED}, default {@code false}; the
 *       local run: {@code true});</li>
 *   <li>{@code sync.read-api.prefix} ({@code SYNC_READ_API_PREFIX}, default {@code /api/v2});</li>
 *   <li>{@code sync.read-api.tokens} ({@code SYNC_READ_API_TOKENS}, comma-separated, optional);</li>
 *   <li>{@code sync.read-api.tokens-parameter} ({@code SYNC_READ_API_TOKENS_PARAMETER}, optional): on
 *       AWS, the SSM SecureString holding the tokens;</li>
 *   <li>{@code sync.read-api.admit-iam-callers} ({@code SYNC_READ_API_ADMIT_IAM_CALLERS}, default
 *       {@code false}; the template: {@code true}): IAM (SigV4) callers as an alternative to tokens;</li>
 *   <li>{@code sync.read-api.page-cache.*}: see {@link PageCacheConfig};</li>
 *   <li>{@code sync.read-api.answer-cache.*}: see {@link AnswerCacheConfig};</li>
 *   <li>{@code sync.read-api.time-entries.max-entries}: see {@link TimeEntriesConfig};</li>
 *   <li>{@code sync.read-api.max-answer-bytes}: see {@link #maxAnswerBytes()}.</li>
 * </ul>
 * The tokens never appear in logs, metrics or error bodies.
 */
@ConfigMapping(prefix = "sync.read-api")
public interface ReadApiConfig {

    /**
     * Serve the read routes. Off (the default), every route under the prefix (and under
     * {@code /api/v2}) answers {@code 404} as if it did not exist: the ingest function includes
     * core's resources but has no read rights on the mirror, so it must never serve reads.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Where the routes live, so that a ClickUp client's base URL becomes {@code http(s)://<host><prefix>}:
     * one or more path segments, starting with {@code /}, without a trailing {@code /}, and not under
     * the application's own routes ({@code /admin}, {@code /webhooks}, {@code /health}, {@code /tasks},
     * {@code /local}). Checked at start-up. Requests to {@code /api/v2/...} are not served when
     * another prefix is configured.
     */
    @WithDefault(ReadPrefix.CANONICAL)
    String prefix();

    /**
     * The tokens read clients present, one per consumer ({@code SYNC_READ_API_TOKENS}, comma-separated).
     * A request must carry one as ClickUp clients send theirs, {@code Authorization: <token>} (or
     * {@code Authorization: Bearer <token>}); compared in constant time; otherwise {@code 401}.
     * Enabled with none configured: every request is refused ({@code 401}) and a warning is logged
     * at start-up; the API never runs open. A read token never authorizes {@code /admin}.
     */
    Optional<List<String>> tokens();

    /**
     * The name of the SSM SecureString parameter holding the tokens, comma-separated
     * ({@code SYNC_READ_API_TOKENS_PARAMETER}, e.g. {@code /clickup-sync/dev/read-api-tokens}; the
     * template's {@code ReadApiTokensParameter}). Precedence: explicit {@link #tokens()} win and the
     * parameter is not read; else a non-blank name is read with {@code GetParameter WithDecryption}
     * (the start-up secrets' code); else there are no tokens. Caching: read once, at start-up (with
     * SnapStart, into the snapshot), and kept for the instance's life; a changed value arrives with
     * the next cold start or published version. Failure: a missing or unreadable parameter does not
     * fail start-up; every read is refused with {@code 401} (fail closed), counted as
     * {@code ReadRejected{Reason=tokens_unavailable}} and logged with the parameter's name and the AWS
     * error code (never a value), and a request tries the read again at most every 30 s
     * ({@link ReadTokens}).
     */
    Optional<String> tokensParameter();

    /**
     * Also admit, without a read token, a request that API Gateway's {@code AWS_IAM} authorizer has
     * already authorized ({@code SYNC_READ_API_ADMIT_IAM_CALLERS}, default {@code false}). The template
     * turns it on and routes the same function from a second HTTP API whose every route requires IAM
     * ({@code ReadIamApi}, output {@code ReadIamApiUrl}), for AWS workloads that sign with SigV4 instead
     * of holding a token. The caller is taken from the Lambda event's
     * {@code requestContext.authorizer.iam}, which only the gateway writes and only on IAM routes
     * ({@code http.GatewayCaller}); so the token API's routes never admit anyone this way, and outside
     * Lambda (the local pipeline) nobody is an IAM caller. Which principals may call is IAM's decision:
     * an {@code execute-api:Invoke} grant on {@code ReadIamApi} in the caller's policy.
     */
    @WithDefault("false")
    boolean admitIamCallers();

    /**
     * The largest answer body the read API sends ({@code SYNC_READ_API_MAX_ANSWER_BYTES}, default
     * 5,500,000). Why: the read function answers through API Gateway from a synchronous
     * Lambda invocation, whose response may hold at most 6 MB (6,291,456 bytes); a larger one fails the
     * invocation and the client gets API Gateway's opaque {@code 500}, every time, for that request. The
     * mirror keeps each task's whole JSON, so a 100-task page, a task with {@code include_subtasks} or a
     * bulk time in status can grow past it. An answer over the bound is replaced by a {@code 500}
     * {@code read-answer-too-large} problem naming its size and the bound, counted as
     * {@code ReadFailed{Reason=answer_too_large}} and logged; never sent truncated
     * ({@link AnswerBound}, {@link AnswerBoundFilter}). Measured as the body stands in the Lambda
     * response: its UTF-8 bytes plus Jackson's escaping of it into the response's {@code body} string (a
     * {@code "} or {@code \} takes two bytes there, an emoji twelve: ClickUp's example time entry, 905
     * bytes, takes 1,049), the same locally and on Lambda, so both refuse the same answers. The default
     * leaves about 790 KB under the 6 MB for the status, the headers and the response's own JSON; a
     * higher value risks the opaque failure again.
     */
    @WithDefault("5500000")
    long maxAnswerBytes();

    /** The in-memory cache of task-query answers ({@link PageCache}). */
    PageCacheConfig pageCache();

    /** {@code GET /team/{id}/time_entries} ({@link TimeEntriesReadResource}). */
    TimeEntriesConfig timeEntries();

    /** The in-memory cache of whole read answers, bounded in staleness ({@link AnswerCache}). */
    AnswerCacheConfig answerCache();

    /** {@code sync.read-api.answer-cache.*}. */
    interface AnswerCacheConfig {
        /**
         * A read asked again within this long of a kept answer's computation is answered from memory,
         * with no DynamoDB call ({@code SYNC_READ_API_ANSWER_CACHE_MAX_STALENESS}, default {@code 1s};
         * {@code 0s} turns the cache off). Every {@code GET} of the read API, keyed by its path and its
         * whole query string; only {@code 200} answers, after the access check; served with HTTP's
         * {@code Age} and {@code X-Mirror-Cache: hit}; {@code Cache-Control: no-cache} or
         * {@code max-age=0} on a request computes it anew. Why 1 s is safe: the mirror already trails
         * ClickUp by the webhook and queue delay (seconds), so one more second does not change the
         * consistency a client gets; and writes go to ClickUp through the commands queue, never through
         * the replica, so there is no read-your-writes to break. Longer bounds serve more reads from
         * memory and trail ClickUp by as much more.
         */
        @WithDefault("1s")
        Duration maxStaleness();

        /**
         * At most this many bytes of answers are kept, the least used out first (Caffeine weighs recency
         * and frequency) ({@code SYNC_READ_API_ANSWER_CACHE_MAX_BYTES}, default 16 MiB, weighed as the page cache
         * weighs, two bytes a character: one task of ClickUp's example about 9 KB, a 100-task page about 900 KB).
         * Per function instance, on top of the page cache's bytes: size both under the read function's memory.
         */
        @WithDefault("16777216")
        long maxBytes();
    }

    /** {@code sync.read-api.time-entries.*}. */
    interface TimeEntriesConfig {
        /**
         * The most time entries one answer of {@code GET /team/{id}/time_entries} holds
         * ({@code SYNC_READ_API_TIME_ENTRIES_MAX_ENTRIES}, default 4,000; at least 1). ClickUp's endpoint
         * has no paging and neither has the replica, and a Lambda answer over 6 MB fails with an opaque
         * 5xx: a range (of the asked users) holding more is refused whole with a {@code 400}
         * ({@code read-time-range-too-wide}) telling the client to narrow {@code start_date}/
         * {@code end_date}, never answered truncated. Sizing: ClickUp's example entry is 905 bytes of
         * compact JSON (1,049 once escaped into the Lambda answer's body string), the replica's
         * rendering of it about 600, so 4,000 entries stay near 4 MB even at ClickUp's size; long
         * descriptions or task names need a lower value.
         */
        @WithDefault("4000")
        int maxEntries();
    }

    /** {@code sync.read-api.page-cache.*}. */
    interface PageCacheConfig {
        /**
         * Keep answers of {@code GET /list/{id}/task} and {@code GET /team/{id}/task} in memory and
         * serve one again while its partition's generation is unchanged
         * ({@code SYNC_READ_API_PAGE_CACHE_ENABLED}, default {@code true}). Off, every request walks
         * the index and reads its entries.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * At most this many bytes of answers are kept, least recently used out first
         * ({@code SYNC_READ_API_PAGE_CACHE_MAX_BYTES}, default 32 MiB; a 100-task page of ClickUp's
         * example task is about 450 KB). Per function instance: size it under the read function's memory.
         */
        @WithDefault("33554432")
        long maxBytes();

        /**
         * An answer is dropped this long after it was computed, whatever the generation says
         * ({@code SYNC_READ_API_PAGE_CACHE_MAX_AGE}, default 5 minutes): the bound on staleness when a
         * generation tick failed (counted, {@code MirrorIndexWriteFailed{Index=page_clock}}, alarmed)
         * or a writer died between its index writes and its tick. Shorter bounds that rare case
         * tighter but recomputes pages clients poll less often than this (a dashboard refreshing every
         * minute would never be served a kept page at 30 s).
         */
        @WithDefault("5M")
        Duration maxAge();
    }
}
