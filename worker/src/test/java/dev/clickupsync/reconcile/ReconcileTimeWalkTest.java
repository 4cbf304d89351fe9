package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.timesync.TimeWalk;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time-entry walk in the worker application: the {@code TimeWalk} CDI bean (the one the
 * {@code Reconciler} runs; that a scheduled run walks is {@link ReconcileHandlerTest}'s) through the
 * production client ({@code ClickUpTimeSource} on {@code ClickUpClient}: {@code GET /team} members,
 * {@code GET /team/{id}/time_entries} as raw elements): time tracked with no webhook delivered reaches
 * the mirror, running timer included. It calls the walk, not a whole run, so that the other tests of
 * the profile find the task scopes' watermarks as they left them. The walk's own scenarios
 * (backfill, edits, deletions, failures) are core's {@code TimeWalkTest}.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileTimeWalkTest {
    private static final String LIST = "reconcile-time-walk-list";

    @Inject
    TimeWalk walk;
    @Inject
    MirrorStore mirror;
    @Inject
    TimeEntryStore entries;
    @Inject
    ClickUpClient clickUpApi;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    @Test
    void aScheduledRunStoresTimeTrackedWithoutAWebhookThroughTheProductionClient() {
        clickUp.workspace().addList(LIST, DemoWorkspace.FOLDER_ID, "Time walk", DemoWorkspace.STATUSES);
        String task = Workspaces.createTasks(clickUp, LIST, 1).get(0);
        mirror.upsert(TaskSnapshot.of(clickUpApi.task(task)));
        Instant now = Instant.now();
        // the deliveries these return are dropped: only the walk can find the entries
        clickUp.workspace().trackTime(task, DemoWorkspace.ADA, now.minus(Duration.ofDays(1)), Duration.ofMinutes(90));
        clickUp.workspace().startTimer(task, DemoWorkspace.ALAN, now.minus(Duration.ofHours(1)));
        int before = clickUp.requests().size();

        walk.run(DemoWorkspace.TEAM_ID, () -> { });

        List<TimeEntryRecord> stored = entries.forTask(task);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).userId()).isEqualTo(DemoWorkspace.ADA);
        assertThat(stored.get(0).durationMs()).isEqualTo(Duration.ofMinutes(90).toMillis());
        assertThat(stored.get(0).description()).as("the team shape's").isEqualTo("");
        assertThat(stored.get(1).userId()).isEqualTo(DemoWorkspace.ALAN);
        assertThat(stored.get(1).running()).isTrue();
        List<RecordedRequest> walked = clickUp.requests().subList(before, clickUp.requests().size()).stream()
                .filter(r -> r.path().endsWith("/time_entries")).toList();
        assertThat(walked).isNotEmpty().allSatisfy(r -> assertThat(r.queryParam("assignee"))
                .contains(Long.toString(DemoWorkspace.ADA), Long.toString(DemoWorkspace.ALAN)));
    }
}
