package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Task comments on the workspace model: posting one records it and makes the taskCommentPosted event
 * shaped as ClickUp's example (a {@code comment} history item whose {@code after} is the comment id and
 * which carries the whole {@code comment} object); GET /task/{id}/comment renders them newest first.
 * Callers hold the workspace lock.
 */
final class Comments {

    /** A recorded comment and the event it makes. */
    record Posted(FakeComment comment, TaskChanges.Event event) {
    }

    private Comments() {
    }

    static Posted post(WorkspaceModel model, String taskId, long userId, String text, Long assigneeId, boolean notifyEveryone) {
        TaskState task = model.requireTask(taskId);
        FakeUser author = model.requireUser(userId);
        if (assigneeId != null) {
            model.requireUser(assigneeId);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("comment text must not be blank");
        }
        long at = model.nextChangeTime(task);
        String commentId = model.nextCommentId();
        ObjectNode item = HistoryItems.item(model, at, "comment", task.listId, null,
                JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode(commentId));
        item.set("user", ClickUpJson.user(author));
        FakeComment comment = new FakeComment(commentId, item.get("id").asText(), taskId, userId, text, assigneeId, notifyEveryone, at);
        item.set("comment", webhookComment(model, comment));
        model.comments.computeIfAbsent(taskId, k -> new ArrayList<>()).add(comment);
        task.dateUpdated = at;
        return new Posted(comment, new TaskChanges.Event("taskCommentPosted", taskId, List.of(item)));
    }

    /** {@code {"comments":[...]}}, newest first, as GET /task/{id}/comment answers. */
    static ObjectNode list(WorkspaceModel model, List<FakeComment> comments) {
        ObjectNode body = ClickUpJson.object();
        ArrayNode array = body.putArray("comments");
        for (int i = comments.size() - 1; i >= 0; i--) {
            FakeComment comment = comments.get(i);
            ObjectNode node = array.addObject();
            node.put("id", comment.id());
            node.putArray("comment").addObject().put("text", comment.text());
            node.put("comment_text", comment.text());
            node.set("user", ClickUpJson.user(model.requireUser(comment.userId())));
            node.put("resolved", false);
            if (comment.assigneeId() == null) {
                node.putNull("assignee");
                node.putNull("assigned_by");
            } else {
                node.set("assignee", ClickUpJson.user(model.requireUser(comment.assigneeId())));
                node.set("assigned_by", ClickUpJson.user(model.requireUser(comment.userId())));
            }
            node.putArray("reactions");
            node.put("date", Long.toString(comment.date()));
            node.put("reply_count", "0");
        }
        return body;
    }

    /** The {@code comment} object of the taskCommentPosted history item. */
    private static ObjectNode webhookComment(WorkspaceModel model, FakeComment comment) {
        ObjectNode author = ClickUpJson.user(model.requireUser(comment.userId()));
        ObjectNode node = ClickUpJson.object();
        node.put("id", comment.id());
        node.put("date", Long.toString(comment.date()));
        node.put("parent", comment.taskId());
        node.put("type", 1);
        ArrayNode parts = node.putArray("comment");
        parts.addObject().put("text", comment.text()).putObject("attributes");
        parts.addObject().put("text", "\n").putObject("attributes").put("block-id", "block-" + UUID.randomUUID());
        node.put("text_content", comment.text() + "\n");
        for (String field : List.of("x", "y", "image_y", "image_x", "page", "comment_number", "page_id", "page_name",
                "view_id", "view_name", "team")) {
            node.putNull(field);
        }
        node.set("user", author);
        node.put("new_thread_count", 0);
        node.put("new_mentioned_thread_count", 0);
        node.putArray("email_attachments");
        node.putArray("threaded_users");
        node.put("threaded_replies", 0);
        node.put("threaded_assignees", 0);
        node.putArray("threaded_assignees_members");
        node.put("threaded_unresolved_count", 0);
        node.putArray("thread_followers").add(author.deepCopy());
        node.putArray("group_thread_followers");
        node.putArray("reactions");
        node.putArray("emails");
        return node;
    }
}
