package dev.clickupsync.fields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.model.CustomField;
import dev.clickupsync.clickup.model.FieldValue;
import dev.clickupsync.clickup.model.ListFields;
import dev.clickupsync.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups on one list's definitions, from ClickUp-shaped JSON. */
class FieldDefinitionsTest {
    private static final Instant FETCHED = Instant.parse("2026-05-01T10:00:00Z");

    private final FieldDefinitions defs = FieldDefinitions.of("901200100", listFields("""
            {"fields": [
              {"id": "f-sev", "name": "Severity", "type": "drop_down", "type_config": {"options": [
                 {"id": "o-low", "name": "Low", "color": "#2ecd6f", "orderindex": 0},
                 {"id": "o-high", "name": "High", "color": "#ff7800", "orderindex": "1"},
                 {"id": "o-dup1", "name": "Dup", "orderindex": 2},
                 {"id": "o-dup2", "name": " dup ", "orderindex": 3}]}},
              {"id": "f-area", "name": "Area", "type": "labels", "type_config": {"options": [
                 {"id": "l-ui", "label": "UI", "color": "#fff"},
                 {"id": "l-api", "label": "API", "color": "#000"}]}},
              {"id": "f-pts", "name": "  Story Points ", "type": "number", "type_config": {}},
              {"id": "f-owner1", "name": "Owner", "type": "users", "type_config": {}},
              {"id": "f-owner2", "name": "owner", "type": "short_text", "type_config": {}}
            ]}
            """), FETCHED);

    @Test
    void findsFieldsByIdExactly() {
        assertThat(defs.listId()).isEqualTo("901200100");
        assertThat(defs.fetchedAt()).isEqualTo(FETCHED);
        assertThat(defs.fields()).extracting(CustomField::id)
                .containsExactly("f-sev", "f-area", "f-pts", "f-owner1", "f-owner2");
        assertThat(defs.has("f-sev")).isTrue();
        assertThat(defs.has("F-SEV")).isFalse();
        assertThat(defs.has(null)).isFalse();
        assertThat(defs.byId("f-pts")).map(CustomField::type).contains("number");
        assertThat(defs.byId("nope")).isEmpty();
    }

    @Test
    void findsFieldsByNameTrimmedAndCaseInsensitive() {
        assertThat(defs.byName("severity")).map(CustomField::id).contains("f-sev");
        assertThat(defs.byName("  SEVERITY ")).map(CustomField::id).contains("f-sev");
        assertThat(defs.byName("story points")).map(CustomField::id).contains("f-pts");
        assertThat(defs.byName("Sev")).isEmpty();
        assertThat(defs.byName(null)).isEmpty();
        assertThat(defs.isAmbiguous("severity")).isFalse();
    }

    @Test
    void ambiguousNamesAnswerEmptyAndSayWhy() {
        assertThat(defs.byName("Owner")).isEmpty();
        assertThat(defs.isAmbiguous("OWNER ")).isTrue();
        assertThat(defs.allByName("owner")).extracting(CustomField::id).containsExactly("f-owner1", "f-owner2");
        assertThat(defs.isAmbiguous("nope")).isFalse();
        assertThat(defs.allByName("nope")).isEmpty();
    }

    @Test
    void findsDropDownAndLabelOptionsByName() {
        assertThat(defs.option("f-sev", " high")).contains(new FieldValue.Option("o-high", "High", 1));
        assertThat(defs.option("f-sev", "LOW")).contains(new FieldValue.Option("o-low", "Low", 0));
        assertThat(defs.option("f-area", "api")).contains(new FieldValue.Option("l-api", "API", null));
        assertThat(defs.option("f-sev", "Blocker")).as("unknown option").isEmpty();
        assertThat(defs.option("f-sev", "dup")).as("ambiguous option").isEmpty();
        assertThat(defs.option("f-pts", "High")).as("a field without options").isEmpty();
        assertThat(defs.option("nope", "High")).as("an unknown field").isEmpty();
        assertThat(defs.options("f-area")).extracting(FieldValue.Option::name).containsExactly("UI", "API");
    }

    @Test
    void keepsNoValuesAndSkipsFieldsWithoutIdOrRepeated() {
        JsonNode value = Json.MAPPER.getNodeFactory().textNode("secret task data");
        FieldDefinitions fromTask = new FieldDefinitions("L", List.of(
                new CustomField("a", "A", "short_text", null, value),
                new CustomField(null, "No id", "text", null, null),
                new CustomField("a", "A again", "text", null, null)), FETCHED);

        assertThat(fromTask.fields()).containsExactly(new CustomField("a", "A", "short_text", null, null));
        assertThat(fromTask.toString()).doesNotContain("secret").contains("fields=1");
    }

    @Test
    void freshnessIsStrictlyYoungerThanTheMaxAge() {
        Duration ttl = Duration.ofHours(24);
        assertThat(defs.isFresh(FETCHED.plus(ttl).minusMillis(1), ttl)).isTrue();
        assertThat(defs.isFresh(FETCHED.plus(ttl), ttl)).isFalse();
    }

    @Test
    void anEmptyAnswerIsAListWithoutFields() {
        FieldDefinitions none = FieldDefinitions.of("L", new ListFields(null), FETCHED);
        assertThat(none.fields()).isEmpty();
        assertThat(none.byName("x")).isEmpty();
    }

    @Test
    void storedJsonRoundTripsWithoutValues() throws Exception {
        String json = StoredFields.toJson(defs.fields());
        CustomField[] back = Json.MAPPER.readValue(json, CustomField[].class);

        assertThat(json).doesNotContain("\"value\"");
        assertThat(new FieldDefinitions("901200100", List.of(back), FETCHED)).isEqualTo(defs);
    }

    private static ListFields listFields(String json) {
        try {
            return Json.MAPPER.readValue(json, ListFields.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
