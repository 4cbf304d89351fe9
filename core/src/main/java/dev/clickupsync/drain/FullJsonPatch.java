package dev.clickupsync.drain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Edits on a copy of a task's full JSON ({@code TaskSnapshot.json}) for {@link SnapshotDeltas} and
 * {@link CustomFieldDeltas}: each edit either makes exactly the change {@code GET /task} would show
 * or reports that it cannot (returns false), and the caller then fetches. {@link #done} stamps the
 * new {@code date_updated} and re-reads the JSON through the parser, so the patched tree has the
 * same node types as one parsed from ClickUp's answer (the mirror compares trees with equals).
 */
final class FullJsonPatch {
    /** The members of a user in {@code assignees}/{@code watchers} and of a history item's user. */
    private static final Set<String> USER_MEMBERS = Set.of("id", "username", "color", "initials", "email", "profilePicture");
    /** The order of a user's members in GET /task's assignees and watchers (ClickUp's get_task example). */
    private static final String[] TASK_USER_ORDER = {"id", "username", "color", "initials", "email", "profilePicture"};
    /** The members of a tag in {@code tags} and in a tag history item. */
    private static final Set<String> TAG_MEMBERS = Set.of("name", "tag_fg", "tag_bg", "creator");
    /** The members of a status in a history item (GET /task's status less its id). */
    private static final Set<String> STATUS_MEMBERS = Set.of("status", "color", "orderindex", "type");
    /** The members of a priority object, in {@code GET /task} and in a priority history item alike. */
    private static final Set<String> PRIORITY_MEMBERS = Set.of("id", "priority", "color", "orderindex");

    final ObjectNode json;

    FullJsonPatch(ObjectNode original) {
        this.json = original.deepCopy();
    }

    /** A top-level scalar (name, due_date...) set to {@code value} (JSON null for none). */
    void set(String field, JsonNode value) {
        json.set(field, value == null ? json.nullNode() : value);
    }

    /** A date as ClickUp writes it: a string of epoch ms, or null. */
    void setMillis(String field, Long millis) {
        set(field, millis == null ? null : json.textNode(Long.toString(millis)));
    }

    /**
     * The status as GET /task shows it, {id, status, color, orderindex, type}, from a history item's
     * status (the same four values, no id) and its id; false when the item's status has other members.
     */
    boolean setStatus(String id, JsonNode status) {
        if (!hasExactly(status, STATUS_MEMBERS)) {
            return false;
        }
        ObjectNode node = json.objectNode().put("id", id);
        for (String member : new String[] {"status", "color", "orderindex", "type"}) {
            node.set(member, status.get(member).deepCopy());
        }
        set("status", node);
        return true;
    }

    /** The priority object from a history item's {@code after} (null: no priority); false when its shape is not GET /task's. */
    boolean setPriority(JsonNode after) {
        if (after == null || after.isNull()) {
            set("priority", null);
            return true;
        }
        if (!hasExactly(after, PRIORITY_MEMBERS)) {
            return false;
        }
        set("priority", after.deepCopy());
        return true;
    }

    /**
     * Adds the assignee (a history item's user) at the end of {@code assignees} and, as ClickUp does
     * for a new assignee, of {@code watchers} unless already watching. False for an unknown user shape.
     */
    boolean addAssignee(JsonNode user) {
        if (!hasExactly(user, USER_MEMBERS) || !(json.get("assignees") instanceof ArrayNode assignees)
                || !(json.get("watchers") instanceof ArrayNode watchers)) {
            return false;
        }
        long id = user.path("id").asLong();
        // webhooks order a user's members id, username, email, color, initials, profilePicture; GET /task another way
        ObjectNode member = json.objectNode();
        for (String name : TASK_USER_ORDER) {
            member.set(name, user.get(name).deepCopy());
        }
        assignees.add(member);
        if (!contains(watchers, w -> w.path("id").asLong() == id)) {
            watchers.add(member.deepCopy());
        }
        return true;
    }

    /** Removes the assignee by id (watchers keep them, as in ClickUp); false when it was not there. */
    boolean removeAssignee(long id) {
        return json.get("assignees") instanceof ArrayNode assignees && remove(assignees, a -> a.path("id").asLong() == id);
    }

    /** Appends a tag object (a tag history item's entry); false for an unknown shape or no tags array. */
    boolean addTag(JsonNode tag) {
        if (!hasExactly(tag, TAG_MEMBERS) || !(json.get("tags") instanceof ArrayNode tags)) {
            return false;
        }
        tags.add(tag.deepCopy());
        return true;
    }

    boolean removeTag(String name) {
        return json.get("tags") instanceof ArrayNode tags && remove(tags, t -> name.equals(t.path("name").asText(null)));
    }

    /**
     * Sets a custom field's value in the task shape ({@code null}: no value). ClickUp shows a set
     * value as {@code value} followed by {@code value_richtext} (empty) before {@code required}, and
     * leaves both out when none is set. False when the task's JSON does not list the field.
     */
    boolean setCustomField(String fieldId, JsonNode value) {
        if (!(json.get("custom_fields") instanceof ArrayNode fields)) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fieldId.equals(fields.get(i).path("id").asText(null)) && fields.get(i) instanceof ObjectNode old) {
                ObjectNode field = json.objectNode();
                boolean placed = false;
                for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    if (member.getKey().equals("value") || member.getKey().equals("value_richtext")) {
                        continue;
                    }
                    if (member.getKey().equals("required") && !placed) {
                        putValue(field, value);
                        placed = true;
                    }
                    field.set(member.getKey(), member.getValue());
                }
                if (!placed) {
                    putValue(field, value);
                }
                fields.set(i, field);
                return true;
            }
        }
        return false;
    }

    /** The patched JSON, versioned {@code at}, with parser node types. */
    ObjectNode done(Instant at) {
        setMillis("date_updated", at.toEpochMilli());
        try {
            return (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("patched task JSON does not round-trip", e);
        }
    }

    private static void putValue(ObjectNode field, JsonNode value) {
        if (value != null && !value.isNull()) {
            field.set("value", value.deepCopy());
            field.put("value_richtext", "");
        }
    }

    private static boolean hasExactly(JsonNode node, Set<String> members) {
        if (node == null || !node.isObject() || node.size() != members.size()) {
            return false;
        }
        for (String member : members) {
            if (!node.has(member)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(ArrayNode array, Predicate<JsonNode> match) {
        for (JsonNode node : array) {
            if (match.test(node)) {
                return true;
            }
        }
        return false;
    }

    private static boolean remove(ArrayNode array, Predicate<JsonNode> match) {
        for (int i = 0; i < array.size(); i++) {
            if (match.test(array.get(i))) {
                array.remove(i);
                return true;
            }
        }
        return false;
    }
}
