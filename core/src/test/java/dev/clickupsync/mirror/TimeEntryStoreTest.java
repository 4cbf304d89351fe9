package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.store.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task's time entries in the mirror table, on dynalite. */
class TimeEntryStoreTest {
    private static final String TABLE = "time-entry-store-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static DynamoDbClient dynamo;
    private static TimeEntryStore store;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        store = new TimeEntryStore(dynamo, TABLE);
    }

    @Test
    void replaceWritesEveryEntryInStartOrder() {
        String task = newTaskId();
        TimeEntryRecord late = entry(task, "e-late", 7_200_000, 3_600_000);
        TimeEntryRecord early = entry(task, "e-early", 0, 1_800_000);
        TimeEntryRecord undated = new TimeEntryRecord("e-undated", task, 1L, "John Doe", null, null, 1_000_000L, false,
                null, null, "chrome", Instant.ofEpochMilli(T - 1));

        store.replaceForTask(task, List.of(late, early, undated));

        assertThat(store.forTask(task)).containsExactly(undated, early, late);
        Map<String, AttributeValue> item = rawItems(task).get("time#e-early");
        assertThat(item.get("start").n()).isEqualTo(Long.toString(T));
        assertThat(item.get("end").n()).isEqualTo(Long.toString(T + 1_800_000));
        assertThat(item.get("duration_ms").n()).isEqualTo("1800000");
        assertThat(item.get("billable").bool()).isTrue();
        assertThat(item).doesNotContainKey(Tables.TTL);
    }

    @Test
    void replacingAgainWithAnEntryGoneDeletesIt() {
        String task = newTaskId();
        TimeEntryRecord kept = entry(task, "e-kept", 0, 1_000);
        TimeEntryRecord gone = entry(task, "e-gone", 5_000, 1_000);
        store.replaceForTask(task, List.of(kept, gone));

        store.replaceForTask(task, List.of(kept));

        assertThat(store.forTask(task)).containsExactly(kept);
        assertThat(rawItems(task)).containsOnlyKeys("time#e-kept");
    }

    @Test
    void replacingWithNoEntriesDeletesThemAll() {
        String task = newTaskId();
        store.replaceForTask(task, List.of(entry(task, "a", 0, 1), entry(task, "b", 1, 1)));

        store.replaceForTask(task, List.of());

        assertThat(store.forTask(task)).isEmpty();
    }

    @Test
    void rewritingTheSameEntriesChangesNothing() {
        String task = newTaskId();
        List<TimeEntryRecord> entries = List.of(entry(task, "a", 0, 1_000), running(task, "b", 2_000));
        store.replaceForTask(task, entries);
        Map<String, Map<String, AttributeValue>> before = rawItems(task);
        // A marker only a PutItem would erase: an unchanged entry must not be written again.
        dynamo.updateItem(b -> b.tableName(TABLE).key(key(task, "a"))
                .updateExpression("SET probe = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("x"))));

        store.replaceForTask(task, entries);
        store.replaceForTask(task, List.of(entries.get(1), entries.get(0)));

        assertThat(store.forTask(task)).containsExactlyElementsOf(entries);
        Map<String, Map<String, AttributeValue>> after = rawItems(task);
        assertThat(after.get("time#a")).containsEntry("probe", AttributeValue.fromS("x"));
        after.get("time#a").remove("probe");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aChangedEntryIsRewritten() {
        String task = newTaskId();
        store.replaceForTask(task, List.of(running(task, "a", 0)));
        TimeEntryRecord stopped = entry(task, "a", 0, 90_000);

        store.replaceForTask(task, List.of(stopped));

        assertThat(store.forTask(task)).containsExactly(stopped);
        assertThat(rawItems(task).get("time#a")).containsKey("end");
    }

    @Test
    void tasksAreIsolated() {
        String taskA = newTaskId();
        String taskB = taskA + "0"; // shares taskA's key as a prefix
        TimeEntryRecord a = entry(taskA, "same-id", 0, 1_000);
        TimeEntryRecord b = entry(taskB, "same-id", 0, 2_000);
        store.replaceForTask(taskA, List.of(a));
        store.replaceForTask(taskB, List.of(b));

        store.replaceForTask(taskB, List.of());

        assertThat(store.forTask(taskA)).containsExactly(a);
        assertThat(store.forTask(taskB)).isEmpty();
    }

    @Test
    void runningTimerRoundTripsWithNegativeDurationAndNoEnd() {
        String task = newTaskId();
        TimeEntryRecord timer = running(task, "run", 0);

        store.replaceForTask(task, List.of(timer));

        TimeEntryRecord read = store.forTask(task).get(0);
        assertThat(read).isEqualTo(timer);
        assertThat(read.end()).isNull();
        assertThat(read.durationMs()).isEqualTo(-T);
        assertThat(read.billable()).isNull();
        assertThat(rawItems(task).get("time#run")).doesNotContainKeys("end", "billable", "description");
    }

    @Test
    void legacyRefreshKeepsBillableAndDescriptionFromTheTeamEndpoint() {
        String task = newTaskId();
        TimeEntryRecord fromTeam = entry(task, "e1", 0, 1_000);
        TimeEntryRecord fromLegacy = TimeEntriesTest.withoutTeamOnlyFacts(fromTeam);
        store.replaceForTask(task, List.of(fromTeam));

        store.replaceForTask(task, List.of(fromLegacy));

        assertThat(store.forTask(task)).containsExactly(fromTeam);

        TimeEntryRecord nowNotBillable = new TimeEntryRecord("e1", task, 183L, "John", fromTeam.start(), fromTeam.end(),
                1_000, false, false, "", "clickup", fromTeam.recordedAt());
        store.replaceForTask(task, List.of(nowNotBillable));
        assertThat(store.forTask(task)).as("a known value still replaces").containsExactly(nowNotBillable);
    }

    @Test
    void moreEntriesThanOneBatchAreAllWrittenAndDeleted() {
        String task = newTaskId();
        List<TimeEntryRecord> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            entries.add(entry(task, String.format("e%02d", i), i * 10_000L, 5_000));
        }
        store.replaceForTask(task, entries);
        assertThat(store.forTask(task)).containsExactlyElementsOf(entries);

        store.replaceForTask(task, entries.subList(0, 20));

        assertThat(store.forTask(task)).containsExactlyElementsOf(entries.subList(0, 20));
    }

    @Test
    void duplicateEntryIdsKeepTheLast() {
        String task = newTaskId();
        TimeEntryRecord first = entry(task, "dup", 0, 1_000);
        TimeEntryRecord last = entry(task, "dup", 0, 2_000);

        store.replaceForTask(task, List.of(first, last));

        assertThat(store.forTask(task)).containsExactly(last);
    }

    @Test
    void entryOfAnotherTaskIsRefusedAndNothingIsWritten() {
        String task = newTaskId();

        assertThatThrownBy(() -> store.replaceForTask(task, List.of(entry(task, "ok", 0, 1), entry("other", "x", 0, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        assertThat(store.forTask(task)).isEmpty();
    }

    @Test
    void subMillisecondInstantsAreStoredAsMillisecondsAndStillCompareUnchanged() {
        String task = newTaskId();
        Instant precise = Instant.ofEpochMilli(T).plusNanos(123_456);
        TimeEntryRecord e = new TimeEntryRecord("p", task, 1L, "u", precise, precise.plusSeconds(1), 1_000, false, true,
                "d", "api", precise);
        store.replaceForTask(task, List.of(e));
        dynamo.updateItem(b -> b.tableName(TABLE).key(key(task, "p"))
                .updateExpression("SET probe = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("x"))));

        store.replaceForTask(task, List.of(e));

        assertThat(store.forTask(task).get(0).start()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(rawItems(task).get("time#p")).containsKey("probe");
    }

    // ---------------------------------------------------------------- helpers

    private static TimeEntryRecord entry(String task, String id, long startOffset, long durationMs) {
        Instant start = Instant.ofEpochMilli(T + startOffset);
        return new TimeEntryRecord(id, task, 183L, "John", start, start.plusMillis(durationMs), durationMs, false, true,
                "work on " + id, "clickup", start.plusMillis(durationMs));
    }

    private static TimeEntryRecord running(String task, String id, long startOffset) {
        Instant start = Instant.ofEpochMilli(T + startOffset);
        return new TimeEntryRecord(id, task, 183L, "John", start, null, -start.toEpochMilli(), true, null, null,
                "clickup", start);
    }

    private static Map<String, AttributeValue> key(String task, String entryId) {
        return Map.of(Tables.PK, AttributeValue.fromS("task#" + task), Tables.SK, AttributeValue.fromS("time#" + entryId));
    }

    /** Every item of the task's partition, by sort key. */
    private static Map<String, Map<String, AttributeValue>> rawItems(String task) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamo.query(b -> b.tableName(TABLE).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("task#" + task))))
                .items().forEach(i -> items.put(i.get(Tables.SK).s(), new HashMap<>(i)));
        return items;
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
