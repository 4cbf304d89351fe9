package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.MirrorStore.Write;
import dev.clickupsync.mirror.TaskSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The write reconcile repairs with ({@link MirrorStore#upsertFetched}): a fetched snapshot replaces
 * a same-version snapshot that was built from webhook deltas (a dropped change may be missing from
 * it), but never a fetched one, a tombstone, or a newer version.
 */
class ReconcileMirrorRepairTest {
    private static final String TABLE = "reconcile-mirror-repair-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE);
    }

    @Test
    void fetchedSnapshotRepairsASameVersionSnapshotBuiltFromDeltas() {
        String id = UUID.randomUUID().toString();
        mirror.upsert(snapshot(id, T, "v1", "to do"));
        // The drain applied a status delta at T+2 but the rename at T+1 was never delivered.
        TaskSnapshot fromDeltas = snapshot(id, T + 2, "v1", "review");
        assertThat(mirror.upsert(fromDeltas, Instant.ofEpochMilli(T))).isEqualTo(Write.APPLIED);
        TaskSnapshot truth = snapshot(id, T + 2, "renamed", "review");

        MirrorStore.Entry stored = mirror.findEntry(id).orElseThrow();
        assertThat(MirrorWrites.newer(truth, stored)).isTrue();
        assertThat(mirror.upsert(truth)).as("the plain guarded write keeps the same version").isEqualTo(Write.STALE);
        assertThat(mirror.upsertFetched(truth, mirror.beforeFetch())).isEqualTo(Write.APPLIED);

        assertThat(mirror.find(id)).contains(truth);
        MirrorStore.Entry repaired = mirror.findEntry(id).orElseThrow();
        assertThat(repaired.verifiedThrough()).isEqualTo(Instant.ofEpochMilli(T + 2));
        assertThat(MirrorWrites.newer(truth, repaired)).as("now current: re-listing it writes nothing").isFalse();
        assertThat(mirror.upsertFetched(truth, mirror.beforeFetch())).isEqualTo(Write.STALE);
    }

    @Test
    void aListedTaskOfTheSameVersionIsWrittenWhenItBringsTheMarkdownTheEntryLacks() {
        String id = UUID.randomUUID().toString();
        com.fasterxml.jackson.databind.node.ObjectNode plain = JsonNodeFactory.instance.objectNode().put("id", id)
                .put("description", "Ship it");
        TaskSnapshot stored = snapshot(id, T, "v1", "to do").withJson(plain);
        mirror.upsertFetched(stored, mirror.beforeFetch());
        TaskSnapshot listed = stored.withJson(plain.deepCopy().put("markdown_description", "Ship it"));

        assertThat(MirrorWrites.newer(listed, mirror.findEntry(id).orElseThrow())).isTrue();
        assertThat(mirror.upsertFetched(listed, mirror.beforeFetch())).isEqualTo(Write.APPLIED);
        assertThat(MirrorWrites.newer(listed, mirror.findEntry(id).orElseThrow())).as("brought: nothing more").isFalse();
        assertThat(MirrorWrites.newer(stored, mirror.findEntry(id).orElseThrow())).as("never back").isFalse();
    }

    @Test
    void fetchedSnapshotNeverReplacesNewerOrTombstone() {
        String id = UUID.randomUUID().toString();
        TaskSnapshot newer = snapshot(id, T + 10, "newer", "review");
        mirror.upsert(newer);
        assertThat(mirror.upsertFetched(snapshot(id, T + 9, "older", "to do"), mirror.beforeFetch())).isEqualTo(Write.STALE);
        assertThat(MirrorWrites.newer(snapshot(id, T + 9, "older", "to do"), mirror.findEntry(id).orElseThrow())).isFalse();
        assertThat(mirror.find(id)).contains(newer);

        String gone = UUID.randomUUID().toString();
        mirror.upsert(snapshot(gone, T, "x", "to do"));
        mirror.tombstone(gone, Instant.ofEpochMilli(T + 5));
        assertThat(mirror.upsertFetched(snapshot(gone, T + 5, "x", "to do"), mirror.beforeFetch())).isEqualTo(Write.STALE);
        assertThat(mirror.find(gone).orElseThrow().deleted()).isTrue();
        assertThat(mirror.upsertFetched(snapshot(gone, T + 6, "restored", "to do"), mirror.beforeFetch()))
                .as("a later version (restored from the trash) wins").isEqualTo(Write.APPLIED);
    }

    private static TaskSnapshot snapshot(String id, long dateUpdated, String name, String status) {
        return new TaskSnapshot(id, null, name, status, "custom", null, null, List.of(), List.of(), "list-1", "f", "s",
                "team-1", null, Instant.ofEpochMilli(T - 1_000), Instant.ofEpochMilli(dateUpdated), null, null, null,
                null, null, null, null, List.of(new TaskSnapshot.FieldValue("cf", "Goal", "short_text",
                JsonNodeFactory.instance.textNode(name))), false, false, null);
    }
}
