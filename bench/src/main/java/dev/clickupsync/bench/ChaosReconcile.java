package dev.clickupsync.bench;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.TeamRoutes;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.hierarchy.HierarchyCascade;
import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.hierarchy.HierarchySchedule;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.history.TransitionRestore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.GapRewinds;
import dev.clickupsync.reconcile.ReconcileBudget;
import dev.clickupsync.reconcile.ReconcileConfig;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.ReconcileSettings;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.reconcile.WatermarkStore;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.timesync.TimeWalk;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import dev.clickupsync.workspace.Workspace;
import dev.clickupsync.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The chaos bench's reconcile, once per workspace after the stream ({@link ChaosBench}), built from the
 * application's real beans and narrowed to the run's lists.
 */
@ApplicationScoped
class ChaosReconcile {
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    Metrics metrics;
    @Inject
    ClickUpClient clickUpClient;
    @Inject
    ClickUpConfig clickUpConfig;
    @Inject
    MirrorStore mirror;
    @Inject
    ListMembership membership;
    @Inject
    WatermarkStore watermarks;
    @Inject
    ReconcileConfig reconcileConfig;
    @Inject
    BudgetConfig budgetConfig;
    @Inject
    WebhookLifecycle lifecycle;
    @Inject
    TransitionRestore restore;
    @Inject
    HierarchyStore hierarchyStore;
    @Inject
    HierarchyCascade cascade;
    @Inject
    TimeWalk timeWalk;
    @Inject
    CommentRepair commentRepair;
    @Inject
    Workspaces workspaces;
    @Inject
    TeamRoutes teamRoutes;
    @Inject
    GapRewinds gaps;

    /**
     * Reconcile of one workspace, narrowed to the run's lists there, with the sweep and the hierarchy pass
     * due at once: what the next scheduled run would do for those lists. The default workspace's is the
     * scheduled run (webhook lifecycle, then the hierarchy pass and the time walk, the walk, the transition
     * restore, the comment repair and the deletion sweep); a further workspace's is the same reconciler run
     * on its team, every step through its own client ({@code WorkspaceTeamRoutes}, as production routes a
     * team) and its reconcile share counted on its own token's cell (its lifecycle is not the bench's).
     */
    ReconcileReport run(ChaosSide.Target target, List<String> listIds) {
        ReconcileSettings configured = ReconcileSettings.of(reconcileConfig);
        ReconcileSettings settings = new ReconcileSettings(List.of(target.clickUp().workspace().teamId()), List.of(), listIds,
                configured.overlap(), 1, configured.budgetShare(), configured.budgetMaxWait(), Duration.ofSeconds(5),
                false, true, Duration.ZERO);
        String token = workspaces.named(target.workspace()).flatMap(Workspace::token).orElse(clickUpConfig.token());
        Reconciler reconciler = new Reconciler(clickUpClient, mirror, watermarks, membership, metrics, settings,
                ReconcileBudget.shared(dynamo, sync.tables().control(), token, budgetConfig, settings.budgetShare(),
                        Clock.systemUTC()), Clock.systemUTC(), hierarchyPass(), restore, timeWalk);
        reconciler.comments(commentRepair);
        reconciler.routes(teamRoutes);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        return Workspace.DEFAULT.equals(target.workspace())
                ? new ScheduledReconcile(reconciler, lifecycle, clickUpClient, gaps).run(deadline)
                : reconciler.run(deadline);
    }

    /**
     * The production pass with its interval at zero, as the no-faults run's pass would otherwise leave it
     * not due; without list members, which chaos never changes: they would cost one call per list of the
     * whole bench workspace (every section's lists) out of the run's budget share.
     */
    private HierarchyPass hierarchyPass() {
        return new HierarchyPass(clickUpClient, hierarchyStore, cascade, metrics,
                new HierarchySchedule(dynamo, sync.tables().control(), Duration.ZERO, Clock.systemUTC()), false, null);
    }
}
