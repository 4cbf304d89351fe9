package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.WorkspaceTeams;
import dev.clickupsync.json.Json;
import dev.clickupsync.reconcile.ReconcileConfig;
import dev.clickupsync.reconcile.Watermark;
import dev.clickupsync.reconcile.WatermarkStore;
import dev.clickupsync.store.BackfillRuns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The {@code reconcile} and {@code backfill} sections, per workspace: one {@code Query} of its
 * watermarks and one of its backfill runs (control table, partition {@code reconcile#<team>}).
 *
 * <p>Backfill arithmetic: {@code rate_per_minute} is tasks listed (seen) per minute between the
 * run's first page and its last update; ClickUp's task listing gives no total, so
 * {@code expected_total}, {@code percent} and {@code eta} are always null (kept in the document so
 * a client need not change when a source of totals appears).
 * {@code window_percent} is progress by time instead: how far the cursor (ClickUp's
 * {@code date_updated} of the last task processed) has come from {@code from} to when the run was
 * requested; tasks are rarely spread evenly over time, so it is a hint, not an ETA.
 */
@ApplicationScoped
public class ReconcileStatus {
    private final WatermarkStore watermarks;
    private final List<String> configuredTeams;

    @Inject
    public ReconcileStatus(WatermarkStore watermarks, ReconcileConfig config, WorkspaceTeams workspaces) {
        this.watermarks = watermarks;
        List<String> teams = new ArrayList<>(config.teamIds().orElse(List.of()).stream().filter(t -> !t.isBlank()).toList());
        workspaces.teams().stream().map(WorkspaceTeams.Team::teamId).filter(t -> !teams.contains(t)).forEach(teams::add);
        this.configuredTeams = List.copyOf(teams);
    }

    /**
     * {@code sync.reconcile.team-ids} and every further workspace's team (reconciled whether listed or not);
     * only the latter when reconcile lists the default token's workspaces itself.
     */
    List<String> configuredTeams() {
        return configuredTeams;
    }

    /** Every workspace with a stored watermark (one {@code Query}). */
    List<String> knownTeams() {
        return watermarks.workspaces();
    }

    JsonNode report(StatusReport.Sections sections, Set<String> teams, Instant now) {
        ObjectNode section = Json.MAPPER.createObjectNode();
        for (String team : teams) {
            section.set(team, sections.section("reconcile", () -> scopes(team, now)));
        }
        return section;
    }

    private JsonNode scopes(String team, Instant now) {
        ArrayNode scopes = Json.MAPPER.createArrayNode();
        for (Watermark w : watermarks.forTeam(team)) {
            ObjectNode scope = scopes.addObject();
            scope.put("scope", w.scopeKey());
            put(scope, "watermark", w.highWater());
            put(scope, "cursor", Instant.ofEpochMilli(w.cursor().millis()));
            scope.put("in_progress", w.inProgress());
            scope.put("backfill", w.backfill());
            put(scope, "last_run", w.updatedAt());
            if (w.highWater() == null) {
                scope.putNull("lag_seconds");
            } else {
                scope.put("lag_seconds", Math.max(0, Duration.between(w.highWater(), now).toSeconds()));
            }
        }
        return scopes;
    }

    /** The current or last run (latest requested), and every scope's run. */
    JsonNode backfills(Set<String> teams, Instant now) {
        List<BackfillRuns.Run> runs = new ArrayList<>();
        for (String team : teams) {
            runs.addAll(watermarks.backfills().forTeam(team));
        }
        runs.sort(Comparator.comparing((BackfillRuns.Run r) -> r.requestedAt() == null ? Instant.EPOCH : r.requestedAt())
                .reversed());
        ObjectNode section = Json.MAPPER.createObjectNode();
        if (runs.isEmpty()) {
            section.putNull("current");
        } else {
            section.set("current", run(runs.get(0), now));
        }
        ArrayNode all = section.putArray("runs");
        runs.forEach(r -> all.add(run(r, now)));
        return section;
    }

    static ObjectNode run(BackfillRuns.Run run, Instant now) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", run.runId());
        node.put("team_id", run.teamId());
        node.put("scope", run.scopeKey());
        node.put("state", run.state());
        put(node, "from", run.from());
        put(node, "requested_at", run.requestedAt());
        put(node, "started_at", run.startedAt());
        put(node, "updated_at", run.updatedAt());
        put(node, "finished_at", run.finishedAt());
        node.put("pages", run.pages());
        node.put("tasks_seen", run.tasksSeen());
        node.put("tasks_written", run.tasksWritten());
        put(node, "cursor", run.cursorMillis() == null ? null : Instant.ofEpochMilli(run.cursorMillis()));
        Double rate = ratePerMinute(run);
        if (rate == null) {
            node.putNull("rate_per_minute");
        } else {
            node.put("rate_per_minute", Math.round(rate * 10) / 10.0);
        }
        node.putNull("expected_total");
        node.putNull("percent");
        node.putNull("eta");
        Double window = windowPercent(run);
        if (window == null) {
            node.putNull("window_percent");
        } else {
            node.put("window_percent", window);
        }
        node.put("stop", run.stop());
        return node;
    }

    /** Tasks seen per minute from the first page to the last update; null before a page or within a second. */
    static Double ratePerMinute(BackfillRuns.Run run) {
        Instant end = run.finishedAt() != null ? run.finishedAt() : run.updatedAt();
        if (run.startedAt() == null || end == null) {
            return null;
        }
        long millis = Duration.between(run.startedAt(), end).toMillis();
        if (millis < 1_000) {
            return null;
        }
        return run.tasksSeen() * 60_000.0 / millis;
    }

    /** The cursor's progress through {@code [from, requested_at]} in percent (100 when done), or null. */
    static Double windowPercent(BackfillRuns.Run run) {
        if ("done".equals(run.state())) {
            return 100.0;
        }
        if (run.from() == null || run.requestedAt() == null || run.cursorMillis() == null) {
            return null;
        }
        long span = run.requestedAt().toEpochMilli() - run.from().toEpochMilli();
        if (span <= 0) {
            return null;
        }
        double done = (run.cursorMillis() - run.from().toEpochMilli()) * 100.0 / span;
        return Math.round(Math.max(0, Math.min(100, done)) * 10) / 10.0;
    }

    private static void put(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
