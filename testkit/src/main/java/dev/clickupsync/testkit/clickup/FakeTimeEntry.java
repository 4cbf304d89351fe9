package dev.clickupsync.testkit.clickup;

import java.util.Objects;

/**
 * One time entry on a task, as ClickUp's time tracking keeps it. A running timer has no {@code end},
 * and ClickUp shows its duration as the negative start ({@code -start}); {@code at} is when the entry
 * was last written. Times are Unix ms.
 */
public record FakeTimeEntry(String id, String taskId, long userId, long start, Long end, String source, long at) {

    public FakeTimeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(source, "source");
        if (end != null && end < start) {
            throw new IllegalArgumentException("a time entry cannot end before it starts");
        }
    }

    public boolean running() {
        return end == null;
    }

    /** Tracked milliseconds, or {@code -start} while the timer runs (ClickUp's convention). */
    public long duration() {
        return end == null ? -start : end - start;
    }

    FakeTimeEntry stoppedAt(long endMillis, long writtenAt) {
        return new FakeTimeEntry(id, taskId, userId, start, endMillis, source, writtenAt);
    }
}
