package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.EntryListener;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.FieldValue;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The index items follow the entries: moved by a newer version, removed by a tombstone, right again
 * after index updates land out of order, and healed after a crash between entry and index write.
 */
class TaskIndexTest {
    private static final String TABLE = "task-index-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static DynamoDbClient dynamo;
    private static TaskIndex index;
    private static MirrorStore mirror;
    private static MirrorStore unindexed;
    private static TaskQueryEngine engine;

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        index = new TaskIndex(dynamo, TABLE);
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), index);
        unindexed = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), EntryListener.NONE);
        engine = new TaskQueryEngine(dynamo, TABLE, mirror);
    }

    @Test
    void aTaskHasOneItemPerOrderInItsListAndWorkspace() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");

        mirror.upsert(v1);

        assertThat(indexKeysOf(v1.id())).isEqualTo(IndexKeys.of(v1)).hasSize(8);
        assertThat(ids(list, Map.of())).containsExactly(v1.id());
    }

    @Test
    void aNewerVersionMovesItsItemsAndLeavesNoneBehind() {
        String list = fresh();
        String other = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        mirror.upsert(v1);
        TaskSnapshot v2 = task(v1.id(), other, T.plusSeconds(60), "review");

        mirror.upsert(v2);

        assertThat(indexKeysOf(v1.id())).isEqualTo(IndexKeys.of(v2));
        assertThat(ids(list, Map.of())).isEmpty();
        assertThat(ids(other, Map.of("statuses[]", List.of("review")))).containsExactly(v1.id());
    }

    @Test
    void aListsTaskIdsComeAPageAtATimeWithoutItsGenerationItem() {
        String list = fresh();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TaskSnapshot task = task(fresh(), list, T, "to do");
            mirror.upsert(task); // each write also ticks the list's generation item (PageClock)
            ids.add(task.id());
        }

        TaskIndex.IdPage first = index.listTaskIds(list, false, null, 2);
        TaskIndex.IdPage second = index.listTaskIds(list, false, first.next(), 2);

        assertThat(first.taskIds()).hasSize(2);
        assertThat(first.next()).isNotNull();
        List<String> all = new java.util.ArrayList<>(first.taskIds());
        all.addAll(second.taskIds());
        assertThat(all).containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(index.listTaskIds(list, true, null, 2).taskIds()).as("the archived partition").isEmpty();
        assertThat(index.listTaskIds(fresh(), false, null, 2).taskIds()).isEmpty();
    }

    @Test
    void aTombstoneRemovesEveryItem() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        mirror.upsert(v1);

        mirror.tombstone(v1.id(), T.plusSeconds(5));

        assertThat(indexKeysOf(v1.id())).isEmpty();
        assertThat(ids(list, Map.of())).isEmpty();
    }

    @Test
    void anOlderIndexUpdateLandingLastIsUndoneByItsReRead() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        TaskSnapshot v2 = task(v1.id(), list, T.plusSeconds(60), "in progress");
        TaskSnapshot v3 = task(v1.id(), list, T.plusSeconds(120), "review");
        mirror.upsert(v1);
        mirror.upsert(v2);
        mirror.upsert(v3);

        // v2's index update arrives after v3's (a slow instance): it writes v2's items, then re-reads
        index.written(v1, v2, () -> mirror.find(v1.id()));

        assertThat(indexKeysOf(v1.id())).isEqualTo(IndexKeys.of(v3));
        assertThat(ids(list, Map.of("statuses[]", List.of("review")))).containsExactly(v1.id());
        assertThat(ids(list, Map.of("statuses[]", List.of("in progress")))).isEmpty();
    }

    @Test
    void anItemOfAnotherVersionIsNeverServedAndReconcileHealsTheCrash() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        mirror.upsert(v1);
        TaskSnapshot v2 = task(v1.id(), list, T.plusSeconds(60), "review");
        unindexed.upsert(v2); // the entry is written, the process dies before the index write

        assertThat(ids(list, Map.of())).as("v1's item is stale: not served").isEmpty();

        assertThat(mirror.upsertFetched(v2, mirror.beforeFetch())).isEqualTo(MirrorStore.Write.STALE);

        assertThat(ids(list, Map.of("statuses[]", List.of("review")))).containsExactly(v1.id());
        assertThat(engine.run(TaskQuery.parse(Scope.list(list), Map.of())).tasks()).containsExactly(v2);
    }

    @Test
    void aFetchOfAnOlderVersionLeavesTheIndexOfTheNewerOne() {
        String list = fresh();
        TaskSnapshot v1 = task(fresh(), list, T, "to do");
        TaskSnapshot v2 = task(v1.id(), list, T.plusSeconds(60), "review");
        mirror.upsert(v2);

        assertThat(mirror.upsertFetched(v1, mirror.beforeFetch())).isEqualTo(MirrorStore.Write.STALE);

        assertThat(indexKeysOf(v1.id())).isEqualTo(IndexKeys.of(v2));
        assertThat(ids(list, Map.of("statuses[]", List.of("review")))).containsExactly(v1.id());
    }

    @Test
    void customFieldsFilterThroughTheEngine() {
        String list = fresh();
        TaskSnapshot three = withPoints(task(fresh(), list, T, "to do"), 3);
        TaskSnapshot eight = withPoints(task(fresh(), list, T.plusSeconds(1), "to do"), 8);
        TaskSnapshot none = task(fresh(), list, T.plusSeconds(2), "to do");
        List.of(three, eight, none).forEach(mirror::upsert);

        assertThat(ids(list, cf("[{\"field_id\":\"pts\",\"operator\":\">\",\"value\":4}]"))).containsExactly(eight.id());
        assertThat(ids(list, cf("[{\"field_id\":\"pts\",\"operator\":\"RANGE\",\"value\":[1,8]}]")))
                .containsExactly(eight.id(), three.id());
        assertThat(ids(list, cf("[{\"field_id\":\"pts\",\"operator\":\"IS NULL\"}]"))).containsExactly(none.id());
        assertThat(ids(list, cf("[{\"field_id\":\"pts\",\"operator\":\"IS NOT NULL\"},"
                + "{\"field_id\":\"pts\",\"operator\":\"!=\",\"value\":\"3\"}]"))).containsExactly(eight.id());
    }

    @Test
    void customItemsFilterOnTheTaskTypeOfTheStoredJsonAndFollowItsChange() {
        String list = fresh();
        TaskSnapshot plain = typed(task(fresh(), list, T, "to do"), 0);
        TaskSnapshot milestone = typed(task(fresh(), list, T.plusSeconds(1), "to do"), 1);
        TaskSnapshot custom = typed(task(fresh(), list, T.plusSeconds(2), "to do"), 1300);
        TaskSnapshot noJson = task(fresh(), list, T.plusSeconds(3), "to do"); // a reduced entry: a plain task
        List.of(plain, milestone, custom, noJson).forEach(mirror::upsert);

        assertThat(ids(list, items("1"))).containsExactly(milestone.id());
        assertThat(ids(list, items("0", "1300"))).containsExactly(noJson.id(), custom.id(), plain.id());
        assertThat(ids(list, items("2"))).isEmpty();
        assertThat(ids(list, Map.of())).hasSize(4);

        // the type changes in a newer version: the items follow, the old value is never served
        mirror.upsert(typed(task(milestone.id(), list, T.plusSeconds(60), "to do"), 1300));

        assertThat(ids(list, items("1"))).isEmpty();
        assertThat(ids(list, items("1300"))).containsExactlyInAnyOrder(milestone.id(), custom.id());
    }

    @Test
    void anIndexWriteThatFailsAfterTheEntryWriteIsCountedAndTheEntryStands() {
        Metrics metrics = Metrics.inMemory();
        // a real failure: the index writes go to a table that does not exist, the entry to the real one
        MirrorStore broken = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, "no-such-table", metrics));
        TaskSnapshot v1 = task(fresh(), fresh(), T, "to do");

        assertThat(broken.upsert(v1)).isEqualTo(MirrorStore.Write.APPLIED);

        assertThat(mirror.find(v1.id())).contains(v1);
        assertThat(metrics.count(TaskIndex.METRIC_INDEX_WRITE_FAILED, "Index", "task_query", "Reason", "aws_unavailable")).isEqualTo(1);
        assertThat(metrics.count(TaskIndex.METRIC_INDEX_WRITE_FAILED, "Index", "team_time", "Reason", "aws_unavailable")).isEqualTo(1);
    }

    @Test
    void aPageStartWhoseIndexItemWasDeletedSinceStillMarksWhereThePageBegins() {
        String list = fresh();
        List<String> newestFirst = new java.util.ArrayList<>();
        for (int i = 0; i < 201; i++) {
            TaskSnapshot t = task(fresh(), list, T.plusSeconds(i), "to do");
            mirror.upsert(t);
            newestFirst.add(0, t.id());
        }
        TaskQueryEngine paged = new TaskQueryEngine(dynamo, TABLE, mirror, new PageCursors(PageCursors.MAX_STARTS, java.time.Duration.ofMinutes(5)));
        paged.run(TaskQuery.parse(Scope.list(list), Map.of()), "g"); // page 1 starts after the 100th task's item
        TaskSnapshot hundredth = mirror.find(newestFirst.get(99)).orElseThrow();
        mirror.upsert(task(hundredth.id(), fresh(), T.plusSeconds(1_000), "to do")); // moved away: its items deleted

        // A reader that read the generation before that write's tick: its start is a key with no item now.
        TaskPage page1 = paged.run(TaskQuery.parse(Scope.list(list), Map.of("page", List.of("1"))), "g");

        assertThat(page1.tasks()).extracting(TaskSnapshot::id).isEqualTo(newestFirst.subList(100, 200));
        assertThat(ids(list, Map.of("page", List.of("1")))).as("walked from the start, the list as it is now")
                .isEqualTo(newestFirst.subList(101, 201));
    }

    private static Map<String, List<String>> items(String... types) {
        return Map.of("custom_items[]", List.of(types));
    }

    /** The task with a stored JSON whose {@code custom_item_id} is {@code type}, as ClickUp sends it. */
    private static TaskSnapshot typed(TaskSnapshot s, long type) {
        com.fasterxml.jackson.databind.node.ObjectNode json = dev.clickupsync.json.Json.MAPPER.createObjectNode()
                .put("id", s.id()).put("custom_item_id", type);
        return s.withJson(json);
    }

    private static Map<String, List<String>> cf(String json) {
        return Map.of("custom_fields", List.of(json));
    }

    private static List<String> ids(String list, Map<String, List<String>> params) {
        return engine.run(TaskQuery.parse(Scope.list(list), params)).tasks().stream().map(TaskSnapshot::id).toList();
    }

    /** Every index item of the task (a scan: tests only). */
    private static Set<IndexKeys> indexKeysOf(String taskId) {
        return dynamo.scanPaginator(b -> b.tableName(TABLE).filterExpression("begins_with(pk, :tq) AND tid = :id")
                        .expressionAttributeValues(Map.of(":tq", AttributeValue.fromS("tq#"), ":id", AttributeValue.fromS(taskId))))
                .items().stream().map(i -> new IndexKeys(i.get("pk").s(), i.get("sk").s())).collect(Collectors.toSet());
    }

    private static TaskSnapshot withPoints(TaskSnapshot s, int points) {
        return s.withCustomFields(List.of(new FieldValue("pts", "Points", "number", IntNode.valueOf(points))), s.dateUpdated(), s.json());
    }

    private static TaskSnapshot task(String id, String list, Instant updated, String status) {
        return new TaskSnapshot(id, null, "Task " + id, status, "custom", null, null, List.of(new Person(1, "ada")),
                List.of("bug"), list, "f", "s", "team-" + list, null, updated, updated, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}
