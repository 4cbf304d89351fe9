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

    /** A workspace. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Team(String id, String name) {
    }
}
