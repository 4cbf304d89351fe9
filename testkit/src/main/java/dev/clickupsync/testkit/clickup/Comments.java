package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Task comments on the workspace model. Posting one records it and makes the taskCommentPosted event
 * shaped as ClickUp's example (a {@code comment} history item whose {@code after} is the comment id
 * and which carries the whole {@code comment} object); an edit makes taskCommentUpdated the same way,
 * with a history item of its own dated at the edit; a deletion makes no event (ClickUp's 28 webhook
 * events have no comment deletion). Posting and editing move the task's {@code date_updated}, as
 * any activity on a task does here; deleting does not (no event would tell a mirror).
 *
 * <p>Choices where ClickUp's examples are silent: the rich-text parts of GET /task/{id}/comment are
 * the webhook's ({@code [{text, attributes: {}}, {text: "\n", attributes: {block-id}}]}; the
 * OpenAPI example abridges them to {@code {text}}), {@code comment_text} is the webhook's
 * {@code text_content} (the text and its closing newline), {@code reply_count} a string as in the
 * OpenAPI example; the webhook's comment object has exactly the example's members, so it never says
 * whether the comment is assigned or resolved. Callers hold the workspace lock.
 */
final class Comments {
    /** GET /task/{id}/comment's page: the 25 newest, then older ones by start/start_id. */
    static final int PAGE_SIZE = 25;
    /** Newest first: by date, then by id (numeric strings compared as numbers). */
    static final Comparator<FakeComment> NEWEST_FIRST = Comparator.comparingLong(FakeComment::date)
            .thenComparing(FakeComment::id, Comments::compareIds).reversed();

    /** A recorded comment and the event it makes. */
    record Posted(FakeComment comment, TaskChanges.Event event) {
    }

    private Comments() {
    }

    static Posted post(WorkspaceModel model, String taskId, long userId, String text, Long assigneeId, boolean notifyEveryone) {
        TaskState task = model.requireTask(taskId);
        model.requireUser(userId);
        if (assigneeId != null) {
            model.requireUser(assigneeId);
        }
        requireText(text);
        long at = model.nextChangeTime(task);
        String commentId = model.nextCommentId();
        ObjectNode item = item(model, task, at, userId, commentId);
        FakeComment comment = new FakeComment(commentId, item.get("id").asText(), taskId, userId, text, assigneeId,
                notifyEveryone, at, false, "block-" + UUID.randomUUID());
        item.set("comment", webhookComment(model, comment));
        model.comments.computeIfAbsent(taskId, k -> new ArrayList<>()).add(comment);
        task.dateUpdated = at;
        return new Posted(comment, new TaskChanges.Event("taskCommentPosted", taskId, List.of(item)));
    }

    /**
     * Edits a comment (text, assignee, resolved; the author and date stay) and returns the
     * taskCommentUpdated event.
     *
     * @throws IllegalArgumentException for an unknown comment id or blank text
     */
    static TaskChanges.Event update(WorkspaceModel model, String commentId, String text, Long assigneeId, boolean resolved) {
        FakeComment old = require(model, commentId);
        requireText(text);
        if (assigneeId != null) {
            model.requireUser(assigneeId);
        }
        TaskState task = model.requireTask(old.taskId());
        FakeComment edited = old.edited(text, assigneeId, resolved);
        List<FakeComment> comments = model.comments.get(old.taskId());
        comments.set(comments.indexOf(old), edited);
        long at = model.nextChangeTime(task);
        ObjectNode item = item(model, task, at, old.userId(), commentId);
        item.set("comment", webhookComment(model, edited));
        task.dateUpdated = at;
        return new TaskChanges.Event("taskCommentUpdated", old.taskId(), List.of(item));
    }

    /** Deletes a comment; no event. @throws IllegalArgumentException for an unknown comment id */
    static void delete(WorkspaceModel model, String commentId) {
        FakeComment comment = require(model, commentId);
        model.comments.get(comment.taskId()).remove(comment);
    }

    static FakeComment require(WorkspaceModel model, String commentId) {
        return model.comments.values().stream().flatMap(List::stream).filter(c -> c.id().equals(commentId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no comment " + commentId));
    }

    /**
     * {@code {"comments":[...]}} as GET /task/{id}/comment answers: the {@link #PAGE_SIZE} newest, or,
     * with {@code start} and {@code startId} (the last comment of the previous page), the ones after it.
     */
    static ObjectNode list(WorkspaceModel model, List<FakeComment> comments, Long start, String startId) {
        List<FakeComment> ordered = new ArrayList<>(comments);
        ordered.sort(NEWEST_FIRST);
        ObjectNode body = ClickUpJson.object();
        ArrayNode array = body.putArray("comments");
        for (FakeComment comment : ordered) {
            if (array.size() == PAGE_SIZE) {
                break;
            }
            if (start == null || comment.date() < start
                    || comment.date() == start && compareIds(comment.id(), startId) < 0) {
                array.add(restComment(model, comment));
            }
        }
        return body;
    }

    /** One comment as GET /task/{id}/comment shows it. */
    static ObjectNode restComment(WorkspaceModel model, FakeComment comment) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", comment.id());
        node.set("comment", parts(comment));
        node.put("comment_text", comment.text() + "\n");
        node.set("user", ClickUpJson.user(model.requireUser(comment.userId())));
        node.put("resolved", comment.resolved());
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
        return node;
    }

    private static ObjectNode item(WorkspaceModel model, TaskState task, long at, long authorId, String commentId) {
        ObjectNode item = HistoryItems.item(model, at, "comment", task.listId, null,
                JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode(commentId));
        item.set("user", ClickUpJson.user(model.requireUser(authorId)));
        return item;
    }

    private static ArrayNode parts(FakeComment comment) {
        ArrayNode parts = JsonNodeFactory.instance.arrayNode();
        parts.addObject().put("text", comment.text()).putObject("attributes");
        parts.addObject().put("text", "\n").putObject("attributes").put("block-id", comment.blockId());
        return parts;
    }

    /** The {@code comment} object of the taskCommentPosted/Updated history item. */
    private static ObjectNode webhookComment(WorkspaceModel model, FakeComment comment) {
        ObjectNode author = ClickUpJson.user(model.requireUser(comment.userId()));
        ObjectNode node = ClickUpJson.object();
        node.put("id", comment.id());
        node.put("date", Long.toString(comment.date()));
        node.put("parent", comment.taskId());
        node.put("type", 1);
        node.set("comment", parts(comment));
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

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("comment text must not be blank");
        }
    }

    /** Numeric ids by value (shorter is smaller), others as text. */
    static int compareIds(String a, String b) {
        if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit) && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }
}
