package dev.clickupsync.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.fields.FieldDefinitions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Field names and plain values to ClickUp's ids and typed values, per field type. */
class FieldResolverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FieldDefinitions DEFS = definitions("""
            [{"id":"f-text","name":"Notes","type":"short_text"},
             {"id":"f-num","name":"Estimate","type":"number"},
             {"id":"f-drop","name":"Severity","type":"drop_down","type_config":{"options":[
                {"id":"o-low","name":"Low","orderindex":0},{"id":"o-high","name":"High","orderindex":1}]}},
             {"id":"f-lab","name":"Areas","type":"labels","type_config":{"options":[
                {"id":"l-be","label":"Backend"},{"id":"l-fe","label":"Frontend"}]}},
             {"id":"f-date","name":"Launch","type":"date"},
             {"id":"f-users","name":"Reviewers","type":"users"},
             {"id":"f-dup1","name":"Twice","type":"number"},{"id":"f-dup2","name":" twice ","type":"number"},
             {"id":"f-loc","name":"Where","type":"location"}]""");

    @Test
    void namesResolveToIdsAndValuesAreTypedByTheFieldsType() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("notes", JSON.valueToTree("hello"));
        values.put("ESTIMATE", JSON.valueToTree("2.50"));
        values.put("Severity", JSON.valueToTree(" high "));
        values.put("Areas", JSON.valueToTree(List.of("frontend", "Backend")));
        values.put("Launch", JSON.valueToTree("2026-12-01T00:00:00Z"));
        values.put("Reviewers", JSON.valueToTree(183));
        values.put("Estimate ", null);

        List<FieldResolver.Resolved> resolved = FieldResolver.resolve(DEFS, values);

        assertThat(resolved).extracting(r -> r.field().id())
                .containsExactly("f-text", "f-num", "f-drop", "f-lab", "f-date", "f-users", "f-num");
        assertThat(resolved).extracting(r -> r.value() == null ? null : r.value().toString()).containsExactly(
                "\"hello\"", "2.50", "\"o-high\"", "[\"l-fe\",\"l-be\"]",
                Long.toString(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli()), "[183]", null);
    }

    @Test
    void whatCannotBeResolvedFailsWithAReasonAndTheFieldsName() {
        assertFails("Nope", "1", "unknown_field", "\"Nope\"");
        assertFails("Twice", "1", "ambiguous_field", "\"Twice\"");
        assertFails("Severity", "\"Medium\"", "unknown_option", "\"Medium\"");
        assertFails("Areas", "[\"Backend\",\"Ops\"]", "unknown_option", "\"Ops\"");
        assertFails("Estimate", "\"lots\"", "invalid_value", "a number");
        assertFails("Launch", "\"tomorrow\"", "invalid_value", "epoch milliseconds");
        assertFails("Reviewers", "[\"ada\"]", "invalid_value", "user ids");
        assertFails("Notes", "3", "invalid_value", "a string");
        assertFails("Where", "\"Paris\"", "unsupported_field_type", "location");
    }

    private static void assertFails(String name, String json, String reason, String inDetail) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        try {
            values.put(name, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        assertThatThrownBy(() -> FieldResolver.resolve(DEFS, values)).as(name + " = " + json)
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(inDetail);
                });
    }

    private static FieldDefinitions definitions(String json) {
        try {
            return new FieldDefinitions("L1", Arrays.asList(JSON.readValue(json, CustomField[].class)), Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
