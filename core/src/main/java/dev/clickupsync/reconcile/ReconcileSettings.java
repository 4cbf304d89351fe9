package dev.clickupsync.reconcile;

import java.time.Duration;
import java.util.List;

/**
 * {@link ReconcileConfig} as plain values, so a {@link Reconciler} can also be built outside CDI
 * (tools, tests) with a setting changed.
 */
public record ReconcileSettings(
        List<String> teamIds,
        List<String> spaceIds,
        List<String> listIds,
        Duration overlap,
        int backfillDays,
        double budgetShare,
        Duration budgetMaxWait,
        Duration safetyMargin,
        boolean includeArchived,
        boolean sweepEnabled,
        Duration sweepInterval) {

    public ReconcileSettings {
        teamIds = clean(teamIds);
        spaceIds = clean(spaceIds);
        listIds = clean(listIds);
        if (budgetShare <= 0 || budgetShare > 1) {
            throw new IllegalArgumentException("sync.reconcile.budget-share must be in (0, 1]: " + budgetShare);
        }
        if (backfillDays < 0) {
            throw new IllegalArgumentException("sync.reconcile.backfill-days must not be negative: " + backfillDays);
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("sync.reconcile.overlap must not be negative: " + overlap);
        }
    }

    public static ReconcileSettings of(ReconcileConfig config) {
        return new ReconcileSettings(config.teamIds().orElse(List.of()), config.spaceIds().orElse(List.of()),
                config.listIds().orElse(List.of()), config.overlap(), config.backfillDays(), config.budgetShare(),
                config.budgetMaxWait(), config.safetyMargin(), config.includeArchived(),
                config.deletionSweep().enabled(), config.deletionSweep().interval());
    }

    /**
     * The scopes a run walks for one workspace under the global {@code space-ids} / {@code list-ids}: live
     * tasks, and archived ones when configured. (A further workspace's team has its own ids: {@code TeamScopes}.)
     */
    public List<Scope> scopes(String teamId) {
        return scopes(teamId, spaceIds, listIds);
    }

    /** As {@link #scopes(String)}, narrowed to these spaces and lists (empty: the whole workspace). */
    public List<Scope> scopes(String teamId, List<String> spaces, List<String> lists) {
        Scope live = new Scope(teamId, clean(spaces), clean(lists), false);
        return includeArchived ? List.of(live, live.withArchived(true)) : List.of(live);
    }

    public ReconcileSettings withBudgetMaxWait(Duration maxWait) {
        return new ReconcileSettings(teamIds, spaceIds, listIds, overlap, backfillDays, budgetShare, maxWait,
                safetyMargin, includeArchived, sweepEnabled, sweepInterval);
    }

    public ReconcileSettings withTeamIds(List<String> teams) {
        return new ReconcileSettings(teams, spaceIds, listIds, overlap, backfillDays, budgetShare, budgetMaxWait,
                safetyMargin, includeArchived, sweepEnabled, sweepInterval);
    }

    private static List<String> clean(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().sorted().toList();
    }
}
