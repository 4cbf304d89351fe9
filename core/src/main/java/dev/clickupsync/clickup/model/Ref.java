package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A reference to a container (list, folder, space) as a task embeds it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ref(String id, String name) {
}
