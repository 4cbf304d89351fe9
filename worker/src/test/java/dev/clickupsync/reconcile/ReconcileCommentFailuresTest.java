package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.comment.CommentRepair;
import dev.clickupsync.comment.CommentRepairConfig.Check;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.clickupsync.reconcile.Workspaces.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comment repair's bad paths against the fake over HTTP (issue #17): a 429 (with its
 * {@code X-RateLimit-Reset}) on the comment fetch leaves the task pending, ends the pass and is counted
 * with the classifier's reason; a timeout leaves its task pending and the pass goes on. (A 5xx:
 * {@link ReconcileCommentRepairTest}.) Own profile: a 429 moves the token's shared budget cell to its
 * reset and timeouts count on the circuit breaker, which the other reconcile tests must not inherit;
 * here one retry, a 3 s attempt timeout (a cold first call takes most of a second) and a breaker that
 * does not open on these few failures.
 */
@QuarkusTest
@TestProfile(ReconcileCommentFailuresTest.FailingComments.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileCommentFailuresTest {

    public static class FailingComments extends ReconcileProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.putAll(Map.of(
                    "clickup.api.call-timeout", "3s",
                    "clickup.api.retry.max-retries", "1",
                    "clickup.api.circuit-breaker.request-volume", "100"));
            return config;
        }
    }

    @Inject
    CommentRepairFixture fixture;

    @Inject
    ClickUpClient client;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @BeforeEach
    void unthrottled() {
        fixture.on(clickUp);
    }

    @AfterEach
    void released() {
        clickUp.clearFaults(); // releases a hanging request
    }

    @Test
    void aRateLimitedCommentFetchLeavesTheTaskPendingEndsThePassAndIsCountedWithItsReason() throws InterruptedException {
        String list = Workspaces.newList(clickUp, "comments-429");
        List<String> tasks = List.of(commentedUnheard(list), commentedUnheard(list));
        CommentRepair repair = noted(tasks);
        String first = oldestFirst(repair);
        // ClickUp answers the comment fetch and its retry 429, its reset a second ahead.
        clickUp.faults().rateLimitHeaders("0", Long.toString(Instant.now().plusSeconds(1).toEpochMilli()))
                .failNext(2, 429, "/task/[^/]+/comment");
        long failed = metrics.count("ReconcileCommentFailed", "Reason", "clickup_rate_limited");
        long deferred = metrics.count("ReconcileCommentDeferred");

        CommentRepair.Result result = repair.run(TEAM, () -> { });

        assertThat(clickUp.faults().injectedFailures(429)).as("the fetch and its one retry").isEqualTo(2);
        assertThat(metrics.count("ReconcileCommentFailed", "Reason", "clickup_rate_limited")).isEqualTo(failed + 1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.calls()).as("the 429 ends the pass: the second task is not asked").isEqualTo(1);
        assertThat(result.deferred()).as("the task not asked is left for the next run").isEqualTo(1);
        assertThat(metrics.count("ReconcileCommentDeferred") - deferred).isEqualTo(1);
        assertThat(fixture.commentReads(other(tasks, first))).isZero();
        assertThat(repair.pending(TEAM)).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(fixture.stored(first)).isEmpty();

        clickUp.faults().clear();
        Thread.sleep(1_500); // the reset the 429 gave the token's budget cell
        CommentRepair.Result next = repair.run(TEAM, () -> { });

        assertThat(next.repaired()).as("the next run repairs both").isEqualTo(2);
        assertThat(repair.pending(TEAM)).isEmpty();
        tasks.forEach(task -> assertThat(fixture.stored(task)).isEqualTo(fixture.truth(task)).hasSize(1));
    }

    @Test
    void aTimedOutCommentFetchLeavesItsTaskPendingAndThePassGoesOn() {
        String list = Workspaces.newList(clickUp, "comments-timeout");
        List<String> tasks = List.of(commentedUnheard(list), commentedUnheard(list));
        CommentRepair repair = noted(tasks);
        String first = oldestFirst(repair);
        clickUp.faults().hangNext(2, "/task/" + first + "/comment"); // the fetch and its one retry
        long failed = metrics.count("ReconcileCommentFailed", "Reason", "clickup_timeout");

        CommentRepair.Result result = repair.run(TEAM, () -> { });

        assertThat(clickUp.faults().hangsBegun()).isEqualTo(2);
        assertThat(metrics.count("ReconcileCommentFailed", "Reason", "clickup_timeout")).isEqualTo(failed + 1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.repaired()).as("a timeout does not end the pass").isEqualTo(1);
        assertThat(repair.pending(TEAM)).containsExactly(first);
        assertThat(fixture.stored(first)).isEmpty();
        String second = other(tasks, first);
        assertThat(fixture.stored(second)).isEqualTo(fixture.truth(second)).hasSize(1);
    }

    /** A task whose creation the mirror heard and whose comment webhook was dropped. */
    private String commentedUnheard(String list) {
        String task = fixture.mirroredTask(list);
        clickUp.workspace().postComment(task, DemoWorkspace.ADA, "dropped");
        return task;
    }

    /** A repair that noted the tasks as a walk's page would (each listed newer than the mirror holds it). */
    private CommentRepair noted(List<String> tasks) {
        CommentRepair repair = fixture.repair(50, Check.BEHIND);
        List<ClickUpTask> listed = tasks.stream().map(client::task).toList();
        assertThat(repair.note(TEAM, listed, Instant.EPOCH, mirror.findEntries(tasks))).isEqualTo(tasks.size());
        return repair;
    }

    /** The task the repair asks about first (longest waiting; both were noted together, so the key order decides). */
    private static String oldestFirst(CommentRepair repair) {
        return repair.pending(TEAM).get(0);
    }

    private static String other(List<String> tasks, String task) {
        return tasks.stream().filter(t -> !t.equals(task)).findFirst().orElseThrow();
    }
}
