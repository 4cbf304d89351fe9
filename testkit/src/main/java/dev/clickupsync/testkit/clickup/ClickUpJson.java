package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small JSON helpers for ClickUp's conventions: dates are strings of Unix ms, users have one shape. */
final class ClickUpJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ClickUpJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Puts a Unix-ms date as ClickUp does: a string, or null. */
    static void putMillis(ObjectNode node, String field, Long millis) {
        if (millis == null) {
            node.putNull(field);
        } else {
            node.put(field, Long.toString(millis));
        }
    }

    /** The user shape of history items, time entries and users custom fields (webhook order). */
    static ObjectNode user(FakeUser user) {
        ObjectNode node = object();
        node.put("id", user.id());
        node.put("username", user.username());
        node.put("email", user.email());
        node.put("color", user.color());
        node.put("initials", user.initials());
        node.putNull("profilePicture");
        return node;
    }

    /**
     * An assignee or watcher as GET /task shows them: the same members as {@link #user} in another
     * order (id, username, color, initials, email, profilePicture), as in ClickUp's get_task example.
     */
    static ObjectNode taskUser(FakeUser user) {
        ObjectNode node = object();
        node.put("id", user.id());
        node.put("username", user.username());
        node.put("color", user.color());
        node.put("initials", user.initials());
        node.put("email", user.email());
        node.putNull("profilePicture");
        return node;
    }

    /** The creator shape of GET /task (no initials). */
    static ObjectNode creator(FakeUser user) {
        ObjectNode node = object();
        node.put("id", user.id());
        node.put("username", user.username());
        node.put("color", user.color());
        node.put("email", user.email());
        node.putNull("profilePicture");
        return node;
    }

    static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The node as a client would parse it from the wire (numbers get the parser's node types),
     * so a test's {@code equals} against a parsed response compares values, not node classes.
     */
    static ObjectNode reparse(ObjectNode node) {
        try {
            return (ObjectNode) MAPPER.readTree(string(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact UTF-8 bytes, the exact form sent on the wire. */
    static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }
}
