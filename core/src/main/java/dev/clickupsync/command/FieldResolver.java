package dev.clickupsync.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.fields.FieldDefinitions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a command's {@code custom_fields} (field <em>names</em> to plain values) into what ClickUp's
 * API takes, using one list's definitions: the field's id, and the value typed by the field's type.
 *
 * <table>
 *   <caption>Accepted values per field type</caption>
 *   <tr><td>text, short_text, email, url, phone</td><td>a string</td><td>the string</td></tr>
 *   <tr><td>number, currency</td><td>a number or numeric string</td><td>a number</td></tr>
 *   <tr><td>drop_down</td><td>an option name</td><td>the option's id (uuid)</td></tr>
 *   <tr><td>labels</td><td>option names (array, or one string)</td><td>an array of option ids</td></tr>
 *   <tr><td>date</td><td>epoch ms, or an ISO-8601 instant</td><td>epoch ms</td></tr>
 *   <tr><td>users</td><td>user ids (array, or one number): the new set</td><td>the ids; {add, rem} is computed by the caller</td></tr>
 *   <tr><td>checkbox</td><td>a boolean</td><td>the boolean</td></tr>
 * </table>
 * {@code null} clears the field. Names and option names match trimmed and case-insensitively; a name
 * shared by several fields (or options) is refused as ambiguous rather than guessed.
 */
final class FieldResolver {

    /** One field to write: its definition and the value in ClickUp's form (null: clear). */
    record Resolved(CustomField field, JsonNode value) {
        boolean isUsers() {
            return "users".equals(field.type());
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FieldResolver() {
    }

    /**
     * @throws CommandFailedException with reason {@code unknown_field}, {@code ambiguous_field},
     *         {@code unknown_option}, {@code invalid_value} or {@code unsupported_field_type}
     */
    static List<Resolved> resolve(FieldDefinitions defs, Map<String, JsonNode> values) {
        List<Resolved> resolved = new ArrayList<>();
        if (values == null) {
            return resolved;
        }
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            String name = entry.getKey();
            if (defs.isAmbiguous(name)) {
                throw new CommandFailedException("ambiguous_field", "custom field \"" + name + "\": several fields of list "
                        + defs.listId() + " have this name");
            }
            CustomField field = defs.byName(name).orElseThrow(() -> new CommandFailedException("unknown_field",
                    "custom field \"" + name + "\" does not exist on list " + defs.listId()));
            JsonNode value = entry.getValue();
            resolved.add(new Resolved(field, value == null || value.isNull() ? null : typed(defs, field, name, value)));
        }
        return resolved;
    }

    private static JsonNode typed(FieldDefinitions defs, CustomField field, String name, JsonNode value) {
        String type = field.type() == null ? "" : field.type();
        return switch (type) {
            case "text", "short_text", "email", "url", "phone" -> {
                require(value.isTextual(), name, type, "a string");
                yield value;
            }
            case "number", "currency" -> {
                try {
                    yield NODES.numberNode(new BigDecimal(value.asText().trim()));
                } catch (NumberFormatException e) {
                    throw invalid(name, type, "a number");
                }
            }
            case "drop_down" -> {
                require(value.isTextual(), name, type, "an option name");
                yield NODES.textNode(option(defs, field, name, value.asText()).id());
            }
            case "labels" -> {
                ArrayNode ids = NODES.arrayNode();
                for (JsonNode item : value.isArray() ? value : NODES.arrayNode().add(value)) {
                    require(item.isTextual(), name, type, "option names");
                    ids.add(option(defs, field, name, item.asText()).id());
                }
                yield ids;
            }
            case "date" -> NODES.numberNode(epochMillis(name, value));
            case "users" -> {
                ArrayNode ids = NODES.arrayNode();
                for (JsonNode item : value.isArray() ? value : NODES.arrayNode().add(value)) {
                    require(item.canConvertToLong() && item.asLong() > 0, name, type, "user ids");
                    ids.add(item.asLong());
                }
                yield ids;
            }
            case "checkbox" -> {
                require(value.isBoolean(), name, type, "true or false");
                yield value;
            }
            default -> throw new CommandFailedException("unsupported_field_type", "custom field \"" + name
                    + "\" has type " + type + ", which commands cannot set yet");
        };
    }

    private static FieldValue.Option option(FieldDefinitions defs, CustomField field, String name, String optionName) {
        return defs.option(field.id(), optionName).orElseThrow(() -> new CommandFailedException("unknown_option",
                "custom field \"" + name + "\" has no option \"" + optionName + "\" (or several of that name)"));
    }

    private static long epochMillis(String name, JsonNode value) {
        if (value.isIntegralNumber() && value.asLong() >= 0) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText().trim()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw invalid(name, "date", "epoch milliseconds or an ISO-8601 instant");
    }

    private static void require(boolean ok, String name, String type, String expected) {
        if (!ok) {
            throw invalid(name, type, expected);
        }
    }

    private static CommandFailedException invalid(String name, String type, String expected) {
        return new CommandFailedException("invalid_value", "custom field \"" + name + "\" (" + type + ") takes " + expected);
    }
}
