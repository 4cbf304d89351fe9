package dev.clickupsync.testkit.clickup;

import java.util.Objects;

/**
 * A comment posted on a task (through POST /task/{id}/comment or {@link FakeWorkspace#postComment}):
 * its id, the id of the history item that recorded it ({@code hist_id}), the author, the plain text,
 * the optional assignee and the notify_all flag as sent ({@code notifyEveryone}), and the date (Unix ms).
 */
public record FakeComment(String id, String historyId, String taskId, long userId, String text, Long assigneeId,
        boolean notifyEveryone, long date) {

    public FakeComment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(historyId, "historyId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(text, "text");
    }
}
