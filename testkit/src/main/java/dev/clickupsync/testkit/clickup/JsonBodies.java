package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading request bodies: a JSON object, or a {@link ApiQuery.BadInput} (answered 400). */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode object(String body) {
        try {
            JsonNode node = ClickUpJson.MAPPER.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new ApiQuery.BadInput("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiQuery.BadInput("the body is not valid JSON");
        }
    }

    /** A number, or a string of digits, or null when absent or null. */
    static Long optionalLong(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToLong() || value.isTextual() && value.asText().matches("\\d+")) {
            return value.asLong();
        }
        throw new ApiQuery.BadInput(field + " must be a number");
    }

    /** A string or number as a string id, or null when absent or null (ClickUp mixes both for ids). */
    static String optionalId(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw new ApiQuery.BadInput(field + " must be an id");
    }

    /** {@code events}: an array of known event names, or {@code "*"} (kept as ["*"]). */
    static List<String> events(JsonNode value) {
        if (value != null && value.isTextual() && value.asText().equals("*")) {
            return List.of("*");
        }
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new ApiQuery.BadInput("events must be a non-empty array of event names or \"*\"");
        }
        List<String> events = new ArrayList<>();
        for (JsonNode event : value) {
            String name = event.asText();
            if (!name.equals("*") && !WebhookRegistration.EVENTS.contains(name)) {
                throw new ApiQuery.BadInput("unknown webhook event " + name);
            }
            events.add(name);
        }
        return events;
    }
}
