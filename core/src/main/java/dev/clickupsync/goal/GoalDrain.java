package dev.clickupsync.goal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * The drain's handling of {@code goal*} and {@code keyResult*} events, which carry only ids. The
 * drain groups them per goal ({@link GoalEvents#groupKey}) and hands each group here, in the order
 * received:
 * <ul>
 *   <li>the last event is {@code goalDeleted}: the goal (and its key results with it) is tombstoned,
 *       no call for it;</li>
 *   <li>otherwise one {@code GET /goal/{id}} stores the goal as ClickUp shows it now, which covers
 *       every event of the group; a {@code 404} is a deletion (the event was older than it);</li>
 *   <li>then the workspace's listing is refreshed ({@code GET /team/{id}/goal?include_completed=true},
 *       one more call: goal events are rare), as its entries ({@code date_updated},
 *       {@code percent_completed}, ...) changed with the goal. A tombstone of a goal never stored
 *       names no workspace: its listing waits for reconcile.</li>
 * </ul>
 * Reordered or repeated events are harmless: a fetch stores the present and {@link GoalStore}'s
 * guards keep a slower fetch from overwriting a newer one or undoing a deletion. Any other failure
 * is thrown for the drain's usual classification (429 and the budget defer, 5xx fails and is
 * redelivered), which redoes the whole group: both writes are idempotent.
 */
@ApplicationScoped
public class GoalDrain {
    private static final Logger LOG = Logger.getLogger(GoalDrain.class);

    private final ClickUpClient clickUp;
    private final GoalStore store;
    private final Metrics metrics;

    @Inject
    public GoalDrain(ClickUpClient clickUp, GoalStore store, Metrics metrics) {
        this.clickUp = clickUp;
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Applies one goal's events (names, oldest first).
     *
     * @return the ClickUp calls made (0 to 2)
     */
    public int apply(String groupKey, List<String> events) {
        String id = GoalEvents.id(groupKey);
        String last = events.get(events.size() - 1);
        if ("goalDeleted".equals(last)) {
            return deleted(id, store.beforeFetch(), last);
        }
        Instant asked = store.beforeFetch();
        JsonNode goal;
        try {
            goal = clickUp.goal(id).path("goal");
        } catch (ClickUpException.NotFound gone) {
            return 1 + deleted(id, asked, "not_found");
        }
        boolean written = store.write(goal, asked);
        metrics.increment("GoalFetched", "Outcome", written ? "written" : "stale");
        return 1 + refreshListing(goal.path("team_id").asText(null));
    }

    private int deleted(String id, Instant at, String why) {
        String team = store.find(id).map(StoredGoal::teamId).orElse(null);
        boolean tombstoned = store.tombstone(id, at);
        StructuredLog.log(LOG, Logger.Level.INFO, "goal deleted", "id", id, "by", why, "stored", tombstoned);
        return team == null ? 0 : refreshListing(team);
    }

    /** Stores the workspace's listing as ClickUp answers it now; returns the calls made. */
    private int refreshListing(String teamId) {
        if (teamId == null || teamId.isBlank()) {
            return 0;
        }
        Instant asked = store.beforeFetch();
        JsonNode listing = clickUp.goals(teamId);
        GoalStore.reportTooLarge(store.writeListing(teamId, listing, asked), teamId, GoalPass.entries(listing).size(), metrics);
        return 1;
    }
}
