package dev.clickupsync.reconcile;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.createTasks;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static dev.clickupsync.reconcile.Workspaces.gt;
import static dev.clickupsync.reconcile.Workspaces.mismatches;
import static dev.clickupsync.reconcile.Workspaces.teamTaskRequests;
import static dev.clickupsync.reconcile.Workspaces.withClickUpClock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watermark and the keyset walk against a ClickUp that changes under them: tasks updated
 * between pages, ClickUp's clock minutes behind ours, more tasks in one millisecond than a page.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileWatermarkTest {

    @Inject
    Reconciler reconciler;
    @Inject
    MirrorStore mirror;
    @Inject
    WatermarkStore watermarks;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @Test
    void tasksUpdatedBetweenPagesAreNeverSkipped() {
        String list = Workspaces.newList(clickUp, "keyset");
        // Three tasks per millisecond, so page boundaries fall inside same-millisecond groups.
        List<String> tasks = createTasks(clickUp, list, 230, Workspaces.ticking(Instant.now().minus(Duration.ofHours(1)), 3));
        int journal = clickUp.requestCount();

        // Page 2 is requested while page 1 is written, so changes made when page 1 is done are
        // certain to show from page 3 on (page 2 may or may not see them; either is right).
        ScopeResult result = reconciler.reconcile(Scope.lists(TEAM, list), deadline(), progress -> {
            if (progress.page() == 1) {
                // Five tasks the walk has handled change: they move behind all others, and with page
                // numbers the first five of page 2 would slide into page 1 and be skipped.
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    clickUp.workspace().updateTask(tasks.get(n * 10), c -> c.name("changed mid-walk " + n));
                }
                // Two it has not reached yet change too.
                clickUp.workspace().updateTask(tasks.get(205), c -> c.status("review"));
                clickUp.workspace().updateTask(tasks.get(229), c -> c.priority(1));
            }
        });

        assertThat(result.complete()).isTrue();
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
        assertThat(result.tasksSeen()).as("every task once, the five handled before their change twice").isEqualTo(235);
        List<RecordedRequest> requests = teamTaskRequests(clickUp, list, journal);
        assertThat(requests).hasSize(result.pages()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(requests).as("every step asks from page 0").allMatch(r -> "0".equals(r.queryParam("page")));
        assertThat(requests).extracting(Workspaces::gt).as("and from further on each time").isSorted();
        assertThat(requests).allMatch(r -> "updated".equals(r.queryParam("order_by")) && "true".equals(r.queryParam("reverse"))
                && "true".equals(r.queryParam("include_closed")) && "true".equals(r.queryParam("subtasks")));
    }

    @Test
    void aClickUpClockMinutesBehindOursNeverMakesARunSkipChanges() {
        String list = Workspaces.newList(clickUp, "skew");
        Scope scope = Scope.lists(TEAM, list);
        // ClickUp stamps date_updated seven minutes behind our clock: more than the 5 min overlap.
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-7));
        List<String> tasks = createTasks(clickUp, list, 250, skewed); // three pages: see the change mid-walk below

        assertThat(reconciler.reconcile(scope, deadline()).complete()).isTrue();
        Watermark afterFirst = watermarks.load(TEAM, scope.key()).orElseThrow();
        long newest = tasks.stream().mapToLong(id -> Workspaces.truth(clickUp, id).dateUpdated().toEpochMilli()).max().orElseThrow();
        assertThat(afterFirst.highWaterMillis()).as("the watermark is ClickUp's newest date, never our clock").isEqualTo(newest);
        assertThat(afterFirst.inProgress()).isFalse();

        withClickUpClock(clickUp, skewed, () -> {
            for (int i = 0; i < 5; i++) {
                clickUp.workspace().updateTask(tasks.get(i * 20), c -> c.name("changed while nobody listened"));
            }
        });
        ScopeResult second = reconciler.reconcile(scope, deadline(), progress -> {
            if (progress.page() == 1) { // page 2 may be listed already; page 3 is certain to see these
                withClickUpClock(clickUp, skewed, () -> {
                    clickUp.workspace().updateTask(tasks.get(3), c -> c.status("in progress"));
                    clickUp.workspace().updateTask(tasks.get(249), c -> c.status("review"));
                });
            }
        });

        assertThat(second.complete()).isTrue();
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
        assertThat(second.tasksWritten()).isEqualTo(7);
        Watermark afterSecond = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(afterSecond.highWater()).isBefore(Instant.now().minus(Duration.ofMinutes(6)));
        assertThat(reconciler.reconcile(scope, deadline()).tasksWritten()).isZero();
    }

    @Test
    void moreTasksInOneMillisecondThanAPageHoldsAreAllRead() {
        String list = Workspaces.newList(clickUp, "same-ms");
        List<String> tasks = createTasks(clickUp, list, 130,
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(30)), java.time.ZoneOffset.UTC));
        long overflows = metrics.count("ReconcileSameMillisecondOverflow");
        int journal = clickUp.requestCount();

        ScopeResult result = reconciler.reconcile(Scope.lists(TEAM, list), deadline());

        assertThat(result.complete()).isTrue();
        assertThat(result.tasksSeen()).isEqualTo(130);
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
        assertThat(metrics.count("ReconcileSameMillisecondOverflow")).isEqualTo(overflows + 1);
        List<RecordedRequest> requests = teamTaskRequests(clickUp, list, journal);
        assertThat(requests).as("the group is read by page numbers once").anyMatch(r -> "1".equals(r.queryParam("page")));
        assertThat(gt(requests.get(requests.size() - 1))).as("then the walk moves past the millisecond")
                .isEqualTo(Workspaces.truth(clickUp, tasks.get(0)).dateUpdated().toEpochMilli());
    }
}
