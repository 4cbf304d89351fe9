package dev.clickupsync.reconcile;

import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport.ScopeResult;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.testkit.clickup.FakeClickUp;
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
import java.util.List;
import java.util.UUID;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.createTasks;
import static dev.clickupsync.reconcile.Workspaces.mismatches;
import static dev.clickupsync.reconcile.Workspaces.teamTaskRequests;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconcile's budget share on a real plan's numbers (100 requests/min, share 0.3: 27/min steady,
 * bursts of 2), on a virtual clock so a minute takes milliseconds: the share stops reconcile, it
 * never takes more, and a stopped walk continues at the next run.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileBudgetShareTest {
    private static final Duration MAX_WAIT = Duration.ofMillis(500);

    @Inject
    Reconciler configured;
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
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    ClickUpConfig clickUpConfig;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    /** A reconciler whose share is a fresh cell of 30 per minute (0.3 x 100) on {@code clock}. */
    private Reconciler withShareOf100PerMinute(VirtualClock clock) {
        SharedRateBudget share = new SharedRateBudget(dynamo, sync.tables().control(),
                ReconcileBudget.key(clickUpConfig.token()) + "#test-" + UUID.randomUUID(),
                ReconcileBudget.gcra(100, Duration.ofMinutes(1), 0.1, 0.3), clock, clock::sleep);
        return new Reconciler(client, mirror, watermarks, membership, metrics,
                configured.settings().withBudgetMaxWait(MAX_WAIT), share, clock);
    }

    @Test
    void theShareStopsReconcileBeforeItTakesMoreThanItsShare() {
        String list = Workspaces.newList(clickUp, "share");
        createTasks(clickUp, list, 1);
        Scope scope = Scope.lists(TEAM, list);
        VirtualClock clock = new VirtualClock(Instant.now());
        Reconciler reconciler = withShareOf100PerMinute(clock);
        long stopsBefore = metrics.count("ReconcileBudgetStop");
        int journal = clickUp.requestCount();

        // A greedy schedule: a run every half second for one minute, each wanting one page.
        Instant end = clock.instant().plus(Duration.ofMinutes(1));
        int stopped = 0;
        while (clock.instant().isBefore(end)) {
            ScopeResult result = reconciler.reconcile(scope, clock.instant().plus(Duration.ofHours(1)));
            if (!result.complete()) {
                assertThat(result.stop()).isEqualTo("budget");
                assertThat(result.pages()).isZero();
                stopped++;
            }
            clock.advance(Duration.ofMillis(500));
        }

        int calls = teamTaskRequests(clickUp, list, journal).size();
        assertThat(calls).as("ClickUp calls in one minute: at most the share, 0.3 x 100").isLessThanOrEqualTo(30);
        assertThat(calls).as("and the share is used").isGreaterThanOrEqualTo(25);
        assertThat(stopped).isGreaterThan(60);
        assertThat(metrics.count("ReconcileBudgetStop")).isEqualTo(stopsBefore + stopped);
    }

    @Test
    void aWalkStoppedByTheShareReportsAtOnceAndTheNextRunContinuesFromItsCursor() {
        String list = Workspaces.newList(clickUp, "share-walk");
        List<String> tasks = createTasks(clickUp, list, 230, Workspaces.ticking(Instant.now().minus(Duration.ofHours(2)), 3));
        Scope scope = Scope.lists(TEAM, list);
        VirtualClock clock = new VirtualClock(Instant.now());
        Reconciler reconciler = withShareOf100PerMinute(clock);
        Instant start = clock.instant();

        ScopeResult first = reconciler.reconcile(scope, start.plus(Duration.ofHours(1)));

        assertThat(first.complete()).isFalse();
        assertThat(first.stop()).isEqualTo("budget");
        assertThat(first.pages()).as("the burst of two, then the next slot is 2.2 s away").isEqualTo(2);
        assertThat(Duration.between(start, clock.instant())).as("it did not sleep for the slot").isLessThan(MAX_WAIT);
        Watermark saved = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(saved.inProgress()).isTrue();

        clock.advance(Duration.ofSeconds(3));
        int journal = clickUp.requestCount();
        ScopeResult second = reconciler.reconcile(scope, clock.instant().plus(Duration.ofHours(1)));

        assertThat(second.complete()).isTrue();
        assertThat(second.pages()).isEqualTo(1);
        assertThat(Workspaces.gt(teamTaskRequests(clickUp, list, journal).get(0))).isEqualTo(saved.cursor().queryGt());
        assertThat(first.tasksSeen() + second.tasksSeen()).isEqualTo(tasks.size());
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
    }
}
