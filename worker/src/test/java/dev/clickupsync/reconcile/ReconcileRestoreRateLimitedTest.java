package dev.clickupsync.reconcile;

import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.LocalRateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.history.PendingRestores;
import dev.clickupsync.history.TransitionRestore;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClickUp answers the restore pass's bulk call with {@code 429}: the pass stops, the noted tasks stay
 * noted, and the next run (after the limit's reset) restores them. Own profile: a 429 pushes the
 * token's shared budget later, which would slow every other test of the profile; here the budget's
 * window is 3 s (so the reset is near) and a caller waits at most 1 s for a slot (so this run gives up).
 */
@QuarkusTest
@TestProfile(ReconcileRestoreRateLimitedTest.ShortWindow.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileRestoreRateLimitedTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new ReconcileProfile().getConfigOverrides());
            config.put("clickup.rate-limit.window", "3s");
            config.put("clickup.rate-limit.max-wait", "1s");
            return config;
        }
    }

    @Inject
    ClickUpClient client;
    @Inject
    MirrorStore mirror;
    @Inject
    WatermarkStore watermarks;
    @Inject
    ListMembership membership;
    @Inject
    Metrics metrics;
    @Inject
    DrainProcessor drain;
    @Inject
    TransitionStore transitions;
    @Inject
    TransitionRestore restore;
    @Inject
    PendingRestores pending;

    FakeClickUp clickUp;

    @Test
    void aRateLimitedBulkCallLeavesTheTasksNotedAndTheNextRunRestoresThem() throws InterruptedException {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
        String list = Workspaces.newList(clickUp, "restore-429");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String task = list + "-t" + i;
            deliver(clickUp.workspace().createTask(task, list, "Task " + i));
            clickUp.workspace().updateTask(task, c -> c.status("review")); // dropped
            tasks.add(task);
        }
        Reconciler reconciler = reconcilerOf(list);
        clickUp.faults().failNext(1, 429, "/task/bulk_time_in_status/task_ids");

        ReconcileReport limited = reconciler.run(deadline());

        assertThat(clickUp.faults().injectedFailures(429)).isEqualTo(1);
        assertThat(pending.taskIds(TEAM)).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(tasks).allSatisfy(t -> assertThat(transitions.forTask(t)).extracting(Transition::toStatus)
                .containsExactly("to do"));
        assertThat(limited.complete()).isFalse();
        assertThat(limited.stop()).as("the 429 closed the budget beyond the 1 s wait").isEqualTo("budget");
        Thread.sleep(3_500); // past the limit's reset (one 3 s window at most)

        ReconcileReport next = reconciler.run(deadline());

        assertThat(next.complete()).isTrue();
        assertThat(pending.taskIds(TEAM)).isEmpty();
        assertThat(tasks).allSatisfy(t -> assertThat(transitions.forTask(t)).extracting(Transition::toStatus)
                .containsExactly("to do", "review"));
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(), EventEnvelope.RECEIVED_AT,
                        Instant.now().toString()), 1)).toList();
        assertThat(drain.process(messages, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    private Reconciler reconcilerOf(String list) {
        ReconcileSettings settings = new ReconcileSettings(List.of(TEAM), List.of(), List.of(list), Duration.ofMinutes(5),
                90, 0.3, Duration.ofSeconds(5), Duration.ofSeconds(10), false, false, Duration.ofHours(24));
        LocalRateBudget unlimited = new LocalRateBudget(new Gcra(100_000, Duration.ofMinutes(1), 0.1), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        return new Reconciler(client, mirror, watermarks, membership, metrics, settings, unlimited, Clock.systemUTC(),
                null, restore, null);
    }
}
