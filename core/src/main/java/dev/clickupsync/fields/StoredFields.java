package dev.clickupsync.fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.ItemUpdate;
import dev.clickupsync.store.Tables;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One list's item in the field-cache table ({@code pk = list#<id>}, {@code sk = fields}) as read:
 * the definitions (null when none, or unreadable), and the counters and times discovery steers by.
 *
 * <p>The item: {@code fields} (the definitions as JSON, never values), {@code field_count},
 * {@code fetched_at} (epoch ms, when the request to ClickUp started), {@code generation} (+1 per
 * stored discovery), {@code failures} (+1 per failed discovery) and {@code failed_at} (epoch ms, the
 * last failure since the last stored discovery), {@code lease_until} (epoch ms) and
 * {@code lease_owner} while an instance discovers ({@link FieldDiscoveryLease}), and {@code expires_at}
 * (epoch s) for DynamoDB's TTL: {@code fetched_at + ttl} once stored, {@code now + ttl} whenever a
 * lease is taken (so an item being re-discovered, or whose discovery keeps failing, is not deleted
 * from under the lease and keeps its stale copy to fall back on). TTL deletion is lazy, so freshness
 * is always judged from {@code fetched_at}, never from the item's presence. An item that cannot be
 * parsed reads as having no definitions (logged), so one bad write cannot stop discovery.
 */
record StoredFields(FieldDefinitions definitions, long generation, long failures, Long leaseUntil, Long failedAt) {
    static final String SORT_KEY = "fields";
    static final String FIELDS = "fields";
    static final String FIELD_COUNT = "field_count";
    static final String FETCHED_AT = "fetched_at";
    static final String GENERATION = "generation";
    static final String FAILURES = "failures";
    static final String FAILED_AT = "failed_at";
    static final String LEASE_UNTIL = "lease_until";
    static final String LEASE_OWNER = "lease_owner";

    static final StoredFields ABSENT = new StoredFields(null, 0, 0, null, null);
    private static final Logger LOG = Logger.getLogger(FieldCache.class);

    /** Someone's lease is live at {@code now} (it holds up to and including {@code lease_until}). */
    boolean leasedAt(Instant now) {
        return leaseUntil != null && leaseUntil >= now.toEpochMilli();
    }

    /** A copy that settles the question: fresh for the window, or stored since {@code known} was read. */
    boolean answers(Instant threshold, StoredFields known) {
        return definitions != null && (definitions.fetchedAt().isAfter(threshold) || generation > known.generation());
    }

    /** Of two reads, the one with the later-fetched definitions ({@code a} when neither has any). */
    static StoredFields newer(StoredFields a, StoredFields b) {
        if (b == null || b.definitions() == null) {
            return a;
        }
        if (a == null || a.definitions() == null) {
            return b;
        }
        return b.definitions().fetchedAt().isBefore(a.definitions().fetchedAt()) ? a : b;
    }

    static StoredFields parse(String listId, Item item) {
        if (!item.exists()) {
            return ABSENT;
        }
        FieldDefinitions definitions = null;
        try {
            String fields = item.text(FIELDS);
            Instant fetched = item.instant(FETCHED_AT);
            if (fields != null && fetched != null) {
                List<CustomField> parsed = Arrays.asList(Json.MAPPER.readValue(fields, CustomField[].class));
                definitions = new FieldDefinitions(listId, parsed, fetched);
            }
        } catch (JsonProcessingException | RuntimeException unreadable) {
            StructuredLog.log(LOG, Logger.Level.WARN, "custom field cache item unreadable, treated as absent",
                    "list_id", listId, "reason", unreadable.getClass().getSimpleName());
        }
        return new StoredFields(definitions, item.longOr(GENERATION, 0), item.longOr(FAILURES, 0),
                item.has(LEASE_UNTIL) ? item.longOr(LEASE_UNTIL, 0) : null,
                item.has(FAILED_AT) ? item.longOr(FAILED_AT, 0) : null);
    }

    /** Adds to {@code update} the writes that store {@code definitions}: a new generation, no failure pending. */
    static ItemUpdate contents(ItemUpdate update, FieldDefinitions definitions, Duration ttl) {
        return update.set(FIELDS, Item.s(toJson(definitions.fields())))
                .set(FIELD_COUNT, Item.n(definitions.fields().size()))
                .set(FETCHED_AT, Item.millis(definitions.fetchedAt()))
                .set(Tables.TTL, Item.n(definitions.fetchedAt().plus(ttl).getEpochSecond()))
                .add(GENERATION, 1)
                .remove(FAILED_AT);
    }

    /** The definitions as JSON: id, name, type and type_config of each field; no values. */
    static String toJson(List<CustomField> fields) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (CustomField field : fields) {
            ObjectNode node = array.addObject();
            node.put("id", field.id());
            node.put("name", field.name());
            node.put("type", field.type());
            if (field.typeConfig() != null && !field.typeConfig().isNull()) {
                node.set("type_config", field.typeConfig());
            }
        }
        return array.toString();
    }

    static Map<String, AttributeValue> key(String listId) {
        return Item.key("list#" + listId, SORT_KEY);
    }
}
