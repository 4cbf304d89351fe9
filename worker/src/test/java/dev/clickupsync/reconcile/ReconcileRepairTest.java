package dev.clickupsync.reconcile;

import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.testkit.clickup.ClickUpErrors;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.TaskChange;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static dev.clickupsync.reconcile.Workspaces.mismatches;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickUp drops a share of the webhooks; the drain applies the rest (its {@code smart} policy
 * builds snapshots from deltas, which then miss the dropped changes); one reconcile run brings
 * every task of the list back to ClickUp's truth, from the listing alone.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileRepairTest {
    private static final String[] STATUSES = {"to do", "in progress", "review", "complete"};

    @Inject
    Reconciler reconciler;
    @Inject
    DrainProcessor drain;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @Test
    void droppedWebhooksAreRepairedByOneRunWithoutFetchingSingleTasks() {
        Random random = new Random(20_251_122L);
        String list = Workspaces.newList(clickUp, "repair");
        List<String> tasks = new ArrayList<>();
        List<WebhookDelivery> delivered = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < 25; i++) {
            String id = list + "-t" + i;
            tasks.add(id);
            dropped += keepSome(clickUp.workspace().createTask(id, list, "Task " + i), random, delivered);
        }
        drainAll(delivered);
        for (int round = 0; round < 4; round++) {
            delivered.clear();
            for (int change = 0; change < 30; change++) {
                String task = tasks.get(random.nextInt(tasks.size()));
                dropped += keepSome(clickUp.workspace().updateTask(task, c -> randomChange(c, random)), random, delivered);
            }
            drainAll(delivered);
        }
        List<String> before = mismatches(clickUp, mirror, tasks);
        assertThat(dropped).isGreaterThan(10);
        assertThat(before).as("the dropped webhooks left the mirror behind").isNotEmpty();
        int singleFetches = clickUp.count("GET", "/task/" + list + "-t\\d+$");

        ScopeResult result = reconciler.reconcile(Scope.lists(TEAM, list), deadline());

        assertThat(result.complete()).isTrue();
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
        assertThat(result.tasksSeen()).isEqualTo(tasks.size());
        assertThat(result.tasksWritten()).isGreaterThanOrEqualTo(before.size()).isLessThanOrEqualTo(tasks.size());
        assertThat(clickUp.count("GET", "/task/" + list + "-t\\d+$")).as("the listing carries full tasks: no GET /task")
                .isEqualTo(singleFetches);

        ScopeResult again = reconciler.reconcile(Scope.lists(TEAM, list), deadline());
        assertThat(again.complete()).isTrue();
        assertThat(again.tasksSeen()).as("the overlap lists them again").isEqualTo(tasks.size());
        assertThat(again.tasksWritten()).as("reprocessing is harmless: nothing newer").isZero();
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
    }

    @Test
    void aTaskTombstonedByATransient404IsHealedByTheNextRun() {
        String list = Workspaces.newList(clickUp, "heal");
        List<String> tasks = Workspaces.createTasks(clickUp, list, 3);
        String blip = tasks.get(1);
        List<WebhookDelivery> change = clickUp.workspace().updateTask(blip, c -> c.name("Changed during a blip"));
        clickUp.faults().failNext(1, 404, "/task/" + blip + "$",
                ClickUpErrors.body("Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND));
        drainAll(change);
        assertThat(mirror.find(blip).orElseThrow().deleted()).as("the drain believed the 404").isTrue();
        long healed = metrics.count("MirrorTombstoneHealed", "Source", "reconcile");

        ScopeResult result = reconciler.reconcile(Scope.lists(TEAM, list), deadline());

        assertThat(result.complete()).isTrue();
        assertThat(mismatches(clickUp, mirror, tasks)).as("the listing shows the task exists: it is live again").isEmpty();
        assertThat(metrics.count("MirrorTombstoneHealed", "Source", "reconcile")).isEqualTo(healed + 1);
        ScopeResult again = reconciler.reconcile(Scope.lists(TEAM, list), deadline());
        assertThat(again.tasksWritten()).as("healed once, then current").isZero();
    }

    /** Keeps each delivery with probability 0.7 (ClickUp gave up on the others); returns how many were dropped. */
    private static int keepSome(List<WebhookDelivery> deliveries, Random random, List<WebhookDelivery> kept) {
        int dropped = 0;
        for (WebhookDelivery d : deliveries) {
            if (random.nextDouble() < 0.3) {
                dropped++;
            } else {
                kept.add(d);
            }
        }
        return dropped;
    }

    private void drainAll(List<WebhookDelivery> deliveries) {
        List<QueuedEvent> pending = new ArrayList<>();
        for (WebhookDelivery d : deliveries) {
            pending.add(new QueuedEvent(UUID.randomUUID().toString(), d.bodyString(), Map.of(
                    EventEnvelope.EVENT, d.event(), EventEnvelope.RECEIVED_AT, Instant.now().toString()), 1));
        }
        for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
            List<QueuedEvent> retry = new ArrayList<>();
            for (int i = 0; i < pending.size(); i += 10) {
                List<QueuedEvent> batch = pending.subList(i, Math.min(i + 10, pending.size()));
                List<String> failed = drain.process(batch, Instant.now().plus(Duration.ofMinutes(5)));
                batch.stream().filter(m -> failed.contains(m.messageId()))
                        .forEach(m -> retry.add(new QueuedEvent(m.messageId(), m.body(), m.attributes(), m.receiveCount() + 1)));
            }
            pending = retry;
        }
        assertThat(pending).as("messages the drain kept failing").isEmpty();
    }

    private static void randomChange(TaskChange c, Random random) {
        switch (random.nextInt(6)) {
            case 0 -> c.status(STATUSES[random.nextInt(STATUSES.length)]);
            case 1 -> c.name("Name " + random.nextInt(1000));
            case 2 -> c.priority(1 + random.nextInt(4));
            case 3 -> c.addAssignee(random.nextBoolean() ? DemoWorkspace.ADA : DemoWorkspace.ALAN);
            case 4 -> c.addTag("tag" + random.nextInt(4));
            default -> c.timeEstimate(3_600_000L * (1 + random.nextInt(8)));
        }
    }
}
