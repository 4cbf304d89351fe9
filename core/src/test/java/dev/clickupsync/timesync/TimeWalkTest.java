package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.clickup.model.TaskTime;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimeEntries;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.mirror.TimeEntryUpserts;
import dev.clickupsync.store.BackfillRuns;
import dev.clickupsync.store.Tables;
import dev.clickupsync.store.Watermarks;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.testkit.MutableClock;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reconcile's walk of {@code GET /team/{id}/time_entries} against the fake ClickUp (over HTTP) and
 * dynalite (through the real SDK): backfill, watermark, one row through both endpoints, running timers,
 * edits, deletions, ClickUp failures mid-walk, malformed entries. Each test has its own fake, table
 * and clock; the walk's clock is the fake's.
 */
class TimeWalkTest {
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable("time-walk-test");
    static final long NOW = 1_760_000_000_000L;
    static final Duration DAY = Duration.ofDays(1);
    static final String TEAM = DemoWorkspace.TEAM_ID;
    static final String LOGIN = DemoWorkspace.TASK_LOGIN_BUG;
    static final String NOTES = DemoWorkspace.TASK_RELEASE_NOTES;

    final MutableClock clock = new MutableClock(NOW);
    final FakeWorkspace workspace = FakeWorkspace.demo(clock);
    final FakeClickUp fake = FakeClickUp.start(workspace);
    final Metrics metrics = Metrics.inMemory();
    DynamoDbClient dynamo;
    String table;
    TimeEntryStore entries;
    Watermarks watermarks;

    @BeforeEach
    void freshTable() {
        dynamo = DYNALITE.dynamo();
        table = "tw-" + UUID.randomUUID();
        new Provisioner(dynamo, null).ensureTable(table);
        entries = new TimeEntryStore(dynamo, table, clock);
        watermarks = new Watermarks(dynamo, table);
        MirrorStore mirror = new MirrorStore(dynamo, table);
        mirror.upsert(snapshot(LOGIN));
        mirror.upsert(snapshot(NOTES));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void backfillFromAnEmptyMirrorFindsEntriesTrackedBeforeTheMirrorExisted() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(60), Duration.ofHours(2));
        workspace.trackTime(NOTES, DemoWorkspace.ALAN, ago(20), Duration.ofMinutes(30));
        workspace.trackTime(NOTES, DemoWorkspace.ADA, ago(1), Duration.ofMinutes(45));

        TimeWalk.Result result = walk(TimeWalkSettings.defaults().withWindow(Duration.ofDays(7), Duration.ofDays(3)))
                .run(TEAM, () -> { });

