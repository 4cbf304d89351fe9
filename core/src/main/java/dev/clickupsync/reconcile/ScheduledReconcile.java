package dev.clickupsync.reconcile;

import dev.clickupsync.admin.BackfillTrigger;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.Teams;
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
    private final GapRewinds gaps;

    /** With the default workspace's lifecycle only (one workspace). */
    public ScheduledReconcile(Reconciler reconciler, WebhookLifecycle lifecycle, ClickUpClient clickUp, GapRewinds gaps) {
        this(reconciler, WebhookLifecycles.single(lifecycle), clickUp, gaps);
    }

    @Inject
    public ScheduledReconcile(Reconciler reconciler, WebhookLifecycles lifecycles, ClickUpClient clickUp, GapRewinds gaps) {
        this.reconciler = reconciler;
        this.lifecycles = lifecycles;
        this.clickUp = clickUp;
        this.gaps = gaps;
    }

    /**
     * One run: the lifecycles, the gap rewinds they call for (and those an earlier run could not do,
     * {@link GapRewinds}), then the walk. A workspace whose rewind fails is counted as
     * {@code ReconcileError{Reason}} (alarm {@code ReconcileErrors}), logged and kept for the next run; the
     * other workspaces' rewinds and the walk go on.
     */
    public ReconcileReport run(Instant deadline) {
        gaps.rewind(lifecycles.run(), this::rewind, Reconciler::failureReason);
        return reconciler.run(deadline);
    }

    /** Rewinds the teams of the workspace whose webhook had a gap, and no other's. */
    private void rewind(String workspace, String teamId, boolean isDefault, Instant from) {
        List<String> teams = isDefault || teamId == null ? defaultTeams() : List.of(teamId);
        for (String team : teams) {
            try {
                reconciler.backfill(team, from);
            } catch (IllegalArgumentException outOfScope) {
                LOG.debugf("no rewind for team %s of workspace %s: %s", team, workspace, outOfScope.getMessage());
            }
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
