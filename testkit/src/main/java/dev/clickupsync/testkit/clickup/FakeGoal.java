package dev.clickupsync.testkit.clickup;

import java.util.ArrayList;
import java.util.List;

/**
 * A goal of the fake workspace with its key results, mutable under the workspace lock
 * ({@link GoalChanges} changes it, {@link GoalJson} renders it). Dates are Unix ms.
 */
final class FakeGoal {
    final String id;
    final String prettyId;
    final String folderId;
    final long creator;
    final long dateCreated;
    String name;
    String description = "";
    Long dueDate;
    boolean archived;
    /** ClickUp's {@code date_updated} and {@code last_update}: both move with every change, here to the same time. */
    long dateUpdated;
    final List<KeyResult> keyResults = new ArrayList<>();

    FakeGoal(String id, String prettyId, String folderId, long creator, long dateCreated, String name) {
        this.id = id;
        this.prettyId = prettyId;
        this.folderId = folderId;
        this.creator = creator;
        this.dateCreated = dateCreated;
        this.dateUpdated = dateCreated;
        this.name = name;
    }

    /**
     * The mean of the key results' progress, rounded down, 0 without key results (ClickUp does not
     * document its formula; this one is the fake's choice).
     */
    int percentCompleted() {
        if (keyResults.isEmpty()) {
            return 0;
        }
        return (int) Math.floor(keyResults.stream().mapToDouble(KeyResult::percent).sum() / keyResults.size());
    }

    /** A number key result: progress from {@code stepsStart} to {@code stepsEnd}, at {@code stepsCurrent}. */
    static final class KeyResult {
        final String id;
        final String name;
        final long creator;
        final long dateCreated;
        final double stepsStart;
        final double stepsEnd;
        double stepsCurrent;
        double stepsBefore;
        long dateModified;
        String lastActionId;
        String note = "Created Key Result";

        KeyResult(String id, String name, long creator, long dateCreated, double stepsStart, double stepsEnd) {
            this.id = id;
            this.name = name;
            this.creator = creator;
            this.dateCreated = dateCreated;
            this.dateModified = dateCreated;
            this.stepsStart = stepsStart;
            this.stepsEnd = stepsEnd;
            this.stepsCurrent = stepsStart;
            this.stepsBefore = stepsStart;
            this.lastActionId = id + "-a0";
        }

        /** Progress in percent, 0..100 (a target equal to the start counts as reached). */
        double percent() {
            if (stepsEnd == stepsStart) {
                return 100;
            }
            double p = (stepsCurrent - stepsStart) / (stepsEnd - stepsStart) * 100;
            return Math.max(0, Math.min(100, p));
        }
    }

    /** A goal folder ("Quarterly Goals"): goals placed in it are listed under it. */
    record Folder(String id, String name, long creator, long dateCreated) {
    }
}
