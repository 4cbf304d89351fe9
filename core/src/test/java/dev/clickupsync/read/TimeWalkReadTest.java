package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.mirror.TimeEntryUpserts;
import dev.clickupsync.store.BackfillRuns;
import dev.clickupsync.store.Watermarks;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.timesync.FakeClickUpTimeSource;
import dev.clickupsync.timesync.TimeWalk;
import dev.clickupsync.timesync.TimeWalkSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reconcile's time walk stored is what the read API serves: the services of
 * {@link TimeEntriesReadResource} (the team time index, the task's entries, {@link TimeEntryViews})
 * over the walked mirror answer the fake ClickUp's own entries, field for field, in both shapes.
 */
class TimeWalkReadTest {
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable("time-walk-read-test");
    private static final long NOW = 1_760_000_000_000L;
    private static final String TEAM = DemoWorkspace.TEAM_ID;
    private static final String LOGIN = DemoWorkspace.TASK_LOGIN_BUG;
    private static final String NOTES = DemoWorkspace.TASK_RELEASE_NOTES;

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeWorkspace workspace = FakeWorkspace.demo(clock);
    private final FakeClickUp fake = FakeClickUp.start(workspace);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theReadApiServesWhatTheWalkStoredInClickUpsShapes() throws IOException {
        DynamoDbClient dynamo = DYNALITE.dynamo();
        String table = DYNALITE.table();
        new Provisioner(dynamo, null).ensureTable(table);
        MirrorStore mirror = new MirrorStore(dynamo, table);
        Map<String, TaskSnapshot> tasks = Map.of(LOGIN, snapshot(LOGIN), NOTES, snapshot(NOTES));
        tasks.values().forEach(mirror::upsert);
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(3), Duration.ofHours(1));
        workspace.trackTime(LOGIN, DemoWorkspace.ALAN, ago(2), Duration.ofMinutes(30));
        workspace.editTimeEntry(workspace.timeEntries(LOGIN).get(0).id(), Duration.ofMinutes(50), "triage", List.of());
        workspace.startTimer(NOTES, DemoWorkspace.ALAN, ago(1));
        TimeWalk walk = new TimeWalk(new FakeClickUpTimeSource(fake), new TimeEntryUpserts(dynamo, table),
                new Watermarks(dynamo, table), new BackfillRuns(dynamo, table), Metrics.inMemory(),
                TimeWalkSettings.defaults(), clock);
        walk.run(TEAM, () -> { });
        workspace.deleteTimeEntry(workspace.timeEntries(LOGIN).get(1).id());
        walk.run(TEAM, () -> { });

        List<Long> users = List.of(DemoWorkspace.ADA, DemoWorkspace.ALAN);
        List<JsonNode> served = new ArrayList<>();
        for (TimeEntryRecord e : new TeamTimeIndex(dynamo, table).between(TEAM, ago(30), clock.instant())) {
            if (TimeEntryViews.byOneOf(e, users)) {
                served.add(TimeEntryViews.teamEntry(e, tasks.get(e.taskId())));
            }
        }
        List<JsonNode> truth = new FakeClickUpTimeSource(fake).entries(TEAM, ago(30), clock.instant(), users);

        assertThat(served).hasSize(2).hasSameSizeAs(truth);
        for (int i = 0; i < truth.size(); i++) {
            for (String field : List.of("id", "start", "end", "duration", "description", "billable", "wid", "source", "at")) {
                assertThat(served.get(i).get(field)).as(field + " of entry " + i).isEqualTo(truth.get(i).get(field));
            }
            assertThat(served.get(i).at("/user/id").asLong()).isEqualTo(truth.get(i).at("/user/id").asLong());
            assertThat(served.get(i).at("/task/id")).isEqualTo(truth.get(i).at("/task/id"));
        }
        assertThat(served.get(1).has("end")).as("a running timer").isFalse();

        JsonNode legacy = TimeEntryViews.legacy(new TimeEntryStore(dynamo, table).forTask(LOGIN));
        JsonNode legacyTruth = new FakeClickUpTimeSource(fake).get("/task/" + LOGIN + "/time");
        assertThat(legacy.at("/data/0/intervals/0/id")).isEqualTo(legacyTruth.at("/data/0/intervals/0/id"));
        assertThat(legacy.at("/data/0/time").asLong()).isEqualTo(legacyTruth.at("/data/0/time").asLong()).isEqualTo(3_000_000L);
        assertThat(legacy.get("data")).as("the deleted entry is not served").hasSize(1);
    }

    private static Instant ago(int days) {
        return Instant.ofEpochMilli(NOW).minus(Duration.ofDays(days));
    }

    private TaskSnapshot snapshot(String taskId) throws IOException {
        return TaskSnapshot.of(Json.MAPPER.treeToValue(workspace.taskJson(taskId), ClickUpTask.class));
    }
}
