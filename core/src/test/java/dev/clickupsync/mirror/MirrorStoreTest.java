package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.store.Tables;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore.Write;
import dev.clickupsync.mirror.TaskSnapshot.FieldValue;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import dev.clickupsync.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mirror's stale-write guard and tombstones on dynalite. */
class MirrorStoreTest {
    private static final String TABLE = "mirror-store-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE);
    }

    // ---------------------------------------------------------------- upsert

    @Test
    void firstSnapshotIsApplied() {
        TaskSnapshot v1 = snapshot(newTaskId(), T, "first");

        assertThat(mirror.upsert(v1)).isEqualTo(Write.APPLIED);

        assertThat(mirror.find(v1.id())).contains(v1);
    }

    @Test
    void sameDateUpdatedAgainIsStale() {
        String id = newTaskId();
        TaskSnapshot v1 = snapshot(id, T, "first");
        mirror.upsert(v1);

        assertThat(mirror.upsert(v1)).isEqualTo(Write.STALE);
        assertThat(mirror.upsert(snapshot(id, T, "same version, other content"))).isEqualTo(Write.STALE);

        assertThat(mirror.find(id)).contains(v1);
    }

    @Test
    void olderSnapshotNeverOverwritesNewer() {
        String id = newTaskId();
        TaskSnapshot newer = snapshot(id, T + 2_000, "newer");
        mirror.upsert(newer);

        assertThat(mirror.upsert(snapshot(id, T + 1_999, "older by 1 ms"))).isEqualTo(Write.STALE);
        assertThat(mirror.upsert(snapshot(id, T, "much older"))).isEqualTo(Write.STALE);

        assertThat(mirror.find(id)).contains(newer);
        assertThat(item(id).get("date_updated").n()).isEqualTo(Long.toString(T + 2_000));
    }

    @Test
    void aDeltaIsWrittenOnlyOverTheEntryItWasDerivedFrom() {
        String id = newTaskId();
        Instant base = Instant.ofEpochMilli(T);
        mirror.upsert(snapshot(id, T, "fetched"));

        TaskSnapshot mine = snapshot(id, T + 10, "my delta");
        TaskSnapshot theirs = snapshot(id, T + 20, "their delta, from the same base");
        assertThat(mirror.upsertDelta(theirs, base, base)).isEqualTo(Write.APPLIED);
        assertThat(mirror.upsertDelta(mine, base, base)).as("the entry moved on since it was read").isEqualTo(Write.STALE);
        assertThat(mirror.upsertDelta(snapshot(id, T + 30, "newer, but from the old base"), base, base))
                .as("newer alone is not enough: it would drop their change").isEqualTo(Write.STALE);
        assertThat(mirror.find(id).orElseThrow().name()).isEqualTo("their delta, from the same base");

        assertThat(mirror.upsertDelta(snapshot(id, T + 30, "on top of theirs"), base, Instant.ofEpochMilli(T + 20)))
                .isEqualTo(Write.APPLIED);
        mirror.upsertFetched(snapshot(id, T + 30, "repaired by a fetch"), mirror.beforeFetch());
        assertThat(mirror.upsertDelta(snapshot(id, T + 40, "from the unrepaired entry"), base, Instant.ofEpochMilli(T + 30)))
                .as("same version, but now verified further: not the entry the delta was derived from").isEqualTo(Write.STALE);
    }

    @Test
    void newerSnapshotReplacesOlder() {
        String id = newTaskId();
        mirror.upsert(snapshot(id, T, "old"));
        TaskSnapshot newer = snapshot(id, T + 1, "new");

        assertThat(mirror.upsert(newer)).isEqualTo(Write.APPLIED);

        assertThat(mirror.find(id)).contains(newer);
    }

    @Test
    void snapshotWithoutDateUpdatedIsRefused() {
        TaskSnapshot undated = withDateUpdated(snapshot(newTaskId(), T, "x"), null);

        assertThatThrownBy(() -> mirror.upsert(undated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(undated.id());
        assertThat(mirror.find(undated.id())).isEmpty();
    }

    @Test
    void storesQueryableAttributesBesideTheSnapshot() {
        String id = newTaskId();
        mirror.upsert(snapshot(id, T, "x"));

        Map<String, AttributeValue> item = item(id);

        assertThat(item.get(Tables.PK).s()).isEqualTo("task#" + id);
        assertThat(item.get(Tables.SK).s()).isEqualTo("snapshot");
        assertThat(item.get("date_updated").n()).isEqualTo(Long.toString(T));
        assertThat(item.get("deleted").bool()).isFalse();
        assertThat(item.get("list_id").s()).isEqualTo("15505202");
        assertThat(item.get("status").s()).isEqualTo("in progress");
        assertThat(item).containsKey("written_at").doesNotContainKey(Tables.TTL);
    }

    @Test
    void snapshotJsonRoundTripsInstantsAndCustomFieldValues() {
        String id = newTaskId();
        ObjectNode location = NODES.objectNode().put("lat", 52.52).put("lng", 13.405);
        TaskSnapshot full = new TaskSnapshot(id, "APP-7", "Ünïcödé ✓ name", "in progress", "custom", "urgent", "1",
                List.of(new Person(183, "John"), new Person(2772463, "Alex Johnson")), List.of("bug", "p1"),
                "15505202", "6992470", "7002367", "1234567", "parent-1",
                Instant.parse("2025-01-01T00:00:00.001Z"), Instant.ofEpochMilli(T + 123), Instant.ofEpochMilli(T + 7),
                Instant.ofEpochMilli(T + 8), Instant.parse("2030-12-31T23:59:59.999Z"), Instant.ofEpochMilli(0),
                2.5, 8_640_000L, 3_600_000L,
                List.of(new FieldValue("cf-text", "Sprint Goal", "short_text", NODES.textNode("Fix auth")),
                        new FieldValue("cf-number", "Story Points", "number", NODES.textNode("8")),
                        new FieldValue("cf-drop", "Marketing", "drop_down", NODES.numberNode(2)),
                        new FieldValue("cf-check", "Done?", "checkbox", NODES.booleanNode(true)),
                        new FieldValue("cf-users", "Reviewer", "users",
                                NODES.arrayNode().add(NODES.objectNode().put("id", 183).put("username", "John"))),
                        new FieldValue("cf-loc", "Where", "location", location)),
                true, false, "https://app.clickup.com/t/" + id);

        mirror.upsert(full);
        TaskSnapshot read = mirror.find(id).orElseThrow();

        assertThat(read).isEqualTo(full);
        assertThat(read.dateUpdated().toEpochMilli()).isEqualTo(T + 123);
        assertThat(read.startDate()).isEqualTo(Instant.EPOCH);
        assertThat(read.customFields().get(5).value().get("lat").asDouble()).isEqualTo(52.52);
    }

    @Test
    void customFieldWithoutValueIsStillNullAfterStorage() throws Exception {
        String id = newTaskId();
        TaskSnapshot base = snapshot(id, T, "x");
        TaskSnapshot unset = new TaskSnapshot(id, null, "x", null, null, null, null, List.of(), List.of(), null, null,
                null, null, null, null, Instant.ofEpochMilli(T), null, null, null, null, null, null, null,
                List.of(new FieldValue("cf-empty", "Empty", "short_text", null)), false, false, base.url());

        mirror.upsert(unset);
        JsonNode reserialised = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(mirror.find(id).orElseThrow()));

        assertThat(reserialised.get("custom_fields").get(0).get("value").isNull()).isTrue();
        assertThat(reserialised.get("name").asText()).isEqualTo("x");
    }

    @Test
    void findOfAnUnknownTaskIsEmpty() {
        assertThat(mirror.find(newTaskId())).isEmpty();
    }

    @Test
    void unreadableStoredSnapshotFailsLoudly() {
        String id = newTaskId();
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(
                Tables.PK, AttributeValue.fromS("task#" + id), Tables.SK, AttributeValue.fromS("snapshot"),
                "date_updated", AttributeValue.fromN(Long.toString(T)),
                "snapshot", AttributeValue.fromS("{not json"))));

        assertThatThrownBy(() -> mirror.find(id)).isInstanceOf(IllegalStateException.class).hasMessageContaining(id);
    }

    // ---------------------------------------------------------------- tombstones

    @Test
    void tombstoneOfAnUnknownTaskCreatesADeletedRecord() {
        String id = newTaskId();
        Instant deletedAt = Instant.ofEpochMilli(T);

        assertThat(mirror.tombstone(id, deletedAt)).isEqualTo(Write.APPLIED);

        TaskSnapshot tomb = mirror.find(id).orElseThrow();
        assertThat(tomb.id()).isEqualTo(id);
        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.dateUpdated()).isEqualTo(deletedAt);
        assertThat(tomb.name()).isNull();
        assertThat(item(id).get("deleted").bool()).isTrue();
    }

    @Test
    void tombstoneNewerThanTheStoredVersionKeepsTheLastKnownFields() {
        String id = newTaskId();
        TaskSnapshot last = snapshot(id, T, "last known");
        mirror.upsert(last);

        assertThat(mirror.tombstone(id, Instant.ofEpochMilli(T + 1_000))).isEqualTo(Write.APPLIED);

        TaskSnapshot tomb = mirror.find(id).orElseThrow();
        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.dateUpdated()).isEqualTo(Instant.ofEpochMilli(T + 1_000));
        assertThat(tomb).usingRecursiveComparison().ignoringFields("deleted", "dateUpdated").isEqualTo(last);
    }

    @Test
    void tombstoneThenAnOlderSnapshotIsStaleAndTheTaskStaysDeleted() {
        String id = newTaskId();
        mirror.upsert(snapshot(id, T, "before deletion"));
        mirror.tombstone(id, Instant.ofEpochMilli(T + 5_000));

        assertThat(mirror.upsert(snapshot(id, T + 4_999, "fetched before deletion, arrived late"))).isEqualTo(Write.STALE);
        assertThat(mirror.upsert(snapshot(id, T + 5_000, "same instant as the deletion"))).isEqualTo(Write.STALE);

        TaskSnapshot stored = mirror.find(id).orElseThrow();
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.name()).isEqualTo("before deletion");
    }

    @Test
    void tombstoneStampedBeforeTheStoredVersionStillDeletesAndKeepsTheNewerVersion() {
        // Clock skew: our receipt time of taskDeleted is earlier than ClickUp's date_updated we hold.
        String id = newTaskId();
        TaskSnapshot stored = snapshot(id, T + 10_000, "newest");
        mirror.upsert(stored);

        assertThat(mirror.tombstone(id, Instant.ofEpochMilli(T))).isEqualTo(Write.APPLIED);

        TaskSnapshot tomb = mirror.find(id).orElseThrow();
        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.dateUpdated()).isEqualTo(Instant.ofEpochMilli(T + 10_000));
        assertThat(tomb).usingRecursiveComparison().ignoringFields("deleted").isEqualTo(stored);
        assertThat(item(id).get("date_updated").n()).isEqualTo(Long.toString(T + 10_000));
        assertThat(item(id).get("deleted").bool()).isTrue();
        assertThat(item(id)).as("the skew path rewrites the whole entry, query attributes included")
                .containsKeys("list_id", "status", "verified_through");
        assertThat(mirror.upsert(stored)).as("a redelivery of the same version must not undelete").isEqualTo(Write.STALE);
        assertThat(mirror.find(id).orElseThrow().deleted()).isTrue();
    }

    @Test
    void tombstoneAtExactlyTheStoredVersionStillDeletes() {
        String id = newTaskId();
        mirror.upsert(snapshot(id, T, "x"));

        assertThat(mirror.tombstone(id, Instant.ofEpochMilli(T))).isEqualTo(Write.APPLIED);

        assertThat(mirror.find(id).orElseThrow().deleted()).isTrue();
    }

    @Test
    void repeatedOrOlderTombstoneIsStaleAndChangesNothing() {
        String id = newTaskId();
        mirror.tombstone(id, Instant.ofEpochMilli(T + 100));

        assertThat(mirror.tombstone(id, Instant.ofEpochMilli(T + 100))).isEqualTo(Write.STALE);
        assertThat(mirror.tombstone(id, Instant.ofEpochMilli(T))).isEqualTo(Write.STALE);

        TaskSnapshot tomb = mirror.find(id).orElseThrow();
        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.dateUpdated()).isEqualTo(Instant.ofEpochMilli(T + 100));
    }

    @Test
    void newerSnapshotAfterATombstoneRestoresTheTask() {
        String id = newTaskId();
        mirror.upsert(snapshot(id, T, "before"));
        mirror.tombstone(id, Instant.ofEpochMilli(T + 1_000));
        TaskSnapshot restored = snapshot(id, T + 2_000, "restored from trash");

        assertThat(mirror.upsert(restored)).isEqualTo(Write.APPLIED);

        assertThat(mirror.find(id)).contains(restored);
        assertThat(item(id).get("deleted").bool()).isFalse();
    }

    // ---------------------------------------------------------------- whose word a tombstone is

    @Test
    void aFetchBegunAfterA404sTombstoneBringsTheTaskBackWhateverItsVersion() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        TaskSnapshot live = snapshot(id, T, "hidden by a permission blip");
        store.upsertFetched(live, store.beforeFetch());
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.notFound(id, store.beforeFetch())).isEqualTo(Write.APPLIED);
        assertThat(store.findEntry(id).orElseThrow().deletedBy()).isEqualTo(MirrorStore.Deletion.NOT_FOUND);
        assertThat(item(id).get("deleted_by").s()).isEqualTo("not_found");
        assertThat(store.find(id).orElseThrow().dateUpdated()).as("a 404 carries no version").isEqualTo(live.dateUpdated());

        clock.advance(Duration.ofMillis(1));
        assertThat(store.upsertFetched(live, store.beforeFetch())).isEqualTo(Write.HEALED);

        assertThat(store.find(id)).contains(live);
        assertThat(item(id)).doesNotContainKey("deleted_by");
        assertThat(store.upsertFetched(live, store.beforeFetch())).as("healed once, then current").isEqualTo(Write.STALE);
    }

    @Test
    void aFetchBegunBeforeA404sTombstoneWasWrittenDoesNotUndoIt() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        store.upsert(snapshot(id, T, "v1"));
        Instant racingFetch = store.beforeFetch(); // another instance asks ClickUp, its write comes late
        clock.advance(Duration.ofSeconds(1));
        store.notFound(id, store.beforeFetch());

        assertThat(store.upsertFetched(snapshot(id, T, "v1"), racingFetch)).isEqualTo(Write.STALE);
        assertThat(store.upsertFetched(snapshot(id, T, "v1"), store.beforeFetch()))
                .as("same millisecond as the tombstone's write: the order is in doubt, the tombstone stays").isEqualTo(Write.STALE);
        assertThat(store.find(id).orElseThrow().deleted()).isTrue();
        assertThat(store.upsertFetched(snapshot(id, T + 1, "v2"), racingFetch))
                .as("answered before the 404: even a newer version loses").isEqualTo(Write.STALE);
        assertThat(store.upsert(snapshot(id, T + 2, "v3"))).as("no fetch, no evidence after the 404").isEqualTo(Write.STALE);
        assertThat(store.find(id).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aTaskDeletedEventIsNotUndoneByAnOlderVersionFetchedAfterIt() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        store.upsert(snapshot(id, T, "before deletion"));
        assertThat(store.tombstone(id, Instant.ofEpochMilli(T + 5_000))).isEqualTo(Write.APPLIED);
        assertThat(store.findEntry(id).orElseThrow().deletedBy()).isEqualTo(MirrorStore.Deletion.EVENT);
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.upsertFetched(snapshot(id, T + 4_000, "a late read of an older version"), store.beforeFetch()))
                .isEqualTo(Write.STALE);
        assertThat(store.find(id).orElseThrow().deleted()).isTrue();
        TaskSnapshot restored = snapshot(id, T + 6_000, "changed after the deletion: restored");
        assertThat(store.upsertFetched(restored, store.beforeFetch())).as("a restore, not a heal").isEqualTo(Write.APPLIED);
        assertThat(store.find(id)).contains(restored);
    }

    @Test
    void a404NeverDowngradesATaskDeletedTombstone() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        store.upsert(snapshot(id, T, "x"));
        store.tombstone(id, Instant.ofEpochMilli(T + 1_000));
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.notFound(id, store.beforeFetch())).isEqualTo(Write.STALE);

        assertThat(store.findEntry(id).orElseThrow().deletedBy()).isEqualTo(MirrorStore.Deletion.EVENT);
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.upsertFetched(snapshot(id, T, "x"), store.beforeFetch())).isEqualTo(Write.STALE);
    }

    @Test
    void aTaskDeletedEventUpgradesA404sTombstoneAndThenOutranksLaterReads() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        String skewed = newTaskId();
        store.upsert(snapshot(id, T, "x"));
        store.upsert(snapshot(skewed, T + 60_000, "y"));
        clock.advance(Duration.ofSeconds(1));
        store.notFound(id, store.beforeFetch());
        store.notFound(skewed, store.beforeFetch());
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.tombstone(id, Instant.ofEpochMilli(T + 1_000))).isEqualTo(Write.APPLIED);
        assertThat(store.tombstone(skewed, Instant.ofEpochMilli(T + 30_000))).as("within the clock skew of the version")
                .isEqualTo(Write.APPLIED);

        for (String task : List.of(id, skewed)) {
            assertThat(store.findEntry(task).orElseThrow().deletedBy()).isEqualTo(MirrorStore.Deletion.EVENT);
        }
        assertThat(store.find(skewed).orElseThrow().dateUpdated()).isEqualTo(Instant.ofEpochMilli(T + 60_000));
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.upsertFetched(snapshot(id, T, "x"), store.beforeFetch())).isEqualTo(Write.STALE);
        assertThat(store.upsertFetched(snapshot(skewed, T + 60_000, "y"), store.beforeFetch())).isEqualTo(Write.STALE);
    }

    @Test
    void anOldTaskDeletedEventDoesNotUpgradeA404HidingALaterVersion() {
        // Deleted, restored and changed (a version well past the deletion), then a 404 blip; the old
        // taskDeleted arrives only now. The 404 stays a 404: ClickUp's next answer heals it.
        MutableClock clock = new MutableClock(T + 600_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        TaskSnapshot restored = snapshot(id, T + 300_000, "restored and changed");
        store.upsert(restored);
        clock.advance(Duration.ofSeconds(1));
        store.notFound(id, store.beforeFetch());

        assertThat(store.tombstone(id, Instant.ofEpochMilli(T))).isEqualTo(Write.STALE);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.upsertFetched(restored, store.beforeFetch())).isEqualTo(Write.HEALED);
    }

    @Test
    void a404YieldsToAnEntryWrittenAfterItsQuestionWasAsked() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        Instant asked = store.beforeFetch(); // the GET that will answer 404 is under way
        clock.advance(Duration.ofMillis(10));
        TaskSnapshot fresher = snapshot(id, T, "fetched and written meanwhile");
        store.upsertFetched(fresher, store.beforeFetch());

        assertThat(store.notFound(id, asked)).isEqualTo(Write.STALE);
        assertThat(store.find(id)).contains(fresher);

        String never = newTaskId();
        assertThat(store.notFound(never, asked)).as("a task never mirrored").isEqualTo(Write.APPLIED);
        assertThat(store.find(never).orElseThrow().dateUpdated()).as("stamped when it was asked").isEqualTo(asked);
    }

    @Test
    void aLaterA404RefreshesAnEarlierOnesTombstone() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        store.upsert(snapshot(id, T, "x"));
        clock.advance(Duration.ofSeconds(1));
        store.notFound(id, store.beforeFetch());
        clock.advance(Duration.ofSeconds(1));
        Instant between = store.beforeFetch(); // a fetch that answered the task, written late
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.notFound(id, store.beforeFetch())).isEqualTo(Write.APPLIED);

        assertThat(store.upsertFetched(snapshot(id, T, "x"), between)).as("older than the latest 404").isEqualTo(Write.STALE);
    }

    @Test
    void aTombstoneFromBeforeDeletedByExistedIsHealedLikeA404s() {
        // As the code before deleted_by wrote every tombstone (a 404's too): stamped with our clock.
        String id = newTaskId();
        TaskSnapshot legacy = snapshot(id, T, "x").deletedAt(Instant.ofEpochMilli(T + 3_600_000));
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(
                Tables.PK, AttributeValue.fromS("task#" + id), Tables.SK, AttributeValue.fromS("snapshot"),
                "date_updated", AttributeValue.fromN(Long.toString(T + 3_600_000)),
                "verified_through", AttributeValue.fromN(Long.toString(T + 3_600_000)),
                "deleted", AttributeValue.fromBool(true), "written_at", AttributeValue.fromN(Long.toString(T)),
                "snapshot", AttributeValue.fromS(json(legacy)))));
        assertThat(mirror.findEntry(id).orElseThrow().deletedBy()).isEqualTo(MirrorStore.Deletion.NOT_FOUND);

        assertThat(mirror.upsertFetched(snapshot(id, T, "x"), mirror.beforeFetch())).isEqualTo(Write.HEALED);

        assertThat(mirror.find(id).orElseThrow().deleted()).isFalse();
    }

    @Test
    void aDeltaNeverLandsOnATombstoneOfTheVersionItWasDerivedFrom() {
        MutableClock clock = new MutableClock(T + 60_000);
        MirrorStore store = new MirrorStore(dynamo, TABLE, clock);
        String id = newTaskId();
        Instant base = Instant.ofEpochMilli(T);
        store.upsertFetched(snapshot(id, T, "fetched"), store.beforeFetch());
        clock.advance(Duration.ofSeconds(1));
        store.notFound(id, store.beforeFetch()); // between the delta's read and its write

        assertThat(store.upsertDelta(snapshot(id, T + 10, "a delta"), base, base)).isEqualTo(Write.STALE);
        assertThat(store.find(id).orElseThrow().deleted()).isTrue();
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentUpsertsOfTenVersionsEndWithTheNewest() throws Exception {
        String id = newTaskId();
        List<TaskSnapshot> versions = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
            versions.add(snapshot(id, T + v, "v" + v));
        }
        Collections.shuffle(versions, new java.util.Random(42));
        Map<String, Write> results = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (TaskSnapshot version : versions) {
                futures.add(pool.submit(() -> {
                    go.await();
                    results.put(version.name(), mirror.upsert(version));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        TaskSnapshot stored = mirror.find(id).orElseThrow();
        assertThat(stored.name()).isEqualTo("v10");
        assertThat(stored.dateUpdated()).isEqualTo(Instant.ofEpochMilli(T + 10));
        assertThat(results).hasSize(10).containsEntry("v10", Write.APPLIED);
    }

    @Test
    void concurrentTombstoneAndNewerSnapshotNeverLoseTheNewerVersion() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = newTaskId();
            mirror.upsert(snapshot(id, T, "base"));
            TaskSnapshot newer = snapshot(id, T + 2_000, "newer");
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Write> tomb = pool.submit(() -> {
                    go.await();
                    return mirror.tombstone(id, Instant.ofEpochMilli(T + 1_000));
                });
                Future<Write> upsert = pool.submit(() -> {
                    go.await();
                    return mirror.upsert(newer);
                });
                go.countDown();
                tomb.get(10, TimeUnit.SECONDS);
                assertThat(upsert.get(10, TimeUnit.SECONDS)).isEqualTo(Write.APPLIED);
            } finally {
                pool.shutdownNow();
            }

            TaskSnapshot stored = mirror.find(id).orElseThrow();
            assertThat(stored.dateUpdated()).isEqualTo(newer.dateUpdated());
            assertThat(stored.name()).isEqualTo("newer");
        }
    }

    @Test
    void deletionProcessedAfterAMuchLaterRestoreLeavesTheTaskRestored() {
        String id = newTaskId();
        mirror.upsert(snapshot(id, T, "before deletion"));
        // In ClickUp: deleted at T+1 s, restored from the trash an hour later. The drain applies the
        // restore's snapshot first and the (redelivered) taskDeleted afterwards.
        TaskSnapshot restored = snapshot(id, T + 3_600_000L, "restored");
        mirror.upsert(restored);

        mirror.tombstone(id, Instant.ofEpochMilli(T + 1_000));

        assertThat(mirror.find(id)).contains(restored);
    }

    // ---------------------------------------------------------------- findAll

    @Test
    void findAllReadsManySnapshotsInChunksAndSkipsIdsTheMirrorDoesNotHold() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            String id = newTaskId();
            ids.add(id);
            mirror.upsert(snapshot(id, T + i, "bulk " + i));
        }
        String tombstoned = ids.get(7);
        mirror.tombstone(tombstoned, Instant.ofEpochMilli(T + 10_000));
        List<String> asked = new ArrayList<>(ids);
        asked.add("never-mirrored");
        asked.add(ids.get(0)); // a repeated id is read once

        List<TaskSnapshot> found = mirror.findAll(asked);

        assertThat(found).extracting(TaskSnapshot::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(found).filteredOn(TaskSnapshot::deleted).extracting(TaskSnapshot::id).containsExactly(tombstoned);
        assertThat(found).filteredOn(s -> s.id().equals(ids.get(42))).singleElement()
                .satisfies(s -> assertThat(s.name()).isEqualTo("bulk 42"));
        assertThat(mirror.findAll(List.of())).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static TaskSnapshot snapshot(String id, long dateUpdated, String name) {
        return new TaskSnapshot(id, null, name, "in progress", "custom", "normal", "3",
                List.of(new Person(2772463, "Alex Johnson")), List.of("bug"), "15505202", "6992470", "7002367",
                "1234567", null, Instant.ofEpochMilli(T - 86_400_000L), Instant.ofEpochMilli(dateUpdated), null, null,
                Instant.ofEpochMilli(T + 86_400_000L), null, 3.0, 8_640_000L, 0L,
                List.of(new FieldValue("cf-1", "Sprint Goal", "short_text", NODES.textNode(name))),
                false, false, "https://app.clickup.com/t/" + id);
    }

    private static TaskSnapshot withDateUpdated(TaskSnapshot s, Instant dateUpdated) {
        return new TaskSnapshot(s.id(), s.customId(), s.name(), s.status(), s.statusType(), s.priority(), s.priorityId(),
                s.assignees(), s.tags(), s.listId(), s.folderId(), s.spaceId(), s.teamId(), s.parentId(),
                s.dateCreated(), dateUpdated, s.dateClosed(), s.dateDone(), s.dueDate(), s.startDate(), s.points(),
                s.timeEstimate(), s.timeSpent(), s.customFields(), s.archived(), s.deleted(), s.url());
    }

    private static Map<String, AttributeValue> item(String id) {
        return dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                Tables.PK, AttributeValue.fromS("task#" + id), Tables.SK, AttributeValue.fromS("snapshot")))).item();
    }

    private static String json(TaskSnapshot snapshot) {
        try {
            return Json.MAPPER.writeValueAsString(snapshot);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
