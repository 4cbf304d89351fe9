package dev.clickupsync.reconcile;

import dev.clickupsync.budget.Gcra;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.comment.CommentRepairConfig.Check;
import dev.clickupsync.history.HeardSince;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tasks reconcile's comment repair asks about (issue #17), through real walks of the fake over
 * HTTP into dynalite: {@code sync.reconcile.comments.check=changed} sees the comment that {@code behind}
 * cannot (its webhook dropped, then a heard change of the same task levels the mirror), once per version;
 * tasks created while webhooks were suspended cost no comment call unless their listing shows activity
 * after their creation; and the repair, the run's last step, ends without ending the run when reconcile's
 * share runs out. "Dropped" is a delivery the test never hands to the drain.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileCommentCheckTest {
    @Inject
    CommentRepairFixture fixture;

    @Inject
    ClickUpClient client;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    HeardSince heardSince;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        fixture.on(clickUp);
    }

    @Test
    void aDroppedCommentFollowedByAHeardChangeIsRepairedWithChangedAndNotWithBehind() {
        String behindList = Workspaces.newList(clickUp, "comments-behind");
        String changedList = Workspaces.newList(clickUp, "comments-changed");
        CommentRepair behind = fixture.repair(50, Check.BEHIND);
        CommentRepair changed = fixture.repair(50, Check.CHANGED);
        String unseen = droppedCommentThenHeardChange(behindList, fixture.reconcilerOf(behindList, behind));
        String seen = droppedCommentThenHeardChange(changedList, fixture.reconcilerOf(changedList, changed));
        int unseenReads = fixture.commentReads(unseen);
        int seenReads = fixture.commentReads(seen);

        assertThat(fixture.reconcilerOf(behindList, behind).run(deadline()).complete()).isTrue();
        assertThat(fixture.reconcilerOf(changedList, changed).run(deadline()).complete()).isTrue();

        assertThat(fixture.commentReads(unseen) - unseenReads).as("behind: the mirror is level, no call").isZero();
        assertThat(fixture.stored(unseen)).as("behind cannot see it").isEmpty();
        assertThat(fixture.commentReads(seen) - seenReads).as("changed: one call").isEqualTo(1);
        assertThat(fixture.stored(seen)).isEqualTo(fixture.truth(seen)).hasSize(1);

        assertThat(fixture.reconcilerOf(changedList, changed).run(deadline()).complete()).isTrue();
        assertThat(fixture.commentReads(seen) - seenReads).as("listed again within the overlap: judged once per version")
                .isEqualTo(1);
        assertThat(changed.pending(TEAM)).isEmpty();
    }

    @Test
    void aScopesFirstWalkWithChangedAsksAboutTasksCreatedSinceTheMirrorHeardTheWorkspace() {
        heardSince.mark(TEAM, Instant.now().minus(Duration.ofMinutes(1))); // kept if the drain marked it earlier
        String behindList = Workspaces.newList(clickUp, "comments-first-behind");
        String changedList = Workspaces.newList(clickUp, "comments-first-changed");
        CommentRepair behind = fixture.repair(50, Check.BEHIND);
        CommentRepair changed = fixture.repair(50, Check.CHANGED);
        String unseen = unwalkedDroppedCommentThenHeardChange(behindList);
        String seen = unwalkedDroppedCommentThenHeardChange(changedList);
        int unseenReads = fixture.commentReads(unseen);

        assertThat(fixture.reconcilerOf(behindList, behind).run(deadline()).complete()).isTrue();
        assertThat(fixture.reconcilerOf(changedList, changed).run(deadline()).complete()).isTrue();

        assertThat(fixture.commentReads(unseen) - unseenReads).as("behind: level, no call").isZero();
        assertThat(fixture.stored(unseen)).isEmpty();
        assertThat(fixture.stored(seen)).as("changed: created since heard, so not just imported")
                .isEqualTo(fixture.truth(seen)).hasSize(1);
    }

    @Test
    void changedAsksOnceForEveryTaskChangedSinceTheLastWalkAndNotForTheUnchanged() {
        String list = Workspaces.newList(clickUp, "comments-changed-only");
        CommentRepair changed = fixture.repair(50, Check.CHANGED);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(fixture.mirroredTask(list));
        }
        assertThat(fixture.reconcilerOf(list, changed).run(deadline()).complete()).as("first walk: imports").isTrue();
        fixture.deliver(clickUp.workspace().updateTask(tasks.get(0), c -> c.name("heard rename")));
        int[] reads = tasks.stream().mapToInt(fixture::commentReads).toArray();

        assertThat(fixture.reconcilerOf(list, changed).run(deadline()).complete()).isTrue();

        assertThat(fixture.commentReads(tasks.get(0)) - reads[0]).as("changed since the last walk").isEqualTo(1);
        assertThat(fixture.commentReads(tasks.get(1)) - reads[1]).as("unchanged").isZero();
        assertThat(fixture.commentReads(tasks.get(2)) - reads[2]).as("unchanged").isZero();
    }

    @Test
    void tasksCreatedWithoutAWebhookCostACommentCallOnlyWhenTheirListingShowsActivityAfterCreation() {
        String list = Workspaces.newList(clickUp, "comments-suspended");
        String heard = fixture.mirroredTask(list);
        CommentRepair repair = fixture.repair(50, Check.BEHIND);
        assertThat(fixture.reconcilerOf(list, repair).run(deadline()).complete()).as("first walk: imports").isTrue();
        // The webhook is suspended: none of these reaches the drain.
        List<String> untouched = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String task = list + "-quiet" + i;
            clickUp.workspace().createTask(task, list, "created while suspended " + i);
            untouched.add(task);
        }
        String commented = list + "-commented";
        clickUp.workspace().createTask(commented, list, "created and commented while suspended");
        clickUp.workspace().postComment(commented, DemoWorkspace.ADA, "never delivered");
        int before = untouched.stream().mapToInt(fixture::commentReads).sum() + fixture.commentReads(heard);

        assertThat(fixture.reconcilerOf(list, repair).run(deadline()).complete()).isTrue();

        assertThat(untouched.stream().mapToInt(fixture::commentReads).sum() + fixture.commentReads(heard) - before)
                .as("untouched since creation: imported by the walk, no comment call").isZero();
        assertThat(untouched).allSatisfy(task -> assertThat(mirror.find(task)).isPresent());
        assertThat(fixture.stored(commented)).as("commented after creation: repaired")
                .isEqualTo(fixture.truth(commented)).hasSize(1);
        assertThat(repair.pending(TEAM)).isEmpty();
    }

    @Test
    void aBudgetStopInTheCommentRepairLeavesItsTasksPendingAndTheRunComplete() {
        String list = Workspaces.newList(clickUp, "comments-last");
        CommentRepair repair = fixture.repair(50, Check.BEHIND);
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(fixture.mirroredTask(list));
        }
        assertThat(fixture.reconcilerOf(list, repair).run(deadline()).complete()).as("first walk: imports").isTrue();
        tasks.forEach(task -> clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped"));
        // Reconcile's share admits two calls now, the next only 20 s later: the walk's page and one comment fetch.
        Gcra twoNow = new Gcra(6, Duration.ofMinutes(1), 0.5);
        long deferred = metrics.count("ReconcileCommentDeferred");

        ReconcileReport report = fixture.reconcilerOf(list, repair, twoNow, Duration.ofMillis(100)).run(deadline());

        assertThat(report.complete()).as("the repair's stop is not the run's: %s", report.stop()).isTrue();
        assertThat(report.tasksSeen()).as("the walk ran first").isEqualTo(3);
        assertThat(tasks.stream().mapToInt(fixture::commentReads).sum()).as("one fetch before the share ran out").isEqualTo(1);
        assertThat(repair.pending(TEAM)).hasSize(2);
        assertThat(metrics.count("ReconcileCommentDeferred") - deferred).isEqualTo(2);
    }

    private String droppedCommentThenHeardChange(String list, Reconciler reconciler) {
        String task = fixture.mirroredTask(list);
        assertThat(reconciler.run(deadline()).complete()).as("first walk: imports, sets the high water").isTrue();
        return dropCommentThenHearChange(task);
    }

    /** As {@link #droppedCommentThenHeardChange(String, Reconciler)}, the list never walked yet. */
    private String unwalkedDroppedCommentThenHeardChange(String list) {
        return dropCommentThenHearChange(fixture.mirroredTask(list));
    }

    private String dropCommentThenHearChange(String task) {
        clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped"); // its webhook never delivered
        fixture.deliver(clickUp.workspace().updateTask(task, c -> c.status("in progress"))); // heard: GET /task levels the mirror
        assertThat(mirror.findEntries(List.of(task)).get(task).behind(client.task(task).dateUpdated()))
                .as("the mirror is level with ClickUp").isFalse();
        return task;
    }
}
