package dev.clickupsync.reconcile;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Backfill and the gap rewind: moves a workspace's watermarks back to an instant, never forward, so
 * the next walk covers the window again with the same guarded, resumable writes. Every scope stored
 * for the workspace is rewound as well as the configured ones (a scope configured away may come
 * back). Each rewind is a compare-and-set on the watermark, retried a few times against a walk that
 * saves meanwhile; the walk that loses its next save ends as {@code superseded} and the next run
 * starts from the rewound mark. Each rewound scope starts a new backfill run in
 * {@link BackfillProgress}, which the walk then reports to.
 */
record WatermarkRewind(WatermarkStore watermarks, BackfillProgress progress, Metrics metrics, ReconcileSettings settings,
                       TeamScopes scopes, Clock clock) {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final int SAVE_ATTEMPTS = 5;

    /**
     * Rewinds the workspace's watermarks (every scope stored for it, and the configured ones) to
     * {@code from}, never forward: the next run walks from there, resumably, with the same guarded
     * writes. Returns at once; the admin API's {@code POST /admin/backfill} calls this.
     *
     * @throws IllegalArgumentException for a blank team, a workspace reconcile does not walk (outside
     *                                  {@code sync.reconcile.team-ids} and every {@code sync.workspaces.*.team-id}),
     *                                  or {@code from} in the future
     */
    void backfill(String teamId, Instant from) {
        if (teamId == null || teamId.isBlank()) {
            throw new IllegalArgumentException("team_id is required");
        }
        if (from == null || from.isAfter(clock.instant())) {
            throw new IllegalArgumentException("from must be a past instant");
        }
        if (!scopes.reconciled(teamId)) {
            throw new IllegalArgumentException("workspace " + teamId
                    + " is not reconciled (neither in sync.reconcile.team-ids nor a sync.workspaces.*.team-id)");
        }
        Set<String> keys = new LinkedHashSet<>();
        scopes.scopes(teamId).forEach(s -> keys.add(s.key()));
        watermarks.forTeam(teamId).forEach(w -> keys.add(w.scopeKey()));
        int rewound = 0;
        for (String key : keys) {
            if (rewind(teamId, key, from)) {
                rewound++;
            }
        }
        metrics.increment("ReconcileBackfillRequested");
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile backfill requested", "team", teamId, "from", from,
                "scopes", keys.size(), "rewound", rewound);
    }

    private boolean rewind(String teamId, String key, Instant from) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            Optional<Watermark> stored = watermarks.load(teamId, key);
            Watermark next;
            if (stored.isEmpty()) {
                // No run yet: the first run backfills anyway; start at the earlier of the two.
                Instant firstRun = clock.instant().minus(Duration.ofDays(settings.backfillDays()));
                Instant start = from.isBefore(firstRun) ? from : firstRun;
                next = Watermark.initial(teamId, key, start).rewound(start.toEpochMilli(), clock.instant());
            } else {
                if (from.toEpochMilli() >= stored.get().startFor(settings.overlap()).millis()) {
                    return false; // never forward
                }
                next = stored.get().rewound(from.toEpochMilli(), clock.instant());
            }
            if (watermarks.save(next)) {
                progress.requested(teamId, key, Instant.ofEpochMilli(next.cursor().millis()));
                return true;
            }
        }
        throw new IllegalStateException("could not rewind the watermark of " + teamId + " " + key + ": it keeps changing");
    }
}
