package dev.clickupsync.clickup;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed client against the fake ClickUp over real HTTP, with the budget on dynalite:
 * what is retried, what is not, and how a 429 is waited out. (The test profile shortens backoffs
 * and the call timeout; see core's microprofile-config.properties.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ClickUpClientTest {

    @Inject
    ClickUpClient client;
    @Inject
    Metrics metrics;

    FakeClickUp clickUp;

    @AfterEach
    void restore() {
        clickUp.faults().clear();
        clickUp.setRateLimit(100, Duration.ofMinutes(1));
    }

    @Test
    void readsATaskWithTypedFields() {
        ClickUpTask task = client.task(DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(task.id()).isEqualTo(DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(task.dateUpdated()).isNotNull();
        assertThat(task.list().id()).isEqualTo(DemoWorkspace.LIST_ID);
        assertThat(task.customFields()).isNotEmpty();
    }

    @Test
    void retriesServerErrorsWithBackoffUntilSuccess() {
        long retries = metrics.count("ClickUpRetry");
        clickUp.faults().failNext(2, 503, "/task/" + DemoWorkspace.TASK_RELEASE_NOTES);
        int before = taskRequests(DemoWorkspace.TASK_RELEASE_NOTES);

        ClickUpTask task = client.task(DemoWorkspace.TASK_RELEASE_NOTES);

        assertThat(task.id()).isEqualTo(DemoWorkspace.TASK_RELEASE_NOTES);
        assertThat(taskRequests(DemoWorkspace.TASK_RELEASE_NOTES) - before).isEqualTo(3);
        assertThat(metrics.count("ClickUpRetry") - retries).isEqualTo(2);
    }

    @Test
    void givesUpOnPersistentServerErrorsWithATypedException() {
        clickUp.faults().failNext(50, 502, "/task/" + DemoWorkspace.TASK_RELEASE_NOTES);
        int before = taskRequests(DemoWorkspace.TASK_RELEASE_NOTES);

        assertThatThrownBy(() -> client.task(DemoWorkspace.TASK_RELEASE_NOTES))
                .isInstanceOf(ClickUpException.Server.class);
        assertThat(taskRequests(DemoWorkspace.TASK_RELEASE_NOTES) - before).isEqualTo(4);
    }

    @Test
    void retriesATimedOutCall() {
        clickUp.faults().hangNext(1, "/task/" + DemoWorkspace.TASK_SHIP_V1);
        int before = taskRequests(DemoWorkspace.TASK_SHIP_V1);

        ClickUpTask task = client.task(DemoWorkspace.TASK_SHIP_V1);

        assertThat(task.id()).isEqualTo(DemoWorkspace.TASK_SHIP_V1);
        assertThat(taskRequests(DemoWorkspace.TASK_SHIP_V1) - before).isEqualTo(2);
    }

    @Test
    void neverRetriesAnAuthenticationFailureAndCountsIt() {
        long authFailures = metrics.count("ClickUpAuthFailure");
        clickUp.faults().failNext(5, 401, "/task/", "{\"err\":\"Token invalid\",\"ECODE\":\"OAUTH_025\"}");
        int before = clickUp.count("GET", "/task/");

        assertThatThrownBy(() -> client.task(DemoWorkspace.TASK_LOGIN_BUG))
                .isInstanceOf(ClickUpException.Authentication.class)
                .satisfies(e -> assertThat(((ClickUpException) e).ecode()).isEqualTo("OAUTH_025"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(clickUp.token()));
        assertThat(clickUp.count("GET", "/task/") - before).isEqualTo(1);
        assertThat(metrics.count("ClickUpAuthFailure") - authFailures).isEqualTo(1);
    }

    @Test
    void anIdThatWouldChangeTheUrlIsRefusedAndNothingReachesClickUp() {
        int before = clickUp.requests().size();
        for (String hostile : new String[] {"..", "../team/9012345/webhook", "86c0aa001/comment", "a%2F..", "x?y=1", "", " 86c0aa001"}) {
            assertThatThrownBy(() -> client.task(hostile)).as(hostile)
                    .isInstanceOf(ClickUpIds.InvalidClickUpIdException.class).hasMessageStartingWith("not a ClickUp task id");
            assertThatThrownBy(() -> client.listFields(hostile)).isInstanceOf(ClickUpIds.InvalidClickUpIdException.class);
            assertThatThrownBy(() -> client.comment(hostile, "hi")).isInstanceOf(ClickUpIds.InvalidClickUpIdException.class);
        }
        assertThat(clickUp.requests().size() - before).as("nothing was sent").isZero();
    }

    @Test
    void neverRetriesNotFound() {
        int before = clickUp.count("GET", "/task/no-such-task");
        assertThatThrownBy(() -> client.task("no-such-task")).isInstanceOf(ClickUpException.NotFound.class);
        assertThat(clickUp.count("GET", "/task/no-such-task") - before).isEqualTo(1);
    }

    @Test
    void waitsOutA429UntilTheResetThenSucceeds() {
        // A one-second window, so ClickUp's reset is at most a second away (the budget waits up to 2 s).
        clickUp.setRateLimit(100, Duration.ofSeconds(1));
        clickUp.faults().failNext(1, 429, "/task/" + DemoWorkspace.TASK_LOGIN_BUG);
        long limited = metrics.count("ClickUpRateLimited");

        ClickUpTask task = client.task(DemoWorkspace.TASK_LOGIN_BUG);

        assertThat(task.id()).isEqualTo(DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(metrics.count("ClickUpRateLimited") - limited).isEqualTo(1);
    }

    @Test
    void walksEveryPageOfAListLazily() {
        String listId = "9012005" + System.nanoTime() % 100_000;
        clickUp.workspace().addList(listId, DemoWorkspace.FOLDER_ID, "Big list", DemoWorkspace.STATUSES);
        for (int i = 0; i < 250; i++) {
            clickUp.workspace().createTask("big-" + listId + "-" + i, listId, "Task " + i);
        }
        int before = clickUp.count("GET", "/list/" + listId + "/task");

        List<ClickUpTask> firstTen = client.listTasks(listId, TaskQuery.defaults()).limit(10).toList();
        assertThat(firstTen).hasSize(10);
        assertThat(clickUp.count("GET", "/list/" + listId + "/task") - before).as("lazy: one page for ten tasks").isEqualTo(1);

        List<ClickUpTask> all = client.listTasks(listId, TaskQuery.defaults()).toList();
        assertThat(all).hasSize(250).extracting(ClickUpTask::id).doesNotHaveDuplicates();
        assertThat(clickUp.count("GET", "/list/" + listId + "/task") - before).isEqualTo(1 + 3);
    }

    @Test
    void filtersTeamTasksByDateUpdatedAndEndsOnAShortPage() throws Exception {
        String listId = "9012006" + System.nanoTime() % 100_000;
        clickUp.workspace().addList(listId, DemoWorkspace.FOLDER_ID, "Filter list", DemoWorkspace.STATUSES);
        for (int i = 0; i < 120; i++) {
            clickUp.workspace().createTask("old-" + listId + "-" + i, listId, "Old " + i);
        }
        Thread.sleep(5);
        Instant cut = Instant.now();
        Thread.sleep(5);
        for (int i = 0; i < 130; i++) {
            clickUp.workspace().createTask("new-" + listId + "-" + i, listId, "New " + i);
        }
        TaskQuery query = new TaskQuery(cut, null, true, true, null, "updated", true, null, List.of(listId), null);

        List<ClickUpTask> updated = client.teamTasks(DemoWorkspace.TEAM_ID, query).toList();

        assertThat(updated).hasSize(130).allSatisfy(t -> assertThat(t.id()).startsWith("new-"));
        assertThat(updated).extracting(ClickUpTask::dateUpdated).isSorted();
    }

    private int taskRequests(String taskId) {
        return clickUp.count("GET", "/task/" + taskId + "$");
    }
}
