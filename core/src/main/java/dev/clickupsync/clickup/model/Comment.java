package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;

/** {@code POST /task/{id}/comment}: what is sent and what comes back. */
public final class Comment {
    private Comment() {
    }

    /** The request body; nulls are left out. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(String commentText, @JsonProperty("notify_all") Boolean notifyEveryone, Long assignee) {
    }

    /** The answer: the comment's id, its history item id and its date. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Created(String id, String histId,
                          @JsonDeserialize(using = EpochMillisDeserializer.class) Instant date) {
    }
}
