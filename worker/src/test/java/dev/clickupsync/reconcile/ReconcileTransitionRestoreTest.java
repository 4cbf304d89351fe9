package dev.clickupsync.reconcile;

import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.LocalRateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.history.PendingRestores;
import dev.clickupsync.history.TransitionRestore;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.store.Tables;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status transitions that only dropped webhooks carried, restored by reconcile from the fake's
 * {@code GET /task/bulk_time_in_status/task_ids}: marked restored, stored once whatever runs again or
 * arrives late, at {@code ceil(n / 100)} calls for {@code n} changed tasks, nothing lost to a failing
 * ClickUp, a deleted task skipped. "Dropped" here is a delivery the test never hands to the drain.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileTransitionRestoreTest {
    private static final String BULK = "/task/bulk_time_in_status/task_ids";

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
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottledAndNothingPending() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
        clickUp.clearFaults();
        clickUp.workspace().setTimeInStatusSkew(Duration.ZERO);
        // Other reconcile tests' walks note their tasks in the same workspace: start from none.
        pending.remove(TEAM, pending.taskIds(TEAM));
    }

    @Test
    void aTransitionWhoseWebhookWasDroppedIsRestoredByReconcileAndMarkedRestored() {
        String list = Workspaces.newList(clickUp, "restore");
        String task = list + "-t0";
        deliver(clickUp.workspace().createTask(task, list, "Restore me"));
        deliver(clickUp.workspace().updateTask(task, c -> c.status("in progress")));
        WebhookDelivery dropped = clickUp.workspace().updateTask(task, c -> c.status("review")).get(0);
        deliver(clickUp.workspace().updateTask(task, c -> c.status("complete")));
        assertThat(transitions.forTask(task)).extracting(Transition::toStatus).containsExactly("to do", "in progress", "complete");
        Reconciler reconciler = reconcilerOf(list);
        int bulkBefore = bulkCalls();

        ReconcileReport report = reconciler.run(deadline());

        assertThat(report.complete()).isTrue();
        assertThat(bulkCalls() - bulkBefore).isEqualTo(1);
        List<Transition> stored = transitions.forTask(task);
        assertThat(stored).extracting(Transition::toStatus).containsExactly("to do", "in progress", "review", "complete");
        Transition restored = stored.get(2);
        assertThat(restored.restored()).isTrue();
        assertThat(restored.at()).isEqualTo(dateOf(dropped));
        assertThat(restored.fromStatus()).isEqualTo("in progress");
        assertThat(restored.toType()).isEqualTo("custom");
        assertThat(restored.byUserId()).isNull();
        assertThat(rawItems(task)).filteredOn(i -> i.containsKey("source")).singleElement()
                .satisfies(i -> assertThat(i.get("source").s()).isEqualTo("restored"));

        ReconcileReport again = reconciler.run(deadline());
        assertThat(again.complete()).isTrue();
        assertThat(bulkCalls() - bulkBefore).as("nothing changed: nothing noted, no call").isEqualTo(1);
        pending.add(TEAM, List.of(task));
        TransitionRestore.Result forced = restore.run(TEAM, () -> { });
        assertThat(forced.calls()).isEqualTo(1);
        assertThat(forced.restored()).as("asked again, it stores nothing new").isZero();
        assertThat(rawItems(task)).hasSize(4);
    }

    @Test
    void aVisitToAnotherStatusAndBackWhoseWebhooksWereBothDroppedIsRestored() {
        String list = Workspaces.newList(clickUp, "restore-visit");
        String task = list + "-t0";
        deliver(clickUp.workspace().createTask(task, list, "Visit and back"));
        deliver(clickUp.workspace().updateTask(task, c -> c.status("in progress")));
        Reconciler reconciler = reconcilerOf(list);
        assertThat(reconciler.run(deadline()).complete()).isTrue(); // the scope's first walk
        // Both dropped: the listed status (in progress) is what the stored history ends in.
        WebhookDelivery toReview = clickUp.workspace().updateTask(task, c -> c.status("review")).get(0);
        WebhookDelivery back;
        // Back a minute later on the fake's clock: entries into one status less than a second apart would
        // be one entry (TransitionStore.SAME_ENTRY), and people do not come back that fast.
        clickUp.workspace().setClock(java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1)));
        try {
            back = clickUp.workspace().updateTask(task, c -> c.status("in progress")).get(0);
        } finally {
            clickUp.workspace().setClock(java.time.Clock.systemUTC());
        }
        int bulkBefore = bulkCalls();

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(bulkCalls() - bulkBefore).isEqualTo(1);
        List<Transition> stored = transitions.forTask(task);
        assertThat(stored).extracting(Transition::toStatus).containsExactly("to do", "in progress", "review", "in progress");
        assertThat(stored.get(2).at()).isEqualTo(dateOf(toReview));
        assertThat(stored.get(3).at()).isEqualTo(dateOf(back));
        assertThat(stored.get(3).fromStatus()).isEqualTo("review");
        assertThat(stored.subList(2, 4)).allMatch(Transition::restored);
    }

    @Test
    void aReturnToAStatusWhoseWebhookWasDroppedIsRestoredWithinTheMinuteClickUpCountsAndALateWebhookReplacesIt() {
        String list = Workspaces.newList(clickUp, "restore-return");
        String task = list + "-t0";
        deliver(clickUp.workspace().createTask(task, list, "Back to work"));
        deliver(clickUp.workspace().updateTask(task, c -> c.status("in progress")));
        deliver(withClockAhead(Duration.ofMinutes(1), () -> clickUp.workspace().updateTask(task, c -> c.status("review"))));
        // The return to "in progress" is dropped: time_in_status shows "in progress" once (its first entry).
        List<WebhookDelivery> dropped = withClockAhead(Duration.ofMinutes(2),
                () -> clickUp.workspace().updateTask(task, c -> c.status("in progress")));
        // The heard webhook says it left "in progress", while the mirror's timeline stands at "review".
        WebhookDelivery heard = withClockAhead(Duration.ofMinutes(3),
                () -> clickUp.workspace().updateTask(task, c -> c.status("complete"))).get(0);
        deliver(List.of(heard));
        int bulkBefore = bulkCalls();

        assertThat(reconcilerOf(list).run(deadline()).complete()).isTrue();

        assertThat(bulkCalls() - bulkBefore).isEqualTo(1);
        List<Transition> stored = transitions.forTask(task);
        assertThat(stored).extracting(Transition::toStatus)
                .containsExactly("to do", "in progress", "review", "in progress", "complete");
        Transition back = stored.get(3);
        Instant truth = dateOf(dropped.get(0));
        assertThat(back.restored()).isTrue();
        assertThat(back.approximate()).isTrue();
        assertThat(back.fromStatus()).isEqualTo("review");
        assertThat(back.window().holds(truth, Duration.ZERO)).as("the window %s holds %s", back.window(), truth).isTrue();
        assertThat(Duration.between(back.window().earliest(), back.window().latest()))
                .isLessThanOrEqualTo(TransitionStore.APPROXIMATE_MAX);
        assertThat(back.window().earliest()).isAfter(stored.get(2).at());
        assertThat(back.window().latest()).isBefore(stored.get(4).at());
        assertThat(rawItems(task)).filteredOn(i -> i.containsKey("at_earliest")).hasSize(1);

        deliver(dropped);

        List<Transition> after = transitions.forTask(task);
        assertThat(after).extracting(Transition::toStatus)
                .containsExactly("to do", "in progress", "review", "in progress", "complete");
        assertThat(after.get(3).restored()).as("the late webhook's transition replaced the approximate one").isFalse();
        assertThat(after.get(3).at()).isEqualTo(truth);
        assertThat(rawItems(task)).hasSize(5);
    }

    @Test
    void aTaskWhoseCreationWebhookWasDroppedGetsItsCreationRestoredAfterTheFirstWalk() {
        String list = Workspaces.newList(clickUp, "restore-created");
        deliver(clickUp.workspace().createTask(list + "-t0", list, "Imported"));
        Reconciler reconciler = reconcilerOf(list);
        assertThat(reconciler.run(deadline()).complete()).isTrue(); // the scope's first walk: an import
        String task = list + "-t1";
        clickUp.workspace().createTask(task, list, "Created while nobody listened"); // dropped

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(transitions.forTask(task)).singleElement().satisfies(t -> {
            assertThat(t.restored()).isTrue();
            assertThat(t.fromStatus()).as("the creation").isNull();
            assertThat(t.toStatus()).isEqualTo("to do");
            assertThat(t.at()).isEqualTo(Instant.ofEpochMilli(
                    clickUp.workspace().taskJson(task).get("date_created").asLong()));
        });
    }

    @Test
    void aWebhookArrivingAfterTheRestoreLeavesOneTransitionTheWebhooks() {
        String list = Workspaces.newList(clickUp, "restore-late");
        String task = list + "-t0";
        deliver(clickUp.workspace().createTask(task, list, "Late webhook"));
        // ClickUp's since and the history item's date differ by a few ms.
        clickUp.workspace().setTimeInStatusSkew(Duration.ofMillis(4));
        List<WebhookDelivery> late = clickUp.workspace().updateTask(task, c -> c.status("review"));
        Reconciler reconciler = reconcilerOf(list);
        assertThat(reconciler.run(deadline()).complete()).isTrue();
        assertThat(transitions.forTask(task)).extracting(Transition::restored).containsExactly(false, true);

        deliver(late);

        List<Transition> stored = transitions.forTask(task);
        assertThat(stored).extracting(Transition::toStatus).containsExactly("to do", "review");
        assertThat(stored.get(1).restored()).isFalse();
        assertThat(stored.get(1).byUserId()).as("the webhook's names who").isNotNull();
        assertThat(stored.get(1).at()).isEqualTo(dateOf(late.get(0)));
        assertThat(rawItems(task)).as("the restored item is gone, not hidden").hasSize(2);
    }

    @Test
    void aWebhookBeforeTheRestoreMakesTheRestoreWriteNothing() {
        String list = Workspaces.newList(clickUp, "restore-early");
        String task = list + "-t0";
        deliver(clickUp.workspace().createTask(task, list, "Early webhook"));
        clickUp.workspace().setTimeInStatusSkew(Duration.ofMillis(-3));
        deliver(clickUp.workspace().updateTask(task, c -> c.status("review")));
        pending.add(TEAM, List.of(task)); // as if the walk had listed it before the webhook was drained

        TransitionRestore.Result result = restore.run(TEAM, () -> { });

        assertThat(result.calls()).isEqualTo(1);
        assertThat(result.restored()).isZero();
        assertThat(rawItems(task)).hasSize(2);
        assertThat(transitions.forTask(task)).noneMatch(Transition::restored);
        assertThat(pending.taskIds(TEAM)).isEmpty();
    }

    @Test
    void manyTasksWhoseCreationWasDroppedTakeOneBulkCallPerHundredAndAFailingClickUpLosesNone() {
        String list = Workspaces.newList(clickUp, "restore-many");
        // The mirror hears the workspace from here on (HeardSince): what is created after it is no import.
        deliver(clickUp.workspace().createTask(list + "-z", list, "Heard"));
        List<String> tasks = Workspaces.createTasks(clickUp, list, 150); // every webhook dropped
        Reconciler reconciler = reconcilerOf(list);
        // The first bulk call answers, every attempt of the second fails (5xx after the retries).
        clickUp.faults().failAfter(1, 8, 503, BULK);
        long errors = metrics.count("ReconcileError", "Reason", "clickup_server_error");

        ReconcileReport failing = reconciler.run(deadline()); // the scope's first walk

        assertThat(metrics.count("ReconcileError", "Reason", "clickup_server_error")).isEqualTo(errors + 1);
        assertThat(pending.taskIds(TEAM).stream().filter(tasks::contains))
                .as("created since the mirror hears the workspace: noted even in a first walk; the second hundred"
                        + " waits for the next run").hasSize(50);
        assertThat(tasks.stream().filter(t -> !transitions.forTask(t).isEmpty()).count()).isEqualTo(100);
        clickUp.clearFaults();
        int bulkMid = bulkCalls();

        ReconcileReport next = reconciler.run(deadline());

        assertThat(next.complete()).isTrue();
        assertThat(bulkCalls() - bulkMid).isEqualTo(1);
        assertThat(pending.taskIds(TEAM)).isEmpty();
        for (String task : tasks) {
            assertThat(transitions.forTask(task)).as(task).singleElement().satisfies(t -> {
                assertThat(t.restored()).isTrue();
                assertThat(t.fromStatus()).as("the creation").isNull();
            });
        }
        assertThat(failing.stop()).as("a failed pass does not end the run").isNull();
    }

    @Test
    void aVisitAndBackWhoseWebhooksWereDroppedAreRestoredEvenWhenALaterChangeWasHeard() {
        String list = Workspaces.newList(clickUp, "restore-hidden");
        String task = list + "-t0";
        deliver(clickUp.workspace().createTask(task, list, "Hidden visit"));
        Reconciler reconciler = reconcilerOf(list);
        assertThat(reconciler.run(deadline()).complete()).isTrue(); // the scope's first walk
        WebhookDelivery away = clickUp.workspace().updateTask(task, c -> c.status("in progress")).get(0); // dropped
        // Dropped too; to do's second entry, which time_in_status does not show (one entry per status).
        WebhookDelivery back = withClockAhead(Duration.ofMinutes(1),
                () -> clickUp.workspace().updateTask(task, c -> c.status("to do"))).get(0);
        // Heard: the mirror is current; its before (to do) tells the return that time_in_status hides.
        withClockAhead(Duration.ofMinutes(2), () -> {
            deliver(clickUp.workspace().updateTask(task, c -> c.status("review")));
            return null;
        });
        int bulkBefore = bulkCalls();

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(bulkCalls() - bulkBefore).as("changed since the last walk: asked about once").isEqualTo(1);
        List<Transition> stored = transitions.forTask(task);
        assertThat(stored).extracting(Transition::toStatus).containsExactly("to do", "in progress", "to do", "review");
        assertThat(stored.get(1).at()).isEqualTo(dateOf(away));
        assertThat(stored.get(1).restored()).isTrue();
        assertThat(stored.get(1).approximate()).as("shown by time_in_status: its exact time").isFalse();
        assertThat(stored.get(2).approximate()).as("the return, to the minute").isTrue();
        assertThat(stored.get(2).window().holds(dateOf(back), Duration.ZERO)).isTrue();
        assertThat(stored.get(2).fromStatus()).isEqualTo("in progress");
        assertThat(reconciler.run(deadline()).complete()).isTrue();
        assertThat(bulkCalls() - bulkBefore).as("listed again within the overlap: not asked again").isEqualTo(1);
    }

    @Test
    void aCreationDroppedBeforeAHeardStatusChangeIsRestoredInTheListsFirstWalk() {
        String list = Workspaces.newList(clickUp, "restore-first-walk");
        deliver(clickUp.workspace().createTask(list + "-heard", list, "The mirror hears the workspace"));
        String task = list + "-t0";
        clickUp.workspace().createTask(task, list, "Creation dropped"); // dropped
        deliver(clickUp.workspace().updateTask(task, c -> c.status("in progress")));
        assertThat(transitions.forTask(task)).extracting(Transition::fromStatus).containsExactly("to do");

        assertThat(reconcilerOf(list).run(deadline()).complete()).isTrue(); // the list's first walk

        assertThat(transitions.forTask(task)).extracting(Transition::toStatus).containsExactly("to do", "in progress");
        assertThat(transitions.forTask(task).get(0)).satisfies(t -> {
            assertThat(t.restored()).isTrue();
            assertThat(t.fromStatus()).isNull();
        });
    }

    @Test
    void aTaskDeletedInClickUpIsSkippedWithItsReasonAndTheOthersRestored() {
        String list = Workspaces.newList(clickUp, "restore-deleted");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String task = list + "-t" + i;
            deliver(clickUp.workspace().createTask(task, list, "Task " + i));
            clickUp.workspace().updateTask(task, c -> c.status("review")); // dropped
            tasks.add(task);
        }
        assertThat(reconcilerOf(list).reconcile(Scope.lists(TEAM, list), deadline()).complete()).isTrue();
        assertThat(pending.taskIds(TEAM)).containsExactlyInAnyOrderElementsOf(tasks);
        clickUp.workspace().deleteTask(tasks.get(3)); // its webhook dropped: only ClickUp knows
        deliver(clickUp.workspace().deleteTask(tasks.get(1))); // the mirror holds its tombstone
        long notFound = metrics.count("TransitionRestoreSkipped", "Reason", "clickup_not_found");
        long tombstoned = metrics.count("TransitionRestoreSkipped", "Reason", "task_deleted");
        int bulkBefore = bulkCalls();

        TransitionRestore.Result result = restore.run(TEAM, () -> { });

        assertThat(result.restored()).isEqualTo(3);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.calls()).as("4 tasks asked; the batch halved down to the deleted one").isBetween(2, 1 + 2 * 2)
                .isEqualTo(bulkCalls() - bulkBefore);
        assertThat(metrics.count("TransitionRestoreSkipped", "Reason", "clickup_not_found")).isEqualTo(notFound + 1);
        assertThat(metrics.count("TransitionRestoreSkipped", "Reason", "task_deleted")).isEqualTo(tombstoned + 1);
        assertThat(pending.taskIds(TEAM)).as("skipped for good").isEmpty();
        for (int i : new int[] {0, 2, 4}) {
            assertThat(transitions.forTask(tasks.get(i))).extracting(Transition::toStatus).containsExactly("to do", "review");
        }
    }

    @Test
    void aBatchWhoseEveryTaskIsGoneSpendsAtMostTheSplitCapAndLeavesTheRestForTheNextRun() {
        String list = Workspaces.newList(clickUp, "restore-all-gone");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String task = list + "-t" + i;
            deliver(clickUp.workspace().createTask(task, list, "Task " + i));
            clickUp.workspace().updateTask(task, c -> c.status("review")); // dropped
            tasks.add(task);
        }
        assertThat(reconcilerOf(list).reconcile(Scope.lists(TEAM, list), deadline()).complete()).isTrue();
        tasks.forEach(clickUp.workspace()::deleteTask); // every webhook dropped: only ClickUp knows
        int bulkBefore = bulkCalls();

        TransitionRestore.Result first = restore.run(TEAM, () -> { });

        assertThat(first.calls()).as("1 batch call + the split cap, not 2n - 1 = 79")
                .isEqualTo(1 + TransitionRestore.MAX_SPLIT_CALLS).isEqualTo(bulkCalls() - bulkBefore);
        assertThat(first.skipped()).as("tasks isolated and skipped for good").isPositive();
        List<String> left = pending.taskIds(TEAM).stream().filter(tasks::contains).toList();
        assertThat(left).as("the rest waits for the next run").isNotEmpty().hasSize(tasks.size() - first.skipped());

        for (int run = 0; run < 10 && !pending.taskIds(TEAM).isEmpty(); run++) {
            restore.run(TEAM, () -> { });
        }
        assertThat(pending.taskIds(TEAM)).as("later runs finish them").isEmpty();
        assertThat(transitions.forTask(tasks.get(0))).extracting(Transition::toStatus).containsExactly("to do");
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(), EventEnvelope.RECEIVED_AT,
                        Instant.now().toString()), 1)).toList();
        assertThat(drain.process(messages, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    /** Runs {@code change} with the fake's clock {@code ahead} (entries less than a second apart would be one). */
    private <T> T withClockAhead(Duration ahead, java.util.function.Supplier<T> change) {
        clickUp.workspace().setClock(Clock.offset(Clock.systemUTC(), ahead));
        try {
            return change.get();
        } finally {
            clickUp.workspace().setClock(Clock.systemUTC());
        }
    }

    private int bulkCalls() {
        return clickUp.count("GET", BULK);
    }

    private static Instant dateOf(WebhookDelivery delivery) {
        return Instant.ofEpochMilli(Long.parseLong(delivery.json().at("/history_items/0/date").asText()));
    }

    /** The task's transition items as stored, restored twins included. */
    private List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> rawItems(String task) {
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(sync.tables().mirror(), "task#" + task, "transition#").build())
                .items().forEach(items::add);
        return items;
    }

    /** A reconciler that walks only {@code list}, with the restore pass, on an unlimited budget. */
    private Reconciler reconcilerOf(String list) {
        ReconcileSettings settings = new ReconcileSettings(List.of(TEAM), List.of(), List.of(list), Duration.ofMinutes(5),
                90, 0.3, Duration.ofSeconds(5), Duration.ofSeconds(10), false, false, Duration.ofHours(24));
        LocalRateBudget unlimited = new LocalRateBudget(new Gcra(100_000, Duration.ofMinutes(1), 0.1), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        return new Reconciler(client, mirror, watermarks, membership, metrics, settings, unlimited, Clock.systemUTC(),
                null, restore, null);
    }
}
