package dev.clickupsync.reconcile;

import dev.clickupsync.budget.BudgetConfig;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.createTasks;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static dev.clickupsync.reconcile.Workspaces.gt;
import static dev.clickupsync.reconcile.Workspaces.mismatches;
import static dev.clickupsync.reconcile.Workspaces.teamTaskRequests;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of a page's concurrent mirror writes fails (DynamoDB throttles it; injected, since DynamoDB
 * Local cannot be told to fail one write): the walk must stop without moving its cursor past that
 * page, let the page's other writes finish, and leave the next run to write what is missing.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileMirrorFailureTest {

    @Inject
    Reconciler configured;
    @Inject
    ClickUpClient client;
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
    BudgetConfig budget;
    @Inject
    ClickUpConfig clickUpConfig;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @Test
    void aMirrorWriteFailingMidPageStopsTheWalkBeforeThatPageAndTheNextRunWritesIt() {
        String list = Workspaces.newList(clickUp, "write-fails");
        List<String> tasks = createTasks(clickUp, list, 230, Workspaces.ticking(Instant.now().minus(Duration.ofDays(2)), 1));
        String throttled = tasks.get(150); // on page 2
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        MirrorStore mirror = new MirrorStore(dynamo, sync) {
            @Override
            public Write upsertFetched(TaskSnapshot snapshot, Instant fetchedAt) {
                if (failing.get() && snapshot.id().equals(throttled)) {
                    throw DynamoDbException.builder().message("injected: throughput exceeded").statusCode(400).build();
                }
                Write write = super.upsertFetched(snapshot, fetchedAt);
                written.incrementAndGet();
                return write;
            }
        };
        Reconciler reconciler = new Reconciler(client, mirror, watermarks, membership, metrics, configured.settings(),
                ReconcileBudget.shared(dynamo, sync.tables().control(), clickUpConfig.token(), budget,
                        configured.settings().budgetShare(), Clock.systemUTC()), Clock.systemUTC());
        Scope scope = Scope.lists(TEAM, list);
        long errors = metrics.count("ReconcileError", "Reason", "aws_unavailable");

        ScopeResult first = reconciler.reconcile(scope, deadline());

        assertThat(first.complete()).isFalse();
        assertThat(first.stop()).isEqualTo("error");
        assertThat(first.error()).isEqualTo("aws_unavailable");
        assertThat(metrics.count("ReconcileError", "Reason", "aws_unavailable")).isEqualTo(errors + 1);
        // Page 2 lists from page 1's last millisecond again (KeysetCursor), so it has 99 new tasks.
        assertThat(written.get()).as("page 1's 100, and every other write of page 2 ran to its end").isEqualTo(100 + 98);
        assertThat(mirror.find(throttled)).isEmpty();
        Watermark saved = watermarks.load(TEAM, scope.key()).orElseThrow();
        assertThat(saved.cursor().millis()).as("the cursor stays after page 1")
                .isEqualTo(Workspaces.truth(clickUp, tasks.get(99)).dateUpdated().toEpochMilli());

        failing.set(false);
        int journal = clickUp.requestCount();
        ScopeResult second = reconciler.reconcile(scope, deadline());

        assertThat(second.complete()).isTrue();
        assertThat(gt(teamTaskRequests(clickUp, list, journal).get(0))).as("page 2 again").isEqualTo(saved.cursor().queryGt());
        assertThat(second.tasksWritten()).as("only what the failed run could not write: the throttled task and page 3's 31")
                .isEqualTo(1 + 31);
        assertThat(mismatches(clickUp, mirror, tasks)).isEmpty();
    }
}
