package dev.clickupsync.bench;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.drain.DrainConfig;
import dev.clickupsync.drain.Outbound;
import dev.clickupsync.comment.CommentEvents;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.drain.StatusIds;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.hierarchy.HierarchyDrain;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.idempotency.IdempotencyConfig;
import dev.clickupsync.idempotency.IdempotencyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.queue.EventQueue;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.admin.DeadLetterRedrive;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.webhook.WebhookIngestor;
import dev.clickupsync.workspace.ClickUpClients;
import dev.clickupsync.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import dev.clickupsync.history.HeardSince;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
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
 *
 * <p>Two workspaces on two tokens (issue #17): given the second fake ClickUp (the bench's {@code acme}
 * workspace, {@code sync.workspaces.acme.*}), each run drives both at once through the one endpoint, queue
 * and drain ({@link ChaosSide}); the drain routes each event to its workspace's client, token and budget cell
 * as production does ({@code DrainProcessor} with {@link ClickUpClients}); reconcile runs for each workspace;
 * the audit compares each workspace's mirror with its own fake, and every figure but the queue's is per workspace.
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
    ClickUpConfig clickUpConfig;
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
    CommentEvents commentEvents;
    @Inject
    StatusIds statusIds;
    @Inject
    CommentStore comments;
    @Inject
    ClickUpClients clients;
    @Inject
    ChaosReconcile reconcile;

    /** The beans a {@link ChaosPipeline} is built from. */
    record Parts(SqsClient sqs, DynamoDbClient dynamo, SyncConfig sync, EventQueue queue, WebhookIngestor ingestor,
                 Outbound outbound, Metrics metrics, IdempotencyConfig idempotencyConfig, DrainConfig drainConfig,
                 ClickUpClient clickUpClient, MirrorStore mirror, TransitionStore transitions, TimeEntryStore timeEntries,
                 FieldCache fields, ListMembership membership, HierarchyDrain hierarchy, CommentEvents comments,
                 StatusIds statusIds, HeardSince heardSince, ClickUpClients clients) {
    }

    /**
     * One workspace of one run ({@code name}: the scenario). Per workspace: the tasks, deliveries, faults its
     * fake injected, the audit, reconcile's work, ClickUp calls and 429s of its token. The figures of the
     * queue and the drain instances (batches, re-claims, DLQ, deferrals, crashes, run time) are the run's,
     * both workspaces together, repeated in each of its results. {@code faults}: kind to how many were
     * injected; {@code before}: the audit before reconcile; {@code calls}: requests its fake received during
     * the stream, {@code reconcileCalls} during reconcile.
     */
    public record Result(String name, String workspace, int tasks, int deliveries, int acknowledged, Map<String, Integer> faults,
                         int batches, long reclaimed, int parkedWithReason, int parkedWithoutReason, int redriven,
                         int leftWithReason, int leftWithoutReason, long circuitDeferrals, long outOfTimeDeferrals,
                         int overran, Duration breakerDelay,
                         Duration circuitOpenDeferral, ChaosAudit.Counts before, int mismatchesAfter, int reconcileWritten, int deletionsFound,
                         int deletedTasks, int droppedTransitions, int droppedOnDeletedTasks, int transitionsMissingAfter,
                         int transitionsNotShown, int transitionsApproximate,
                         boolean drained,
                         Duration elapsed, ObjectTruth.Differing objectsBefore, ObjectTruth.Differing objectsAfter,
                         ChaosObjects objects, int calls, int rateLimited, int reconcileCalls, ChaosWorkload.StormProbe storm) {
        public int lost() {
            return before.lost();
        }

        public int appliedTwice() {
            return before.appliedTwice();
        }

        public int faultsOf(String kind) {
            return faults.getOrDefault(kind, 0);
        }

        public boolean isDefault() {
            return Workspace.DEFAULT.equals(workspace);
        }

        /** The column heading: the scenario, and the workspace when it is not the default one. */
        public String label() {
            return isDefault() ? name : name + " · " + workspace;
        }

        /** ClickUp calls of this workspace's token per distinct acknowledged event, during the stream. */
        public double callsPerEvent() {
            return before.acknowledgedEvents() == 0 ? 0 : (double) calls / before.acknowledgedEvents();
        }
    }

    /**
     * Both scenarios, each over the default workspace ({@code clickUp}) and, when {@code second} is
     * given, the second one on its own token: per scenario one result per workspace, the default first.
     */
    public List<Result> run(FakeClickUp clickUp, FakeClickUp second, BenchOptions options) throws Exception {
        List<ChaosSide.Target> targets = new ArrayList<>(List.of(ChaosSide.Target.demo(clickUp)));
        if (second != null) {
            targets.add(ChaosSide.Target.second(second));
        }
        List<Result> results = new ArrayList<>();
        for (ChaosWorkload.Scenario scenario : List.of(ChaosWorkload.Scenario.NO_FAULTS, ChaosWorkload.Scenario.CHAOS)) {
            for (Result r : run(targets, options, scenario)) {
                results.add(r);
                LOG.infof("chaos %s: %d deliveries, %d acknowledged, faults %s; before reconcile lost %d, twice %d, mismatches %d; "
                                + "after reconcile mismatches %d; %.1f s", r.label(), r.deliveries(), r.acknowledged(), r.faults(),
                        r.lost(), r.appliedTwice(), r.before().mismatches(), r.mismatchesAfter(), r.elapsed().toMillis() / 1000.0);
            }
        }
        return results;
    }

    private List<Result> run(List<ChaosSide.Target> targets, BenchOptions options, ChaosWorkload.Scenario scenario) throws Exception {
        long started = System.nanoTime();
        sqs.purgeQueue(b -> b.queueUrl(queue.url()));
        sqs.purgeQueue(b -> b.queueUrl(queue.deadLetterUrl()));
        Parts parts = new Parts(sqs, dynamo, sync, queue, ingestor, outbound, metrics, idempotencyConfig, drainConfig,
                clickUpClient, mirror, transitions, timeEntries, fields, membership, hierarchyDrain, commentEvents, statusIds,
                heardSince, clients);
        ChaosWorkload workload = new ChaosWorkload(targets, options, scenario);
        long circuitDeferralsBefore = metrics.count("DrainDeferred", "Reason", "clickup_circuit_open");
        long outOfTimeBefore = metrics.count("DrainDeferred", "Reason", "out_of_time");
        try (ChaosPipeline pipeline = new ChaosPipeline(parts, scenario.crashShare(), options.seed() + 1)) {
            ChaosWorkload.Run run = workload.run(pipeline);
            List<ChaosAudit.Parked> parked = ChaosAudit.deadLetters(sqs, queue.deadLetterUrl());
            DeadLetterRedrive.Result redriven = redrive.redrive(DeadLetterRedrive.Filter.ALL, 10_000);
            boolean drained = run.drained() && pipeline.awaitQuiet(Duration.ofSeconds(60));
            List<ChaosAudit.Parked> left = ChaosAudit.deadLetters(sqs, queue.deadLetterUrl());
            List<ChaosAudit.Counts> before = new ArrayList<>();
            List<ObjectTruth.Differing> objectsBefore = new ArrayList<>();
            for (ChaosWorkload.Outcome w : run.outcomes()) {
                FakeClickUp fake = target(targets, w).clickUp();
                before.add(ChaosAudit.count(w.acknowledged(), pipeline.completions(), pipeline::eventKey, left, transitions,
                        w.taskIds(), MirrorTruth.mismatches(fake, mirror, w.taskIds()), key -> idempotency.describe(key).toString()));
                objectsBefore.add(objects(fake, w));
            }
            List<ReconcileReport> reports = new ArrayList<>();
            List<Integer> reconcileCalls = new ArrayList<>();
            for (ChaosWorkload.Outcome w : run.outcomes()) {
                ChaosSide.Target target = target(targets, w);
                int callsBefore = target.clickUp().requestCount();
                reports.add(reconcile.run(target, w.listIds()));
                reconcileCalls.add(target.clickUp().requestCount() - callsBefore);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < run.outcomes().size(); i++) {
                ChaosWorkload.Outcome w = run.outcomes().get(i);
                FakeClickUp fake = target(targets, w).clickUp();
                int after = MirrorTruth.mismatches(fake, mirror, w.taskIds());
                // A task ClickUp deleted has no history left to restore (and its time in status is a 404 in the replica too).
                List<WebhookDelivery> onLive = w.dropped().stream().filter(d -> !fake.workspace().isDeleted(d.taskId())).toList();
                List<dev.clickupsync.mirror.Transition> missingAfter = ChaosAudit.missing(onLive, transitions);
                Map<String, Integer> faults = new java.util.LinkedHashMap<>(w.faults());
                faults.put(ChaosWorkload.CRASHES, pipeline.crashes());
                results.add(new Result(scenario.label(), w.workspace(), w.taskIds().size(), w.deliveries(), w.acknowledged().size(),
                        faults, pipeline.batches(), pipeline.reclaimed(), (int) parked.stream().filter(p -> p.reason() != null).count(),
                        (int) parked.stream().filter(p -> p.reason() == null).count(), redriven.redriven(),
                        (int) left.stream().filter(p -> p.reason() != null).count(),
                        (int) left.stream().filter(p -> p.reason() == null).count(),
                        metrics.count("DrainDeferred", "Reason", "clickup_circuit_open") - circuitDeferralsBefore,
                        metrics.count("DrainDeferred", "Reason", "out_of_time") - outOfTimeBefore, pipeline.overran(),
                        clickUpConfig.circuitBreaker().delay(), drainConfig.circuitOpenDeferral(), before.get(i), after,
                        reports.get(i).tasksWritten(), reports.get(i).deletionsFound(),
                        (int) w.taskIds().stream().filter(fake.workspace()::isDeleted).count(),
                        ChaosAudit.statusChanges(w.dropped()), ChaosAudit.statusChanges(w.dropped()) - ChaosAudit.statusChanges(onLive),
                        missingAfter.size(), ChaosAudit.notShownByTimeInStatus(missingAfter, fake.workspace()::timeInStatusJson),
                        ChaosAudit.approximatelyRestored(onLive, transitions),
                        drained, elapsed, objectsBefore.get(i), objects(fake, w), w.objects(), w.calls(), w.rateLimited(),
                        reconcileCalls.get(i), run.storm()));
            }
            return results;
        } finally {
            workload.close();
        }
    }

    private static ChaosSide.Target target(List<ChaosSide.Target> targets, ChaosWorkload.Outcome w) {
        return targets.stream().filter(t -> t.workspace().equals(w.workspace())).findFirst().orElseThrow();
    }

    private ObjectTruth.Differing objects(FakeClickUp clickUp, ChaosWorkload.Outcome w) {
        return ObjectTruth.compare(clickUp.workspace(), hierarchyStore, comments, timeEntries, w.objects().containers, w.taskIds());
    }
}
