package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.ClickUpOutOfTimeException;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.hierarchy.HierarchyStore.Partitions;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.query.TaskIndex;
import dev.clickupsync.store.Item;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deleting a container tombstones everything under it, through the real mirror store and task index
 * on dynalite; tasks come from the fake ClickUp's own JSON.
 */
class HierarchyCascadeTest {
    private static final String TABLE = "hierarchy-cascade-test";

    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);

    private static DynamoDbClient dynamo;
    private static HierarchyStore store;
    private static MirrorStore mirror;
    private static HierarchyCascade cascade;
    private static final FakeWorkspace clickUp = FakeWorkspace.demo();

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        store = new HierarchyStore(dynamo, TABLE, Clock.systemUTC());
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
        cascade = new HierarchyCascade(store, mirror, new TaskIndex(dynamo, TABLE), Metrics.inMemory());
    }

    private static String fresh() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A list in the fake and the mirror, with {@code tasks} tasks mirrored from the fake's JSON. */
    private static String listWithTasks(String folderId, int tasks) throws Exception {
        String listId = fresh();
        clickUp.addList(listId, folderId, "List " + listId, DemoWorkspace.STATUSES);
        store.write(HierarchyKind.LIST, HierarchyStoreTest.list(listId, "List", folderId, 0), null, Instant.now());
        for (int i = 0; i < tasks; i++) {
            mirrorTask(clickUp.createTask(listId + "t" + i, listId, "Task " + i).get(0).taskId());
        }
        return listId;
    }

    private static void mirrorTask(String taskId) throws Exception {
        mirror.upsertFetched(TaskSnapshot.of(Json.MAPPER.treeToValue(clickUp.taskJson(taskId), ClickUpTask.class)),
                mirror.beforeFetch());
    }

    private static boolean tombstoned(String taskId) {
        return mirror.find(taskId).orElseThrow().deleted();
    }

    @Test
    void deletingAListTombstonesItsLiveAndArchivedTasksButNotATaskThatMovedAway() throws Exception {
        String list = listWithTasks(DemoWorkspace.FOLDER_ID, 3);
        String other = listWithTasks(DemoWorkspace.FOLDER_ID, 1);
        clickUp.setArchived(list + "t2", true);
        mirrorTask(list + "t2");
        // An index item left behind by a failed index write: the task itself is in the other list now.
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("pk", Item.s("tq#l#" + list + "#0"),
                "sk", Item.s("i#" + other + "t0"))));

        int tasks = cascade.delete(HierarchyKind.LIST, list, mirror.beforeFetch(), () -> { });

        assertThat(tasks).isEqualTo(3);
        assertThat(tombstoned(list + "t0")).isTrue();
        assertThat(tombstoned(list + "t2")).as("archived").isTrue();
        assertThat(tombstoned(other + "t0")).as("its entry names another list").isFalse();
        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().deleted()).isTrue();
        assertThat(store.children(Partitions.listsOf(DemoWorkspace.FOLDER_ID))).extracting(HierarchyStore.Link::id)
                .contains(other).doesNotContain(list);
    }

    @Test
    void aDeletionCutShortIsFinishedByRunningItAgain() throws Exception {
        String list = listWithTasks(DemoWorkspace.FOLDER_ID, 2);
        clickUp.setArchived(list + "t1", true);
        mirrorTask(list + "t1");
        AtomicInteger pages = new AtomicInteger();
        Runnable dyingAfterOnePage = () -> {
            if (pages.incrementAndGet() == 2) {
                throw new ClickUpOutOfTimeException("test");
            }
        };

        assertThatThrownBy(() -> cascade.delete(HierarchyKind.LIST, list, mirror.beforeFetch(), dyingAfterOnePage))
                .isInstanceOf(ClickUpOutOfTimeException.class);
        assertThat(tombstoned(list + "t0")).isTrue();
        assertThat(tombstoned(list + "t1")).as("the archived page was not reached").isFalse();
        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().deleted()).as("the list goes last").isFalse();

        int tasks = cascade.delete(HierarchyKind.LIST, list, mirror.beforeFetch(), () -> { });

        assertThat(tasks).as("only what was left").isEqualTo(1);
        assertThat(tombstoned(list + "t1")).isTrue();
        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().deleted()).isTrue();
    }

    @Test
    void deletingASpaceDeletesItsFoldersTheirListsAndItsFolderlessLists() throws Exception {
        String space = fresh();
        String folder = fresh();
        clickUp.addSpace(space, "Space").addFolder(folder, space, "Folder");
        ObjectNode folderJson = Json.MAPPER.createObjectNode().put("id", folder).put("name", "Folder").put("hidden", false);
        folderJson.putObject("space").put("id", space);
        store.write(HierarchyKind.FOLDER, folderJson, null, Instant.now());
        String inFolder = listWithTasks(folder, 2);
        ObjectNode loose = HierarchyStoreTest.list(fresh(), "Loose", "h1", 0);
        ((ObjectNode) loose.get("folder")).put("hidden", true);
        ((ObjectNode) loose.get("space")).put("id", space);
        store.write(HierarchyKind.LIST, loose, null, Instant.now());

        int tasks = cascade.delete(HierarchyKind.SPACE, space, mirror.beforeFetch(), () -> { });

        assertThat(tasks).isEqualTo(2);
        assertThat(store.find(HierarchyKind.FOLDER, folder).orElseThrow().deleted()).isTrue();
        assertThat(store.find(HierarchyKind.LIST, inFolder).orElseThrow().deleted()).isTrue();
        assertThat(store.find(HierarchyKind.LIST, loose.path("id").asText()).orElseThrow().deleted()).isTrue();
        assertThat(store.find(HierarchyKind.SPACE, space).orElseThrow().deleted()).isTrue();
        assertThat(store.children(Partitions.foldersOf(space))).isEmpty();
        assertThat(store.children(Partitions.folderlessListsOf(space))).isEmpty();
    }
}
