package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.json.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Custom-field values from ClickUp's own examples, typed. */
class FieldValueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void typesTheValuesOfClickUpsGetTaskExample() throws Exception {
        ClickUpTask task;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/rest_responses/get_task.json")) {
            task = Json.MAPPER.readValue(in, ClickUpTask.class);
        }
        assertThat(field(task, "Sprint Goal").typedValue()).isEqualTo(new FieldValue.Text("Fix critical auth issues"));
        assertThat(field(task, "Story Points").typedValue()).isEqualTo(new FieldValue.Number(new BigDecimal("8")));
        assertThat(field(task, "Assigned Reviewer").typedValue()).isEqualTo(new FieldValue.Users(List.of(2772463L)));
        assertThat(field(task, "Marketing Requirements").typedValue())
                .isEqualTo(new FieldValue.Option("c3d4e5f6-a7b8-4c9d-0e1f-a2b3c4d5e6f7", "Release Notes Only", 2));
    }

    @Test
    void resolvesADropDownByOptionIdAsWebhooksSendIt() throws Exception {
        JsonNode config = JSON.readTree("{\"options\":[{\"id\":\"a\",\"name\":\"Monthly\",\"orderindex\":0},"
                + "{\"id\":\"b\",\"name\":\"Yearly\",\"orderindex\":1}]}");
        assertThat(FieldValue.of("drop_down", config, JSON.readTree("\"b\"")))
                .isEqualTo(new FieldValue.Option("b", "Yearly", 1));
        assertThat(FieldValue.of("drop_down", config, JSON.readTree("7")))
                .as("an option the config no longer has").isEqualTo(new FieldValue.Option(null, null, 7));
    }

    @Test
    void typesLabelsDatesCheckboxesAndEmptyValues() throws Exception {
        JsonNode config = JSON.readTree("{\"options\":[{\"id\":\"x\",\"label\":\"X\",\"name\":\"X\"}]}");
        assertThat(FieldValue.of("labels", config, JSON.readTree("[\"x\"]")))
                .isEqualTo(new FieldValue.Labels(List.of(new FieldValue.Option("x", "X", null))));
        assertThat(FieldValue.of("date", null, JSON.readTree("\"1700000000000\"")))
                .isEqualTo(new FieldValue.Date(Instant.ofEpochMilli(1_700_000_000_000L)));
        assertThat(FieldValue.of("checkbox", null, JSON.readTree("\"true\""))).isEqualTo(new FieldValue.Checkbox(true));
        assertThat(FieldValue.of("number", null, JSON.readTree("null"))).isEqualTo(new FieldValue.Empty());
        assertThat(FieldValue.of("short_text", null, null)).isEqualTo(new FieldValue.Empty());
    }

    @Test
    void keepsUnknownTypesAndMisshapenValuesRaw() throws Exception {
        JsonNode raw = JSON.readTree("{\"whatever\":1}");
        assertThat(FieldValue.of("formula_v9", null, raw)).isEqualTo(new FieldValue.Other(raw));
        JsonNode notANumber = JSON.readTree("\"eight\"");
        assertThat(FieldValue.of("number", null, notANumber)).isEqualTo(new FieldValue.Other(notANumber));
    }

    private static CustomField field(ClickUpTask task, String name) {
        return task.customFields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
