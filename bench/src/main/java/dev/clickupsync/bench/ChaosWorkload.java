package dev.clickupsync.bench;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeFaults;
import dev.clickupsync.testkit.clickup.FakeWebhook;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.RandomChanges;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.clickup.WebhookPusher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The chaos bench's workload and faults. In a fresh list: tasks are created, then rounds of changes
 * (the storm's mix from {@link RandomChanges}, a third on five hot tasks, now and then a task
 * created or deleted) are made in the fake, which pushes each delivery to the pipeline's endpoint
 * as ClickUp would (retrying non-2xx answers 5 times), while the drain instances work. A round ends
 * when the pusher is idle and the queue is empty. The workload draws from its own seeded random, so
 * both scenarios make the same changes; faults draw from another.
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
 * ({@link ChaosPipeline}).
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
    static final List<String> KINDS = List.of(SERVER_ERRORS, RATE_LIMITED, TIMEOUTS, HANGING, OUTAGE, CRASHES, DROPPED,
            DUPLICATES);
    /** Tasks created and changed while ClickUp hangs. */
    private static final int HANG_CREATES = 2;
    private static final int HANG_UPDATES = 3;
    /** Tasks created during the outage: a new task has no snapshot, so its event needs {@code GET /task}. */
    private static final int OUTAGE_TASKS = 3;
    private static final int HOT_TASKS = 5;
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

    /** Sizes per bench size: tasks created first, rounds, changes per round. */
    record Size(int tasks, int rounds, int changes) {
        static Size of(String benchSize) {
            return "smoke".equals(benchSize) ? new Size(12, 2, 25) : new Size(40, 8, 60);
        }
    }

    /** What the workload did; {@code acknowledged} includes the second copies that were acknowledged. */
    record Outcome(String listId, List<String> taskIds, int deliveries, List<WebhookDelivery> acknowledged,
                   List<WebhookDelivery> dropped, Map<String, Integer> faults, int deletedTasks, boolean drained,
                   ChaosObjects objects) {
        /** The lists reconcile walks: the run's list and its live extra lists ({@link ChaosObjects#walked}). */
        List<String> listIds() {
            List<String> ids = new ArrayList<>(List.of(listId));
            ids.addAll(objects.walked());
            return ids;
        }
    }

    private final FakeClickUp clickUp;
    private final FakeWorkspace workspace;
    private final BenchOptions options;
    private final Scenario scenario;
    private final Size size;
    private final String listId;
    private final String webhookId;

    ChaosWorkload(FakeClickUp clickUp, BenchOptions options, Scenario scenario) {
        this.clickUp = clickUp;
        this.workspace = clickUp.workspace();
        this.options = options;
        this.scenario = scenario;
        this.size = Size.of(options.size());
        this.listId = "bench-chaos-" + scenario.name().toLowerCase().replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.webhookId = listId + "-webhook";
    }

    Outcome run(ChaosPipeline pipeline) throws InterruptedException {
        workspace.addList(listId, DemoWorkspace.FOLDER_ID, "Bench chaos " + scenario.label(), DemoWorkspace.STATUSES);
        // Its own webhook, signed with the secret ingest knows; only it has an endpoint, so only it is pushed.
        workspace.addWebhook(new FakeWebhook(webhookId, DemoWorkspace.WEBHOOK_SECRET, Set.of("*")), pipeline.endpointUri().toString());
        // An injected 429 carries the fake's reset: a 1 s window keeps a storm's back-off on the bench's time scale.
        clickUp.setRateLimit(1_000_000, Duration.ofSeconds(1));
        WebhookPusher pusher = clickUp.pushWebhooks(WebhookPusher.Options.of(scenario.dropShare, options.seed()));
        Random changes = new Random(options.seed());
        Random chaos = new Random(options.seed() * 31 + 17);
        Map<String, Integer> faults = new LinkedHashMap<>();
        KINDS.forEach(k -> faults.put(k, 0));
        List<String> all = new ArrayList<>();
        List<String> live = new ArrayList<>();
        List<WebhookDelivery> duplicates = new ArrayList<>();
        int deliveries = 0;
        int deleted = 0;
        boolean drained = true;
        for (int i = 0; i < size.tasks(); i++) {
            deliveries += mine(workspace.createTask(task(all, live), listId, "Task " + i));
        }
        ChaosObjects objects = new ChaosObjects(workspace, listId, changes);
        java.util.function.Function<String, List<WebhookDelivery>> newTask =
                list -> workspace.createTask(task(all, live), list, "Task " + all.size());
        deliveries += mine(objects.setUp(newTask));
        Progress progress = Progress.start("chaos (" + scenario.label + ")", size.rounds(), "rounds");
        for (int round = 0; round < size.rounds(); round++) {
            if (scenario.faults) {
                int status = SERVER_STATUSES[round % SERVER_STATUSES.length];
                clickUp.faults().failRate(0.25, status, chaos.nextLong(), "/task/")
                        .failNext(3 + chaos.nextInt(4), 429, "/task/")
                        .failNext(2, status, "/task/") // a burst, so every round has 5xx whatever the draws
                        .hangNext(1 + chaos.nextInt(2), "/task/");
            }
            int acknowledgedBefore = pusher.acknowledgedDeliveries().size();
            for (int c = 0; c < size.changes(); c++) {
                // Every round deletes one task and creates one; more of both now and then.
                int roll = c < 2 ? c : changes.nextInt(25);
                if (roll == 0 && live.size() > HOT_TASKS + 1) {
                    String victim = live.remove(HOT_TASKS + changes.nextInt(live.size() - HOT_TASKS));
                    deliveries += mine(workspace.deleteTask(victim));
                    deleted++;
                } else if (roll == 1) {
                    deliveries += mine(workspace.createTask(task(all, live), listId, "Task " + all.size()));
                } else {
                    String task = changes.nextInt(3) == 0 ? live.get(changes.nextInt(HOT_TASKS)) : live.get(changes.nextInt(live.size()));
                    deliveries += mine(workspace.updateTask(task, ch -> RandomChanges.apply(ch, changes)));
                }
            }
            deliveries += mine(objects.round(round, live, newTask));
            drained &= pusher.awaitIdle(Duration.ofSeconds(60));
            if (scenario.faults) {
                List<WebhookDelivery> acknowledged = pusher.acknowledgedDeliveries();
                for (WebhookDelivery d : acknowledged.subList(acknowledgedBefore, acknowledged.size())) {
                    if (chaos.nextInt(5) == 0 && d.postTo(pipeline.endpointUri()) / 100 == 2) {
                        duplicates.add(d);
                    }
                }
            }
            drained &= pipeline.awaitQuiet(Duration.ofSeconds(90));
            if (scenario.faults) {
                FakeFaults f = clickUp.faults();
                faults.merge(SERVER_ERRORS, f.injectedFailures(500) + f.injectedFailures(502) + f.injectedFailures(503), Integer::sum);
                faults.merge(RATE_LIMITED, f.injectedFailures(429), Integer::sum);
                faults.merge(TIMEOUTS, f.hangsBegun(), Integer::sum);
                clickUp.clearFaults();
            }
            progress.step();
        }
        progress.close();
        if (scenario.faults) {
            // No answer at all, for longer than several invocations: only the deadline ends the calls.
            clickUp.faults().hangNext(Integer.MAX_VALUE, "/task/");
            for (int i = 0; i < HANG_CREATES; i++) {
                deliveries += mine(workspace.createTask(task(all, live), listId, "Task " + all.size()));
            }
            for (int i = 0; i < HANG_UPDATES; i++) {
                deliveries += mine(workspace.updateTask(live.get(chaos.nextInt(HOT_TASKS)), ch -> RandomChanges.apply(ch, chaos)));
            }
            drained &= pusher.awaitIdle(Duration.ofSeconds(60));
            Thread.sleep(HANG_LENGTH.toMillis());
            faults.put(HANGING, clickUp.faults().hangsBegun());
            clickUp.clearFaults(); // answers the held requests; their callers gave up long ago
            drained &= pipeline.awaitQuiet(Duration.ofSeconds(90));

            clickUp.faults().failRate(1.0, 503, chaos.nextLong(), "/task/");
            for (int i = 0; i < OUTAGE_TASKS; i++) {
                deliveries += mine(workspace.createTask(task(all, live), listId, "Task " + all.size()));
            }
            drained &= pusher.awaitIdle(Duration.ofSeconds(60));
            Thread.sleep(OUTAGE_LENGTH.toMillis()); // ClickUp stays down; the drain must neither lose nor park the events
            faults.put(OUTAGE, clickUp.faults().injectedFailures(503));
            clickUp.clearFaults();
            drained &= pipeline.awaitQuiet(Duration.ofSeconds(90));
        }
        clickUp.stopPushingWebhooks();
        List<WebhookDelivery> dropped = pusher.droppedDeliveries().stream().filter(d -> webhookId.equals(d.webhookId())).toList();
        faults.put(DROPPED, dropped.size());
        faults.put(DUPLICATES, duplicates.size());
        List<WebhookDelivery> acknowledged = new ArrayList<>(pusher.acknowledgedDeliveries());
        acknowledged.addAll(duplicates);
        return new Outcome(listId, List.copyOf(all), deliveries, acknowledged, dropped, faults, deleted,
                drained, objects);
    }

    private String task(List<String> all, List<String> live) {
        String id = listId + "-t" + all.size();
        all.add(id);
        live.add(id);
        return id;
    }

    /** Deliveries made for this run's webhook (the workspace makes one per registered webhook). */
    private int mine(List<WebhookDelivery> made) {
        return (int) made.stream().filter(d -> webhookId.equals(d.webhookId())).count();
    }

    @Override
    public void close() {
        clickUp.stopPushingWebhooks();
        clickUp.clearFaults();
        workspace.deleteWebhook(webhookId);
    }
}
