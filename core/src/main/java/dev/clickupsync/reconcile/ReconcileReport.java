package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What one reconcile run did: the handler's answer and the run's log line. Instants are ISO-8601
 * strings so the report serialises the same with any JSON mapper (Lambda's included).
 *
 * @param complete every scope (and due sweep) reached its end; false when the run stopped early
 *                 ({@code stop} says why) and the next run continues from the stored cursors
 * @param stop     {@code deadline}, {@code budget}, {@code error} or {@code superseded} (another
 *                 run or a backfill rewind wrote the watermark meanwhile); null when complete
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReconcileReport(
        boolean complete,
        String stop,
        String startedAt,
        long durationMs,
        int pages,
        int tasksSeen,
        int tasksWritten,
        int deletionsFound,
        List<ScopeResult> scopes,
        List<SweepResult> sweeps) {

    /** Why a walk or a sweep ended before its end. */
    public enum Stop {
        DEADLINE, BUDGET, ERROR, SUPERSEDED;

        public String code() {
            return name().toLowerCase();
        }
    }

    /**
     * One scope's walk.
     *
     * @param watermark the high-water mark after the walk (ISO-8601), or null before the first finished walk
     * @param cursor    where an unfinished walk will continue (ISO-8601 of the cursor's millisecond)
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScopeResult(String teamId, String scope, boolean complete, String stop, boolean backfill,
                              int pages, int tasksSeen, int tasksWritten, String watermark, String cursor,
                              String error) {
    }

    /**
     * One list's deletion sweep.
     *
     * @param clickUpTasks   tasks ClickUp lists in the list (live and archived)
     * @param mirroredTasks  task ids the mirror's membership held for it
     * @param checked        mirrored tasks ClickUp did not list, asked for one by one
     * @param repaired       listed tasks newer than the mirror, written on the way
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SweepResult(String teamId, String listId, boolean complete, String stop, int clickUpTasks,
                              int mirroredTasks, int checked, int deletionsFound, int moved, int repaired,
                              String error) {
    }
}
