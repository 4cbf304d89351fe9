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
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reconcile's goal pass for one workspace (run with the hierarchy pass, so at most once per
 * {@code sync.reconcile.hierarchy.interval}): repairs the stored goals for what events missed.
 * <ol>
 *   <li>One {@code GET /team/{id}/goal?include_completed=true}.</li>
 *   <li>Each listed goal that is not stored, or whose listing entry differs from the stored
 *       listing's ({@code date_updated}, {@code percent_completed}, name, ... moved), is fetched
 *       ({@code GET /goal/{id}}) and written; a {@code 404} tombstones it.</li>
 *   <li>Each stored goal of the workspace that the listing does not show is asked for by id:
 *       {@code 404} tombstones it, an answer is written. Only a {@code 404} deletes, as in the
 *       hierarchy pass: a listing may leave out what ClickUp still has (archived goals, say).</li>
 *   <li>The listing is stored last, so a pass stopped midway is redone in full by the next one.</li>
 * </ol>
 * Cost: {@code 1 + changed + missing} calls; on a workspace's first pass every goal is new.
 * {@code beforeCall} runs before every ClickUp call (reconcile's deadline and budget: it throws to stop).
 */
@ApplicationScoped
public class GoalPass {
    private static final Logger LOG = Logger.getLogger(GoalPass.class);

    private final ClickUpClient clickUp;
    private final GoalStore store;
    private final Metrics metrics;

    @Inject
    public GoalPass(ClickUpClient clickUp, GoalStore store, Metrics metrics) {
        this.clickUp = clickUp;
        this.store = store;
        this.metrics = metrics;
    }

    /** What one pass did. */
    public record Result(int calls, int written, int deleted) {
    }

    public Result run(String teamId, Runnable beforeCall) {
        beforeCall.run();
        Instant asked = store.beforeFetch();
        JsonNode listing = clickUp.goals(teamId);
        int[] counts = {1, 0, 0}; // calls, written, deleted
        Map<String, JsonNode> listed = entries(listing);
        Map<String, JsonNode> known = store.listing(teamId).map(l -> entries(l.json())).orElse(Map.of());
        Map<String, StoredGoal> stored = new HashMap<>();
        store.goals(teamId).forEach(g -> stored.put(g.id(), g));
        listed.forEach((id, entry) -> {
            if (!stored.containsKey(id) || !Objects.equals(entry, known.get(id))) {
                refetch(id, beforeCall, counts);
            }
        });
        for (String id : stored.keySet()) {
            if (!listed.containsKey(id)) {
                refetch(id, beforeCall, counts);
            }
        }
        GoalStore.reportTooLarge(store.writeListing(teamId, listing, asked), teamId, listed.size(), metrics);
        metrics.increment("ReconcileGoalPass");
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile goal pass", "team", teamId, "calls", counts[0],
                "written", counts[1], "deleted", counts[2]);
        return new Result(counts[0], counts[1], counts[2]);
    }

    private void refetch(String id, Runnable beforeCall, int[] counts) {
        beforeCall.run();
        Instant asked = store.beforeFetch();
        counts[0]++;
        try {
            if (store.write(clickUp.goal(id).path("goal"), asked)) {
                counts[1]++;
            }
        } catch (ClickUpException.NotFound gone) {
            if (store.tombstone(id, asked)) {
                counts[2]++;
                metrics.increment("ReconcileGoalDeletionsFound");
            }
        }
    }

    /** The listing's entries by goal id: {@code goals} and every folder's {@code goals}. */
    static Map<String, JsonNode> entries(JsonNode listing) {
        Map<String, JsonNode> entries = new HashMap<>();
        listing.path("goals").forEach(g -> entries.put(g.path("id").asText(), g));
        listing.path("folders").forEach(f -> f.path("goals").forEach(g -> entries.put(g.path("id").asText(), g)));
        return entries;
    }
}
