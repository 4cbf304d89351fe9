package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** {@code GET /list/{id}/field}'s answer. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListFields(List<CustomField> fields) {
}
