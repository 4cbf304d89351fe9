package dev.clickupsync.reconcile;

import dev.clickupsync.admin.TaskResync;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.LocalRateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport.SweepResult;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.testkit.clickup.ClickUpErrors;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.createTasks;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deletion whose webhook never arrived leaves no trace in ClickUp's listings; the id sweep finds
 * it by absence (the list's ids in ClickUp against the mirror's membership) and confirms it with
 * {@code GET /task} before the tombstone. Moved, archived and closed tasks are not deletions.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileDeletionSweepTest {

    @Inject
    Reconciler reconciler;
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
    TaskResync resync;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @Test
    void aMissedDeletionIsFoundByTheSweepAndTombstoned() {
        String list = Workspaces.newList(clickUp, "sweep");
        String elsewhere = Workspaces.newList(clickUp, "sweep-elsewhere");
        List<String> t = createTasks(clickUp, list, 6);
        assertThat(reconciler.reconcile(Scope.lists(TEAM, list), deadline()).complete()).isTrue();
        assertThat(membership.taskIds(list)).containsExactlyInAnyOrderElementsOf(t);

        // Nobody hears about any of these: deleted, moved away, archived, closed.
        clickUp.workspace().deleteTask(t.get(1));
        clickUp.workspace().updateTask(t.get(2), c -> c.moveTo(elsewhere));
        clickUp.workspace().setArchived(t.get(3), true);
        clickUp.workspace().updateTask(t.get(4), c -> c.status("complete"));
        long found = metrics.count("ReconcileDeletionsFound");
        int singleFetches = clickUp.count("GET", "/task/" + list + "-t\\d+$");

        SweepResult sweep = reconciler.sweepDeletions(TEAM, List.of(list), deadline()).get(0);

        assertThat(sweep.complete()).isTrue();
        assertThat(sweep.deletionsFound()).isEqualTo(1);
        assertThat(sweep.moved()).isEqualTo(1);
        assertThat(sweep.checked()).as("only the two ClickUp no longer lists here").isEqualTo(2);
        assertThat(sweep.repaired()).as("the archived and the closed task, written from the listing").isEqualTo(2);
        assertThat(clickUp.count("GET", "/task/" + list + "-t\\d+$") - singleFetches).isEqualTo(2);
        assertThat(metrics.count("ReconcileDeletionsFound")).isEqualTo(found + 1);
        assertThat(mirror.find(t.get(1)).orElseThrow().deleted()).isTrue();
        assertThat(mirror.find(t.get(2)).orElseThrow()).isEqualTo(Workspaces.truth(clickUp, t.get(2)));
        assertThat(mirror.find(t.get(2)).orElseThrow().listId()).isEqualTo(elsewhere);
        for (int i : new int[] {0, 3, 4, 5}) {
            assertThat(mirror.find(t.get(i))).as("task %d", i).contains(Workspaces.truth(clickUp, t.get(i)));
        }
        assertThat(mirror.find(t.get(3)).orElseThrow().archived()).isTrue();
        assertThat(membership.taskIds(list)).containsExactlyInAnyOrder(t.get(0), t.get(3), t.get(4), t.get(5));
        assertThat(membership.taskIds(elsewhere)).containsExactly(t.get(2));

        SweepResult again = reconciler.sweepDeletions(TEAM, List.of(list), deadline()).get(0);
        assertThat(again.deletionsFound()).isZero();
        assertThat(again.checked()).as("nothing left to confirm").isZero();
    }

    @Test
    void aTaskTombstonedByATransient404IsHealedWhenTheSweepListsIt() {
        String list = Workspaces.newList(clickUp, "sweep-heal");
        List<String> t = createTasks(clickUp, list, 3);
        assertThat(reconciler.reconcile(Scope.lists(TEAM, list), deadline()).complete()).isTrue();
        clickUp.faults().failNext(1, 404, "/task/" + t.get(0) + "$",
                ClickUpErrors.body("Task not found, deleted", ClickUpErrors.TASK_NOT_FOUND));
        assertThat(resync.resync(t.get(0)).outcome()).as("a permission blip").isEqualTo(TaskResync.Outcome.TOMBSTONED);
        long healed = metrics.count("MirrorTombstoneHealed", "Source", "reconcile");

        SweepResult sweep = reconciler.sweepDeletions(TEAM, List.of(list), deadline()).get(0);

        assertThat(sweep.complete()).isTrue();
        assertThat(sweep.deletionsFound()).isZero();
        assertThat(sweep.repaired()).as("the listing shows the task: it is live again").isEqualTo(1);
        assertThat(mirror.find(t.get(0))).contains(Workspaces.truth(clickUp, t.get(0)));
        assertThat(metrics.count("MirrorTombstoneHealed", "Source", "reconcile")).isEqualTo(healed + 1);
    }

    @Test
    void theScheduledRunSweepsWhenEnabledAndOnlyListsThatAreDue() {
        assertThat(reconciler.settings().sweepEnabled()).as("off by default").isFalse();
        String list = Workspaces.newList(clickUp, "sweep-run");
        List<String> t = createTasks(clickUp, list, 3);
        Reconciler daily = sweeping(list, Duration.ofHours(24));

        ReconcileReport first = daily.run(deadline());
        assertThat(first.complete()).isTrue();
        assertThat(first.sweeps()).extracting(SweepResult::listId).containsExactly(list);
        assertThat(first.deletionsFound()).isZero();

        clickUp.workspace().deleteTask(t.get(0));
        ReconcileReport second = daily.run(deadline());
        assertThat(second.sweeps()).as("swept less than 24 h ago").isEmpty();
        assertThat(mirror.find(t.get(0)).orElseThrow().deleted()).isFalse();

        ReconcileReport due = sweeping(list, Duration.ZERO).run(deadline());
        assertThat(due.complete()).isTrue();
        assertThat(due.deletionsFound()).isEqualTo(1);
        assertThat(mirror.find(t.get(0)).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aDeletedListIsSweptOnceMoreThenForgottenSoItCostsNoCallEveryInterval() {
        String list = Workspaces.newList(clickUp, "sweep-gone");
        List<String> t = createTasks(clickUp, list, 2);
        assertThat(reconciler.reconcile(Scope.lists(TEAM, list), deadline()).complete()).isTrue();
        assertThat(membership.lists(TEAM)).extracting(ListMembership.KnownList::listId).contains(list);
        clickUp.workspace().deleteList(list); // its webhook is never heard: only the sweep can tell

        SweepResult sweep = reconciler.sweepDeletions(TEAM, List.of(list), deadline()).get(0);

        assertThat(sweep.complete()).isTrue();
        assertThat(sweep.deletionsFound()).as("the list's tasks went with it").isEqualTo(2);
        assertThat(mirror.find(t.get(0)).orElseThrow().deleted()).isTrue();
        assertThat(membership.lists(TEAM)).extracting(ListMembership.KnownList::listId).doesNotContain(list);
        int listings = clickUp.count("GET", "/list/" + list + "/task");
        ReconcileReport later = sweeping(list, Duration.ZERO).run(deadline());
        assertThat(later.sweeps()).extracting(SweepResult::listId).doesNotContain(list);
        assertThat(clickUp.count("GET", "/list/" + list + "/task")).as("no more asks").isEqualTo(listings);
    }

    @Test
    void aListThatStillExistsStaysRegisteredAfterItsSweep() {
        String list = Workspaces.newList(clickUp, "sweep-stays");
        createTasks(clickUp, list, 1);
        assertThat(reconciler.reconcile(Scope.lists(TEAM, list), deadline()).complete()).isTrue();

        assertThat(reconciler.sweepDeletions(TEAM, List.of(list), deadline()).get(0).complete()).isTrue();

        assertThat(membership.lists(TEAM)).filteredOn(l -> l.listId().equals(list)).singleElement()
                .satisfies(l -> assertThat(l.lastSweepAt()).isNotNull());
    }

    private Reconciler sweeping(String list, Duration interval) {
        ReconcileSettings settings = new ReconcileSettings(List.of(TEAM), List.of(), List.of(list), Duration.ofMinutes(5),
                90, 0.3, Duration.ofSeconds(5), Duration.ofSeconds(10), true, true, interval);
        LocalRateBudget unlimited = new LocalRateBudget(new Gcra(100_000, Duration.ofMinutes(1), 0.1), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        return new Reconciler(client, mirror, watermarks, membership, metrics, settings, unlimited, Clock.systemUTC());
    }
}
