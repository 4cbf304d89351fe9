package dev.clickupsync.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one index item says about a task: every value a {@link TaskQuery} filters on, and {@code v},
 * the entry version ({@code date_updated}) it was built from. Small on purpose (a few hundred
 * bytes): a page walk reads every item it skips, and read units follow item size.
 *
 * <p>Attributes: {@code tid}, {@code v}, {@code st} (status, lower case), {@code cl} (status type
 * {@code closed}), {@code par} (parent id), {@code as} (assignee ids), {@code tg} (tags, lower case),
 * {@code due}/{@code cr}/{@code up}/{@code dn} (due, created, updated, done; Unix ms), {@code lst},
 * {@code fld}, {@code spc} (list, folder, space) and {@code cf} (the set custom-field values as a
 * JSON object by field id, a user by its id), {@code ci} (the task type, ClickUp's {@code custom_item_id};
 * left out for 0, a plain task).
 *
 * <p>The task type is read from the stored JSON ({@link TaskSnapshot#json}): the typed snapshot does
 * not hold it. An entry without JSON (too large, or written before full snapshots) counts as a plain
 * task; it is served in the reduced view, which its answer's {@code X-Mirror-Reduced} header names.
 */
record IndexEntry(String taskId, long version, String status, boolean closed, String parent, Set<Long> assignees,
                  Set<String> tags, Long due, Long created, Long updated, Long done, String listId, String folderId,
                  String spaceId, Map<String, JsonNode> fields, long customItem) {

    static IndexEntry of(TaskSnapshot s) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (TaskSnapshot.FieldValue f : s.customFields()) {
            if (f.id() != null && !f.value().isNull()) {
                fields.put(f.id(), compact(f.value()));
            }
        }
        return new IndexEntry(s.id(), s.dateUpdated().toEpochMilli(), lower(s.status()), "closed".equals(s.statusType()),
                s.parentId(), s.assignees().stream().map(TaskSnapshot.Person::id).collect(Collectors.toCollection(TreeSet::new)),
                s.tags().stream().map(IndexEntry::lower).collect(Collectors.toCollection(TreeSet::new)),
                millis(s.dueDate()), millis(s.dateCreated()), millis(s.dateUpdated()), millis(s.dateDone()),
                s.listId(), s.folderId(), s.spaceId(), fields, customItem(s));
    }

    /** ClickUp's {@code custom_item_id} in the stored JSON: 0 (a plain task) when absent or null. */
    private static long customItem(TaskSnapshot s) {
        return s.json() == null ? 0 : s.json().path("custom_item_id").asLong(0);
    }

    /** The item's attributes after its key. */
    Map<String, AttributeValue> attributes(Map<String, AttributeValue> key) {
        Item.Builder b = Item.with(key).text("tid", taskId).number("v", version).text("st", status)
                .flag("cl", closed).text("par", parent).number("due", due).number("cr", created)
                .number("up", updated).number("dn", done).text("lst", listId).text("fld", folderId).text("spc", spaceId);
        if (customItem != 0) {
            b.number("ci", customItem);
        }
        if (!assignees.isEmpty()) {
            b.value("as", AttributeValue.fromSs(assignees.stream().map(String::valueOf).toList()));
        }
        if (!tags.isEmpty()) {
            b.value("tg", AttributeValue.fromSs(List.copyOf(tags)));
        }
        if (!fields.isEmpty()) {
            ObjectNode cf = Json.MAPPER.createObjectNode();
            fields.forEach(cf::set);
            b.text("cf", cf.toString());
        }
        return b.build();
    }

    /** A lookup item's attributes after its key: only the task it points at and the version. */
    Map<String, AttributeValue> pointer(Map<String, AttributeValue> key) {
        return Item.with(key).text("tid", taskId).number("v", version).build();
    }

    /** The attributes of the item under {@code k}: a pointer for a lookup key, the whole entry otherwise. */
    Map<String, AttributeValue> itemFor(IndexKeys k) {
        return k.lookup() ? pointer(k.key()) : attributes(k.key());
    }

    static IndexEntry read(Item item) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        String cf = item.text("cf");
        if (cf != null) {
            try {
                Json.MAPPER.readTree(cf).fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable index item for task " + item.text("tid"), e);
            }
        }
        return new IndexEntry(item.text("tid"), item.longOr("v", -1), item.text("st"), item.flag("cl"), item.text("par"),
                set(item, "as").stream().map(Long::valueOf).collect(Collectors.toSet()), set(item, "tg"),
                item.longOrNull("due"), item.longOrNull("cr"), item.longOrNull("up"), item.longOrNull("dn"),
                item.text("lst"), item.text("fld"), item.text("spc"), fields, item.longOr("ci", 0));
    }

    private static Set<String> set(Item item, String name) {
        return item.raw(name).filter(AttributeValue::hasSs).map(v -> (Set<String>) new TreeSet<>(v.ss())).orElse(Set.of());
    }

    /** A users field as its ids; other values as they are. */
    private static JsonNode compact(JsonNode value) {
        if (value.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            value.forEach(e -> out.add(e.isObject() && e.has("id") ? e.get("id") : e));
            return out;
        }
        return value;
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
