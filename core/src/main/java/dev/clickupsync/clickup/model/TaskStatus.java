package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A task's status: its name and its type ({@code open}, {@code custom}, {@code done}, {@code closed}). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStatus(String status, String type, String color) {
}
