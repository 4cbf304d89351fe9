/**
 * ClickUp's read API served from the mirror (issue #16, first slice; the reference is
 * {@code docs/read-api.md}): same paths, parameters and JSON as ClickUp API v2, so a client changes
 * only its base URL for reads and gets DynamoDB latency, no rate limit and no ClickUp call.
 *
 * <h2>A request</h2>
 * <ol>
 *   <li>{@link dev.clickupsync.read.ReadApiFilter} (pre-matching, every request): a path outside the
 *       configured prefix passes untouched. Under it: {@code 404} while the API is disabled (as if
 *       the route did not exist: the ingest function carries these resources but has no read
 *       rights), {@code 401} without one of the read tokens
 *       ({@link dev.clickupsync.read.ReadAccess}), else the request is marked admitted and the path
 *       mapped onto {@code /api/v2}.</li>
 *   <li>{@link dev.clickupsync.read.AnswerCacheFilter} (after matching, admitted {@code GET}s only): a
 *       {@code 200} kept for the same path and query within
 *       {@code sync.read-api.answer-cache.max-staleness} (default 1 s) is answered from memory, no
 *       DynamoDB call, with {@code Age} ({@link dev.clickupsync.read.AnswerCache}); the next steps run
 *       otherwise, and their {@code 200} is kept.</li>
 *   <li>The resource checks its query parameters ({@code ReadParams}): one it does not know, or a
 *       value it cannot answer exactly, is a {@code 400} problem naming it. A silently ignored filter
 *       would be a wrong answer.</li>
 *   <li>It reads the mirror (strongly consistent {@code GetItem}/{@code Query}/{@code BatchGetItem},
 *       never a scan, never a write), renders ClickUp's shape from what is stored, and adds the
 *       freshness headers ({@code Freshness}).</li>
 *   <li>{@link dev.clickupsync.read.AnswerBoundFilter} (response, admitted requests, computed and kept
 *       answers alike, before the answer cache keeps one): a body over
 *       {@code sync.read-api.max-answer-bytes} (default 5,500,000, as the Lambda response carries it:
 *       {@link dev.clickupsync.read.AnswerBound}) is replaced whole by a {@code 500}
 *       {@code read-answer-too-large} problem, since a Lambda answer over 6 MB fails as API Gateway's
 *       opaque {@code 500}; never truncated, never kept.</li>
 * </ol>
 *
 * <h2>Auth</h2>
 * Tokens as ClickUp clients send theirs ({@code Authorization: <token>}, or {@code Bearer <token>}),
 * several for several consumers, kept as digests and compared in constant time
 * ({@link dev.clickupsync.crypto.SecretTokens}, shared with the admin check). Enabled without a
 * token fails closed (every read {@code 401}, a warning at start-up); so do tokens whose SSM parameter
 * ({@code sync.read-api.tokens-parameter}, the deployed read function's) cannot be read
 * ({@link dev.clickupsync.read.ReadTokens}). The read tokens are their own
 * set: {@code /admin} checks only the admin token, so a read token never reaches it.
 *
 * <h2>Prefix</h2>
 * JAX-RS paths are static, so the resources are declared under {@code /api/v2} and a configured
 * other prefix is rewritten onto it before matching ({@code ReadPrefix}); this works the same in
 * the Quarkus HTTP server and behind the Lambda HTTP adapter. With another prefix, {@code /api/v2}
 * itself answers {@code 404}, so the API lives at exactly one place.
 *
 * <h2>What is served, and what is not</h2>
 * Served: {@code GET /task/{id}}, {@code /task/{id}/time_in_status},
 * {@code /task/bulk_time_in_status/task_ids}, {@code /task/{id}/time},
 * {@code /team/{id}/time_entries} (per task, or team-wide from the team time index), {@code /list/{id}/field}, {@code /task/{id}/comment}
 * (from package {@code comment}'s store, paged as ClickUp pages it), and the task queries
 * {@code /list/{id}/task} and {@code /team/{id}/task} ({@code TaskQueryReadResource} on package
 * {@code query}'s engine, each task rendered as {@code GET /task} renders it), the hierarchy reads
 * {@code /team/{id}/space}, {@code /space/{id}}, {@code /space/{id}/folder}, {@code /space/{id}/list},
 * {@code /folder/{id}}, {@code /folder/{id}/list} and {@code /list/{id}} ({@code HierarchyReadResource},
 * {@code HierarchyViews} on package {@code hierarchy}'s items), the goal reads {@code /team/{id}/goal}
 * and {@code /goal/{id}} ({@code GoalReadResource} on package {@code goal}'s items), each with what the
 * mirror stores today (the snapshot is a reduced task; absent fields are left out, never invented).
 * Custom task ids on the task reads through their lookup items ({@code MirrorReads}).
 * {@code include_markdown_description=true}: the stored {@code markdown_description} (every fetch asks
 * for it), removed from every other answer ({@code TaskView}); an entry stored without it is a
 * {@code 409} naming it. One time-entry answer holds at most {@code sync.read-api.time-entries.max-entries}
 * entries (no paging, as ClickUp; a Lambda answer stops at 6 MB): a wider range is a {@code 400}, never
 * truncated; every other answer is bounded by the last step above. Not served: a list's own comments
 * ({@code /list/{id}/comment}: {@code 400}, no event ever brings them). A task the mirror has not seen
 * is a {@code 404} that says so; a tombstoned one is a {@code 404} saying it is deleted.
 *
 * <h2>Freshness</h2>
 * {@code X-Mirror-Verified-Through} (the {@code date_updated} of the last snapshot fetched from
 * ClickUp), {@code X-Mirror-Written-At} (the mirror's last write of the entry) and
 * {@code X-Mirror-Age} (seconds since then), on every successful answer; several tasks: the least
 * fresh (a page of a task query: its least fresh task; an empty page carries none).
 */
package dev.clickupsync.read;
