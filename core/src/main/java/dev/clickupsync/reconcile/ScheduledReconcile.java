package dev.clickupsync.reconcile;

import dev.clickupsync.admin.BackfillTrigger;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.Teams;
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

    @Inject
    public ScheduledReconcile(Reconciler reconciler, WebhookLifecycle lifecycle, ClickUpClient clickUp) {
        this.reconciler = reconciler;
        this.lifecycle = lifecycle;
        this.clickUp = clickUp;
    }

    public ReconcileReport run(Instant deadline) {
        LifecycleReport webhook = lifecycle.run();
        webhook.reconcileFrom().ifPresent(from -> {
            for (String team : teams()) {
                try {
                    reconciler.backfill(team, from);
                } catch (IllegalArgumentException outOfScope) {
                    LOG.debugf("no rewind for team %s: %s", team, outOfScope.getMessage());
                }
            }
            StructuredLog.log(LOG, Logger.Level.INFO, "reconcile rewound for a webhook gap", "from", from,
                    "webhook_action", webhook.action());
        });
        return reconciler.run(deadline);
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
