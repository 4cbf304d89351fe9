package dev.clickupsync.workspace;

import dev.clickupsync.budget.BudgetKey;
import dev.clickupsync.budget.Gcra;
import dev.clickupsync.budget.RateBudget;
import dev.clickupsync.budget.SharedRateBudget;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.TeamRoutes;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.reconcile.ReconcileReport;
import dev.clickupsync.reconcile.Reconciler;
import dev.clickupsync.reconcile.WatermarkStore;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconcile's budget share is counted per token (issue #17): two workspaces on two tokens and two fake
 * ClickUps, each share a real cell in dynalite (fresh keys per test, one slot an hour so "spent" stays spent).
 * A spent share in one workspace stops only that workspace's steps; the other is walked to the end. Same
 * profile as {@link TwoWorkspacesReconcileTest} (no extra boot).
 */
@QuarkusTest
@TestProfile(TwoWorkspacesReconcileTest.AcmeReconciled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class PerWorkspaceReconcileBudgetTest {
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
    TeamRoutes routes;

    FakeClickUp clickUp;

    private final List<String> cellsAsked = new ArrayList<>();

    /** A fresh cell of one slot an hour; spent: its slot is taken before the run. */
    private RateBudget cell(boolean spent) {
        RateBudget cell = new SharedRateBudget(dynamo, sync.tables().control(), "reconcile#test-" + UUID.randomUUID(),
                new Gcra(1, Duration.ofHours(1), 0.0), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
        if (spent) {
            cell.acquire(Duration.ZERO);
        }
        return cell;
    }

    /** Both workspaces' teams reconciled; the default token's share {@code defaultSpent}, acme's {@code acmeSpent}. */
    private Reconciler reconciler(boolean defaultSpent, boolean acmeSpent) {
        RateBudget acmeCell = acmeSpent ? cell(true) : budgetOf(1000);
        Function<String, RateBudget> byTokenKey = key -> {
            cellsAsked.add(key);
            return key.equals(BudgetKey.of(AcmeWorkspaceResource.TOKEN)) ? acmeCell : cell(true);
        };
        Reconciler reconciler = new Reconciler(client, mirror, watermarks, membership, metrics,
                configured.settings().withTeamIds(List.of(DemoWorkspace.TEAM_ID, AcmeWorkspaceResource.TEAM_ID))
                        .withBudgetMaxWait(Duration.ofMillis(200)),
                defaultSpent ? cell(true) : budgetOf(1000), byTokenKey, Clock.systemUTC());
        reconciler.routes(routes);
        return reconciler;
    }

    private RateBudget budgetOf(int perMinute) {
        return new SharedRateBudget(dynamo, sync.tables().control(), "reconcile#test-" + UUID.randomUUID(),
                new Gcra(perMinute, Duration.ofMinutes(1), 0.0), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    @Test
    void aSpentShareOfTheDefaultTokenDoesNotStopTheOtherWorkspacesReconcile() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        // More than a page (100), so the second page is read ahead on the reader thread: it too must
        // count on acme's cell, not on the spent default one.
        for (int i = 0; i < 150; i++) {
            acme.workspace().createTask("86c0bd4" + String.format("%02d", i), AcmeWorkspaceResource.LIST_ID, "Page filler " + i);
        }
        acme.workspace().createTask("86c0bd301", AcmeWorkspaceResource.LIST_ID, "Walked on acme's own share");
        int defaultWalks = clickUp.count("GET", "/team/" + DemoWorkspace.TEAM_ID + "/task");

        ReconcileReport report = reconciler(true, false).run(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(report.complete()).isFalse();
        assertThat(report.stop()).isEqualTo("budget");
        assertThat(mirror.find("86c0bd301")).as("acme's team was walked to the end").isPresent();
        assertThat(mirror.find("86c0bd400")).isPresent();
        assertThat(mirror.find("86c0bd4149")).isPresent();
        assertThat(report.scopes()).anySatisfy(s -> {
            assertThat(s.teamId()).isEqualTo(AcmeWorkspaceResource.TEAM_ID);
            assertThat(s.complete()).isTrue();
        });
        assertThat(clickUp.count("GET", "/team/" + DemoWorkspace.TEAM_ID + "/task") - defaultWalks)
                .as("the default workspace made no call past its spent share").isZero();
        assertThat(cellsAsked).as("only acme's token has a cell of its own; the token never appears")
                .containsOnly(BudgetKey.of(AcmeWorkspaceResource.TOKEN)).doesNotContain(AcmeWorkspaceResource.TOKEN);
    }

    @Test
    void aSpentShareOfAnotherWorkspaceStopsOnlyThatWorkspace() {
        FakeClickUp acme = AcmeWorkspaceResource.clickUp();
        acme.workspace().createTask("86c0bd302", AcmeWorkspaceResource.LIST_ID, "Not walked: acme's share is spent");
        int acmeWalks = acme.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/task");

        ReconcileReport report = reconciler(false, true).run(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(report.stop()).isEqualTo("budget");
        assertThat(mirror.find("86c0bd302")).isEmpty();
        assertThat(acme.count("GET", "/team/" + AcmeWorkspaceResource.TEAM_ID + "/task")).isEqualTo(acmeWalks);
        assertThat(report.scopes()).anySatisfy(s -> {
            assertThat(s.teamId()).isEqualTo(DemoWorkspace.TEAM_ID);
            assertThat(s.complete()).as("the default workspace walked on its own share").isTrue();
        });
    }
}
