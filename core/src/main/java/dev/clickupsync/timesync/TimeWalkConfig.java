package dev.clickupsync.timesync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Reconcile's walk of the workspace's time entries ({@code GET /team/{id}/time_entries},
 * {@code SYNC_RECONCILE_TIME_ENTRIES_*}); what a run does is {@link TimeWalk}'s class comment. Each
 * window is one ClickUp call under reconcile's budget share, so a run costs
 * {@code 1 + ceil(walked span / window)} calls (the {@code 1}: {@code GET /team} for the members,
 * unless {@code assignees} is set).
 */
@ConfigMapping(prefix = "sync.reconcile.time-entries")
public interface TimeWalkConfig {

    /** Walk the workspace's time entries at every reconcile run. Off: time reaches the mirror per task only. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The span of one call ({@code end_date - start_date}); 30 days is ClickUp's own default span.
     * ClickUp does not page this endpoint, so a window must hold few enough entries for one answer:
     * shorten it for a workspace that tracks many thousands of entries a month.
     */
    @WithDefault("30d")
    Duration window();

    /**
     * How far back from the walked-through mark every run walks again: edits to past entries
     * (duration, description, billable, a deletion) are seen when the entry started within this span.
     * Older edits are seen at the entry's task refresh, or after a backfill.
     */
    @WithDefault("3d")
    Duration overlap();

    /**
     * Where a workspace's first walk (its backfill, window by window, resumable) starts: a UTC date
     * ({@code 2024-01-01}). Unset: {@code backfill-days} before the first run.
     */
    Optional<LocalDate> backfillFrom();

    /** Days back the first walk starts when {@code backfill-from} is unset. */
    @WithDefault("90")
    int backfillDays();

    /**
     * How far back the mirror is searched for timers it holds as running: a run walks again from the
     * oldest one's start, so a timer that started before the overlap is updated when it stops. A
     * mirror {@code Query}, no ClickUp call; a timer running longer than this is updated at its
     * task's refresh.
     */
    @WithDefault("30d")
    Duration runningLookback();

    /**
     * User ids whose entries are walked ({@code assignee=}; ClickUp lets only workspace owners and
     * admins ask for others). Unset: every member {@code GET /team} lists. Entries of users not
     * asked for are never taken as deleted.
     */
    Optional<List<String>> assignees();
}
