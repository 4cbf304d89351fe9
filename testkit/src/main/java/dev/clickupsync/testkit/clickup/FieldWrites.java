package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Custom-field values as the API accepts them ({@code POST /task/{id}/field/{field_id}} and
 * {@code custom_fields} of create task), checked the way ClickUp checks them, then handed to
 * {@link TaskChange#customField} in its normalised form. Stricter than the test-side
 * {@link TaskChange#customField}: ClickUp takes option <em>ids</em> (or a drop-down's orderindex),
 * never option names. Refusals carry ClickUp's codes (see {@link ClickUpErrors}): an id that is not
 * a field of the task's list is {@code FIELD_115}, an unknown option {@code FIELD_011} (for labels
 * too: no labels-specific code is known), a date that is not epoch milliseconds {@code FIELD_017},
 * any other value of the wrong shape {@code FIELD_342} "Invalid Value".
 */
final class FieldWrites {

    /** A refused value: answered 400 with this body. */
    static final class Rejected extends RuntimeException {
        final String ecode;

        Rejected(String err, String ecode) {
            super(err, null, false, false);
            this.ecode = ecode;
        }

        ApiRoutes.Response response() {
            return ApiRoutes.Response.error(400, getMessage(), ecode);
        }
    }

    private FieldWrites() {
    }

    /** The list's field with this id, or FIELD_115. */
    static FakeCustomField field(WorkspaceModel model, String listId, String fieldId) {
        return model.field(listId, fieldId).orElseThrow(() -> new Rejected(
                "Custom field does not exist in the task location hierarchy", ClickUpErrors.FIELD_NOT_IN_LOCATION));
    }

    /**
     * The value to store for {@code value} (null clears), given the task's current value of the field
     * ({@code users} fields take {@code {"add": [...], "rem": [...]}} relative to it).
     */
    static Object accept(WorkspaceModel model, FakeCustomField field, JsonNode value, Object current) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (field.type()) {
            case "short_text", "text" -> {
                require(value.isTextual());
                yield value.asText();
            }
            case "number" -> number(value);
            case "drop_down" -> dropDown(field, value);
            case "labels" -> labels(field, value);
            case "date" -> {
                if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                    throw new Rejected("Value is not a valid date", ClickUpErrors.FIELD_DATE_INVALID);
                }
                yield value.asLong();
            }
            case "users" -> users(model, value, current);
            default -> throw new IllegalStateException(field.type());
        };
    }

    private static BigDecimal number(JsonNode value) {
        require(value.isNumber() || value.isTextual());
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String dropDown(FakeCustomField field, JsonNode value) {
        if (value.isInt()) {
            return field.options().stream().filter(o -> o.orderindex() == value.asInt()).findFirst()
                    .map(FakeCustomField.Option::id).orElseThrow(FieldWrites::unknownOption);
        }
        require(value.isTextual());
        return optionById(field, value.asText()).orElseThrow(FieldWrites::unknownOption);
    }

    private static List<String> labels(FakeCustomField field, JsonNode value) {
        require(value.isArray());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : value) {
            require(item.isTextual());
            ids.add(optionById(field, item.asText()).orElseThrow(FieldWrites::unknownOption));
        }
        return ids;
    }

    private static List<Long> users(WorkspaceModel model, JsonNode value, Object current) {
        require(value.isObject());
        List<Long> ids = new ArrayList<>();
        if (current instanceof List<?> existing) {
            existing.forEach(id -> ids.add((Long) id));
        }
        for (JsonNode add : value.path("add")) {
            long id = userId(model, add);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        for (JsonNode rem : value.path("rem")) {
            ids.remove(Long.valueOf(userId(model, rem)));
        }
        return ids;
    }

    private static long userId(WorkspaceModel model, JsonNode node) {
        require(node.canConvertToLong() && node.isIntegralNumber());
        if (!model.users.containsKey(node.asLong())) {
            throw new ApiQuery.BadInput("user " + node.asLong() + " is not a member of the workspace");
        }
        return node.asLong();
    }

    /** Options by exact id only: ClickUp does not accept names here. */
    private static Optional<String> optionById(FakeCustomField field, String id) {
        return field.options().stream().filter(o -> o.id().equals(id)).findFirst().map(FakeCustomField.Option::id);
    }

    private static void require(boolean shapeOk) {
        if (!shapeOk) {
            throw invalid();
        }
    }

    private static Rejected invalid() {
        return new Rejected("Invalid Value", ClickUpErrors.FIELD_VALUE_SHAPE);
    }

    private static Rejected unknownOption() {
        return new Rejected("Value must be an option index or uuid", ClickUpErrors.FIELD_VALUE_INVALID);
    }
}
