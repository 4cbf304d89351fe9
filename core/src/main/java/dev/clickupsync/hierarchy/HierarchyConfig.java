package dev.clickupsync.hierarchy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code sync.reconcile.hierarchy.*}: how often reconcile lists the workspace's hierarchy. */
@ConfigMapping(prefix = "sync.reconcile.hierarchy")
public interface HierarchyConfig {
    /**
     * Reconcile's hierarchy pass runs at most once per this interval and workspace
     * ({@code SYNC_RECONCILE_HIERARCHY_INTERVAL}, default 1 hour; {@code 0s}: every run). The pass
     * costs {@code 1 + 2 × spaces + folders} ClickUp calls, which a workspace of 50 spaces and 200
     * folders would spend every run out of a budget of 100 a minute, while list, folder and space
     * events keep the hierarchy current between passes: the pass only repairs what they missed, so
     * a missed event is repaired within this interval. A pass cut short (deadline, budget, failure)
     * is not recorded, and the next run tries again.
     */
    @WithDefault("1h")
    Duration interval();

    /**
     * Whether the pass also reads each list's members ({@code GET /list/{id}/member}) for the read
     * API's {@code GET /list/{id}/member} ({@code SYNC_RECONCILE_HIERARCHY_LIST_MEMBERS}, default
     * true). ClickUp sends no webhook when a list is shared, so only this pass keeps them, within
     * {@link #interval()}; it costs one more call per list per pass. {@code false}: members are stored
     * only for lists created while the drain runs, and go stale.
     */
    @WithDefault("true")
    boolean listMembers();

    /**
     * At most this many lists have their members read per pass ({@code SYNC_RECONCILE_HIERARCHY_MEMBERS_PER_PASS},
     * default 50), in rotation by list id from where the previous complete pass stopped
     * ({@link HierarchySchedule}), so a workspace of many lists does not spend a pass's budget on members,
     * which would cut the pass short every time and never record it. Every list's members are read again
     * within {@code lists / members-per-pass} passes; a list created while the drain runs gets its members
     * from {@code listCreated} at once.
     */
    @WithDefault("50")
    int membersPerPass();
}
