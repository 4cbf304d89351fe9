package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** {@code GET /team}: the workspaces ("teams") the token can see. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Teams(List<Team> teams) {

    /** A workspace, with its members (the user ids reconcile's time walk asks for). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Team(String id, String name, List<Member> members) {
        public Team {
            members = members == null ? List.of() : members.stream().filter(java.util.Objects::nonNull).toList();
        }

        public Team(String id, String name) {
            this(id, name, List.of());
        }
    }

    /** One member of a workspace: {@code {"user": {...}}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(ClickUpUser user) {
    }
}
