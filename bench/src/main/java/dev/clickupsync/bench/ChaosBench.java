package dev.clickupsync.bench;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.drain.Outbound;
import dev.clickupsync.comment.CommentEvents;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.drain.StatusIds;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.hierarchy.HierarchyCascade;
import dev.clickupsync.hierarchy.HierarchyDrain;
import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.hierarchy.HierarchySchedule;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.timesync.TimeWalk;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.reconcile.GapRewinds;
import dev.clickupsync.reconcile.ReconcileBudget;
import dev.clickupsync.reconcile.ReconcileConfig;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.ReconcileSettings;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.reconcile.ScheduledReconcile;
import dev.clickupsync.reconcile.WatermarkStore;
import dev.clickupsync.admin.DeadLetterRedrive;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.webhook.WebhookIngestor;
import dev.clickupsync.webhook.registry.WebhookLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import dev.clickupsync.history.HeardSince;
import dev.clickupsync.history.TransitionRestore;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chaos bench (issue #7): a seeded stream of task changes through the real pipeline while the
 * fake ClickUp and the drain misbehave, then reconcile, then an audit of every event and every task
 * (see {@link ChaosAudit} for what "lost" and "applied twice" mean, {@link ChaosPipeline} for the
 * pipeline and the crash model, {@link ChaosWorkload} for the workload and the faults). Two runs on
 * the same workload seed, each on its own list and webhook: {@code no faults} (the baseline) and
 * {@code chaos}. Goal: zero lost, zero applied twice, none in the DLQ without a reason (issue #14's
 * hanging ClickUp), and after reconcile zero mismatches.
 */
@ApplicationScoped
public class ChaosBench {
    private static final Logger LOG = Logger.getLogger(ChaosBench.class);

    @Inject
    SqsClient sqs;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    EventQueue queue;
    @Inject
    WebhookIngestor ingestor;
    @Inject
    Outbound outbound;
    @Inject
    Metrics metrics;
    @Inject
    IdempotencyConfig idempotencyConfig;
    @Inject
    DrainConfig drainConfig;
    @Inject
    ClickUpClient clickUpClient;
    @Inject
    MirrorStore mirror;
    @Inject
    TransitionStore transitions;
    @Inject
    TimeEntryStore timeEntries;
    @Inject
    FieldCache fields;
    @Inject
    ListMembership membership;
    @Inject
    WatermarkStore watermarks;
    @Inject
    ReconcileConfig reconcileConfig;
    @Inject
    BudgetConfig budgetConfig;
    @Inject
    ClickUpConfig clickUpConfig;
    @Inject
    WebhookLifecycle lifecycle;
    @Inject
    TransitionRestore restore;
    @Inject
    HeardSince heardSince;
    @Inject
    DeadLetterRedrive redrive;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    HierarchyDrain hierarchyDrain;
    @Inject
    HierarchyStore hierarchyStore;
    @Inject
    HierarchyCascade cascade;
    @Inject
    CommentEvents commentEvents;
    @Inject
    StatusIds statusIds;
    @Inject
    TimeWalk timeWalk;
    @Inject
    CommentStore comments;
    @Inject
    CommentRepair commentRepair;

    /** The beans a {@link ChaosPipeline} is built from. */
    record Parts(SqsClient sqs, DynamoDbClient dynamo, SyncConfig sync, EventQueue queue, WebhookIngestor ingestor,
                 Outbound outbound, Metrics metrics, IdempotencyConfig idempotencyConfig, DrainConfig drainConfig,
                 ClickUpClient clickUpClient, MirrorStore mirror, TransitionStore transitions, TimeEntryStore timeEntries,
                 FieldCache fields, ListMembership membership, HierarchyDrain hierarchy, CommentEvents comments,
                 StatusIds statusIds, HeardSince heardSince) {
    }

    /** One run. {@code faults}: kind to how many were injected; {@code before}: the audit before reconcile. */
    public record Result(String name, int tasks, int deliveries, int acknowledged, Map<String, Integer> faults,
                         int batches, long reclaimed, int parkedWithReason, int parkedWithoutReason, int redriven,
                         int leftWithReason, int leftWithoutReason, long circuitDeferrals, long outOfTimeDeferrals,
                         int overran, Duration breakerDelay,
                         Duration circuitOpenDeferral, ChaosAudit.Counts before, int mismatchesAfter, int reconcileWritten, int deletionsFound,
                         int deletedTasks, int droppedTransitions, int droppedOnDeletedTasks, int transitionsMissingAfter,
                         int transitionsNotShown,
                         boolean drained,
                         Duration elapsed, ObjectTruth.Differing objectsBefore, ObjectTruth.Differing objectsAfter,
                         ChaosObjects objects) {
        public int lost() {
            return before.lost();
        }

        public int appliedTwice() {
            return before.appliedTwice();
        }

        public int faultsOf(String kind) {
            return faults.getOrDefault(kind, 0);
        }
    }

    public List<Result> run(FakeClickUp clickUp, BenchOptions options) throws Exception {
        List<Result> results = new ArrayList<>();
        for (ChaosWorkload.Scenario scenario : List.of(ChaosWorkload.Scenario.NO_FAULTS, ChaosWorkload.Scenario.CHAOS)) {
            Result r = run(clickUp, options, scenario);
            results.add(r);
            LOG.infof("chaos %s: %d deliveries, %d acknowledged, faults %s; before reconcile lost %d, twice %d, mismatches %d; "
                            + "after reconcile mismatches %d; %.1f s", r.name(), r.deliveries(), r.acknowledged(), r.faults(),
                    r.lost(), r.appliedTwice(), r.before().mismatches(), r.mismatchesAfter(), r.elapsed().toMillis() / 1000.0);
        }
        return results;
    }

    private Result run(FakeClickUp clickUp, BenchOptions options, ChaosWorkload.Scenario scenario) throws Exception {
        long started = System.nanoTime();
        sqs.purgeQueue(b -> b.queueUrl(queue.url()));
        sqs.purgeQueue(b -> b.queueUrl(queue.deadLetterUrl()));
        Parts parts = new Parts(sqs, dynamo, sync, queue, ingestor, outbound, metrics, idempotencyConfig, drainConfig,
                clickUpClient, mirror, transitions, timeEntries, fields, membership, hierarchyDrain, commentEvents, statusIds, heardSince);
        ChaosWorkload workload = new ChaosWorkload(clickUp, options, scenario);
        long circuitDeferralsBefore = metrics.count("DrainDeferred", "Reason", "clickup_circuit_open");
        long outOfTimeBefore = metrics.count("DrainDeferred", "Reason", "out_of_time");
        try (ChaosPipeline pipeline = new ChaosPipeline(parts, scenario.crashShare(), options.seed() + 1)) {
            ChaosWorkload.Outcome w = workload.run(pipeline);
            List<ChaosAudit.Parked> parked = ChaosAudit.deadLetters(sqs, queue.deadLetterUrl());
            DeadLetterRedrive.Result redriven = redrive.redrive(DeadLetterRedrive.Filter.ALL, 10_000);
            boolean drained = w.drained() && pipeline.awaitQuiet(Duration.ofSeconds(60));
            List<ChaosAudit.Parked> left = ChaosAudit.deadLetters(sqs, queue.deadLetterUrl());
            ChaosAudit.Counts before = ChaosAudit.count(w.acknowledged(), pipeline.completions(), pipeline::eventKey, left, transitions,
                    w.taskIds(), MirrorTruth.mismatches(clickUp, mirror, w.taskIds()), key -> idempotency.describe(key).toString());
            ObjectTruth.Differing objectsBefore = objects(clickUp, w);
            ReconcileReport report = reconcile(clickUp, w.listIds()).run(Instant.now().plus(Duration.ofMinutes(2)));
            int after = MirrorTruth.mismatches(clickUp, mirror, w.taskIds());
            ObjectTruth.Differing objectsAfter = objects(clickUp, w);
            // A task ClickUp deleted has no history left to restore (and its time in status is a 404 in the replica too).
            List<WebhookDelivery> onLive = w.dropped().stream().filter(d -> !clickUp.workspace().isDeleted(d.taskId())).toList();
            List<dev.clickupsync.mirror.Transition> missingAfter = ChaosAudit.missing(onLive, transitions);
            Map<String, Integer> faults = new java.util.LinkedHashMap<>(w.faults());
            faults.put(ChaosWorkload.CRASHES, pipeline.crashes());
            return new Result(scenario.label(), w.taskIds().size(), w.deliveries(), w.acknowledged().size(), faults,
                    pipeline.batches(), pipeline.reclaimed(), (int) parked.stream().filter(p -> p.reason() != null).count(),
                    (int) parked.stream().filter(p -> p.reason() == null).count(), redriven.redriven(),
                    (int) left.stream().filter(p -> p.reason() != null).count(),
                    (int) left.stream().filter(p -> p.reason() == null).count(),
                    metrics.count("DrainDeferred", "Reason", "clickup_circuit_open") - circuitDeferralsBefore,
                    metrics.count("DrainDeferred", "Reason", "out_of_time") - outOfTimeBefore, pipeline.overran(),
                    clickUpConfig.circuitBreaker().delay(), drainConfig.circuitOpenDeferral(), before, after,
                    report.tasksWritten(), report.deletionsFound(),
                    (int) w.taskIds().stream().filter(clickUp.workspace()::isDeleted).count(),
                    ChaosAudit.statusChanges(w.dropped()), ChaosAudit.statusChanges(w.dropped()) - ChaosAudit.statusChanges(onLive),
                    missingAfter.size(), ChaosAudit.notShownByTimeInStatus(missingAfter, clickUp.workspace()::timeInStatusJson),
                    drained, Duration.ofNanos(System.nanoTime() - started), objectsBefore, objectsAfter, w.objects());
        } finally {
            workload.close();
        }
    }

    /**
     * The scheduled run (webhook lifecycle, then the hierarchy pass and the time walk, the walk, the
     * transition restore, the comment repair and the deletion sweep) narrowed to the run's list, with the sweep and the
     * hierarchy pass due at once: what the next scheduled run would do for that list.
     */
    private ObjectTruth.Differing objects(FakeClickUp clickUp, ChaosWorkload.Outcome w) {
        return ObjectTruth.compare(clickUp.workspace(), hierarchyStore, comments, timeEntries, w.objects().containers, w.taskIds());
    }

    private ScheduledReconcile reconcile(FakeClickUp clickUp, List<String> listIds) {
        ReconcileSettings configured = ReconcileSettings.of(reconcileConfig);
        ReconcileSettings settings = new ReconcileSettings(List.of(clickUp.workspace().teamId()), List.of(), listIds,
                configured.overlap(), 1, configured.budgetShare(), configured.budgetMaxWait(), Duration.ofSeconds(5),
                false, true, Duration.ZERO);
        Reconciler reconciler = new Reconciler(clickUpClient, mirror, watermarks, membership, metrics, settings,
                ReconcileBudget.shared(dynamo, sync.tables().control(), clickUpConfig.token(), budgetConfig,
                        settings.budgetShare(), Clock.systemUTC()), Clock.systemUTC(), hierarchyPass(), restore, timeWalk);
        reconciler.comments(commentRepair);
        return new ScheduledReconcile(reconciler, lifecycle, clickUpClient, new GapRewinds(dynamo, sync.tables().control(), metrics));
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
