package dev.clickupsync.bench;

import dev.clickupsync.testkit.clickup.WebhookDelivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos bench's workload and faults, in every workspace of the run at once (issue #17: the default
 * one and a second one on its own token, fake, webhook and secret, a {@link ChaosSide} each, the second a
 * {@link ChaosSide.Target#divisor()}-th the size). In a fresh list of each: tasks are created, then rounds
 * of changes (the storm's mix from {@code RandomChanges}, a third on five hot tasks, now and then a task
 * created or deleted) are made in the fakes, the workspaces' changes in turn, and each fake pushes each
 * delivery to the pipeline's one endpoint as ClickUp would (retrying non-2xx answers 5 times), while the
 * drain instances work on the one queue. A round ends when every pusher is idle and the queue is empty.
 * Each workspace's workload draws from its own seeded random, so both scenarios make the same changes;
 * faults draw from another. Every fault below is applied to every workspace's fake alike, except the
 * last phase.
 *
 * <p>Faults of the {@link Scenario#CHAOS} scenario, every round, on ClickUp's {@code /task/} paths:
 * a seeded 25 % of requests and a burst of 2 answer 5xx (500, 502, 503 by turns); a storm of 3 to 6
 * consecutive 429s (each with ClickUp's rate-limit headers, reset within 1 s); 1 or 2 requests that
 * hang past the client's timeout. After the last round, ClickUp hangs: every {@code /task/} request
 * gets no answer at all for {@link #HANG_LENGTH} (several invocation deadlines) while tasks are
 * created and changed; the drain must cut its calls at the deadline and settle every batch in time,
 * so nothing comes back from a lost batch response and nothing reaches the DLQ without a reason.
 * Then an outage: every {@code /task/} request
 * answers 503 for {@link #OUTAGE_LENGTH} (several of the bench's circuit-breaker delays) while a few tasks are
 * created; their events meet a failing ClickUp, then an open breaker, and must wait it out (the
 * bench then redrives whatever reached the DLQ, as an operator would). Besides: 10 % of
 * deliveries are dropped by the fake (never sent), a fifth of the acknowledged ones are delivered
 * again (ClickUp retrying a delivery whose 2xx it did not see), and a fifth of drain batches crash
 * ({@link ChaosPipeline}). Last, with two workspaces, a 429 storm on the default token alone: every
 * {@code /task/} request of that token answers 429 for {@link #STORM_LENGTH} while both workspaces change
 * tasks; the other workspace's events must be applied meanwhile ({@link StormProbe}).
 */
final class ChaosWorkload implements AutoCloseable {
    static final String SERVER_ERRORS = "ClickUp 5xx";
    static final String RATE_LIMITED = "ClickUp 429 (storms)";
    static final String TIMEOUTS = "ClickUp timeouts (hung requests)";
    static final String DROPPED = "webhooks dropped by the fake";
    static final String DUPLICATES = "webhooks delivered twice";
    static final String CRASHES = "drain crashes mid-batch";
    static final String OUTAGE = "ClickUp outage (every /task/ request 503 for 6 s)";
    static final Duration OUTAGE_LENGTH = Duration.ofSeconds(6);
    /** Long enough for an event to be received past maxReceiveCount if batches overran their deadline. */
    static final Duration HANG_LENGTH = Duration.ofSeconds(12);
    static final String HANGING = "ClickUp hanging (every /task/ request unanswered for " + HANG_LENGTH.toSeconds() + " s)";
    /** The lone 429 storm on the default token: its length ({@link #STORM_UPDATES}: the tasks each workspace changes meanwhile). */
    static final Duration STORM_LENGTH = Duration.ofSeconds(5);
    static final String LONE_STORM = "ClickUp 429 on every /task/ request of the default token alone for "
            + STORM_LENGTH.toSeconds() + " s";
    static final List<String> KINDS = List.of(SERVER_ERRORS, RATE_LIMITED, TIMEOUTS, HANGING, OUTAGE, LONE_STORM, CRASHES,
            DROPPED, DUPLICATES);
    /** Tasks created and changed while ClickUp hangs. */
    private static final int HANG_CREATES = 2;
    private static final int HANG_UPDATES = 3;
    /** Tasks created during the outage: a new task has no snapshot, so its event needs {@code GET /task}. */
    private static final int OUTAGE_TASKS = 3;
    private static final int STORM_UPDATES = 4;
    private static final int[] SERVER_STATUSES = {500, 502, 503};

    enum Scenario {
        NO_FAULTS("no faults", false, 0, 0),
        CHAOS("chaos", true, 0.10, 0.20);

        private final String label;
        final boolean faults;
        final double dropShare;
        private final double crashShare;

        Scenario(String label, boolean faults, double dropShare, double crashShare) {
            this.label = label;
            this.faults = faults;
            this.dropShare = dropShare;
            this.crashShare = crashShare;
        }

        String label() {
            return label;
        }

        double crashShare() {
            return crashShare;
        }
    }

    /** Sizes per bench size: tasks created first, rounds, changes per round (a further workspace: a share, see {@link #of}). */
    record Size(int tasks, int rounds, int changes) {
        static Size of(String benchSize) {
            return "smoke".equals(benchSize) ? new Size(12, 2, 25) : new Size(40, 8, 60);
        }

        /** A further workspace's size: a {@code divisor}-th of the tasks and changes, enough tasks for the hot ones. */
        Size of(ChaosSide.Target target) {
            return new Size(Math.max(ChaosSide.HOT_TASKS + 2, tasks / target.divisor()), rounds,
                    Math.max(2, changes / target.divisor()));
        }
    }

    /** What the workload did in one workspace; {@code acknowledged} includes the second copies that were acknowledged. */
    record Outcome(String workspace, String listId, List<String> taskIds, int deliveries, List<WebhookDelivery> acknowledged,
                   List<WebhookDelivery> dropped, Map<String, Integer> faults, int deletedTasks, ChaosObjects objects,
                   int calls, int rateLimited) {
        /** The lists reconcile walks: the run's list and its live extra lists ({@link ChaosObjects#walked}). */
        List<String> listIds() {
            List<String> ids = new ArrayList<>(List.of(listId));
            ids.addAll(objects.walked());
            return ids;
        }
    }

    /** The whole run: one outcome per workspace (the default first), whether every round drained, the lone storm's probe. */
    record Run(List<Outcome> outcomes, boolean drained, StormProbe storm) {
    }

    /**
     * The 429 storm on the default token alone: of the events the phase made in each workspace, how many
     * were applied while the default token answered nothing but 429s (the other workspace's should all
     * be: its token, budget cell and breaker are its own), and how long the other's took.
     */
    record StormProbe(Map<String, Integer> made, Map<String, Integer> appliedDuringStorm, Duration othersApplied) {
        static final StormProbe NONE = new StormProbe(Map.of(), Map.of(), Duration.ZERO);
    }

    private final BenchOptions options;
    private final Scenario scenario;
    private final Size size;
    private final List<ChaosSide> sides = new ArrayList<>();

    /** @param targets the workspaces, the default first */
    ChaosWorkload(List<ChaosSide.Target> targets, BenchOptions options, Scenario scenario) {
        this.options = options;
        this.scenario = scenario;
        this.size = Size.of(options.size());
        targets.forEach(t -> sides.add(new ChaosSide(t, scenario.name().toLowerCase().replace('_', '-'), options.seed())));
    }

    Run run(ChaosPipeline pipeline) throws InterruptedException {
        URI endpoint = pipeline.endpointUri();
        for (ChaosSide side : sides) {
            side.setUp(endpoint, size.of(side.target).tasks(), scenario.dropShare, options.seed());
        }
        boolean drained = true;
        Progress progress = Progress.start("chaos (" + scenario.label + ")", size.rounds(), "rounds");
        for (int round = 0; round < size.rounds(); round++) {
            for (ChaosSide side : sides) {
                if (scenario.faults) {
                    int status = SERVER_STATUSES[round % SERVER_STATUSES.length];
                    side.target.clickUp().faults().failRate(0.25, status, side.chaos.nextLong(), "/task/")
                            .failNext(3 + side.chaos.nextInt(4), 429, "/task/")
                            .failNext(2, status, "/task/") // a burst, so every round has 5xx whatever the draws
                            .hangNext(1 + side.chaos.nextInt(2), "/task/");
                }
                side.roundStarts();
            }
            // The workspaces' changes in turn, so their events meet in the one queue.
            for (int c = 0; c < size.changes(); c++) {
                for (ChaosSide side : sides) {
                    if (c < size.of(side.target).changes()) {
                        side.change(c);
                    }
                }
            }
            for (ChaosSide side : sides) {
                side.objectsRound(round);
            }
            drained &= awaitPushed();
            if (scenario.faults) {
                sides.forEach(s -> s.deliverAgain(endpoint));
            }
            drained &= pipeline.awaitQuiet(Duration.ofSeconds(90));
            if (scenario.faults) {
                sides.forEach(ChaosSide::collectFaults);
            }
            progress.step();
        }
        progress.close();
        StormProbe storm = StormProbe.NONE;
        if (scenario.faults) {
            drained &= hang(pipeline);
            drained &= outage(pipeline);
            storm = loneStorm(pipeline);
            drained &= pipeline.awaitQuiet(Duration.ofSeconds(90));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ChaosSide side : sides) {
            side.target.clickUp().stopPushingWebhooks();
            List<WebhookDelivery> dropped = side.dropped();
            side.faults.put(DROPPED, dropped.size());
            side.faults.put(DUPLICATES, side.duplicates.size());
            outcomes.add(new Outcome(side.target.workspace(), side.listId, List.copyOf(side.all), side.deliveries,
                    side.acknowledged(), dropped, side.faults, side.deleted, side.objects, side.calls(), side.rateLimited()));
        }
        return new Run(outcomes, drained, storm);
    }

    /** No answer at all, for longer than several invocations, in every workspace: only the deadline ends the calls. */
    private boolean hang(ChaosPipeline pipeline) throws InterruptedException {
        for (ChaosSide side : sides) {
            side.target.clickUp().faults().hangNext(Integer.MAX_VALUE, "/task/");
            for (int i = 0; i < HANG_CREATES; i++) {
                side.createTask(side.listId);
            }
            for (int i = 0; i < HANG_UPDATES; i++) {
                side.updateHot();
            }
        }
        boolean drained = awaitPushed();
        Thread.sleep(HANG_LENGTH.toMillis());
        for (ChaosSide side : sides) {
            side.faults.put(HANGING, side.target.clickUp().faults().hangsBegun());
            side.target.clickUp().clearFaults(); // answers the held requests; their callers gave up long ago
        }
        return drained & pipeline.awaitQuiet(Duration.ofSeconds(90));
    }

    /** Every workspace's ClickUp down at once; the drain must neither lose nor park the events. */
    private boolean outage(ChaosPipeline pipeline) throws InterruptedException {
        for (ChaosSide side : sides) {
            side.target.clickUp().faults().failRate(1.0, 503, side.chaos.nextLong(), "/task/");
            for (int i = 0; i < OUTAGE_TASKS; i++) {
                side.createTask(side.listId);
            }
        }
        boolean drained = awaitPushed();
        Thread.sleep(OUTAGE_LENGTH.toMillis());
        for (ChaosSide side : sides) {
            side.faults.put(OUTAGE, side.target.clickUp().faults().injectedFailures(503));
            side.target.clickUp().clearFaults();
        }
        return drained & pipeline.awaitQuiet(Duration.ofSeconds(90));
    }

    /**
     * Every {@code /task/} request of the default token answers 429 for {@link #STORM_LENGTH} while each
     * workspace renames {@link #STORM_UPDATES} tasks: the other workspaces' events must be applied meanwhile.
     * Counted in {@link #RATE_LIMITED} with the rounds' storms.
     */
    private StormProbe loneStorm(ChaosPipeline pipeline) throws InterruptedException {
        if (sides.size() < 2) {
            return StormProbe.NONE;
        }
        ChaosSide stormed = sides.get(0);
        stormed.target.clickUp().faults().failRate(1.0, 429, stormed.chaos.nextLong(), "/task/");
        long started = System.nanoTime();
        Map<ChaosSide, Integer> before = new LinkedHashMap<>();
        for (ChaosSide side : sides) {
            before.put(side, side.pusher.acknowledgedDeliveries().size());
            for (int i = 0; i < STORM_UPDATES; i++) {
                side.renameHot("Storm " + i);
            }
        }
        awaitPushed();
        Map<String, Integer> made = new LinkedHashMap<>();
        Map<String, Integer> applied = new LinkedHashMap<>();
        Duration othersApplied = null;
        while (System.nanoTime() - started < STORM_LENGTH.toNanos()) {
            boolean othersDone = true;
            for (ChaosSide side : sides) {
                List<WebhookDelivery> phase = side.pusher.acknowledgedDeliveries().subList(before.get(side),
                        side.pusher.acknowledgedDeliveries().size());
                made.put(side.target.workspace(), phase.size());
                int done = (int) phase.stream().filter(d -> pipeline.applied(ChaosAudit.key(d))).count();
                applied.put(side.target.workspace(), done);
                othersDone &= side == stormed || done == phase.size();
            }
            if (othersDone && othersApplied == null) {
                othersApplied = Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(100);
        }
        stormed.faults.put(LONE_STORM, stormed.target.clickUp().faults().injectedFailures(429));
        stormed.target.clickUp().clearFaults();
        return new StormProbe(made, applied, othersApplied == null ? STORM_LENGTH : othersApplied);
    }

    /** Waits until every workspace's pusher has nothing left to send. */
    private boolean awaitPushed() throws InterruptedException {
        boolean idle = true;
        for (ChaosSide side : sides) {
            idle &= side.pusher.awaitIdle(Duration.ofSeconds(60));
        }
        return idle;
    }

    @Override
    public void close() {
        sides.forEach(ChaosSide::close);
    }
}
