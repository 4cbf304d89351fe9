package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.query.TaskIndex;
import dev.clickupsync.store.Item;
import dev.clickupsync.support.DynaliteTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Time entries filed with their task's place (on dynalite, through the real write path: the mirror's
 * task index listener re-files on every place change): a read filtered by location counts only that
 * place's entries against its bound, follows a task to its new list, and admits items filed before
 * they carried a place.
 */
class TeamTimeIndexPlaceTest {
    private static final String TABLE = "team-time-place-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static final Instant FROM = Instant.ofEpochMilli(T);
    private static final Instant TO = Instant.ofEpochMilli(T + 86_400_000L);
    private static final String TEAM = "9012345";
    private static final String SPACE = "90120001";
    private static final String FOLDER = "90120010";
    private static final String BUSY_LIST = "901200100";
    private static final String QUIET_LIST = "901200200";
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;
    private static TimeEntryStore entries;
    private static TeamTimeIndex index;

    @BeforeAll
    static void stores() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
        entries = new TimeEntryStore(dynamo, TABLE);
        index = new TeamTimeIndex(dynamo, TABLE);
    }

    @Test
    void aNarrowListInAWideRangeCountsOnlyItsOwnEntriesAgainstTheBound() {
        mirror.upsert(task("busy1", BUSY_LIST, 1));
        mirror.upsert(task("quiet1", QUIET_LIST, 1));
        entries.replaceForTask("busy1", timed("busy1", 10, 0));
        entries.replaceForTask("quiet1", timed("quiet1", 2, 10));

        java.util.function.Predicate<TimeEntryRecord> these = e -> List.of("busy1", "quiet1").contains(e.taskId());

        List<TimeEntryRecord> quiet = index.between(TEAM, FROM, TO, these, filter(QUIET_LIST), 3);

        assertThat(quiet).extracting(TimeEntryRecord::taskId).containsExactly("quiet1", "quiet1");
        assertThat(index.between(TEAM, FROM, TO, these, TimePlace.Filter.ANY, 3)).as("the workspace is over the bound")
                .hasSize(4);
        assertThat(index.between(TEAM, FROM, TO, these, new TimePlace.Filter(SPACE, FOLDER, null), 100))
                .as("space and folder filter too").hasSize(12);
        assertThat(index.between(TEAM, FROM, TO, these, new TimePlace.Filter("other-space", null, null), 100)).isEmpty();
    }

    @Test
    void aTaskMovedToAnotherListIsFiledThereAndNoLongerInItsOldList() {
        mirror.upsert(task("mover", BUSY_LIST, 1));
        entries.replaceForTask("mover", timed("mover", 2, 20));
        assertThat(moverIn(BUSY_LIST)).hasSize(2);

        mirror.upsert(task("mover", QUIET_LIST, 2));

        assertThat(moverIn(QUIET_LIST)).hasSize(2);
        assertThat(moverIn(BUSY_LIST)).isEmpty();
    }

    @Test
    void aTombstonedTaskLeavesTheIndexAndABackFromTheDeadTaskIsFiledAgainWithItsPlace() {
        mirror.upsert(task("lazarus", QUIET_LIST, 1));
        entries.replaceForTask("lazarus", timed("lazarus", 1, 30));
        mirror.tombstone("lazarus", Instant.ofEpochMilli(T + 5_000));
        assertThat(index.between(TEAM, FROM, TO, e -> e.taskId().equals("lazarus"), TimePlace.Filter.ANY, 10)).isEmpty();

        mirror.upsertFetched(task("lazarus", QUIET_LIST, 10_000), Instant.ofEpochMilli(T + 20_000));

        assertThat(index.between(TEAM, FROM, TO, e -> e.taskId().equals("lazarus"), filter(QUIET_LIST), 10)).hasSize(1);
    }

    @Test
    void anItemFiledBeforeItemsCarriedAPlaceIsAdmittedByEveryFilter() {
        TimeEntryRecord old = timed("legacy", 1, 40).get(0);
        Map<String, AttributeValue> key = TeamTimeIndex.key(TEAM, old).orElseThrow();
        dynamo.putItem(b -> b.tableName(TABLE).item(TimeEntryStore.toItem(key, old)));

        assertThat(index.between(TEAM, FROM, TO, e -> e.taskId().equals("legacy"), filter("any-list"), 10))
                .as("unknown place: the reader checks the task").hasSize(1);
    }

    @Test
    void placeAttributesAreWrittenOnIndexItemsOnly() {
        mirror.upsert(task("placed", QUIET_LIST, 1));
        entries.replaceForTask("placed", timed("placed", 1, 50));

        Item indexItem = Item.of(dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(TeamTimeIndex.key(TEAM, timed("placed", 1, 50).get(0)).orElseThrow())).item());
        Item entryItem = Item.of(dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(TimeEntryStore.key("placed", "placed-e0"))).item());

        assertThat(indexItem.text(TimePlace.LIST)).isEqualTo(QUIET_LIST);
        assertThat(indexItem.text(TimePlace.FOLDER)).isEqualTo(FOLDER);
        assertThat(indexItem.text(TimePlace.SPACE)).isEqualTo(SPACE);
        assertThat(entryItem.has(TimePlace.LIST)).isFalse();
    }

    private static List<TimeEntryRecord> moverIn(String list) {
        return index.between(TEAM, FROM, TO, e -> e.taskId().equals("mover"), filter(list), 10);
    }

    private static TimePlace.Filter filter(String list) {
        return new TimePlace.Filter(null, null, list);
    }

    /** {@code count} entries of the task, a minute apart from minute {@code offset} of the range. */
    private static List<TimeEntryRecord> timed(String task, int count, int offset) {
        List<TimeEntryRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = Instant.ofEpochMilli(T + (offset + i) * 60_000L);
            out.add(new TimeEntryRecord(task + "-e" + i, task, 183L, "Ada", start, start.plusSeconds(30), 30_000L,
                    false, null, null, "clickup", start.plusSeconds(30)));
        }
        return out;
    }

    private static TaskSnapshot task(String id, String list, long version) {
        Instant updated = Instant.ofEpochMilli(T + version);
        return new TaskSnapshot(id, null, "Task " + id, "to do", "open", null, null, List.of(), List.of(), list, FOLDER,
                SPACE, TEAM, null, Instant.ofEpochMilli(T), updated, null, null, null, null, null, null, null, List.of(),
                false, false, null);
    }
}
