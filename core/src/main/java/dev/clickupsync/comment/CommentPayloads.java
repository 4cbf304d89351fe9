package dev.clickupsync.comment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.json.Json;

/**
 * Renders the comment a taskCommentPosted/Updated history item carries ({@code history_items[].comment})
 * in the shape of {@code GET /task/{id}/comment}, or says why it cannot.
 *
 * <table>
 *   <caption>GET member, taken from the webhook's comment object</caption>
 *   <tr><th>GET member</th><th>from the webhook</th><th>when absent or malformed</th></tr>
 *   <tr><td>id</td><td>id</td><td>malformed</td></tr>
 *   <tr><td>comment</td><td>comment (the rich-text parts, unchanged)</td><td>malformed</td></tr>
 *   <tr><td>comment_text</td><td>text_content</td><td>malformed</td></tr>
 *   <tr><td>user</td><td>user</td><td>malformed</td></tr>
 *   <tr><td>resolved</td><td>resolved</td><td>taskCommentPosted: {@code false} (a new comment is
 *       unresolved); taskCommentUpdated: not renderable ({@link #STATE_UNKNOWN}: the edit may have been a
 *       resolve, which ClickUp's example payload cannot show), so the caller fetches</td></tr>
 *   <tr><td>assignee, assigned_by</td><td>assignee, assigned_by</td><td>{@code null} on a posted comment
 *       (ClickUp's example, an unassigned comment, has neither; an assigned comment whose payload lacks
 *       them shows unassigned until the task's comments are next fetched); taskCommentUpdated: as
 *       {@code resolved}</td></tr>
 *   <tr><td>reactions</td><td>reactions</td><td>malformed</td></tr>
 *   <tr><td>date</td><td>date (string of epoch ms)</td><td>malformed</td></tr>
 *   <tr><td>reply_count</td><td>threaded_replies, as a string (the OpenAPI example's type)</td><td>malformed</td></tr>
 * </table>
 * A comment whose {@code parent} names another task is malformed too.
 */
public final class CommentPayloads {
    /** The history item has no comment object. */
    public static final String NO_COMMENT = "no_comment_object";
    /** The comment object lacks a member GET shows, or has it in another shape. */
    public static final String MALFORMED = "malformed_comment";
    /** An edit whose payload does not say whether the comment is resolved or assigned. */
    public static final String STATE_UNKNOWN = "update_without_state";

    private CommentPayloads() {
    }

    /** A rendered comment, or the reason ({@link #NO_COMMENT}, {@link #MALFORMED}, {@link #STATE_UNKNOWN}) there is none. */
    public record Rendering(ObjectNode comment, String fallback) {
        static Rendering failed(String why) {
            return new Rendering(null, why);
        }
    }

    public static Rendering render(String taskId, String event, WebhookPayload.HistoryItem item) {
        JsonNode c = item.comment();
        if (c == null || !c.isObject()) {
            return Rendering.failed(NO_COMMENT);
        }
        JsonNode parent = c.get("parent");
        if (!text(c.get("id")) || !digits(c.get("date")) || !parts(c.get("comment")) || !text(c.get("text_content"))
                || !c.path("user").isObject() || !c.path("user").path("id").canConvertToLong()
                || !c.path("reactions").isArray() || !c.path("threaded_replies").canConvertToLong()
                || parent != null && !parent.isNull() && !parent.asText().equals(taskId)) {
            return Rendering.failed(MALFORMED);
        }
        boolean posted = "taskCommentPosted".equals(event);
        if (!posted && !(c.has("resolved") && c.has("assignee") && c.has("assigned_by"))) {
            return Rendering.failed(STATE_UNKNOWN);
        }
        JsonNode resolved = c.get("resolved");
        if (resolved != null && !resolved.isBoolean() || !userOrNull(c.get("assignee")) || !userOrNull(c.get("assigned_by"))) {
            return Rendering.failed(MALFORMED);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", c.get("id").asText());
        out.set("comment", c.get("comment").deepCopy());
        out.put("comment_text", c.get("text_content").asText());
        out.set("user", c.get("user").deepCopy());
        out.put("resolved", resolved != null && resolved.booleanValue());
        out.set("assignee", orNull(c.get("assignee")));
        out.set("assigned_by", orNull(c.get("assigned_by")));
        out.set("reactions", c.get("reactions").deepCopy());
        out.put("date", c.get("date").asText().trim());
        out.put("reply_count", Long.toString(c.get("threaded_replies").asLong()));
        return new Rendering(out, null);
    }

    private static boolean text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static boolean digits(JsonNode node) {
        return node != null && (node.isTextual() || node.isIntegralNumber()) && CommentStore.millis(node.asText()) != null;
    }

    /** A non-empty array of rich-text parts, each an object with a textual {@code text}. */
    private static boolean parts(JsonNode node) {
        if (!(node instanceof ArrayNode array) || array.isEmpty()) {
            return false;
        }
        for (JsonNode part : array) {
            if (!part.isObject() || !part.path("text").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean userOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isObject() && node.path("id").canConvertToLong();
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null || node.isNull() ? Json.MAPPER.nullNode() : node.deepCopy();
    }
}
