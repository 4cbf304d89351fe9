package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A custom field, as a task carries it (with {@code value}) or as {@code GET /list/{id}/field}
 * describes it (without). The value's shape depends on {@code type}, so it stays JSON here.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CustomField(String id, String name, String type, JsonNode typeConfig, JsonNode value) {

    /** The value typed by the field's type (see {@link FieldValue}). */
    public FieldValue typedValue() {
        return FieldValue.of(this);
    }
}
