package dev.clickupsync.bench;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeFaults;
import dev.clickupsync.testkit.clickup.FakeUser;
import dev.clickupsync.testkit.clickup.FakeWebhook;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.RandomChanges;
import dev.clickupsync.testkit.clickup.SecondDemoWorkspace;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.clickup.WebhookPusher;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One workspace's part of a chaos run (issue #17: two workspaces on two tokens): its fake ClickUp, the run's
 * list and webhook in it, the tasks made there, the deliveries its pusher acknowledged or dropped, and the
 * faults injected into its fake. {@link ChaosWorkload} drives every side round by round, change by change
 * in turn, so the workspaces' events are interleaved in the one queue.
 *
 * <p>Invariants: a side's webhook is signed with its workspace's secret, so ingest tells the workspace by
 * the signature alone (the run's webhook id is in no configuration); a side draws its changes and its
 * fault draws from randoms of its own, so the default workspace's workload is the same whether or not a
 * second one runs beside it.
 */
final class ChaosSide {
    /** Where one workspace's run goes: its configured name, its fake, the folder of its list, its secret, its share. */
    record Target(String workspace, FakeClickUp clickUp, String folderId, String webhookSecret, int divisor, long seedOffset) {
        static Target demo(FakeClickUp clickUp) {
            return new Target(dev.clickupsync.workspace.Workspace.DEFAULT, clickUp, DemoWorkspace.FOLDER_ID,
                    DemoWorkspace.WEBHOOK_SECRET, 1, 0);
        }

        /** The second workspace ({@link SecondDemoWorkspace}, configured as {@code sync.workspaces.acme.*}): a third the size. */
        static Target second(FakeClickUp clickUp) {
            return new Target(SecondDemoWorkspace.NAME, clickUp, SecondDemoWorkspace.FOLDER_ID, SecondDemoWorkspace.WEBHOOK_SECRET,
                    3, 1_000_003L);
        }
    }

    static final int HOT_TASKS = 5;

    final Target target;
    final FakeWorkspace workspace;
    final String listId;
    final String webhookId;
    final Random changes;
    final Random chaos;
    final Map<String, Integer> faults = new LinkedHashMap<>();
    final List<String> all = new ArrayList<>();
    final List<String> live = new ArrayList<>();
    final List<WebhookDelivery> duplicates = new ArrayList<>();
    private final int callsBefore;
    private final int rateLimitedBefore;
    WebhookPusher pusher;
    ChaosObjects objects;
    int deliveries;
    int deleted;
    private int acknowledgedBefore;

    ChaosSide(Target target, String scenario, long seed) {
        this.target = target;
        this.workspace = target.clickUp().workspace();
        this.listId = "bench-chaos-" + scenario + (target.seedOffset() == 0 ? "" : "-" + target.workspace()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.webhookId = listId + "-webhook";
        this.changes = new Random(seed + target.seedOffset());
        this.chaos = new Random((seed + target.seedOffset()) * 31 + 17);
        this.callsBefore = target.clickUp().requestCount();
        this.rateLimitedBefore = target.clickUp().rateLimited();
        ChaosWorkload.KINDS.forEach(k -> faults.put(k, 0));
    }

    /** The run's list and webhook (only it has an endpoint, so only it is pushed), then the tasks and the containers. */
    void setUp(URI endpoint, int tasks, double dropShare, long seed) {
        // The changes name the demo's users (comments, time): every workspace gets them as members.
        workspace.addUser(FakeUser.of(DemoWorkspace.ADA, "Ada Lovelace", "ada@example.com", "#7b68ee"))
                .addUser(FakeUser.of(DemoWorkspace.ALAN, "Alan Turing", "alan@example.com", "#e91e63"));
        workspace.addList(listId, target.folderId(), "Bench chaos", DemoWorkspace.STATUSES);
        workspace.addWebhook(new FakeWebhook(webhookId, target.webhookSecret(), Set.of("*")), endpoint.toString());
        // An injected 429 carries the fake's reset: a 1 s window keeps a storm's back-off on the bench's time scale.
        target.clickUp().setRateLimit(1_000_000, Duration.ofSeconds(1));
        pusher = target.clickUp().pushWebhooks(WebhookPusher.Options.of(dropShare, seed + target.seedOffset()));
        for (int i = 0; i < tasks; i++) {
            createTask(listId);
        }
        objects = new ChaosObjects(workspace, listId, changes);
        deliveries += mine(objects.setUp(this::newTask));
    }

    /** Change {@code c} of a round: every round deletes one task and creates one; more of both now and then. */
    void change(int c) {
        int roll = c < 2 ? c : changes.nextInt(25);
        if (roll == 0 && live.size() > HOT_TASKS + 1) {
            String victim = live.remove(HOT_TASKS + changes.nextInt(live.size() - HOT_TASKS));
            deliveries += mine(workspace.deleteTask(victim));
            deleted++;
        } else if (roll == 1) {
            createTask(listId);
        } else {
            String task = changes.nextInt(3) == 0 ? live.get(changes.nextInt(HOT_TASKS)) : live.get(changes.nextInt(live.size()));
            deliveries += mine(workspace.updateTask(task, ch -> RandomChanges.apply(ch, changes)));
        }
    }

    void objectsRound(int round) {
        deliveries += mine(objects.round(round, live, this::newTask));
    }

    /** Marks where this round's acknowledged deliveries begin (for {@link #deliverAgain}). */
    void roundStarts() {
        acknowledgedBefore = pusher.acknowledgedDeliveries().size();
    }

    /** A fifth of this round's acknowledged deliveries, delivered a second time (ClickUp not seeing the 2xx). */
    void deliverAgain(URI endpoint) {
        List<WebhookDelivery> acknowledged = pusher.acknowledgedDeliveries();
        for (WebhookDelivery d : acknowledged.subList(acknowledgedBefore, acknowledged.size())) {
            if (chaos.nextInt(5) == 0 && d.postTo(endpoint) / 100 == 2) {
                duplicates.add(d);
            }
        }
    }

    /** Adds what the fake injected since its last clear to this side's counts, and clears. */
    void collectFaults() {
        FakeFaults f = target.clickUp().faults();
        faults.merge(ChaosWorkload.SERVER_ERRORS, f.injectedFailures(500) + f.injectedFailures(502) + f.injectedFailures(503),
                Integer::sum);
        faults.merge(ChaosWorkload.RATE_LIMITED, f.injectedFailures(429), Integer::sum);
        faults.merge(ChaosWorkload.TIMEOUTS, f.hangsBegun(), Integer::sum);
        target.clickUp().clearFaults();
    }

    void updateHot() {
        deliveries += mine(workspace.updateTask(live.get(chaos.nextInt(HOT_TASKS)), ch -> RandomChanges.apply(ch, chaos)));
    }

    /** A hot task renamed: a change that always makes a webhook (a random change may set what is already set). */
    void renameHot(String name) {
        deliveries += mine(workspace.updateTask(live.get(chaos.nextInt(HOT_TASKS)), ch -> ch.name(name)));
    }

    void createTask(String list) {
        deliveries += mine(newTask(list));
    }

    /** ClickUp calls this side's token made since the side began, and its fake's 429 answers. */
    int calls() {
        return target.clickUp().requestCount() - callsBefore;
    }

    int rateLimited() {
        return target.clickUp().rateLimited() - rateLimitedBefore;
    }

    private List<WebhookDelivery> newTask(String list) {
        String id = listId + "-t" + all.size();
        all.add(id);
        live.add(id);
        return workspace.createTask(id, list, "Task " + (all.size() - 1));
    }

    /** Deliveries made for this run's webhook (the workspace makes one per registered webhook). */
    int mine(List<WebhookDelivery> made) {
        return (int) made.stream().filter(d -> webhookId.equals(d.webhookId())).count();
    }

    /** The deliveries the fake dropped for this run's webhook. */
    List<WebhookDelivery> dropped() {
        return pusher.droppedDeliveries().stream().filter(d -> webhookId.equals(d.webhookId())).toList();
    }

    /** Everything acknowledged for this side, second copies included. */
    List<WebhookDelivery> acknowledged() {
        List<WebhookDelivery> acknowledged = new ArrayList<>(pusher.acknowledgedDeliveries().stream()
                .filter(d -> webhookId.equals(d.webhookId())).toList());
        acknowledged.addAll(duplicates);
        return acknowledged;
    }

    void close() {
        target.clickUp().stopPushingWebhooks();
        target.clickUp().clearFaults();
        workspace.deleteWebhook(webhookId);
    }
}
