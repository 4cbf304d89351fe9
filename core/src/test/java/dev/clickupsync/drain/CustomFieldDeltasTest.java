package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.mirror.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The smart policy's custom-field rule book: apply what provably follows, refuse everything else. */
class CustomFieldDeltasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant V1 = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final Instant V2 = V1.plusSeconds(60);

    private final CustomField severity = field("sev", "Severity", "drop_down",
            "{\"options\":[{\"id\":\"low\",\"name\":\"Low\",\"orderindex\":0},{\"id\":\"high\",\"name\":\"High\",\"orderindex\":1}]}");
    private final Function<String, Optional<CustomField>> definitions =
            id -> "sev".equals(id) ? Optional.of(severity) : Optional.empty();

    @Test
    void dropDownChangeIsTranslatedFromOptionIdToOrderIndex() throws Exception {
        TaskSnapshot after = CustomFieldDeltas.apply(snapshot("Severity", "0"), item("Severity", "\"low\"", "\"high\"", V2),
                definitions).orElseThrow();

        assertThat(after.customFields().get(0).value()).isEqualTo(JSON.readTree("1"));
        assertThat(after.dateUpdated()).isEqualTo(V2);
        assertThat(after.json()).isEqualTo(JSON.readTree("{\"id\":\"t1\",\"date_updated\":\"" + V2.toEpochMilli()
                + "\",\"custom_fields\":[{\"id\":\"sev\",\"name\":\"Severity\",\"type\":\"drop_down\","
                + "\"type_config\":{},\"value\":1,\"value_richtext\":\"\",\"required\":false}]}"));
    }

    @Test
    void clearingAValueRemovesValueAndRichTextFromTheFullJson() throws Exception {
        TaskSnapshot after = CustomFieldDeltas.apply(snapshot("Severity", "0"), item("Severity", "\"low\"", "null", V2),
                definitions).orElseThrow();

        assertThat(after.customFields().get(0).value().isNull()).isTrue();
        assertThat(after.json().at("/custom_fields/0").has("value")).isFalse();
        assertThat(after.json().at("/custom_fields/0").has("value_richtext")).isFalse();
        assertThat(after.json().at("/custom_fields/0/required").asBoolean(true)).isFalse();
    }

    @Test
    void refusesASnapshotWithoutItsFullJson() throws Exception {
        TaskSnapshot reduced = snapshot("Severity", "0").withJson(null);

        assertThat(CustomFieldDeltas.apply(reduced, item("Severity", "\"low\"", "\"high\"", V2), definitions)).isEmpty();
    }

    @Test
    void refusesWhenBeforeDoesNotMatchTheSnapshot() throws Exception {
        assertThat(CustomFieldDeltas.apply(snapshot("Severity", "1"), item("Severity", "\"low\"", "\"high\"", V2),
                definitions)).isEmpty();
    }

    @Test
    void refusesAFieldRenamedSinceTheSnapshot() throws Exception {
        assertThat(CustomFieldDeltas.apply(snapshot("Severity", "0"), item("Priority level", "\"low\"", "\"high\"", V2),
                definitions)).isEmpty();
    }

    @Test
    void refusesAnOptionTheDefinitionDoesNotKnow() throws Exception {
        assertThat(CustomFieldDeltas.apply(snapshot("Severity", "0"), item("Severity", "\"low\"", "\"brand-new\"", V2),
                definitions)).isEmpty();
    }

    @Test
    void refusesAnEventNotNewerThanTheSnapshot() throws Exception {
        assertThat(CustomFieldDeltas.apply(snapshot("Severity", "0"), item("Severity", "\"low\"", "\"high\"", V1),
                definitions)).isEmpty();
    }

    private static TaskSnapshot snapshot(String fieldName, String value) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree("{\"id\":\"t1\",\"date_updated\":\"" + V1.toEpochMilli()
                + "\",\"custom_fields\":[{\"id\":\"sev\",\"name\":\"" + fieldName + "\",\"type\":\"drop_down\","
                + "\"type_config\":{},\"value\":" + value + ",\"value_richtext\":\"\",\"required\":false}]}");
        return TaskSnapshot.tombstone("t1", V1).deletedAt(V1)
                .withCustomFields(List.of(new TaskSnapshot.FieldValue("sev", fieldName, "drop_down", JSON.readTree(value))),
                        V1, json);
    }

    private static WebhookPayload.HistoryItem item(String fieldName, String before, String after, Instant at) throws Exception {
        JsonNode customField = JSON.readTree("{\"id\":\"sev\",\"name\":\"" + fieldName + "\",\"type\":\"drop_down\"}");
        return new WebhookPayload.HistoryItem("h1", Long.toString(at.toEpochMilli()), "custom_field", "list", null, null,
                JSON.readTree(before), JSON.readTree(after), customField, null);
    }

    private static CustomField field(String id, String name, String type, String typeConfig) {
        try {
            return new CustomField(id, name, type, JSON.readTree(typeConfig), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
