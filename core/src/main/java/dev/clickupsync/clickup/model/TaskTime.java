package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /task/{id}/time} (the legacy endpoint): tracked time grouped by user, each with its
 * intervals. A different shape from {@link TimeEntry} for the same facts.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskTime(List<ByUser> data) {
    public TaskTime {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** One user's time on the task. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ByUser(ClickUpUser user, Long time, List<Interval> intervals) {
        public ByUser {
            intervals = intervals == null ? List.of() : List.copyOf(intervals);
        }
    }

    /** One tracked interval; {@code time} is its length in ms. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Interval(
            String id,
            @JsonDeserialize(using = EpochMillisDeserializer.class) Instant start,
            @JsonDeserialize(using = EpochMillisDeserializer.class) Instant end,
            Long time,
            String source,
            @JsonDeserialize(using = EpochMillisDeserializer.class) Instant dateAdded) {
    }
}
