package dev.clickupsync.reconcile;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.createTasks;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static dev.clickupsync.reconcile.Workspaces.gt;
import static dev.clickupsync.reconcile.Workspaces.mismatches;
import static dev.clickupsync.reconcile.Workspaces.teamTaskRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The first run of a scope is a backfill of {@code backfill-days}; killed half-way it resumes from
 * the cursor saved after the last finished page; an explicit backfill rewinds, never forward.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileBackfillTest {

    @Inject
    Reconciler reconciler;
    @Inject
    MirrorStore mirror;
    @Inject
    WatermarkStore watermarks;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @AfterEach
    void clearFaults() {
        clickUp.faults().clear();
    }

    @Test
    void aBackfillKilledHalfWayResumesWithoutFetchingFinishedPagesAgain() {
        String list = Workspaces.newList(clickUp, "backfill");
        List<String> tasks = createTasks(clickUp, list, 230, Workspaces.ticking(Instant.now().minus(Duration.ofDays(3)), 3));
        Scope scope = Scope.lists(TEAM, list);
        assertThat(watermarks.load(TEAM, scope.key())).as("a first run").isEmpty();
        int journal = clickUp.requestCount();

        // The crash: after two pages, ClickUp fails every attempt (1 + 3 retries) of the next listing,
        // which the walk requests while it still writes page 2.
        clickUp.faults().failAfter(2, 4, 503, "/team/" + TEAM + "/task");
        ScopeResult first = reconciler.reconcile(scope, deadline());
        clickUp.faults().clear();

        assertThat(first.complete()).isFalse();
        assertThat(first.stop()).isEqualTo("error");
        assertThat(first.backfill()).isTrue();
        assertThat(first.pages()).isEqualTo(2);
        List<RecordedRequest> firstRequests = teamTaskRequests(clickUp, list, journal);
        assertThat(gt(firstRequests.get(0))).as("the first run loads backfill-days (90)")
                .isCloseTo(Instant.now().minus(Duration.ofDays(90)).toEpochMilli(), within(60_000L));
        Watermark saved = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(saved.inProgress()).isTrue();
        assertThat(saved.backfill()).isTrue();
        assertThat(saved.highWater()).as("no walk finished yet").isNull();

        int resumedAt = clickUp.requestCount();
        ScopeResult second = reconciler.reconcile(scope, deadline());

        assertThat(second.complete()).isTrue();
        assertThat(second.backfill()).isTrue();
        List<RecordedRequest> resumed = teamTaskRequests(clickUp, list, resumedAt);
        assertThat(resumed).as("only the one page that was left").hasSize(1);
        assertThat(gt(resumed.get(0))).as("from the saved cursor, without the overlap").isEqualTo(saved.cursor().queryGt());
        assertThat(first.tasksSeen() + second.tasksSeen()).as("no task handled twice").isEqualTo(tasks.size());
        assertThat(first.tasksSeen()).isGreaterThanOrEqualTo(190);
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
        Watermark done = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(done.inProgress()).isFalse();
        assertThat(done.highWaterMillis()).isEqualTo(
                tasks.stream().mapToLong(id -> Workspaces.truth(clickUp, id).dateUpdated().toEpochMilli()).max().orElseThrow());
    }

    @Test
    void theNextPageIsRequestedWhileThisOneIsWrittenToTheMirror() {
        String list = Workspaces.newList(clickUp, "ahead");
        List<String> tasks = createTasks(clickUp, list, 250, Workspaces.ticking(Instant.now().minus(Duration.ofDays(1)), 2));
        int journal = clickUp.requestCount();
        List<Integer> requestedWhenDone = new java.util.ArrayList<>();

        // The walk cannot go on while the listener runs: a request for page n + 1 that reaches the
        // fake meanwhile was made alongside page n's writes, not after them.
        ScopeResult result = reconciler.reconcile(Scope.lists(TEAM, list), deadline(), progress -> {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (teamTaskRequests(clickUp, list, journal).size() <= progress.page() && progress.page() < 3
                    && System.nanoTime() < until) {
                sleep(5);
            }
            requestedWhenDone.add(teamTaskRequests(clickUp, list, journal).size());
        });

        assertThat(result.complete()).isTrue();
        assertThat(requestedWhenDone).as("pages listed when pages 1, 2, 3 were done").containsExactly(2, 3, 3);
        assertThat(result.tasksSeen()).isEqualTo(tasks.size());
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aRunOutOfTimeStopsBeforeItsFirstPage() {
        String list = Workspaces.newList(clickUp, "deadline");
        createTasks(clickUp, list, 3);
        int journal = clickUp.requestCount();

        ScopeResult result = reconciler.reconcile(Scope.lists(TEAM, list), Instant.now().plusSeconds(5));

        assertThat(result.complete()).isFalse();
        assertThat(result.stop()).as("less than the 10 s safety margin left").isEqualTo("deadline");
        assertThat(result.pages()).isZero();
        assertThat(teamTaskRequests(clickUp, list, journal)).isEmpty();
    }

    @Test
    void anExplicitBackfillRewindsTheWatermarkButNeverForward() {
        String list = Workspaces.newList(clickUp, "rewind");
        List<String> tasks = createTasks(clickUp, list, 5);
        Scope scope = Scope.lists(TEAM, list);
        assertThat(reconciler.reconcile(scope, deadline()).complete()).isTrue();
        Watermark before = watermarks.load(TEAM, scope.key()).orElseThrow();

        Instant from = Instant.now().minus(Duration.ofDays(2));
        reconciler.backfill(TEAM, from);

        Watermark rewound = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(rewound.inProgress()).isTrue();
        assertThat(rewound.backfill()).isTrue();
        assertThat(rewound.cursor()).isEqualTo(KeysetCursor.from(from.toEpochMilli()));

        reconciler.backfill(TEAM, Instant.now().minus(Duration.ofDays(1)));
        assertThat(watermarks.load(TEAM, scope.key()).orElseThrow()).as("a later start is forward: ignored").isEqualTo(rewound);

        int journal = clickUp.requestCount();
        ScopeResult result = reconciler.reconcile(scope, deadline());
        assertThat(result.complete()).isTrue();
        assertThat(result.backfill()).isTrue();
        assertThat(gt(teamTaskRequests(clickUp, list, journal).get(0))).isEqualTo(from.toEpochMilli() - 1);
        assertThat(result.tasksSeen()).isEqualTo(tasks.size());
        assertThat(result.tasksWritten()).as("all current already").isZero();
        Watermark after = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(after.inProgress()).isFalse();
        assertThat(after.highWaterMillis()).as("the high-water mark never goes down").isEqualTo(before.highWaterMillis());

        assertThatThrownBy(() -> reconciler.backfill(TEAM, Instant.now().plus(Duration.ofHours(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reconciler.backfill(" ", from)).isInstanceOf(IllegalArgumentException.class);
    }
}
