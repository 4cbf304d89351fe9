package dev.clickupsync.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.clickup.model.ListFields;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One list's custom-field definitions as {@code GET /list/{id}/field} described them at
 * {@link #fetchedAt()}: immutable, thread-safe, with the lookups the drain needs.
 *
 * <p>Definitions carry no values: a {@link CustomField} given with a {@code value} (a task's copy of
 * a field) is kept without it, so nothing of a task's data ever reaches the field cache.
 *
 * <p>Lookups: {@link #byId(String)} matches ClickUp's field id exactly; {@link #byName(String)}
 * matches names trimmed and case-insensitively, and answers empty when the name is missing <em>or</em>
 * shared by several fields ({@link #isAmbiguous(String)} and {@link #allByName(String)} tell the two
 * apart). {@link #option(String, String)} finds a {@code drop_down} or {@code labels} option by its
 * name (drop-downs call it {@code name}, labels {@code label}), with the same matching and the same
 * rule for duplicates.
 */
public final class FieldDefinitions {
    private final String listId;
    private final List<CustomField> fields;
    private final Instant fetchedAt;
    private final Map<String, CustomField> byId;
    private final Map<String, List<CustomField>> byName;

    public FieldDefinitions(String listId, List<CustomField> fields, Instant fetchedAt) {
        this.listId = Objects.requireNonNull(listId, "listId");
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
        List<CustomField> kept = new ArrayList<>();
        Map<String, CustomField> ids = new LinkedHashMap<>();
        Map<String, List<CustomField>> names = new LinkedHashMap<>();
        for (CustomField field : fields == null ? List.<CustomField>of() : fields) {
            if (field == null || field.id() == null || ids.containsKey(field.id())) {
                continue;
            }
            CustomField definition = field.value() == null ? field
                    : new CustomField(field.id(), field.name(), field.type(), field.typeConfig(), null);
            kept.add(definition);
            ids.put(definition.id(), definition);
            if (definition.name() != null) {
                names.computeIfAbsent(normalize(definition.name()), k -> new ArrayList<>()).add(definition);
            }
        }
        names.replaceAll((k, v) -> List.copyOf(v));
        this.fields = List.copyOf(kept);
        this.byId = Collections.unmodifiableMap(ids);
        this.byName = Collections.unmodifiableMap(names);
    }

    /** {@code GET /list/{id}/field}'s answer, fetched at {@code fetchedAt}. */
    public static FieldDefinitions of(String listId, ListFields answer, Instant fetchedAt) {
        return new FieldDefinitions(listId, answer == null ? List.of() : answer.fields(), fetchedAt);
    }

    public String listId() {
        return listId;
    }

    /** The fields in ClickUp's order, without values. */
    public List<CustomField> fields() {
        return fields;
    }

    /** When these definitions were read from ClickUp (the start of the request). */
    public Instant fetchedAt() {
        return fetchedAt;
    }

    /** True while younger than {@code maxAge} at {@code now} (fetched strictly after {@code now - maxAge}). */
    public boolean isFresh(Instant now, Duration maxAge) {
        return fetchedAt.isAfter(now.minus(maxAge));
    }

    public boolean has(String fieldId) {
        return fieldId != null && byId.containsKey(fieldId);
    }

    public Optional<CustomField> byId(String fieldId) {
        return fieldId == null ? Optional.empty() : Optional.ofNullable(byId.get(fieldId));
    }

    /** The one field with this name (trimmed, case-insensitive); empty when none or several have it. */
    public Optional<CustomField> byName(String name) {
        List<CustomField> matches = allByName(name);
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** Every field with this name (trimmed, case-insensitive), in ClickUp's order. */
    public List<CustomField> allByName(String name) {
        return name == null ? List.of() : byName.getOrDefault(normalize(name), List.of());
    }

    /** True when several fields share this name, so {@link #byName(String)} cannot pick one. */
    public boolean isAmbiguous(String name) {
        return allByName(name).size() > 1;
    }

    /**
     * The option of a {@code drop_down} or {@code labels} field with this name (trimmed,
     * case-insensitive); empty when the field is unknown, has no options, or has none or several
     * options of that name.
     */
    public Optional<FieldValue.Option> option(String fieldId, String optionName) {
        if (optionName == null) {
            return Optional.empty();
        }
        String wanted = normalize(optionName);
        List<FieldValue.Option> matches = options(fieldId).stream()
                .filter(o -> o.name() != null && normalize(o.name()).equals(wanted))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The options of a {@code drop_down} or {@code labels} field, in ClickUp's order; empty for other fields. */
    public List<FieldValue.Option> options(String fieldId) {
        CustomField field = fieldId == null ? null : byId.get(fieldId);
        JsonNode config = field == null ? null : field.typeConfig();
        JsonNode options = config == null ? null : config.get("options");
        if (options == null || !options.isArray()) {
            return List.of();
        }
        List<FieldValue.Option> result = new ArrayList<>();
        for (JsonNode o : options) {
            String name = text(o, "name");
            if (name == null) {
                name = text(o, "label");
            }
            JsonNode index = o.get("orderindex");
            Integer orderIndex = index == null || index.isNull() || !index.asText().trim().matches("-?\\d+")
                    ? null : Integer.valueOf(index.asText().trim());
            result.add(new FieldValue.Option(text(o, "id"), name, orderIndex));
        }
        return List.copyOf(result);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof FieldDefinitions other && listId.equals(other.listId)
                && fields.equals(other.fields) && fetchedAt.equals(other.fetchedAt));
    }

    @Override
    public int hashCode() {
        return Objects.hash(listId, fields, fetchedAt);
    }

    /** Metadata only: list id, field count and fetch time. */
    @Override
    public String toString() {
        return "FieldDefinitions[list=" + listId + ", fields=" + fields.size() + ", fetchedAt=" + fetchedAt + "]";
    }
}
