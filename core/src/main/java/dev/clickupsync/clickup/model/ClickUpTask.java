package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A task as {@code GET /task/{id}} returns it, reduced to what the mirror keeps. Unknown fields are
 * ignored, so ClickUp adding fields never breaks the drain.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClickUpTask(
        String id,
        String customId,
        String name,
        TaskStatus status,
        TaskPriority priority,
        List<ClickUpUser> assignees,
        List<TaskTag> tags,
        String parent,
        boolean archived,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant dateCreated,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant dateUpdated,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant dateClosed,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant dateDone,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant dueDate,
        @JsonDeserialize(using = EpochMillisDeserializer.class) Instant startDate,
        Double points,
        Long timeEstimate,
        Long timeSpent,
        List<CustomField> customFields,
        Ref list,
        Ref folder,
        Ref space,
        String teamId,
        String url) {

    public ClickUpTask {
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
    }
}
