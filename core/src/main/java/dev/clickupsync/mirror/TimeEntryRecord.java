package dev.clickupsync.mirror;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One tracked time entry, whichever ClickUp endpoint reported it ({@code GET /team/{id}/time_entries}
 * or the legacy {@code GET /task/{id}/time}); {@link TimeEntries} builds it from both shapes.
 *
 * <ul>
 *   <li>{@code entryId}: ClickUp's time-entry id; the legacy shape's interval id is the same id.</li>
 *   <li>{@code start}: null only for a legacy interval that ClickUp reports without start/end (time
 *       added as a bare amount); {@code end} is null while {@code running}, and for such intervals.</li>
 *   <li>{@code durationMs}: the length in ms; while {@code running} it is negative, as ClickUp reports
 *       it ({@code -start} in epoch ms), so {@code now + durationMs} is the elapsed time.</li>
 *   <li>{@code billable}, {@code description}: null when the source shape does not carry them (the
 *       legacy shape carries neither); the team shape reports {@code description} {@code ""} when
 *       there is none. {@link TimeEntryStore} never lets such an unknown overwrite a known value.</li>
 *   <li>{@code source}: where ClickUp says the entry was made ({@code clickup}, {@code chrome}, ...).</li>
 *   <li>{@code recordedAt}: ClickUp's {@code at} (team shape) or {@code date_added} (legacy shape).</li>
 *   <li>{@code tags}: the entry's own tag names (not the task's); null when the source shape does not
 *       carry them (the legacy shape), never overwriting known ones, like {@code billable}. Stored so an
 *       edit of an entry's tags is seen; not served by the read API yet.</li>
 * </ul>
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TimeEntryRecord(
        String entryId,
        String taskId,
        Long userId,
        String username,
        Instant start,
        Instant end,
        long durationMs,
        boolean running,
        Boolean billable,
        String description,
        String source,
        Instant recordedAt,
        List<String> tags) {

    public TimeEntryRecord {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** Without tags (unknown): the legacy shape's record. */
    public TimeEntryRecord(String entryId, String taskId, Long userId, String username, Instant start, Instant end,
                           long durationMs, boolean running, Boolean billable, String description, String source,
                           Instant recordedAt) {
        this(entryId, taskId, userId, username, start, end, durationMs, running, billable, description, source,
                recordedAt, null);
    }

    /** This record with {@code tags} (names; null: unknown). */
    public TimeEntryRecord withTags(List<String> names) {
        return new TimeEntryRecord(entryId, taskId, userId, username, start, end, durationMs, running, billable,
                description, source, recordedAt, names);
    }

    /**
     * This record with {@code billable}, {@code description} and {@code tags} taken from {@code known}
     * where this record does not know them (null). Used so that a poorer shape never erases a richer
     * one's facts.
     */
    public TimeEntryRecord filledFrom(TimeEntryRecord known) {
        if (known == null || (billable != null && description != null && tags != null)) {
            return this;
        }
        return new TimeEntryRecord(entryId, taskId, userId, username, start, end, durationMs, running,
                billable != null ? billable : known.billable(),
                description != null ? description : known.description(),
                source, recordedAt, tags != null ? tags : known.tags());
    }
}
