package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A task's priority: id 1 (urgent) to 4 (low), with its name ({@code urgent}, {@code high}, ...). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskPriority(String id, String priority, String color) {
}
