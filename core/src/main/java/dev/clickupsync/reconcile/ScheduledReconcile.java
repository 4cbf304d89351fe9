package dev.clickupsync.reconcile;

import dev.clickupsync.admin.BackfillTrigger;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import dev.clickupsync.webhook.registry.WebhookLifecycles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * One scheduled run, the same in Lambda ({@code ReconcileHandler}) and in the local timer: first
 * each workspace's webhook lifecycle (exists, healthy, re-activated if suspended; {@code WebhookLifecycles}),
 * then, for each workspace whose lifecycle reports a window in which deliveries may have been lost,
 * the watermarks of that workspace's teams only are rewound to its start (a gap in one workspace's
 * webhook says nothing about another's), then the reconcile walk itself. The default workspace's teams
 * are the reconciled teams (or its token's) less the other workspaces' team ids. Also the admin API's
 * backfill entry point.
 */
@ApplicationScoped
public class ScheduledReconcile implements BackfillTrigger {
    private static final Logger LOG = Logger.getLogger(ScheduledReconcile.class);

    private final Reconciler reconciler;
    private final WebhookLifecycles lifecycles;
    private final ClickUpClient clickUp;
    private final Metrics metrics;

    /** With the default workspace's lifecycle only (one workspace). */
    public ScheduledReconcile(Reconciler reconciler, WebhookLifecycle lifecycle, ClickUpClient clickUp, Metrics metrics) {
        this(reconciler, WebhookLifecycles.single(lifecycle), clickUp, metrics);
    }

    @Inject
    public ScheduledReconcile(Reconciler reconciler, WebhookLifecycles lifecycles, ClickUpClient clickUp, Metrics metrics) {
        this.reconciler = reconciler;
        this.lifecycles = lifecycles;
        this.clickUp = clickUp;
        this.metrics = metrics;
    }

    /**
     * One run. A failure of the gap rewind (listing the workspaces, or rewinding one) is counted as
     * {@code ReconcileError{Reason}} like the walk's own failures (alarm {@code ReconcileErrors}), logged,
     * and thrown, so the invocation fails visibly instead of walking as if nothing had been missed.
     */
    public ReconcileReport run(Instant deadline) {
        for (WebhookLifecycles.Ran ran : lifecycles.run()) {
            ran.report().reconcileFrom().ifPresent(from -> rewind(ran, from));
        }
        return reconciler.run(deadline);
    }

    /** Rewinds the teams of the workspace whose webhook had a gap, and no other's. */
    private void rewind(WebhookLifecycles.Ran ran, Instant from) {
        List<String> teams = ran.isDefault() || ran.teamId() == null
                ? failureCounted("rewind", null, this::defaultTeams) : List.of(ran.teamId());
        for (String team : teams) {
            try {
                failureCounted("rewind", team, () -> {
                    reconciler.backfill(team, from);
                    return null;
                });
            } catch (IllegalArgumentException outOfScope) {
                LOG.debugf("no rewind for team %s: %s", team, outOfScope.getMessage());
            }
        }
        StructuredLog.log(LOG, Logger.Level.INFO, "reconcile rewound for a webhook gap", "workspace", ran.workspace(),
                "from", from, "webhook_action", ran.report().action());
    }

    private <T> T failureCounted(String phase, String team, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException outOfScope) {
            throw outOfScope;
        } catch (RuntimeException e) {
            String reason = Reconciler.failureReason(e);
            metrics.increment("ReconcileError", "Reason", reason);
            StructuredLog.log(LOG, Logger.Level.ERROR, "reconcile failed", "phase", phase, "reason", reason,
                    "team", team == null ? "-" : team, "error", e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public void backfill(String teamId, Instant from) {
        reconciler.backfill(teamId, from);
    }

    /** The reconciled teams (or the default token's), less those another workspace names. */
    private List<String> defaultTeams() {
        List<String> configured = reconciler.settings().teamIds();
        List<String> teams = configured.isEmpty() ? clickUp.teams().stream().map(Teams.Team::id).toList() : configured;
        return teams.stream().filter(t -> !lifecycles.otherWorkspacesTeams().contains(t)).toList();
    }
}
