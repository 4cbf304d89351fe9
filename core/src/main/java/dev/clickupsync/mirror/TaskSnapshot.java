package dev.clickupsync.mirror;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.Ref;
import dev.clickupsync.store.ListMembership;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The mirror's copy of a task: what {@code GET /task/{id}} says, as typed fields consumers query
 * (ids, name, status and its type, priority, assignees, tags, containers, dates, points, estimate,
 * time spent, custom fields by id and name) plus {@code deleted} for tombstones, and {@code json}:
 * the whole task as ClickUp returned it, which the read API serves (issue #16).
 * {@link #equals} compares the typed fields only: a task listed by reconcile has the same typed
 * fields as its {@code GET /task} but no {@code attachments} in its JSON (listings leave them out),
 * and comparisons of "is the mirror right" (reconcile, the benches) are about the typed fields. The
 * full JSON is compared on its own ({@link #sameJson}) where it is what is checked.
 * {@code date_updated} orders versions: an older one never replaces a newer one.
 *
 * <p>Invariant: {@code json}, when present, is the same version as the typed fields (both come from
 * one ClickUp answer, or both are patched by one delta). It is null for tombstones, for entries
 * written before it existed and for a task too large to store whole ({@code MirrorItems}); the
 * {@code smart} policy never patches an entry without it (it fetches instead). It is not part of
 * the typed JSON ({@code snapshot} attribute): {@code MirrorItems} stores it gzip'd on its own.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskSnapshot(
        String id,
        String customId,
        String name,
        String status,
        String statusType,
        String priority,
        String priorityId,
        List<Person> assignees,
        List<String> tags,
        String listId,
        String folderId,
        String spaceId,
        String teamId,
        String parentId,
        Instant dateCreated,
        Instant dateUpdated,
        Instant dateClosed,
        Instant dateDone,
        Instant dueDate,
        Instant startDate,
        Double points,
        Long timeEstimate,
        Long timeSpent,
        List<FieldValue> customFields,
        boolean archived,
        boolean deleted,
        String url,
        @JsonIgnore ObjectNode json) {

    /**
     * The member of the full JSON holding the description in markdown: every fetch asks ClickUp for
     * it ({@code include_markdown_description=true}); the read API shows it only to a client that asks.
     */
    public static final String MARKDOWN_DESCRIPTION = "markdown_description";

    /** A snapshot without the full JSON (tests, and tasks known only by their typed fields). */
    public TaskSnapshot(String id, String customId, String name, String status, String statusType, String priority,
                        String priorityId, List<Person> assignees, List<String> tags, String listId, String folderId,
                        String spaceId, String teamId, String parentId, Instant dateCreated, Instant dateUpdated,
                        Instant dateClosed, Instant dateDone, Instant dueDate, Instant startDate, Double points,
                        Long timeEstimate, Long timeSpent, List<FieldValue> customFields, boolean archived,
                        boolean deleted, String url) {
        this(id, customId, name, status, statusType, priority, priorityId, assignees, tags, listId, folderId, spaceId,
                teamId, parentId, dateCreated, dateUpdated, dateClosed, dateDone, dueDate, startDate, points,
                timeEstimate, timeSpent, customFields, archived, deleted, url, null);
    }

    /** An assignee: id and display name. */
    @RegisterForReflection
    public record Person(long id, String username) {
    }

    /** A custom field's value with its id, name and type, so consumers can use either key. */
    @RegisterForReflection
    public record FieldValue(String id, String name, String type, JsonNode value) {
        /** "No value" is always JSON null, however it arrived (absent, null), so snapshots compare equal. */
        public FieldValue {
            value = value == null || value.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
        }
    }

    public static TaskSnapshot of(ClickUpTask task) {
        return new TaskSnapshot(
                task.id(), task.customId(), task.name(),
                task.status() == null ? null : task.status().status(),
                task.status() == null ? null : task.status().type(),
                task.priority() == null ? null : task.priority().priority(),
                task.priority() == null ? null : task.priority().id(),
                task.assignees().stream().map(u -> new Person(u.id(), u.username())).toList(),
                task.tags().stream().map(t -> t.name()).toList(),
                id(task.list()), id(task.folder()), id(task.space()), task.teamId(), task.parent(),
                task.dateCreated(), task.dateUpdated(), task.dateClosed(), task.dateDone(),
                task.dueDate(), task.startDate(), task.points(), task.timeEstimate(), task.timeSpent(),
                task.customFields().stream()
                        .map(f -> new FieldValue(f.id(), f.name(), f.type(), f.value()))
                        .toList(),
                task.archived(), false, task.url(), task.json());
    }

    /**
     * Has its full JSON but without {@link #MARKDOWN_DESCRIPTION}: fetched before fetches asked for it.
     * The read API refuses {@code include_markdown_description=true} for it and the {@code smart}
     * policy fetches it instead of patching, so its next change brings the markdown.
     */
    @JsonIgnore
    public boolean lacksMarkdown() {
        return json != null && !json.has(MARKDOWN_DESCRIPTION);
    }

    /** Equal typed fields (the JSON is left out; see the class comment). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TaskSnapshot that && typedFields().equals(that.typedFields());
    }

    @Override
    public int hashCode() {
        return typedFields().hashCode();
    }

    /** Equal typed fields and equal full JSON (both absent counts as equal). */
    public boolean sameJson(TaskSnapshot other) {
        return equals(other) && java.util.Objects.equals(json, other.json);
    }

    private List<Object> typedFields() {
        return java.util.Arrays.asList(id, customId, name, status, statusType, priority, priorityId, assignees, tags,
                listId, folderId, spaceId, teamId, parentId, dateCreated, dateUpdated, dateClosed, dateDone, dueDate,
                startDate, points, timeEstimate, timeSpent, customFields, archived, deleted, url);
    }

    /** This snapshot marked deleted, versioned {@code at}. */
    public TaskSnapshot deletedAt(Instant at) {
        return new TaskSnapshot(id, customId, name, status, statusType, priority, priorityId, assignees, tags, listId,
                folderId, spaceId, teamId, parentId, dateCreated, at, dateClosed, dateDone, dueDate, startDate, points,
                timeEstimate, timeSpent, customFields, archived, true, url);
    }

    /** This snapshot with other custom-field values and their full JSON, versioned {@code at} (a webhook delta). */
    public TaskSnapshot withCustomFields(List<FieldValue> values, Instant at, ObjectNode newJson) {
        return new TaskSnapshot(id, customId, name, status, statusType, priority, priorityId, assignees, tags, listId,
                folderId, spaceId, teamId, parentId, dateCreated, at, dateClosed, dateDone, dueDate, startDate, points,
                timeEstimate, timeSpent, List.copyOf(values), archived, false, url, newJson);
    }

    /** This snapshot with another full JSON (same version), e.g. one a listing left without attachments. */
    public TaskSnapshot withJson(ObjectNode newJson) {
        return new TaskSnapshot(id, customId, name, status, statusType, priority, priorityId, assignees, tags, listId,
                folderId, spaceId, teamId, parentId, dateCreated, dateUpdated, dateClosed, dateDone, dueDate, startDate,
                points, timeEstimate, timeSpent, customFields, archived, deleted, url, newJson);
    }

    /**
     * This snapshot in another place without a change of its own (same version): its list, folder or
     * space was renamed or moved, which ClickUp shows in every task's JSON without bumping its
     * {@code date_updated} ({@code hierarchy/HierarchyRenames}).
     */
    public TaskSnapshot relocated(String newFolderId, String newSpaceId, ObjectNode newJson) {
        return new TaskSnapshot(id, customId, name, status, statusType, priority, priorityId, assignees, tags, listId,
                newFolderId, newSpaceId, teamId, parentId, dateCreated, dateUpdated, dateClosed, dateDone, dueDate,
                startDate, points, timeEstimate, timeSpent, customFields, archived, deleted, url, newJson);
    }

    /** A deletion of a task the mirror never held: only the id, the version and the flag. */
    public static TaskSnapshot tombstone(String taskId, Instant at) {
        return new TaskSnapshot(taskId, null, null, null, null, null, null, List.of(), List.of(), null, null, null, null,
                null, null, at, null, null, null, null, null, null, null, List.of(), false, true, null);
    }

    /**
     * Where these tasks are, for {@link ListMembership#record}: one placement per live snapshot with a
     * list (tombstones and nulls have no place), in order.
     */
    public static List<ListMembership.Placement> placements(Collection<TaskSnapshot> snapshots) {
        return snapshots.stream().filter(s -> s != null && !s.deleted() && s.listId() != null && s.id() != null)
                .map(s -> new ListMembership.Placement(s.id(), s.listId(), s.teamId(), s.spaceId())).toList();
    }

    private static String id(Ref ref) {
        return ref == null ? null : ref.id();
    }
}
