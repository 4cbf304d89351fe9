package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.hierarchy.HierarchyStore.Partitions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The hierarchy items against dynalite: the fetch-time guard, tombstones, moves and their links. */
class HierarchyStoreTest {
    private static final String TABLE = "hierarchy-store-test";
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);

    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);

    private static DynamoDbClient dynamo;
    private static HierarchyStore store;

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        store = new HierarchyStore(dynamo, TABLE, Clock.systemUTC());
    }

    static ObjectNode list(String id, String name, String folderId, int orderindex) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", name).put("orderindex", orderindex);
        json.putObject("folder").put("id", folderId).put("name", "F").put("hidden", false).put("access", true);
        json.putObject("space").put("id", "s1").put("name", "S").put("access", true);
        return json;
    }

    private static String fresh() {
        return "x" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void storesTheJsonAndListsAParentsChildrenInClickUpsOrder() {
        String folder = fresh();
        assertThat(store.write(HierarchyKind.LIST, list("b2", "Second", folder, 1), null, T1)).isTrue();
        assertThat(store.write(HierarchyKind.LIST, list("a9", "First", folder, 0), null, T1)).isTrue();

        assertThat(store.children(Partitions.listsOf(folder))).extracting(HierarchyStore.Link::id)
                .as("orderindex first, not id order").containsExactly("a9", "b2");
        HierarchyObject stored = store.find(HierarchyKind.LIST, "a9").orElseThrow();
        assertThat(stored.json()).isEqualTo(list("a9", "First", folder, 0));
        assertThat(stored.fetchedAt()).isEqualTo(T1);
        assertThat(stored.deleted()).isFalse();
    }

    @Test
    void aFetchBegunEarlierNeverOverwritesANewerOne() {
        String folder = fresh();
        String id = fresh();
        store.write(HierarchyKind.LIST, list(id, "New name", folder, 0), null, T2);

        assertThat(store.write(HierarchyKind.LIST, list(id, "Old name", folder, 0), null, T1)).isFalse();
        assertThat(store.write(HierarchyKind.LIST, list(id, "Same time", folder, 0), null, T2)).as("same version").isFalse();

        assertThat(store.find(HierarchyKind.LIST, id).orElseThrow().json().path("name").asText()).isEqualTo("New name");
        assertThat(store.children(Partitions.listsOf(folder))).singleElement()
                .satisfies(l -> assertThat(l.json().path("name").asText()).isEqualTo("New name"));
    }

    @Test
    void aTombstoneWinsOverOlderFetchesAndYieldsToALaterOne() {
        String folder = fresh();
        String id = fresh();
        store.write(HierarchyKind.LIST, list(id, "L", folder, 0), null, T1);

        assertThat(store.tombstone(HierarchyKind.LIST, id, T2)).isTrue();
        assertThat(store.tombstone(HierarchyKind.LIST, id, T3)).as("already a tombstone").isFalse();
        assertThat(store.children(Partitions.listsOf(folder))).as("its link goes with it").isEmpty();
        assertThat(store.write(HierarchyKind.LIST, list(id, "L", folder, 0), null, T1.plusSeconds(30)))
                .as("a fetch begun before the deletion was recorded").isFalse();
        assertThat(store.find(HierarchyKind.LIST, id).orElseThrow().deleted()).isTrue();

        assertThat(store.write(HierarchyKind.LIST, list(id, "Restored", folder, 0), null, T3))
                .as("a fetch begun after it: restored from the trash").isTrue();
        assertThat(store.find(HierarchyKind.LIST, id).orElseThrow().deleted()).isFalse();
        assertThat(store.children(Partitions.listsOf(folder))).extracting(HierarchyStore.Link::id).containsExactly(id);
    }

    @Test
    void aMovedListLeavesItsOldFolderAndATombstoneOfAnUnknownIdIsStillRecorded() {
        String from = fresh();
        String to = fresh();
        String id = fresh();
        store.write(HierarchyKind.LIST, list(id, "L", from, 0), null, T1);

        assertThat(store.write(HierarchyKind.LIST, list(id, "L", to, 3), null, T2)).isTrue();

        assertThat(store.children(Partitions.listsOf(from))).isEmpty();
        assertThat(store.children(Partitions.listsOf(to))).extracting(HierarchyStore.Link::id).containsExactly(id);

        String unknown = fresh();
        assertThat(store.tombstone(HierarchyKind.LIST, unknown, T1)).isTrue();
        assertThat(store.write(HierarchyKind.LIST, list(unknown, "Late", from, 0), null, T1.minusSeconds(1))).isFalse();
    }

    @Test
    void aWriteThatLosesTheRaceRemovesTheLinkItPut() {
        String old = fresh();
        String current = fresh();
        String id = fresh();
        store.write(HierarchyKind.LIST, list(id, "L", current, 0), null, T2);

        // A slower fetch that still saw the list in its old folder: its object write fails.
        assertThat(store.write(HierarchyKind.LIST, list(id, "L", old, 0), null, T1)).isFalse();

        assertThat(store.children(Partitions.listsOf(old))).isEmpty();
        assertThat(store.children(Partitions.listsOf(current))).hasSize(1);
    }

    @Test
    void folderlessListsAndSpacesLinkUnderTheirSpaceAndWorkspace() {
        String space = fresh();
        ObjectNode folderless = list(fresh(), "Loose", "hidden1", 0);
        ((ObjectNode) folderless.get("folder")).put("hidden", true);
        ((ObjectNode) folderless.get("space")).put("id", space);
        store.write(HierarchyKind.LIST, folderless, null, T1);
        JsonNode spaceJson = Json.MAPPER.createObjectNode().put("id", space).put("name", "Space");
        store.write(HierarchyKind.SPACE, spaceJson, null, T1);
        assertThat(store.find(HierarchyKind.SPACE, space).orElseThrow().linkPk()).as("workspace unknown: no link").isNull();

        store.write(HierarchyKind.SPACE, spaceJson, "team7", T2);
        store.write(HierarchyKind.SPACE, spaceJson, null, T3);

        assertThat(store.children(Partitions.folderlessListsOf(space))).hasSize(1);
        assertThat(store.children(Partitions.spacesOf("team7"))).extracting(HierarchyStore.Link::id)
                .as("a later write without the workspace keeps it").containsExactly(space);
    }
}
