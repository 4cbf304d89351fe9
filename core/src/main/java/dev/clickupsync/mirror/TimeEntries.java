package dev.clickupsync.mirror;

import dev.clickupsync.clickup.model.ClickUpUser;
import dev.clickupsync.clickup.model.TaskTag;
import dev.clickupsync.clickup.model.TaskTime;
import dev.clickupsync.clickup.model.TimeEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalises ClickUp's two shapes of tracked time to {@link TimeEntryRecord}s. The same entry gives
 * the same record from either shape, except for what the legacy shape does not carry:
 *
 * <ul>
 *   <li>{@code billable} and {@code description}: legacy records have null (unknown); team entries
 *       have ClickUp's values ({@code description} stays {@code ""} when ClickUp sends that). Note
 *       that {@link TimeEntry#billable()} is a primitive, so an entry without the field reads as
 *       {@code false}.</li>
 *   <li>{@code recordedAt}: the team shape's {@code at}, the legacy shape's {@code date_added}.</li>
 *   <li>{@code tags}: the team shape's tag names; null (unknown) from the legacy shape.</li>
 * </ul>
 *
 * <p>Running timers: the team shape reports them with a negative {@code duration} ({@code -start}
 * in epoch ms) and no {@code end}; a legacy interval with a {@code start} but no {@code end}, or a
 * negative {@code time}, is read the same way. Either way the record has {@code running = true},
 * {@code end = null} and {@code durationMs = -start} (ClickUp's own negative value when it gave one).
 */
public final class TimeEntries {

    private TimeEntries() {
    }

    /**
     * Entries from {@code GET /team/{id}/time_entries}, in the given order. Entries without a task
     * (time tracked on no task) and without an id are skipped, as are null elements.
     */
    public static List<TimeEntryRecord> fromTeamEntries(List<TimeEntry> entries) {
        if (entries == null) {
            return List.of();
        }
        List<TimeEntryRecord> records = new ArrayList<>(entries.size());
        for (TimeEntry e : entries) {
            if (e == null || blank(e.id()) || e.task() == null || blank(e.task().id())) {
                continue;
            }
            Timing t = timing(e.start(), e.end(), e.duration());
            records.add(new TimeEntryRecord(e.id(), e.task().id(), userId(e.user()), username(e.user()),
                    e.start(), t.end(), t.durationMs(), t.running(), e.billable(), e.description(), e.source(),
                    e.at(), tagNames(e.tags())));
        }
        return List.copyOf(records);
    }

    /**
     * Entries from the legacy {@code GET /task/{id}/time} of {@code taskId}, user by user, interval
     * by interval. An interval ClickUp reports with a {@code time} but no start/end (time added as an
     * amount) is kept, with {@code start} and {@code end} null. Intervals without an id are skipped.
     */
    public static List<TimeEntryRecord> fromTaskTime(String taskId, TaskTime taskTime) {
        if (blank(taskId)) {
            throw new IllegalArgumentException("taskId is required");
        }
        if (taskTime == null) {
            return List.of();
        }
        List<TimeEntryRecord> records = new ArrayList<>();
        for (TaskTime.ByUser byUser : taskTime.data()) {
            if (byUser == null) {
                continue;
            }
            for (TaskTime.Interval i : byUser.intervals()) {
                if (i == null || blank(i.id())) {
                    continue;
                }
                Timing t = timing(i.start(), i.end(), i.time());
                records.add(new TimeEntryRecord(i.id(), taskId, userId(byUser.user()), username(byUser.user()),
                        i.start(), t.end(), t.durationMs(), t.running(), null, null, i.source(), i.dateAdded()));
            }
        }
        return List.copyOf(records);
    }

    private record Timing(Instant end, long durationMs, boolean running) {
    }

    /**
     * One rule for both shapes. Running: a negative duration, or a start without an end (its duration
     * is then ClickUp's negative value, else {@code -start}). Otherwise the reported duration, or
     * {@code end - start} when ClickUp gave none (0 when neither is known).
     */
    private static Timing timing(Instant start, Instant end, Long duration) {
        boolean running = (duration != null && duration < 0) || (start != null && end == null);
        if (running) {
            long negative = duration != null && duration < 0 ? duration : -start.toEpochMilli();
            return new Timing(null, negative, true);
        }
        if (duration != null) {
            return new Timing(end, duration, false);
        }
        return new Timing(end, start != null && end != null ? end.toEpochMilli() - start.toEpochMilli() : 0L, false);
    }

    /** The entry's tag names; an entry without {@code tags} has none (the team shape always carries the array). */
    private static List<String> tagNames(List<TaskTag> tags) {
        return tags == null ? List.of() : tags.stream().filter(t -> t != null && t.name() != null).map(TaskTag::name).toList();
    }

    private static Long userId(ClickUpUser user) {
        return user == null ? null : user.id();
    }

    private static String username(ClickUpUser user) {
        return user == null ? null : user.username();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
