package dev.clickupsync.testkit.clickup;

import java.util.List;
import java.util.Objects;

/**
 * One time entry on a task, as ClickUp's time tracking keeps it. A running timer has no {@code end},
 * and ClickUp shows its duration as the negative start ({@code -start}); {@code at} is when the entry
 * was last written. Times are Unix ms. {@code description} is {@code ""} when there is none, as
 * ClickUp shows it; {@code tags} are the entry's own time-entry tags (names), not the task's.
 */
public record FakeTimeEntry(String id, String taskId, long userId, long start, Long end, String source, long at,
                            String description, List<String> tags, boolean billable) {

    public FakeTimeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(source, "source");
        if (end != null && end < start) {
            throw new IllegalArgumentException("a time entry cannot end before it starts");
        }
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public FakeTimeEntry(String id, String taskId, long userId, long start, Long end, String source, long at) {
        this(id, taskId, userId, start, end, source, at, "", List.of(), false);
    }

    public boolean running() {
        return end == null;
    }

    /** Tracked milliseconds, or {@code -start} while the timer runs (ClickUp's convention). */
    public long duration() {
        return end == null ? -start : end - start;
    }

    FakeTimeEntry stoppedAt(long endMillis, long writtenAt) {
        return new FakeTimeEntry(id, taskId, userId, start, endMillis, source, writtenAt, description, tags, billable);
    }

    /** Edited as PUT /team/{id}/time_entries/{timer_id} does: the start kept, the rest as given. */
    FakeTimeEntry edited(long durationMillis, String newDescription, List<String> newTags, long writtenAt) {
        return new FakeTimeEntry(id, taskId, userId, start, start + durationMillis, source, writtenAt, newDescription,
                newTags, billable);
    }
}
