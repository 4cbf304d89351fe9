package dev.clickupsync.reconcile;

import dev.clickupsync.admin.BackfillTrigger;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.Teams;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.webhook.registry.LifecycleReport;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * One scheduled run, the same in Lambda ({@code ReconcileHandler}) and in the local timer: first
 * the webhook's lifecycle (exists, healthy, re-activated if suspended), then, when the lifecycle
 * reports a window in which deliveries may have been lost, every workspace's watermark is rewound
 * to its start, then the reconcile walk itself. Also the admin API's backfill entry point.
 */
@ApplicationScoped
public class ScheduledReconcile implements BackfillTrigger {
    private static final Logger LOG = Logger.getLogger(ScheduledReconcile.class);

    private final Reconciler reconciler;
    private final WebhookLifecycle lifecycle;
    private final ClickUpClient clickUp;
    private final Metrics metrics;

    @Inject
    public ScheduledReconcile(Reconciler reconciler, WebhookLifecycle lifecycle, ClickUpClient clickUp, Metrics metrics) {
        this.reconciler = reconciler;
        this.lifecycle = lifecycle;
        this.clickUp = clickUp;
        this.metrics = metrics;
    }

    /**
     * One run. A failure of the gap rewind (listing the workspaces, or rewinding one) is counted as
     * {@code ReconcileError{Reason}} like the walk's own failures (alarm {@code ReconcileErrors}), logged,
     * and thrown, so the invocation fails visibly instead of walking as if nothing had been missed.
     */
    public ReconcileReport run(Instant deadline) {
        LifecycleReport webhook = lifecycle.run();
        webhook.reconcileFrom().ifPresent(from -> {
            for (String team : failureCounted("rewind", null, this::teams)) {
                try {
                    failureCounted("rewind", team, () -> {
                        reconciler.backfill(team, from);
                        return null;
                    });
                } catch (IllegalArgumentException outOfScope) {
                    LOG.debugf("no rewind for team %s: %s", team, outOfScope.getMessage());
                }
            }
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile rewound for a webhook gap", "from", from,
                    "webhook_action", webhook.action());
        });
        return reconciler.run(deadline);
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

    private List<String> teams() {
        List<String> configured = reconciler.settings().teamIds();
        return configured.isEmpty() ? clickUp.teams().stream().map(Teams.Team::id).toList() : configured;
    }
}
