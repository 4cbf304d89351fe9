package dev.clickupsync.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduled reconcile covers and how much it may take ({@code SYNC_RECONCILE_*}). See
 * {@link Reconciler} for what a run does and the package comment for how missed deletions are found.
 */
@ConfigMapping(prefix = "sync.reconcile")
public interface ReconcileConfig {

    /**
     * Workspaces (ClickUp team ids, comma-separated; {@code SYNC_RECONCILE_TEAM_IDS}) to reconcile.
     * Unset: every workspace {@code GET /team} returns for the token (one extra call per run).
     */
    Optional<List<String>> teamIds();

    /**
     * Restrict the walk to these spaces ({@code space_ids[]} of {@code GET /team/{id}/task}).
     * Unset: the whole workspace. Each distinct scope keeps its own watermark.
     */
    Optional<List<String>> spaceIds();

    /**
     * Restrict the walk to these lists ({@code list_ids[]}); also the lists the deletion sweep
     * checks. Unset: the whole workspace, and the sweep checks every list reconcile has seen.
     */
    Optional<List<String>> listIds();

    /**
     * How far before the stored watermark a new run starts ({@code date_updated_gt = watermark -
     * overlap}): covers ClickUp's clock and index lag, so a task stamped just before the last run's
     * high-water mark but visible only later is still seen. Re-listed tasks cost a mirror read, no write.
     */
    @WithDefault("5m")
    Duration overlap();

    /**
     * Days a workspace's first run (no watermark yet) loads: its initial watermark is now minus
     * this. The backfill pages through with the same resumable cursor as any run.
     */
    @WithDefault("90")
    int backfillDays();

    /**
     * Largest share of the token's ClickUp budget ({@code clickup.rate-limit.limit}) reconcile may
     * use, through its own shared GCRA cell ({@code budget#reconcile#<token hash>} in the control
     * table) checked before every reconcile call, on top of the token's budget. The rest is left
     * to live events.
     */
    @WithDefault("0.3")
    double budgetShare();

    /**
     * Longest reconcile waits for a slot of its share. Longer: it stops, saves its cursor and
     * reports {@code complete=false, stop=budget}; the next scheduled run continues. Must exceed
     * one emission interval of the share (2.2 s at 100/min and 0.3) or reconcile stops at every
     * page after its small burst.
     */
    @WithDefault("5s")
    Duration budgetMaxWait();

    /**
     * Time kept in reserve before the invocation's deadline: no page is started with less left,
     * so the page in hand (one listing, up to 100 mirror writes, the cursor) always finishes.
     */
    @WithDefault("10s")
    Duration safetyMargin();

    /**
     * Also walk archived tasks: a second pass per scope with {@code archived=true}, its own
     * watermark. ClickUp sends no webhook when a task is archived, so only a listing sees it. Off by
     * default because {@code archived} is documented for {@code GET /list/{id}/task} but not for
     * {@code GET /team/{id}/task}: turn it on once the workspace shows it is honoured (else the
     * pass only lists live tasks again). The deletion sweep lists archived tasks per list either
     * way, and repairs what it sees.
     */
    @WithDefault("false")
    boolean includeArchived();

    /** The periodic id sweep that finds deletions whose webhook never arrived. */
    DeletionSweep deletionSweep();

    interface DeletionSweep {
        /**
         * Compare, per list, ClickUp's task ids with the mirror's ({@code GET /list/{id}/task}
         * with closed, subtasks and archived; plus one {@code GET /task} per mirrored task ClickUp
         * no longer lists). Off by default: it costs about one call per 100 tasks per list.
         */
        @WithDefault("false")
        boolean enabled();

        /** How often each list is swept; a run sweeps only the lists whose last sweep is older. */
        @WithDefault("24h")
        Duration interval();
    }
}
