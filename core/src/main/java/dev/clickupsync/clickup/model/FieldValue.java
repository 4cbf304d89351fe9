package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom field's value, typed by the field's {@code type}. ClickUp's raw values change shape by
 * type and by endpoint (a drop-down is an option's orderindex in {@code GET /task} but the option's
 * id in webhooks; numbers arrive as strings), so this is where they are made uniform.
 */
public sealed interface FieldValue {

    /** No value set. */
    record Empty() implements FieldValue {
    }

    /** text, short_text, email, url, phone, location... */
    record Text(String value) implements FieldValue {
    }

    /** number, currency, emoji (rating), manual_progress. */
    record Number(BigDecimal value) implements FieldValue {
    }

    /** A drop-down's chosen option; {@code name} null when the option is not in the field's config. */
    record Option(String id, String name, Integer orderIndex) implements FieldValue {
    }

    /** labels: the chosen options. */
    record Labels(List<Option> options) implements FieldValue {
    }

    record Date(Instant value) implements FieldValue {
    }

    /** users: the chosen users' ids. */
    record Users(List<Long> ids) implements FieldValue {
    }

    record Checkbox(boolean checked) implements FieldValue {
    }

    /** A type this version does not interpret; the raw JSON is kept. */
    record Other(JsonNode raw) implements FieldValue {
    }

    /** Types {@code field.value()} according to {@code field.type()} and its {@code type_config}. */
    static FieldValue of(CustomField field) {
        return of(field.type(), field.typeConfig(), field.value());
    }

    static FieldValue of(String type, JsonNode typeConfig, JsonNode value) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return new Empty();
        }
        String t = type == null ? "" : type;
        try {
            switch (t) {
                case "text", "short_text", "email", "url", "phone":
                    return new Text(value.asText());
                case "number", "currency", "emoji", "manual_progress":
                    return new Number(new BigDecimal(value.asText().trim()));
                case "drop_down":
                    return option(typeConfig, value);
                case "labels":
                    List<Option> chosen = new ArrayList<>();
                    value.forEach(v -> chosen.add(option(typeConfig, v)));
                    return new Labels(List.copyOf(chosen));
                case "date":
                    return new Date(Instant.ofEpochMilli(Long.parseLong(value.asText().trim())));
                case "users":
                    List<Long> ids = new ArrayList<>();
                    value.forEach(u -> ids.add(u.isObject() ? u.path("id").asLong() : u.asLong()));
                    return new Users(List.copyOf(ids));
                case "checkbox":
                    return new Checkbox(value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(value.asText()));
                default:
                    return new Other(value);
            }
        } catch (RuntimeException unexpectedShape) {
            return new Other(value);
        }
    }

    /** An option by orderindex (a number, as GET /task gives it) or by id (a string, as webhooks do). */
    private static Option option(JsonNode typeConfig, JsonNode value) {
        JsonNode options = typeConfig == null ? null : typeConfig.path("options");
        if (options != null && options.isArray()) {
            for (JsonNode o : options) {
                boolean byIndex = value.isNumber() && o.path("orderindex").asInt(-1) == value.asInt();
                boolean byId = value.isTextual() && value.asText().equals(o.path("id").asText());
                if (byIndex || byId) {
                    return new Option(o.path("id").asText(null), o.path("name").asText(null),
                            o.has("orderindex") ? o.path("orderindex").asInt() : null);
                }
            }
        }
        return value.isNumber() ? new Option(null, null, value.asInt()) : new Option(value.asText(), null, null);
    }
}
