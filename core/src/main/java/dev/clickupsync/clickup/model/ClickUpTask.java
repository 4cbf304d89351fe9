package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A task as {@code GET /task/{id}} (or a task listing) returns it: the typed fields the mirror
 * indexes and compares, plus {@code json}, the whole object exactly as ClickUp sent it (the mirror
 * stores and serves that; issue #16). Jackson builds it from the object through {@link #read}, so
 * every task parsed anywhere carries its JSON. Unknown fields are ignored by the typed view, so
 * ClickUp adding fields never breaks the drain (they are kept in {@code json}).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
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
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateClosed,
        Instant dateDone,
        Instant dueDate,
        Instant startDate,
        Double points,
        Long timeEstimate,
        Long timeSpent,
        List<CustomField> customFields,
        Ref list,
        Ref folder,
        Ref space,
        String teamId,
        String url,
        ObjectNode json) {

    public ClickUpTask {
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
    }

    /**
     * The task ClickUp sent as {@code json}: its typed view (through {@link Typed}) and the object
     * itself. A mapping failure is rethrown as is, so callers see the same exception as before
     * (Jackson passes a creator's {@code JsonMappingException} through unwrapped).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ClickUpTask read(ObjectNode json) throws JsonProcessingException {
        Typed t = Json.MAPPER.treeToValue(json, Typed.class);
        return new ClickUpTask(t.id, t.customId, t.name, t.status, t.priority, t.assignees, t.tags, t.parent,
                t.archived, t.dateCreated, t.dateUpdated, t.dateClosed, t.dateDone, t.dueDate, t.startDate, t.points,
                t.timeEstimate, t.timeSpent, t.customFields, t.list, t.folder, t.space, t.teamId, t.url, json);
    }

    /**
     * Whether this listing shows a change after {@code highWater}, the high water of the change walk before
     * the one that lists it. Reconcile's repairs judge a task once per version with it: a task listed again
     * within the walk's overlap, at or below that high water, was judged by the walk that first listed it.
     * True in a scope's first walk (null) and when ClickUp sent no {@code date_updated}.
     */
    public boolean changedAfter(Instant highWater) {
        return highWater == null || dateUpdated == null || dateUpdated.isAfter(highWater);
    }

    /**
     * Whether the task was created at or after {@code heard}, when the mirror began to hear its workspace's
     * webhooks (null: never), so every change of it should have been heard: reconcile's repairs ask about
     * such a task even in a scope's first walk, which otherwise imports tasks without their past.
     */
    public boolean createdSince(Instant heard) {
        return heard != null && dateCreated != null && !dateCreated.isBefore(heard);
    }

    /**
     * Whether the listing shows activity after the task's creation: {@code date_updated} later than
     * {@code date_created} (ClickUp's documented examples and the fake list a task untouched since its
     * creation with the two equal). True when either is missing: nothing known, nothing ruled out.
     */
    public boolean changedSinceCreation() {
        return dateCreated == null || dateUpdated == null || dateUpdated.isAfter(dateCreated);
    }

    /** The typed fields as ClickUp names them; only {@link #read} uses it (a separate type, so it does not recurse). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Typed(
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
    }
}
