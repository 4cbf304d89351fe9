package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.List;

/**
 * A time entry as {@code GET /team/{id}/time_entries} returns it. A running timer has no
 * {@code end} and a negative {@code duration}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TimeEntry(
        String id,
        TaskRef task,
        String wid,
        ClickUpUser user,
        boolean billable,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant start,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant end,
        Long duration,
        String description,
        String source,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant at,
        List<TaskTag> tags) {

    /** The task an entry belongs to. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TaskRef(String id, String customId, String name) {
    }

    /** {@code GET /team/{id}/time_entries}'s answer. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<TimeEntry> data) {
        public Page {
            data = data == null ? List.of() : List.copyOf(data);
        }
    }
}
