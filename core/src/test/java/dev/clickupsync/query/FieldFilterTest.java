package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ClickUp's custom_fields operators on the value kinds the mirror stores (the choices are in docs/read-api.md). */
class FieldFilterTest {
    private static final Map<String, JsonNode> TASK = Map.of(
            "points", json("5"), "goal", json("\"ship v1\""), "severity", json("1"),
            "labels", json("[\"lab-a\",\"lab-b\"]"), "owners", json("[183, 184]"), "points_text", json("\"7\""));

    @Test
    void comparesNumbersAsNumbersAndTextAsText() {
        assertThat(passes("points", "=", "5")).isTrue();
        assertThat(passes("points", "=", "\"5.0\"")).isTrue();
        assertThat(passes("points", "!=", "4")).isTrue();
        assertThat(passes("points", "<", "6")).isTrue();
        assertThat(passes("points", "<=", "5")).isTrue();
        assertThat(passes("points", ">", "5")).isFalse();
        assertThat(passes("points_text", ">=", "7")).isTrue();
        assertThat(passes("goal", "=", "\"ship v1\"")).isTrue();
        assertThat(passes("goal", "=", "\"Ship v1\"")).isFalse();
        assertThat(passes("goal", ">", "1")).isFalse();
        assertThat(passes("points", "RANGE", "[5, 9]")).isTrue();
        assertThat(passes("points", "RANGE", "[6, 9]")).isFalse();
    }

    @Test
    void multiValuedFieldsAreSetsOfTheirElements() {
        assertThat(passes("labels", "=", "\"lab-a\"")).isTrue();
        assertThat(passes("labels", "ANY", "[\"lab-x\", \"lab-b\"]")).isTrue();
        assertThat(passes("labels", "ALL", "[\"lab-a\", \"lab-b\"]")).isTrue();
        assertThat(passes("labels", "ALL", "[\"lab-a\", \"lab-x\"]")).isFalse();
        assertThat(passes("labels", "NOT ANY", "[\"lab-x\"]")).isTrue();
        assertThat(passes("labels", "NOT ALL", "[\"lab-a\", \"lab-x\"]")).isTrue();
        assertThat(passes("owners", "ANY", "[\"184\"]")).isTrue();
        assertThat(passes("severity", "ANY", "[0, 1]")).isTrue();
    }

    @Test
    void anUnsetFieldPassesOnlyIsNull() {
        assertThat(passes("missing", "IS NULL", "null")).isTrue();
        assertThat(passes("points", "IS NULL", "null")).isFalse();
        assertThat(passes("points", "IS NOT NULL", "null")).isTrue();
        for (String op : new String[] {"=", "!=", "<", ">"}) {
            assertThat(passes("missing", op, "1")).as(op).isFalse();
        }
        assertThat(passes("missing", "NOT ANY", "[1]")).isFalse();
    }

    private static boolean passes(String field, String operator, String value) {
        String filter = "[{\"field_id\":\"" + field + "\",\"operator\":\"" + operator + "\",\"value\":" + value + "}]";
        return FieldFilter.parseAll(filter).get(0).test(TASK);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
