package dev.clickupsync.comment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a task's stored comments equal to what {@code GET /task/{id}/comment} lists, for the drain (a
 * comment event it cannot render, {@link CommentEvents}) and for reconcile (a task changed without its
 * webhook, {@link CommentRepair}).
 *
 * <p>Pages of {@value #PAGE_SIZE}, newest first, until a short page (every comment seen), one reaching
 * back to {@code reachBack}, or {@code maxPages}. Every comment read is stored at the instant before the
 * first page was asked (the {@link CommentStore} version guard: a webhook of a change made before that
 * instant is refused as older, one made after it wins). A stored live comment inside the range read
 * that ClickUp no longer lists is tombstoned at that instant: this is how deletions are followed,
 * ClickUp having no event for them. The range read is everything after a short page, else the comments
 * strictly newer than the oldest one read; a comment without a usable id or date is left out of it, so
 * nothing is tombstoned for it, and a full page of nothing storable tombstones nothing.
 *
 * <p>A {@code 404} (the task is gone, its comments with it) stores and tombstones nothing and is
 * reported as {@link Outcome#gone()}; any other failure is thrown after what was read so far was
 * stored (nothing tombstoned: the range is not known to be complete).
 */
final class CommentReread {
    static final int PAGE_SIZE = 25;

    private final ClickUpClient clickUp;
    private final CommentStore store;
    private final Clock clock;

    CommentReread(ClickUpClient clickUp, CommentStore store, Clock clock) {
        this.clickUp = clickUp;
        this.store = store;
        this.clock = clock;
    }

    /** What one re-read did: calls made (a failed one included), comments written, refused as older, tombstoned. */
    record Outcome(int calls, int applied, int stale, int deleted, boolean gone) {
    }

    /**
     * Re-reads the task's comments; {@code beforeCall} runs before every page and throws to stop (what
     * was read so far stays stored, nothing is tombstoned).
     */
    Outcome reread(String taskId, Instant reachBack, int maxPages, Runnable beforeCall) {
        Instant asked = Instant.ofEpochMilli(clock.millis());
        Set<String> listed = new HashSet<>();
        ObjectNode oldest = null;
        boolean complete = false;
        int calls = 0;
        int applied = 0;
        int stale = 0;
        try {
            while (calls < maxPages) {
                beforeCall.run();
                calls++;
                List<ObjectNode> page = clickUp.taskComments(taskId, oldest == null ? null : dateOf(oldest),
                        oldest == null ? null : oldest.path("id").asText());
                for (ObjectNode comment : page) {
                    if (CommentStore.millis(comment.path("date").asText("")) == null || comment.path("id").asText("").isBlank()) {
                        continue;
                    }
                    if (store.put(taskId, comment, asked, CommentStore.Source.FETCH) == CommentStore.Write.APPLIED) {
                        applied++;
                    } else {
                        stale++;
                    }
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
            return new Outcome(calls, applied, stale, 0, true);
        }
        if (!complete && oldest == null) {
            return new Outcome(calls, applied, stale, 0, false);
        }
        Instant coveredAfter = complete ? null : Instant.ofEpochMilli(dateOf(oldest));
        int deleted = 0;
        for (CommentStore.StoredComment stored : store.live(taskId)) {
            boolean inRange = coveredAfter == null || stored.date().isAfter(coveredAfter);
            if (inRange && !listed.contains(stored.commentId())
                    && store.tombstone(taskId, stored, asked) == CommentStore.Write.APPLIED) {
                deleted++;
            }
        }
        return new Outcome(calls, applied, stale, deleted, false);
    }

    private static long dateOf(ObjectNode comment) {
        return CommentStore.millis(comment.path("date").asText("")).toEpochMilli();
    }
}
