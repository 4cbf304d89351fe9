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

    /** A run's report: its first stop ({@code stop}, else the first scope's or sweep's), and the sums. */
    static ReconcileReport of(java.time.Instant started, java.time.Instant ended, Stop stop, List<ScopeResult> scopes,
                              List<SweepResult> sweeps) {
        Stop first = stop != null ? stop : firstStop(scopes, sweeps);
        return new ReconcileReport(first == null, first == null ? null : first.code(), started.toString(),
                java.time.Duration.between(started, ended).toMillis(),
                scopes.stream().mapToInt(ScopeResult::pages).sum(),
                scopes.stream().mapToInt(ScopeResult::tasksSeen).sum(),
                scopes.stream().mapToInt(ScopeResult::tasksWritten).sum(),
                sweeps.stream().mapToInt(SweepResult::deletionsFound).sum(),
                List.copyOf(scopes), List.copyOf(sweeps));
    }

    private static Stop firstStop(List<ScopeResult> scopes, List<SweepResult> sweeps) {
        for (ScopeResult s : scopes) {
            if (s.stop() != null) {
                return Stop.valueOf(s.stop().toUpperCase());
            }
        }
        for (SweepResult s : sweeps) {
            if (s.stop() != null) {
                return Stop.valueOf(s.stop().toUpperCase());
            }
        }
        return null;
    }

    /** The oldest watermark the scopes reached, if any. */
    static java.util.Optional<java.time.Instant> oldestWatermark(List<ScopeResult> scopes) {
        return scopes.stream().map(ScopeResult::watermark).filter(w -> w != null).map(java.time.Instant::parse)
                .min(java.time.Instant::compareTo);
    }
}
