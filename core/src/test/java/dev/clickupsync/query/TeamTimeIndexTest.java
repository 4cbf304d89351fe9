package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import dev.clickupsync.mirror.TeamTimeIndex;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.mirror.TimeEntryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The team time index follows the time entries and their task (dynalite, real SDK): a date range is
 * one Query, in start order, bounds inclusive; an entry's item moves with its start and goes with the
 * entry; a tombstone of its task removes the task's items and a task back from it brings them back;
 * entries of a task the mirror does not hold get none.
 */
class TeamTimeIndexTest {
    private static final String TABLE = "team-time-index-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;
    private static TimeEntryStore entries;
    private static TeamTimeIndex index;

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
        entries = new TimeEntryStore(dynamo, TABLE);
        index = new TeamTimeIndex(dynamo, TABLE);
    }

    @Test
    void aDateRangeIsTheWorkspacesEntriesByStartWithInclusiveBounds() {
        String team = fresh();
        TaskSnapshot a = liveTask(team);
        TaskSnapshot b = liveTask(team);
        TaskSnapshot elsewhere = liveTask(fresh());
        entries.replaceForTask(a.id(), List.of(entry(a, "a1", 0), entry(a, "a2", 120)));
        entries.replaceForTask(b.id(), List.of(entry(b, "b1", 60), entry(b, "b-late", 3_600)));
        entries.replaceForTask(elsewhere.id(), List.of(entry(elsewhere, "x1", 60)));

        assertThat(ids(index.between(team, T, T.plusSeconds(120)))).containsExactly("a1", "b1", "a2");
        assertThat(ids(index.between(team, T.plusSeconds(1), T.plusSeconds(119)))).containsExactly("b1");
        assertThat(ids(index.between(team, T.plusSeconds(120), T))).as("an empty range").isEmpty();
        assertThat(index.between(team, T, T.plusSeconds(120)).get(0)).isEqualTo(entry(a, "a1", 0));
    }

    @Test
    void anEntrysItemMovesWithItsStartAndGoesWithIt() {
        String team = fresh();
        TaskSnapshot task = liveTask(team);
        entries.replaceForTask(task.id(), List.of(entry(task, "kept", 0), entry(task, "gone", 10)));

        entries.replaceForTask(task.id(), List.of(entry(task, "kept", 600)));

        assertThat(ids(index.between(team, T, T.plusSeconds(599)))).isEmpty();
        assertThat(ids(index.between(team, T, T.plusSeconds(3_600)))).containsExactly("kept");
    }

    @Test
    void aTombstoneRemovesTheTasksItemsAndARestoreBringsThemBack() {
        String team = fresh();
        TaskSnapshot task = liveTask(team);
        entries.replaceForTask(task.id(), List.of(entry(task, "e1", 0)));

        mirror.notFound(task.id(), mirror.beforeFetch().plusMillis(1));
        assertThat(index.between(team, T, T.plusSeconds(60))).isEmpty();

        mirror.upsertFetched(task, mirror.beforeFetch().plusMillis(2)); // healed: live again
        assertThat(ids(index.between(team, T, T.plusSeconds(60)))).containsExactly("e1");
    }

    @Test
    void entriesOfATaskTheMirrorDoesNotHoldGetNoItemUntilItArrives() {
        String team = fresh();
        TaskSnapshot task = task(fresh(), team, T);
        entries.replaceForTask(task.id(), List.of(entry(task, "early", 0)));
        assertThat(index.between(team, T, T.plusSeconds(60))).isEmpty();

        mirror.upsert(task); // its first write files the entries stored before it

        assertThat(ids(index.between(team, T, T.plusSeconds(60)))).containsExactly("early");
    }

    private static TaskSnapshot liveTask(String team) {
        TaskSnapshot task = task(fresh(), team, T);
        mirror.upsert(task);
        return task;
    }

    private static List<String> ids(List<TimeEntryRecord> records) {
        return records.stream().map(r -> r.entryId().substring(r.entryId().indexOf('-') + 1)).toList();
    }

    private static TimeEntryRecord entry(TaskSnapshot task, String id, long startSeconds) {
        Instant start = T.plusSeconds(startSeconds);
        return new TimeEntryRecord(task.id() + "-" + id, task.id(), 183L, "John", start, start.plusSeconds(30), 30_000,
                false, true, "work", "clickup", start.plusSeconds(30));
    }

    private static TaskSnapshot task(String id, String team, Instant updated) {
        return new TaskSnapshot(id, null, "Task " + id, "to do", "custom", null, null, List.of(new Person(1, "ada")),
                List.of(), "l-" + team, "f", "s", team, null, updated, updated, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
