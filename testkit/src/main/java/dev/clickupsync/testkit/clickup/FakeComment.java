package dev.clickupsync.testkit.clickup;

import java.util.Objects;

/**
 * A comment on a task (through POST /task/{id}/comment or {@link FakeWorkspace#postComment}): its id,
 * the id of the history item that recorded its posting ({@code hist_id}), the author, the plain text,
 * the optional assignee and the notify_all flag as sent ({@code notifyEveryone}), the date it was
 * posted (Unix ms; an edit keeps it, as ClickUp's comment {@code date} is the posting's), whether it
 * is resolved, and the id of the text's closing block (ClickUp's rich-text parts end with a
 * {@code "\n"} part carrying {@code block-id}; kept so every rendering shows the same one).
 */
public record FakeComment(String id, String historyId, String taskId, long userId, String text, Long assigneeId,
        boolean notifyEveryone, long date, boolean resolved, String blockId) {

    public FakeComment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(historyId, "historyId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(blockId, "blockId");
    }

    /** This comment after an edit: new text, assignee and resolved flag; id, author and date kept. */
    FakeComment edited(String newText, Long newAssigneeId, boolean nowResolved) {
        return new FakeComment(id, historyId, taskId, userId, newText, newAssigneeId, notifyEveryone, date, nowResolved,
                blockId);
    }
}
