package dev.clickupsync.hierarchy;

import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.hierarchy.HierarchyStore.Partitions;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * List, folder and space events through the real drain ({@link DrainProcessor}), the fake ClickUp
 * over HTTP and dynalite: each object fetched once per batch and stored, deletions cascading to
 * lists and tasks, a 404 for an event's object taken as its deletion, and ClickUp's 429 and 5xx
 * taking the drain's usual deferral and failure paths. Own profile: the 429 closes the shared rate
 * budget until ClickUp's reset (about a minute), lasting state that would make every later test of a
 * shared application find the budget spent (as CI found).
 */
@QuarkusTest
@TestProfile(HierarchyDrainTest.OwnBudget.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HierarchyDrainTest {
    /** An application (and a budget) of this class's own. */
    public static class OwnBudget implements QuarkusTestProfile {
    }

    @Inject
    DrainProcessor processor;
    @Inject
    HierarchyStore store;
    @Inject
    MirrorStore mirror;
    @Inject
    Metrics metrics;
    @Inject
    dev.clickupsync.clickup.ClickUpClient clickUpApi;

    FakeClickUp clickUp;

    private static int next = 0;

    private static String fresh() {
        return "5" + (System.nanoTime() % 100_000_000L) + (next++);
    }

    private List<String> drain(List<WebhookDelivery> deliveries) {
        List<QueuedEvent> messages = new ArrayList<>();
        for (WebhookDelivery d : deliveries) {
            messages.add(message(d));
        }
        return processor.process(messages, Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static QueuedEvent message(WebhookDelivery d) {
        return new QueuedEvent(UUID.randomUUID().toString(), d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(),
                EventEnvelope.RECEIVED_AT, Instant.now().toString() + "#" + UUID.randomUUID()), 1);
    }

    private String name(HierarchyKind kind, String id) {
        return store.find(kind, id).orElseThrow().json().path("name").asText();
    }

    @Test
    @Order(1)
    void listEventsKeepTheListItsRenamesAndItsMovesWithOneFetchPerListPerBatch() {
        String list = fresh();
        String folder = fresh();
        List<WebhookDelivery> batch = new ArrayList<>(clickUp.workspace().createList(list, DemoWorkspace.FOLDER_ID, "New",
                DemoWorkspace.STATUSES));
        batch.addAll(clickUp.workspace().renameList(list, "Renamed"));
        batch.addAll(clickUp.workspace().renameList(list, "Renamed again"));
        long before = metrics.count("HierarchyFetched", "Kind", "list", "Outcome", "written");

        assertThat(drain(batch)).isEmpty();

        // Counted as logical fetches: ClickUpCalls may retry a slow first request of a fresh JVM.
        assertThat(metrics.count("HierarchyFetched", "Kind", "list", "Outcome", "written") - before).as("coalesced")
                .isEqualTo(1);
        assertThat(name(HierarchyKind.LIST, list)).isEqualTo("Renamed again");
        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().json()).as("ClickUp's JSON as answered")
                .isEqualTo(clickUpApi.hierarchyObject("list", list));

        // The same rename body again later is a new change, not a duplicate.
        clickUp.workspace().renameList(list, "Third");
        assertThat(drain(clickUp.workspace().renameList(list, "Renamed again"))).isEmpty();
        assertThat(drain(clickUp.workspace().renameList(list, "Final"))).isEmpty();
        assertThat(name(HierarchyKind.LIST, list)).isEqualTo("Final");

        assertThat(drain(clickUp.workspace().createFolder(folder, DemoWorkspace.SPACE_ID, "Elsewhere"))).isEmpty();
        assertThat(drain(clickUp.workspace().moveList(list, folder))).isEmpty();
        assertThat(store.children(Partitions.listsOf(folder))).extracting(HierarchyStore.Link::id).containsExactly(list);
        assertThat(store.children(Partitions.listsOf(DemoWorkspace.FOLDER_ID))).extracting(HierarchyStore.Link::id)
                .doesNotContain(list);
        assertThat(store.children(Partitions.foldersOf(DemoWorkspace.SPACE_ID))).extracting(HierarchyStore.Link::id)
                .contains(folder);
    }

    @Test
    @Order(2)
    void renamingOrMovingAListOrRenamingItsFolderRewritesItsTasksJsonWithoutATaskFetch() {
        String folder = fresh();
        String other = fresh();
        String list = fresh();
        List<WebhookDelivery> setup = new ArrayList<>(clickUp.workspace().createFolder(folder, DemoWorkspace.SPACE_ID, "Before"));
        setup.addAll(clickUp.workspace().createFolder(other, DemoWorkspace.SPACE_ID, "Other"));
        setup.addAll(clickUp.workspace().createList(list, folder, "Old name", DemoWorkspace.STATUSES));
        setup.addAll(clickUp.workspace().createTask(list + "1", list, "One"));
        setup.addAll(clickUp.workspace().createTask(list + "2", list, "Two"));
        assertThat(drain(setup)).isEmpty();
        assertThat(mirror.find(list + "1").orElseThrow().json().path("list").path("name").asText()).isEqualTo("Old name");
        int taskFetches = clickUp.count("GET", "/api/v2/task/.*");

        assertThat(drain(clickUp.workspace().renameList(list, "New name"))).isEmpty();
        assertThat(mirror.find(list + "1").orElseThrow().json()).as("as GET /task shows it now")
                .isEqualTo(clickUp.workspace().fetchedTaskJson(list + "1"));

        assertThat(drain(clickUp.workspace().renameFolder(folder, "After"))).isEmpty();
        assertThat(mirror.find(list + "1").orElseThrow().json().path("folder").path("name").asText()).isEqualTo("After");
        assertThat(mirror.find(list + "1").orElseThrow().json().path("project").path("name").asText()).isEqualTo("After");

        assertThat(drain(clickUp.workspace().moveList(list, other))).isEmpty();
        for (String task : List.of(list + "1", list + "2")) {
            assertThat(mirror.find(task).orElseThrow().folderId()).as("typed field too (the team query's project_ids[])")
                    .isEqualTo(other);
        }
        assertThat(mirror.find(list + "1").orElseThrow().json()).isEqualTo(clickUp.workspace().fetchedTaskJson(list + "1"));
        assertThat(clickUp.count("GET", "/api/v2/task/.*") - taskFetches).as("no task was fetched").isZero();

        // A second copy of the same event finds nothing to change: no task is written again.
        long relocated = metrics.count("HierarchyTasksRelocated");
        assertThat(drain(clickUp.workspace().renameList(list, "New name"))).isEmpty();
        assertThat(metrics.count("HierarchyTasksRelocated")).isEqualTo(relocated);
    }

    @Test
    @Order(2)
    void deletingAFolderTombstonesItsListsAndTheirTasksWithoutAClickUpCall() {
        String folder = fresh();
        String list = fresh();
        List<WebhookDelivery> setup = new ArrayList<>(clickUp.workspace().createFolder(folder, DemoWorkspace.SPACE_ID, "Doomed"));
        setup.addAll(clickUp.workspace().createList(list, folder, "Doomed list", DemoWorkspace.STATUSES));
        setup.addAll(clickUp.workspace().createTask(list + "1", list, "One"));
        setup.addAll(clickUp.workspace().createTask(list + "2", list, "Two"));
        assertThat(drain(setup)).isEmpty();
        assertThat(mirror.find(list + "1").orElseThrow().deleted()).isFalse();
        int calls = clickUp.count("GET", ".*");

        assertThat(drain(clickUp.workspace().deleteFolder(folder))).isEmpty();

        assertThat(clickUp.count("GET", ".*") - calls).isZero();
        assertThat(store.find(HierarchyKind.FOLDER, folder).orElseThrow().deleted()).isTrue();
        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().deleted()).isTrue();
        assertThat(mirror.find(list + "1").orElseThrow().deleted()).isTrue();
        assertThat(mirror.find(list + "2").orElseThrow().deleted()).isTrue();
        assertThat(store.children(Partitions.foldersOf(DemoWorkspace.SPACE_ID))).extracting(HierarchyStore.Link::id)
                .doesNotContain(folder);

        // A late, reordered listCreated for the deleted list: ClickUp answers 404, the tombstone stays.
        assertThat(drain(List.of(setup.get(1)))).isEmpty();
        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().deleted()).isTrue();
    }

    @Test
    @Order(3)
    void anEventForAListClickUpNoLongerHasTombstonesItAndItsTasks() {
        String list = fresh();
        List<WebhookDelivery> setup = new ArrayList<>(clickUp.workspace().createList(list, DemoWorkspace.FOLDER_ID, "Gone",
                DemoWorkspace.STATUSES));
        setup.addAll(clickUp.workspace().createTask(list + "1", list, "One"));
        assertThat(drain(setup)).isEmpty();
        List<WebhookDelivery> update = clickUp.workspace().renameList(list, "Renamed");
        clickUp.workspace().deleteList(list); // its listDeleted was dropped

        assertThat(drain(update)).isEmpty();

        assertThat(store.find(HierarchyKind.LIST, list).orElseThrow().deleted()).isTrue();
        assertThat(mirror.find(list + "1").orElseThrow().deleted()).isTrue();
    }

    @Test
    @Order(4)
    void aNewSpaceIsStoredByIdAndAnUnknownEventIsStillSkipped() {
        String space = fresh();
        assertThat(drain(clickUp.workspace().createSpace(space, "Ops"))).isEmpty();
        assertThat(name(HierarchyKind.SPACE, space)).isEqualTo("Ops");
        long skipped = metrics.count("DrainSkipped", "Reason", "not_task_event");
        QueuedEvent unknown = new QueuedEvent(UUID.randomUUID().toString(),
                "{\"event\":\"boardCreated\",\"board_id\":\"b1\",\"webhook_id\":\"" + DemoWorkspace.WEBHOOK_ID + "\"}",
                Map.of(EventEnvelope.EVENT, "boardCreated"), 1);
        assertThat(processor.process(List.of(unknown), Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(metrics.count("DrainSkipped", "Reason", "not_task_event") - skipped).isEqualTo(1);
    }

    @Test
    @Order(5)
    void clickUps5xxFailsTheEventForRedeliveryAnd429DefersIt() {
        String list = fresh();
        List<WebhookDelivery> created = clickUp.workspace().createList(list, DemoWorkspace.FOLDER_ID, "Busy",
                DemoWorkspace.STATUSES);
        long failed = metrics.count("DrainFailed", "Reason", "clickup_server_error");
        clickUp.faults().failNext(20, 503, "/list/" + list + "$");
        QueuedEvent message = message(created.get(0));

        assertThat(processor.process(List.of(message), Instant.now().plus(Duration.ofMinutes(5))))
                .as("left to SQS's redelivery").containsExactly(message.messageId());
        assertThat(metrics.count("DrainFailed", "Reason", "clickup_server_error") - failed).isEqualTo(1);
        assertThat(store.find(HierarchyKind.LIST, list)).isEmpty();

        String other = fresh();
        List<WebhookDelivery> busy = clickUp.workspace().createList(other, DemoWorkspace.FOLDER_ID, "Busier",
                DemoWorkspace.STATUSES);
        long deferred = metrics.count("DrainOutcome", "Outcome", "deferred");
        clickUp.faults().failNext(1, 429, "/list/" + other + "$");

        assertThat(drain(busy)).as("deferred: re-sent with a delay, not failed").isEmpty();
        assertThat(metrics.count("DrainOutcome", "Outcome", "deferred") - deferred).isEqualTo(1);
        assertThat(store.find(HierarchyKind.LIST, other)).isEmpty();
    }
}
