package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Custom field values in their three forms: normalised for storage (String, BigDecimal, option id,
 * List of option ids, Long ms, List of user ids), as GET /task renders them (number as a string,
 * drop_down as the option's orderindex, users as user objects, as in ClickUp's get_task example), and
 * as history items carry them (drop_down as the option id, as in the taskUpdated example).
 */
final class CustomFieldValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CustomFieldValues() {
    }

    /** Normalises a caller's value; null stays null (cleared). Unknown options or users are rejected. */
    static Object normalize(FakeCustomField field, Object raw, LongFunction<FakeUser> users) {
        if (raw == null) {
            return null;
        }
        return switch (field.type()) {
            case "short_text", "text" -> requireType(field, raw, CharSequence.class).toString();
            case "number" -> new BigDecimal(raw.toString().trim()).stripTrailingZeros();
            case "drop_down" -> dropDownOption(field, raw).id();
            case "labels" -> requireType(field, raw, Collection.class).stream()
                    .map(item -> option(field, item.toString()).id()).distinct().toList();
            case "date" -> raw instanceof Instant instant ? instant.toEpochMilli() : requireType(field, raw, Number.class).longValue();
            case "users" -> userIds(field, raw, users);
            default -> throw new IllegalStateException(field.type());
        };
    }

    /** The {@code value} of the field in GET /task. */
    static JsonNode taskValue(FakeCustomField field, Object value, LongFunction<FakeUser> users) {
        return switch (field.type()) {
            case "number" -> NODES.textNode(((BigDecimal) value).toPlainString());
            case "drop_down" -> NODES.numberNode(option(field, (String) value).orderindex());
            case "users" -> {
                ArrayNode array = NODES.arrayNode();
                ids(value).forEach(id -> array.add(ClickUpJson.user(users.apply(id))));
                yield array;
            }
            default -> historyValue(field, value);
        };
    }

    /** The {@code before}/{@code after} of a custom_field history item. */
    static JsonNode historyValue(FakeCustomField field, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (field.type()) {
            case "short_text", "text", "drop_down" -> NODES.textNode((String) value);
            case "number" -> NODES.textNode(((BigDecimal) value).toPlainString());
            case "date" -> NODES.textNode(Long.toString((Long) value));
            case "labels" -> {
                ArrayNode array = NODES.arrayNode();
                ((List<?>) value).forEach(id -> array.add((String) id));
                yield array;
            }
            case "users" -> {
                ArrayNode array = NODES.arrayNode();
                ids(value).forEach(array::add);
                yield array;
            }
            default -> throw new IllegalStateException(field.type());
        };
    }

    /** The field's type_config, as GET /task and GET /list/{id}/field show it. */
    static ObjectNode typeConfig(FakeCustomField field) {
        ObjectNode config = ClickUpJson.object();
        switch (field.type()) {
            case "drop_down" -> {
                config.put("sorting", "manual");
                config.put("new_drop_down", true);
                ArrayNode options = config.putArray("options");
                field.options().forEach(o -> options.addObject()
                        .put("id", o.id()).put("name", o.name()).put("color", o.color()).put("orderindex", o.orderindex()));
            }
            case "labels" -> {
                ArrayNode options = config.putArray("options");
                field.options().forEach(o -> options.addObject().put("id", o.id()).put("label", o.name()).put("color", o.color()));
            }
            case "users" -> config.put("include_guests", false).put("include_team_members", true).put("single_user", false);
            default -> {
            }
        }
        return config;
    }

    /** The field definition of GET /list/{id}/field, without a value. */
    static ObjectNode definition(FakeCustomField field) {
        ObjectNode node = ClickUpJson.object();
        node.put("id", field.id());
        node.put("name", field.name());
        node.put("type", field.type());
        node.set("type_config", typeConfig(field));
        node.put("date_created", Long.toString(field.dateCreated()));
        node.put("hide_from_guests", false);
        node.put("required", false);
        return node;
    }

    private static FakeCustomField.Option dropDownOption(FakeCustomField field, Object raw) {
        if (raw instanceof Integer orderindex) {
            return field.options().stream().filter(o -> o.orderindex() == orderindex).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no option with orderindex " + orderindex + " in " + field.name()));
        }
        return option(field, requireType(field, raw, CharSequence.class).toString());
    }

    private static FakeCustomField.Option option(FakeCustomField field, String idOrName) {
        return field.option(idOrName)
                .orElseThrow(() -> new IllegalArgumentException("no option " + idOrName + " in field " + field.name()));
    }

    private static List<Long> userIds(FakeCustomField field, Object raw, LongFunction<FakeUser> users) {
        Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw);
        List<Long> ids = new ArrayList<>();
        for (Object item : items) {
            long id = requireType(field, item, Number.class).longValue();
            if (users.apply(id) == null) {
                throw new IllegalArgumentException("user " + id + " is not a workspace member");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Object value) {
        return (List<Long>) value;
    }

    private static <T> T requireType(FakeCustomField field, Object raw, Class<T> type) {
        if (!type.isInstance(raw)) {
            throw new IllegalArgumentException(field.type() + " field " + field.name() + " does not take a " + raw.getClass().getSimpleName());
        }
        return type.cast(raw);
    }
}
