package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user as ClickUp embeds it in tasks (assignees, watchers, creator) and history items. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickUpUser(long id, String username, String email, String color, String initials) {
}
