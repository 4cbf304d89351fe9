package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A tag on a task. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskTag(String name) {
}
