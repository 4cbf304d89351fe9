package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.comment.CommentRepairConfig;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeComment;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static dev.clickupsync.reconcile.Workspaces.deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Comments whose webhook ClickUp dropped, repaired by reconcile's comment pass from the fake's
 * {@code GET /task/{id}/comment} over HTTP, into dynalite: a posted comment added, an edit taken, a
 * comment deleted in ClickUp tombstoned, a 5xx left for the next run, the per-run cap kept, and a late
 * webhook after the repair stored once. "Dropped" is a delivery the test never hands to the drain.
 * The oracle is the fake's own first page of comments. Each test but the first wires a repair of its
 * own (own pending partition), so the tests of the profile never see each other's noted tasks.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileCommentRepairTest {
    @Inject
    CommentRepairFixture fixture;
    @Inject
    CommentRepair configured;
    @Inject
    ClickUpClient client;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    CommentStore comments;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        fixture.on(clickUp);
    }

    @Test
    void storesCommentFromDroppedTaskCommentPostedAndALateWebhookDoesNotDuplicateIt() {
        String list = Workspaces.newList(clickUp, "comments-posted");
        String task = mirroredTask(list);
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "heard"));
        List<WebhookDelivery> dropped = clickUp.workspace().postComment(task, DemoWorkspace.ADA, "never delivered");
        Reconciler reconciler = reconcilerOf(list, configured); // the application's own, as configured
        int reads = commentReads(task);

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(commentReads(task) - reads).as("one GET /task/{id}/comment").isEqualTo(1);
        assertThat(stored(task)).isEqualTo(truth(task)).hasSize(2);
        assertThat(configured.pending(TEAM)).doesNotContain(task);

        assertThat(reconciler.run(deadline()).complete()).isTrue();
        assertThat(commentReads(task) - reads).as("nothing changed since: not noted, no call").isEqualTo(1);

        deliver(dropped); // ClickUp's retry of the dropped delivery, after the repair
        assertThat(comments.forTask(task)).as("one item per comment id").hasSize(2);
        assertThat(stored(task)).isEqualTo(truth(task));
    }

    @Test
    void takesADroppedEditAndANewerEditWinsOverTheLateOne() {
        String list = Workspaces.newList(clickUp, "comments-edit");
        String task = mirroredTask(list);
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "draft"));
        String id = only(task).id();
        List<WebhookDelivery> droppedEdit = clickUp.workspace().updateComment(id, "final", DemoWorkspace.ADA, true);
        Reconciler reconciler = reconcilerOf(list, repair(50));

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(stored(task)).isEqualTo(truth(task));
        assertThat(storedComment(task, id).path("comment_text").asText()).isEqualTo("final\n");
        assertThat(storedComment(task, id).path("resolved").asBoolean()).isTrue();

        deliver(clickUp.workspace().updateComment(id, "final, reopened", null, false));
        deliver(droppedEdit); // late, and older than both the repair and the newer edit
        assertThat(stored(task)).isEqualTo(truth(task));
        assertThat(storedComment(task, id).path("comment_text").asText()).isEqualTo("final, reopened\n");
    }

    @Test
    void tombstonesACommentDeletedInClickUpWhenTheTaskIsRepaired() {
        String list = Workspaces.newList(clickUp, "comments-deleted");
        String task = mirroredTask(list);
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "keep"));
        deliver(clickUp.workspace().postComment(task, DemoWorkspace.ALAN, "delete me"));
        String doomed = clickUp.workspace().comments(task).get(1).id();
        clickUp.workspace().deleteComment(doomed); // no event, no date_updated
        clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped"); // makes the task newer
        Reconciler reconciler = reconcilerOf(list, repair(50));

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(stored(task)).isEqualTo(truth(task)).hasSize(2).doesNotContainKey(doomed);
        assertThat(comments.forTask(task)).filteredOn(c -> c.commentId().equals(doomed)).singleElement()
                .satisfies(c -> assertThat(c.deleted()).isTrue());
    }

    @Test
    void aServerErrorLeavesTheTaskForTheNextRunWhichRepairsIt() {
        String list = Workspaces.newList(clickUp, "comments-5xx");
        String task = mirroredTask(list);
        clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped");
        CommentRepair repair = repair(50);
        Reconciler reconciler = reconcilerOf(list, repair);
        clickUp.faults().failNext(4, 503, "/task/" + task + "/comment"); // the first try and its 3 retries
        long failed = metrics.count("ReconcileCommentFailed", "Reason", "clickup_server_error");

        ReconcileReport failing = reconciler.run(deadline());

        assertThat(failing.complete()).as("a failed repair does not end the run").isTrue();
        assertThat(clickUp.faults().injectedFailures(503)).isEqualTo(4);
        assertThat(metrics.count("ReconcileCommentFailed", "Reason", "clickup_server_error")).isEqualTo(failed + 1);
        assertThat(stored(task)).isEmpty();
        assertThat(repair.pending(TEAM)).containsExactly(task);

        assertThat(reconciler.run(deadline()).complete()).isTrue();

        assertThat(stored(task)).isEqualTo(truth(task)).hasSize(1);
        assertThat(repair.pending(TEAM)).isEmpty();
    }

    @Test
    void aTaskTheMirrorHoldsDeletedIsSkippedWithoutACallAndA404TombstonesNothing() {
        String list = Workspaces.newList(clickUp, "comments-gone");
        String deleted = mirroredTask(list);
        String gone = mirroredTask(list);
        deliver(clickUp.workspace().postComment(gone, DemoWorkspace.ALAN, "stays in the mirror"));
        clickUp.workspace().postComment(deleted, DemoWorkspace.ADA, "dropped");
        clickUp.workspace().postComment(gone, DemoWorkspace.ADA, "dropped too");
        CommentRepair repair = repair(50);
        // As the walk notes a page: both tasks listed newer than the mirror holds them.
        List<ClickUpTask> listed = List.of(client.task(deleted), client.task(gone));
        assertThat(repair.note(TEAM, listed, Instant.EPOCH, mirror.findEntries(List.of(deleted, gone)))).isEqualTo(2);
        deliver(clickUp.workspace().deleteTask(deleted)); // the mirror holds it as deleted
        clickUp.workspace().deleteTask(gone); // webhook dropped: ClickUp answers 404
        int reads = commentReads(deleted);
        long skippedDeleted = metrics.count("ReconcileCommentSkipped", "Reason", "task_deleted");
        long skippedGone = metrics.count("ReconcileCommentSkipped", "Reason", "clickup_not_found");

        CommentRepair.Result result = repair.run(TEAM, () -> { });

        assertThat(commentReads(deleted)).isEqualTo(reads);
        assertThat(result.calls()).as("only the task the mirror holds live is asked").isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(metrics.count("ReconcileCommentSkipped", "Reason", "task_deleted")).isEqualTo(skippedDeleted + 1);
        assertThat(metrics.count("ReconcileCommentSkipped", "Reason", "clickup_not_found")).isEqualTo(skippedGone + 1);
        assertThat(comments.live(gone)).as("a 404 tombstones no comment").hasSize(1);
        assertThat(repair.pending(TEAM)).as("both skipped for good").isEmpty();
    }

    @Test
    void aStopLeavesTheTasksNotDoneAndTheFirstWalkImportsWithoutNoting() {
        String list = Workspaces.newList(clickUp, "comments-stop");
        String task = mirroredTask(list);
        String unheardOf = list + "-never-heard";
        clickUp.workspace().createTask(unheardOf, list, "created without a webhook");
        clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped");
        CommentRepair repair = repair(50);
        List<ClickUpTask> listed = List.of(client.task(task), client.task(unheardOf));
        assertThat(repair.note(TEAM, listed, null, mirror.findEntries(List.of(task, unheardOf))))
                .as("importing: a task the mirror lacks is imported, not noted").isEqualTo(1);
        int reads = commentReads(task);

        assertThatThrownBy(() -> repair.run(TEAM, () -> { throw new IllegalStateException("deadline"); }))
                .hasMessage("deadline");

        assertThat(commentReads(task)).isEqualTo(reads);
        assertThat(repair.pending(TEAM)).containsExactly(task);
        assertThat(repair.note(TEAM, listed, Instant.EPOCH, mirror.findEntries(List.of(task, unheardOf))))
                .as("after the first walk, a task the mirror lacks is noted once it shows activity after its creation")
                .isEqualTo(1);
        clickUp.workspace().postComment(unheardOf, DemoWorkspace.ADA, "dropped as well");
        List<ClickUpTask> relisted = List.of(client.task(task), client.task(unheardOf));
        assertThat(repair.note(TEAM, relisted, Instant.EPOCH, mirror.findEntries(List.of(task, unheardOf))))
                .as("commented since its creation").isEqualTo(2);
    }

    @Test
    void atMostMaxTasksAreReadPerRunAndTheRestWaitForTheNextRuns() {
        String list = Workspaces.newList(clickUp, "comments-cap");
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String task = mirroredTask(list);
            clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped " + i);
            tasks.add(task);
        }
        CommentRepair repair = repair(2);
        Reconciler reconciler = reconcilerOf(list, repair);
        long deferred = metrics.count("ReconcileCommentDeferred");

        List<Integer> readsPerRun = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            int before = allCommentReads(tasks);
            assertThat(reconciler.run(deadline()).complete()).isTrue();
            readsPerRun.add(allCommentReads(tasks) - before);
        }

        assertThat(readsPerRun).containsExactly(2, 2, 1);
        assertThat(metrics.count("ReconcileCommentDeferred") - deferred).as("3 left after the first run, 1 after the second")
                .isEqualTo(4);
        for (String task : tasks) {
            assertThat(stored(task)).as(task).isEqualTo(truth(task)).hasSize(1);
        }
        assertThat(repair.pending(TEAM)).isEmpty();
    }

    // ------------------------------------------------------------------------------ helpers

    private CommentRepair repair(int maxTasks) {
        return fixture.repair(maxTasks, CommentRepairConfig.Check.BEHIND);
    }

    private String mirroredTask(String list) {
        return fixture.mirroredTask(list);
    }

    private FakeComment only(String task) {
        assertThat(clickUp.workspace().comments(task)).hasSize(1);
        return clickUp.workspace().comments(task).get(0);
    }

    private Map<String, String> stored(String task) {
        return fixture.stored(task);
    }

    private Map<String, String> truth(String task) {
        return fixture.truth(task);
    }

    private JsonNode storedComment(String task, String id) {
        return fixture.storedComment(task, id);
    }

    private int commentReads(String task) {
        return fixture.commentReads(task);
    }

    private int allCommentReads(List<String> tasks) {
        return tasks.stream().mapToInt(this::commentReads).sum();
    }

    private void deliver(List<WebhookDelivery> deliveries) {
        fixture.deliver(deliveries);
    }

    private Reconciler reconcilerOf(String list, CommentRepair repair) {
        return fixture.reconcilerOf(list, repair);
    }
}