        assertThat(result.windows()).as("90 days in windows of 7").isEqualTo(13);
        assertThat(result.written()).isEqualTo(3);
        assertThat(result.caughtUp()).isTrue();
        assertThat(entries.forTask(LOGIN)).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(ago(60));
            assertThat(e.durationMs()).isEqualTo(7_200_000L);
            assertThat(e.userId()).isEqualTo(DemoWorkspace.ADA);
            assertThat(e.description()).isEqualTo("");
            assertThat(e.billable()).isFalse();
        });
        assertThat(entries.forTask(NOTES)).hasSize(2);
        assertThat(new TeamTimeIndex(dynamo, table).between(TEAM, ago(90), clock.instant())).hasSize(3);
        Watermarks.Stored mark = watermarks.load(TEAM, TimeWalk.SCOPE).orElseThrow();
        assertThat(mark.cursorMillis()).isEqualTo(NOW);
        assertThat(mark.highWaterMillis()).isEqualTo(NOW);
        assertThat(mark.inProgress()).isFalse();
        assertThat(mark.backfill()).isFalse();
        assertThat(fake.requests()).filteredOn(r -> r.path().contains("/time_entries")).hasSize(13)
                .allSatisfy(r -> assertThat(r.queryParam("assignee")).isEqualTo("183,184"));
        BackfillRuns.Run run = new BackfillRuns(dynamo, table).load(TEAM, TimeWalk.SCOPE).orElseThrow();
        assertThat(run.state()).isEqualTo("done");
        assertThat(run.pages()).isEqualTo(13);
        assertThat(run.tasksWritten()).isEqualTo(3);
        assertThat(run.from()).isEqualTo(ago(90));
    }

    @Test
    void aRewoundWatermarkBackfillsFromItsCursor() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(50), Duration.ofHours(1));
        TimeWalk walk = walk(TimeWalkSettings.defaults());
        walk.run(TEAM, () -> { }); // the first walk (90 days) stores the entry
        entries.replaceForTask(LOGIN, List.of()); // lost meanwhile
        Watermarks.Stored mark = watermarks.load(TEAM, TimeWalk.SCOPE).orElseThrow();
        // what reconcile's WatermarkRewind writes for POST /admin/backfill
        assertThat(watermarks.save(new Watermarks.Stored(TEAM, TimeWalk.SCOPE, mark.highWaterMillis(),
                ago(60).toEpochMilli(), mark.cursorIds(), true, true, mark.version() + 1, clock.instant()))).isTrue();

        fake.resetJournal();
        TimeWalk.Result result = walk.run(TEAM, () -> { });

        assertThat(timeEntryCalls().get(0).queryParam("start_date")).isEqualTo(Long.toString(ago(60).toEpochMilli()));
        assertThat(result.written()).isEqualTo(1);
        assertThat(entries.forTask(LOGIN)).hasSize(1);
        assertThat(watermarks.load(TEAM, TimeWalk.SCOPE).orElseThrow().backfill()).isFalse();
    }

    @Test
    void aStoppedBackfillResumesAtTheWindowItStoppedAndTheNextRunOnlyWalksTheOverlap() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(80), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ADA, ago(10), Duration.ofHours(1));
        AtomicInteger calls = new AtomicInteger();
        TimeWalk walk = walk(TimeWalkSettings.defaults().withWindow(Duration.ofDays(30), Duration.ofDays(3)));

        // members + 2 windows, then the deadline: the third window is never asked for
        assertThatThrownBy(() -> walk.run(TEAM, () -> {
            if (calls.incrementAndGet() > 3) {
                throw new IllegalStateException("deadline");
            }
        })).hasMessage("deadline");

        Watermarks.Stored stopped = watermarks.load(TEAM, TimeWalk.SCOPE).orElseThrow();
        assertThat(stopped.cursorMillis()).isEqualTo(ago(30).toEpochMilli());
        assertThat(stopped.inProgress()).isTrue();
        assertThat(stopped.backfill()).isTrue();
        assertThat(entries.forTask(LOGIN)).hasSize(1);
        assertThat(entries.forTask(NOTES)).as("its window was not walked yet").isEmpty();

        fake.resetJournal();
        TimeWalk.Result resumed = walk.run(TEAM, () -> { });
        assertThat(timeEntryCalls()).singleElement().satisfies(r -> {
            assertThat(r.queryParam("start_date")).isEqualTo(Long.toString(ago(30).toEpochMilli()));
            assertThat(r.queryParam("end_date")).isEqualTo(Long.toString(NOW));
        });
        assertThat(resumed.caughtUp()).isTrue();
        assertThat(entries.forTask(NOTES)).hasSize(1);

        clock.advance(DAY);
        fake.resetJournal();
        walk.run(TEAM, () -> { });
        assertThat(timeEntryCalls()).as("one window: the trailing overlap").singleElement().satisfies(r -> {
            assertThat(r.queryParam("start_date")).isEqualTo(Long.toString(NOW - Duration.ofDays(3).toMillis()));
            assertThat(r.queryParam("end_date")).isEqualTo(Long.toString(clock.millis()));
        });
    }

    @Test
    void anEntrySeenThroughTheTeamEndpointAndTheTaskPathIsOneRow() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(2), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ALAN, ago(2), Duration.ofMinutes(10));
        TimeWalk walk = walk(TimeWalkSettings.defaults());

        entries.replaceForTask(LOGIN, TimeEntries.fromTaskTime(LOGIN, legacy(LOGIN))); // task path first
        walk.run(TEAM, () -> { });
        walk.run(TEAM, () -> { }); // again: nothing to write
        walk.run(TEAM, () -> { });
        entries.replaceForTask(NOTES, TimeEntries.fromTaskTime(NOTES, legacy(NOTES))); // task path after the walk

        for (String task : List.of(LOGIN, NOTES)) {
            assertThat(items(task)).as("rows of " + task).isEqualTo(1);
            TimeEntryRecord row = entries.forTask(task).get(0);
            assertThat(row.entryId()).isEqualTo(workspace.timeEntries(task).get(0).id());
            assertThat(row.description()).as("the team shape's, kept by the poorer legacy shape").isEqualTo("");
            assertThat(row.billable()).isFalse();
        }
        assertThat(new TeamTimeIndex(dynamo, table).between(TEAM, ago(3), clock.instant())).hasSize(2);
    }

    @Test
    void aRunningTimerIsStoredAsRunningAndUpdatedWhenItStopsEvenAfterTheOverlap() {
        workspace.startTimer(NOTES, DemoWorkspace.ALAN, ago(1));
        TimeWalk walk = walk(TimeWalkSettings.defaults());
        walk.run(TEAM, () -> { });

        TimeEntryRecord running = entries.forTask(NOTES).get(0);
        assertThat(running.running()).isTrue();
        assertThat(running.end()).isNull();
        assertThat(running.durationMs()).isEqualTo(-ago(1).toEpochMilli());

        clock.advance(Duration.ofDays(5)); // the timer's start is now older than the 3-day overlap
        workspace.stopTimer(DemoWorkspace.ALAN, clock.instant());
        walk.run(TEAM, () -> { });

        TimeEntryRecord stopped = entries.forTask(NOTES).get(0);
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.end()).isEqualTo(clock.instant());
        assertThat(stopped.durationMs()).isEqualTo(Duration.ofDays(6).toMillis());
        assertThat(items(NOTES)).isEqualTo(1);
    }

    @Test
    void anEditToAPastEntryInsideTheOverlapIsPickedUp() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(2), Duration.ofHours(1));
        TimeWalk walk = walk(TimeWalkSettings.defaults());
        walk.run(TEAM, () -> { });
        String id = workspace.timeEntries(LOGIN).get(0).id();

        clock.advance(DAY);
        workspace.editTimeEntry(id, Duration.ofMinutes(20), "pairing with Alan", List.of("review"));
        TimeWalk.Result result = walk.run(TEAM, () -> { });

        assertThat(result.written()).isEqualTo(1);
        TimeEntryRecord edited = entries.forTask(LOGIN).get(0);
        assertThat(edited.durationMs()).isEqualTo(1_200_000L);
        assertThat(edited.end()).isEqualTo(ago(2).plus(Duration.ofMinutes(20)));
        assertThat(edited.description()).isEqualTo("pairing with Alan");
        assertThat(edited.tags()).containsExactly("review");
        assertThat(new TeamTimeIndex(dynamo, table).between(TEAM, ago(3), clock.instant()))
                .singleElement().satisfies(e -> assertThat(e.durationMs()).isEqualTo(1_200_000L));
    }

    @Test
    void anEntryDeletedInClickUpInsideAWalkedWindowIsTombstoned() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(2), Duration.ofHours(1));
        workspace.trackTime(LOGIN, DemoWorkspace.ALAN, ago(1), Duration.ofHours(2));
        TimeWalk walk = walk(TimeWalkSettings.defaults());
        walk.run(TEAM, () -> { });
        String gone = workspace.timeEntries(LOGIN).get(0).id();

        workspace.deleteTimeEntry(gone);
        TimeWalk.Result result = walk.run(TEAM, () -> { });

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(entries.forTask(LOGIN)).extracting(TimeEntryRecord::entryId).doesNotContain(gone).hasSize(1);
        assertThat(new TeamTimeIndex(dynamo, table).between(TEAM, ago(3), clock.instant())).hasSize(1);
        Map<String, AttributeValue> tombstone = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(Tables.PK, AttributeValue.fromS("task#" + LOGIN), Tables.SK, AttributeValue.fromS("time#" + gone))))
                .item();
        assertThat(tombstone).containsKey("deleted_at");
        assertThat(metrics.count("ReconcileTimeEntryDeleted", "Reason", "not_listed")).isEqualTo(1);
        assertThat(walk.run(TEAM, () -> { }).deleted()).as("already a tombstone").isZero();
    }

    @Test
    void entriesOfUsersTheWalkDidNotAskForAreNeverTakenAsDeleted() {
        workspace.trackTime(LOGIN, DemoWorkspace.ALAN, ago(1), Duration.ofHours(2));
        walk(TimeWalkSettings.defaults()).run(TEAM, () -> { });

        TimeWalkSettings adaOnly = new TimeWalkSettings(true, Duration.ofDays(7), Duration.ofDays(3), null, 90,
                Duration.ofDays(30), List.of(DemoWorkspace.ADA));
        assertThat(walk(adaOnly).run(TEAM, () -> { }).deleted()).isZero();
        assertThat(entries.forTask(LOGIN)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void aClickUpFailureMidWalkLeavesTheWatermarkAtTheLastCompletedWindow(int status) {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(80), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ADA, ago(40), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ALAN, ago(5), Duration.ofHours(1));
        TimeWalk walk = walk(TimeWalkSettings.defaults().withWindow(Duration.ofDays(30), Duration.ofDays(3)));
        fake.faults().failAfter(1, 1, status, "/time_entries");

        assertThatThrownBy(() -> walk.run(TEAM, () -> { })).isInstanceOf(ClickUpException.class)
                .satisfies(e -> assertThat(((ClickUpException) e).status()).isEqualTo(status));

        Watermarks.Stored mark = watermarks.load(TEAM, TimeWalk.SCOPE).orElseThrow();
        assertThat(mark.cursorMillis()).isEqualTo(ago(60).toEpochMilli());
        assertThat(mark.inProgress()).isTrue();
        assertThat(entries.forTask(LOGIN)).hasSize(1);
        assertThat(entries.forTask(NOTES)).isEmpty();

        TimeWalk.Result resumed = walk.run(TEAM, () -> { });
        assertThat(resumed.caughtUp()).isTrue();
        assertThat(entries.forTask(NOTES)).as("nothing skipped").hasSize(2);
    }

    @Test
    void aMalformedEntryIsSkippedAndCountedAndTheRestOfItsWindowStored() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, ago(2), Duration.ofHours(1));
        JsonNode good = new FakeClickUpTimeSource(fake).entries(TEAM, ago(3), clock.instant(), List.of(DemoWorkspace.ADA)).get(0);
        workspace.addRawTimeEntry(((com.fasterxml.jackson.databind.node.ObjectNode) good.deepCopy())
                .put("id", "7001").put("duration", "soon"));
        com.fasterxml.jackson.databind.node.ObjectNode noTask = good.deepCopy();
        noTask.put("id", "7002").remove("task");
        workspace.addRawTimeEntry(noTask);
        workspace.addRawTimeEntry(((com.fasterxml.jackson.databind.node.ObjectNode) good.deepCopy())
                .put("id", "7003").put("end", Long.toString(ago(3).toEpochMilli())));

        TimeWalk.Result result = walk(TimeWalkSettings.defaults().withWindow(Duration.ofDays(100), Duration.ofDays(3)))
                .run(TEAM, () -> { });

        assertThat(result.skipped()).isEqualTo(3);
        assertThat(metrics.count("ReconcileTimeEntrySkipped", "Reason", "malformed")).isEqualTo(2);
        assertThat(metrics.count("ReconcileTimeEntrySkipped", "Reason", "no_task")).isEqualTo(1);
        assertThat(entries.forTask(LOGIN)).extracting(TimeEntryRecord::entryId)
                .containsExactly(workspace.timeEntries(LOGIN).get(0).id());
        assertThat(items(LOGIN)).as("no half entry").isEqualTo(1);
    }

    // ------------------------------------------------------------------------------ helpers

    TimeWalk walk(TimeWalkSettings settings) {
        return new TimeWalk(new FakeClickUpTimeSource(fake), new TimeEntryUpserts(dynamo, table), watermarks,
                new BackfillRuns(dynamo, table), metrics, settings, clock);
    }

    static Instant ago(int days) {
        return Instant.ofEpochMilli(NOW).minus(Duration.ofDays(days));
    }

    /** The time-entry calls the fake received. */
    List<RecordedRequest> timeEntryCalls() {
        return fake.requests().stream().filter(r -> r.path().contains("/time_entries")).toList();
    }

    TaskSnapshot snapshot(String taskId) {
        try {
            return TaskSnapshot.of(Json.MAPPER.treeToValue(workspace.taskJson(taskId), ClickUpTask.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TaskTime legacy(String taskId) {
        try {
            return Json.MAPPER.treeToValue(new FakeClickUpTimeSource(fake).get("/task/" + taskId + "/time"), TaskTime.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every time item under the task, tombstones included. */
    int items(String taskId) {
        return dynamo.query(Tables.prefixQuery(table, "task#" + taskId, "time#").build()).count();
    }
}
