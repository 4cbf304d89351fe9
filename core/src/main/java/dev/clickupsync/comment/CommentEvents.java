package dev.clickupsync.comment;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Applies a task's comment events (taskCommentPosted/Updated, one drain group, in history order) to
 * the {@link CommentStore}, at no ClickUp call when the payloads say everything and at most one
 * re-read of the task's comments otherwise, never a {@code GET /task}.
 *
 * <p>Each {@code comment} history item is rendered in {@code GET /task/{id}/comment}'s shape by
 * {@link CommentPayloads} and stored at the item's date. An item it cannot render (no comment object,
 * a malformed one, an edit that does not say whether the comment is resolved or assigned) makes the
 * group re-read the task's comments once ({@link CommentReread}): pages of 25, newest first, until a
 * short page, one reaching back to the oldest comment that needed it, or {@link #MAX_PAGES}; what it
 * reads is stored and a comment ClickUp no longer lists in the range read is tombstoned (ClickUp has no
 * event for a deleted comment). The store's version guard makes all of it order-proof.
 *
 * <p>Counted: {@code DrainCommentApplied{Source=webhook|fetch}} per comment written,
 * {@code DrainCommentStale} per write refused as older, {@code DrainCommentDeleted} per tombstone,
 * {@code DrainCommentFetch{Reason}} per re-read with the first item's reason (the log line
 * "drain comment fetch" names the same reason), {@code DrainCommentFetchFailed{Reason}} when ClickUp
 * answered 404 ({@code clickup_not_found}: the task is gone, and its comments with it; nothing stored).
 */
@ApplicationScoped
public class CommentEvents {
    /** The events whose history items carry a comment. */
    public static final Set<String> EVENTS = Set.of("taskCommentPosted", "taskCommentUpdated");
    /** At most 4 pages (100 comments) per re-read: a bound on one event's ClickUp calls. */
    static final int MAX_PAGES = 4;
    private static final Logger LOG = Logger.getLogger(CommentEvents.class);

    private final CommentStore store;
    private final Metrics metrics;
    private final CommentReread reread;

    @Inject
    public CommentEvents(ClickUpClient clickUp, CommentStore store, Metrics metrics) {
        this(clickUp, store, metrics, Clock.systemUTC());
    }

    public CommentEvents(ClickUpClient clickUp, CommentStore store, Metrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.reread = new CommentReread(clickUp, store, clock);
    }

    /** Applies the comment items of {@code events} (other events are ignored); returns the ClickUp calls made. */
    public int apply(String taskId, List<WebhookPayload> events) {
        String fetchReason = null;
        Instant reachBack = null;
        for (WebhookPayload event : events) {
            if (!EVENTS.contains(event.event())) {
                continue;
            }
            for (WebhookPayload.HistoryItem item : event.historyItems()) {
                if (!"comment".equals(item.field())) {
                    continue;
                }
                CommentPayloads.Rendering rendering = item.at() == null
                        ? CommentPayloads.Rendering.failed(CommentPayloads.MALFORMED)
                        : CommentPayloads.render(taskId, event.event(), item);
                if (rendering.comment() != null) {
                    written(store.put(taskId, rendering.comment(), item.at(), CommentStore.Source.WEBHOOK),
                            CommentStore.Source.WEBHOOK);
                    continue;
                }
                fetchReason = fetchReason == null ? rendering.fallback() : fetchReason;
                Instant date = item.comment() == null ? null : CommentStore.millis(item.comment().path("date").asText(""));
                // an item without a usable date may be any comment: read as far as allowed
                reachBack = date == null ? Instant.EPOCH : reachBack == null || date.isBefore(reachBack) ? date : reachBack;
            }
        }
        return fetchReason == null ? 0 : reread(taskId, fetchReason, reachBack);
    }

    /** Re-reads the task's comments ({@link CommentReread}); returns the pages asked. */
    private int reread(String taskId, String reason, Instant reachBack) {
        metrics.increment("DrainCommentFetch", "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.INFO, "drain comment fetch", "reason", reason, "task", taskId);
        CommentReread.Outcome outcome = reread.reread(taskId, reachBack, MAX_PAGES, () -> { });
        if (outcome.gone()) {
            metrics.increment("DrainCommentFetchFailed", "Reason", ClickUpFailures.NOT_FOUND);
            StructuredLog.log(LOG, Logger.Level.INFO, "drain comment fetch failed", "reason", ClickUpFailures.NOT_FOUND,
                    "task", taskId);
        }
        if (outcome.applied() > 0) {
            metrics.record("DrainCommentApplied", outcome.applied(), "Count", "Source", CommentStore.Source.FETCH.code());
        }
        if (outcome.stale() > 0) {
            metrics.record("DrainCommentStale", outcome.stale(), "Count");
        }
        if (outcome.deleted() > 0) {
            metrics.record("DrainCommentDeleted", outcome.deleted(), "Count");
        }
        return outcome.calls();
    }

    private void written(CommentStore.Write write, CommentStore.Source source) {
        if (write == CommentStore.Write.APPLIED) {
            metrics.increment("DrainCommentApplied", "Source", source.code());
        } else {
            metrics.increment("DrainCommentStale");
        }
    }
}
