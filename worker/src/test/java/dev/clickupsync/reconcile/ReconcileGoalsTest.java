package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.goal.GoalPass;
import dev.clickupsync.goal.GoalStore;
import dev.clickupsync.goal.StoredGoal;
import dev.clickupsync.hierarchy.HierarchyCascade;
import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.hierarchy.HierarchySchedule;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reconcile's goal pass against the fake ClickUp: goal changes whose webhooks were dropped (a key
 * result's progress, a new goal, a deletion) are repaired by one pass at {@code 1 + changed + missing}
 * calls, an unchanged workspace costs the listing only, a stopped pass leaves the stored listing so
 * the next one redoes it, and the hierarchy pass runs it when due.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileGoalsTest {
    private static final String TEAM = DemoWorkspace.TEAM_ID;

    @Inject
    GoalPass pass;
    @Inject
    GoalStore store;
    @Inject
    DrainProcessor drain;
    @Inject
    ClickUpClient clickUpApi;
    @Inject
    HierarchyStore hierarchyStore;
    @Inject
    HierarchyCascade cascade;
    @Inject
    Metrics metrics;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private void delivered(List<WebhookDelivery> deliveries) {
        List<QueuedEvent> messages = new ArrayList<>();
        for (WebhookDelivery d : deliveries) {
            messages.add(new QueuedEvent(UUID.randomUUID().toString(), d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(),
                    EventEnvelope.RECEIVED_AT, Instant.now() + "#" + UUID.randomUUID()), 1));
        }
        assertThat(drain.process(messages, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void repairsGoalsWhoseWebhooksWereDroppedAndTombstonesAGoalDeletedWithoutOne() {
        pass.run(TEAM, () -> { }); // what earlier tests of the application left is settled first
        String changed = fresh();
        String deleted = fresh();
        String kr = fresh();
        List<WebhookDelivery> setup = new ArrayList<>(clickUp.workspace().createGoal(changed, "Changed", null));
        setup.addAll(clickUp.workspace().createKeyResult(changed, kr, "Steps", 0, 10));
        setup.addAll(clickUp.workspace().createGoal(deleted, "Deleted", null));
        delivered(setup);
        // dropped webhooks:
        clickUp.workspace().updateKeyResult(kr, 7);
        clickUp.workspace().deleteGoal(deleted);
        String created = fresh();
        clickUp.workspace().createGoalFolder(fresh(), "Later");
        clickUp.workspace().createGoal(created, "Created unseen", null);
        long found = metrics.count("ReconcileGoalDeletionsFound");

        GoalPass.Result result = pass.run(TEAM, () -> { });

        assertThat(result.calls()).as("listing + changed + new + vanished").isEqualTo(4);
        assertThat(store.find(changed).orElseThrow().json()).isEqualTo(clickUpApi.goal(changed).path("goal"));
        assertThat(store.find(changed).orElseThrow().json().path("percent_completed").asInt()).isEqualTo(70);
        assertThat(store.find(created).orElseThrow().json().path("name").asText()).isEqualTo("Created unseen");
        assertThat(store.find(deleted).orElseThrow().deleted()).isTrue();
        assertThat(store.goals(TEAM)).extracting(StoredGoal::id).contains(changed, created).doesNotContain(deleted);
        assertThat(metrics.count("ReconcileGoalDeletionsFound") - found).isEqualTo(1);
        assertThat(store.listing(TEAM).orElseThrow().json()).isEqualTo(clickUpApi.goals(TEAM));

        assertThat(pass.run(TEAM, () -> { }).calls()).as("nothing changed: the listing only").isEqualTo(1);
    }

    @Test
    void aPassStoppedMidwayLeavesTheStoredListingSoTheNextPassRedoesIt() {
        pass.run(TEAM, () -> { });
        String goal = fresh();
        clickUp.workspace().createGoal(goal, "Unseen", null); // goalCreated dropped
        var before = store.listing(TEAM).orElseThrow();
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> pass.run(TEAM, () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("out of time");
            }
        })).hasMessage("out of time");

        assertThat(store.find(goal)).isEmpty();
        assertThat(store.listing(TEAM).orElseThrow().fetchedAt()).isEqualTo(before.fetchedAt());
        assertThat(pass.run(TEAM, () -> { }).written()).isEqualTo(1);
        assertThat(store.find(goal)).isPresent();
    }

    @Test
    void theHierarchyPassRunsTheGoalPassWhenDue() {
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(3650))); // past any earlier pass
        HierarchyPass withGoals = new HierarchyPass(clickUpApi, hierarchyStore, cascade, metrics,
                new HierarchySchedule(dynamo, sync.tables().control(), Duration.ofHours(1), clock), pass);
        String goal = fresh();
        clickUp.workspace().createGoal(goal, "Unseen", null);
        try {
            assertThat(withGoals.runIfDue(TEAM, () -> { }, () -> { })).isPresent();
        } finally { // the record is 10 years ahead: gone, the other tests' passes are due again
            dynamo.deleteItem(b -> b.tableName(sync.tables().control())
                    .key(dev.clickupsync.store.Item.key("reconcile#" + TEAM, "hierarchy")));
        }
        assertThat(store.find(goal).orElseThrow().json().path("name").asText()).isEqualTo("Unseen");
    }
}
