package dev.clickupsync.comment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.ClickUpFailures;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
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
 * group re-read the task's comments once: pages of 25, newest first, until a short page (every comment
 * seen), one reaching back to the oldest comment that needed it, or {@link #MAX_PAGES}. Every comment
 * read is stored at the instant before the first page was asked, and a stored comment inside the range
 * read that ClickUp no longer lists is tombstoned at that instant: this is how deletions are followed,
 * ClickUp having no event for them. The range read is everything after a short page, else the comments
 * strictly newer than the oldest one read. The store's version guard makes all of it order-proof.
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
    static final int PAGE_SIZE = 25;
    private static final Logger LOG = Logger.getLogger(CommentEvents.class);

    private final ClickUpClient clickUp;
    private final CommentStore store;
    private final Metrics metrics;
    private final Clock clock;

    @Inject
    public CommentEvents(ClickUpClient clickUp, CommentStore store, Metrics metrics) {
        this(clickUp, store, metrics, Clock.systemUTC());
    }

    public CommentEvents(ClickUpClient clickUp, CommentStore store, Metrics metrics, Clock clock) {
        this.clickUp = clickUp;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
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

    /** Re-reads the task's comments (see the class comment); returns the pages asked. */
    private int reread(String taskId, String reason, Instant reachBack) {
        metrics.increment("DrainCommentFetch", "Reason", reason);
        StructuredLog.log(LOG, Logger.Level.INFO, "drain comment fetch", "reason", reason, "task", taskId);
        Instant asked = Instant.ofEpochMilli(clock.millis());
        Set<String> listed = new HashSet<>();
        ObjectNode oldest = null;
        boolean complete = false;
        int pages = 0;
        try {
            while (pages < MAX_PAGES) {
                List<ObjectNode> page = clickUp.taskComments(taskId, oldest == null ? null : dateOf(oldest),
                        oldest == null ? null : oldest.path("id").asText());
                pages++;
                for (ObjectNode comment : page) {
                    if (CommentStore.millis(comment.path("date").asText("")) == null || comment.path("id").asText("").isBlank()) {
                        continue; // not storable; leaves it out of the range, so nothing is tombstoned for it
                    }
                    written(store.put(taskId, comment, asked, CommentStore.Source.FETCH), CommentStore.Source.FETCH);
                    listed.add(comment.path("id").asText());
                    oldest = comment;
                }
                if (page.size() < PAGE_SIZE) {
                    complete = true;
                    break;
                }
                if (oldest == null || !Instant.ofEpochMilli(dateOf(oldest)).isAfter(reachBack)) {
                    break;
                }
            }
        } catch (ClickUpException.NotFound gone) {
            metrics.increment("DrainCommentFetchFailed", "Reason", ClickUpFailures.NOT_FOUND);
            StructuredLog.log(LOG, Logger.Level.INFO, "drain comment fetch failed", "reason", ClickUpFailures.NOT_FOUND,
                    "task", taskId);
            return pages + 1;
        }
        if (!complete && oldest == null) {
            return pages; // a full page of nothing storable: no range is known to be complete
        }
        Instant coveredAfter = complete ? null : Instant.ofEpochMilli(dateOf(oldest));
        for (CommentStore.StoredComment stored : store.live(taskId)) {
            boolean inRange = coveredAfter == null || stored.date().isAfter(coveredAfter);
            if (inRange && !listed.contains(stored.commentId())
                    && store.tombstone(taskId, stored, asked) == CommentStore.Write.APPLIED) {
                metrics.increment("DrainCommentDeleted");
            }
        }
        return pages;
    }

    private void written(CommentStore.Write write, CommentStore.Source source) {
        if (write == CommentStore.Write.APPLIED) {
            metrics.increment("DrainCommentApplied", "Source", source.code());
        } else {
            metrics.increment("DrainCommentStale");
        }
    }

    private static long dateOf(ObjectNode comment) {
        return CommentStore.millis(comment.path("date").asText("")).toEpochMilli();
    }
}
