package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.hierarchy.HierarchyCascade;
import dev.clickupsync.hierarchy.HierarchyPass;
import dev.clickupsync.hierarchy.HierarchySchedule;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.hierarchy.HierarchyStore.Partitions;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.queue.EventEnvelope;
import dev.clickupsync.queue.QueuedEvent;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reconcile's hierarchy pass against the fake ClickUp: what list, folder and space events never
 * delivered (created, renamed, moved, deleted) is repaired by one pass, at {@code 1 + 2 × spaces +
 * folders} listing calls plus one per vanished object, and stops on the run's deadline.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class ReconcileHierarchyTest {
    @Inject
    HierarchyPass pass;
    @Inject
    HierarchyStore store;
    @Inject
    MirrorStore mirror;
    @Inject
    DrainProcessor drain;
    @Inject
    Reconciler reconciler;
    @Inject
    ClickUpClient clickUpApi;
    @Inject
    HierarchyCascade cascade;
    @Inject
    Metrics metrics;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;
    @Inject
    dev.clickupsync.hierarchy.HierarchyConfig hierarchy;

    FakeClickUp clickUp;

    private static int next;

    @BeforeEach
    void unthrottled() {
        clickUp.setRateLimit(1_000_000, Duration.ofMinutes(1));
    }

    private static String fresh() {
        return "6" + (System.nanoTime() % 100_000_000L) + (next++);
    }

    private void drainAll(List<WebhookDelivery> deliveries) {
        List<QueuedEvent> messages = deliveries.stream().map(d -> new QueuedEvent(UUID.randomUUID().toString(),
                d.bodyString(), Map.of(EventEnvelope.EVENT, d.event(), EventEnvelope.RECEIVED_AT,
                        Instant.now().toString()), 1)).toList();
        assertThat(drain.process(messages, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    private static List<String> ids(JsonNode listing, String member) {
        List<String> ids = new ArrayList<>();
        listing.path(member).forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    @Test
    void onePassRepairsWhatDroppedEventsMissedAndDeletesOnlyOnA404() {
        String keep = fresh();
        String doomed = fresh();
        List<WebhookDelivery> seen = new ArrayList<>(clickUp.workspace().createList(keep, DemoWorkspace.FOLDER_ID, "Keep",
                DemoWorkspace.STATUSES));
        seen.addAll(clickUp.workspace().createList(doomed, DemoWorkspace.FOLDER_ID, "Doomed", DemoWorkspace.STATUSES));
        seen.addAll(clickUp.workspace().createTask(doomed + "1", doomed, "In doomed list"));
        seen.addAll(clickUp.workspace().createTask(keep + "1", keep, "In kept list"));
        drainAll(seen);
        // Every event from here on is dropped.
        String folder = fresh();
        String created = fresh();
        String loose = fresh();
        clickUp.workspace().createFolder(folder, DemoWorkspace.SPACE_ID, "New folder");
        clickUp.workspace().createList(created, folder, "Created", DemoWorkspace.STATUSES);
        clickUp.workspace().createFolderlessList(loose, DemoWorkspace.SPACE_ID, "Loose", DemoWorkspace.STATUSES);
        clickUp.workspace().renameList(keep, "Kept and renamed");
        clickUp.workspace().moveList(keep, folder);
        clickUp.workspace().deleteList(doomed);

        HierarchyPass.Result result = pass.run(DemoWorkspace.TEAM_ID, () -> { }, () -> { });
        assertThat(mirror.find(keep + "1").orElseThrow().json()).as("the renamed, moved list's task, without a task fetch")
                .isEqualTo(clickUp.workspace().fetchedTaskJson(keep + "1"));

        int spaces = ids(clickUpApi.spaces(DemoWorkspace.TEAM_ID), "spaces").size();
        int folders = 0;
        int lists = 0;
        for (String space : ids(clickUpApi.spaces(DemoWorkspace.TEAM_ID), "spaces")) {
            List<String> inSpace = ids(clickUpApi.folders(space), "folders");
            folders += inSpace.size();
            lists += ids(clickUpApi.folderlessLists(space), "lists").size();
            for (String f : inSpace) {
                lists += ids(clickUpApi.folderLists(f), "lists").size();
            }
        }
        assertThat(result.calls()).as("listings, members of up to members-per-pass lists, and one GET for the vanished list")
                .isEqualTo(1 + 2 * spaces + folders + Math.min(lists, hierarchy.membersPerPass()) + 1);
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(store.find(HierarchyKind.LIST, doomed).orElseThrow().deleted()).isTrue();
        assertThat(mirror.find(doomed + "1").orElseThrow().deleted()).as("its task too").isTrue();
        assertThat(store.children(Partitions.listsOf(folder))).extracting(HierarchyStore.Link::id)
                .containsExactlyElementsOf(ids(clickUpApi.folderLists(folder), "lists"));
        assertThat(store.children(Partitions.listsOf(DemoWorkspace.FOLDER_ID))).extracting(HierarchyStore.Link::id)
                .containsExactlyElementsOf(ids(clickUpApi.folderLists(DemoWorkspace.FOLDER_ID), "lists"))
                .doesNotContain(keep, doomed);
        assertThat(store.children(Partitions.folderlessListsOf(DemoWorkspace.SPACE_ID))).extracting(HierarchyStore.Link::id)
                .containsExactly(loose);
        assertThat(store.children(Partitions.spacesOf(DemoWorkspace.TEAM_ID))).extracting(HierarchyStore.Link::id)
                .contains(DemoWorkspace.SPACE_ID);
        assertThat(store.find(HierarchyKind.LIST, keep).orElseThrow().json().path("name").asText())
                .isEqualTo("Kept and renamed");

        HierarchyPass.Result again = pass.run(DemoWorkspace.TEAM_ID, () -> { }, () -> { });
        assertThat(again.deleted()).isZero();
        assertThat(again.calls()).as("nothing vanished: listings and members only")
                .isEqualTo(1 + 2 * spaces + folders + Math.min(lists, hierarchy.membersPerPass()));
    }

    @Test
    void eachPassReadsTheMembersOfAtMostMembersPerPassListsInRotationSoEveryListComesRound() {
        HierarchyPass twoAtATime = new HierarchyPass(clickUpApi, store, cascade, metrics,
                new HierarchySchedule(dynamo, sync.tables().control(), Duration.ZERO, java.time.Clock.systemUTC()), true, 2, null);
        twoAtATime.run(DemoWorkspace.TEAM_ID, () -> { }, () -> { });
        List<String> lists = new ArrayList<>();
        for (String space : ids(clickUpApi.spaces(DemoWorkspace.TEAM_ID), "spaces")) {
            lists.addAll(ids(clickUpApi.folderlessLists(space), "lists"));
            for (String f : ids(clickUpApi.folders(space), "folders")) {
                lists.addAll(ids(clickUpApi.folderLists(f), "lists"));
            }
        }
        assertThat(lists).hasSizeGreaterThan(2);
        Map<String, Integer> before = new java.util.HashMap<>();
        lists.forEach(id -> before.put(id, clickUp.count("GET", "/list/" + id + "/member")));
        int passes = (lists.size() + 1) / 2;

        for (int i = 0; i < passes; i++) {
            HierarchyPass.Result result = twoAtATime.run(DemoWorkspace.TEAM_ID, () -> { }, () -> { });
            assertThat(result.deleted()).isZero();
        }

        int read = 0;
        for (String id : lists) {
            int times = clickUp.count("GET", "/list/" + id + "/member") - before.get(id);
            assertThat(times).as("list %s's members read once or twice (the rotation wraps round)", id).isBetween(1, 2);
            read += times;
        }
        assertThat(read).as("two lists a pass").isEqualTo(2 * passes);
    }

    @Test
    void thePassListsTheHierarchyOncePerIntervalAndAgainWhenThePreviousPassWasCutShort() {
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(3650))); // past any earlier pass
        HierarchyPass hourly = new HierarchyPass(clickUpApi, store, cascade, metrics,
                new HierarchySchedule(dynamo, sync.tables().control(), Duration.ofHours(1), clock));
        try {
            passOncePerHour(hourly, clock);
        } finally { // the record is 10 years ahead: gone, the other tests' passes are due again
            dynamo.deleteItem(b -> b.tableName(sync.tables().control())
                    .key(dev.clickupsync.store.Item.key("reconcile#" + DemoWorkspace.TEAM_ID, "hierarchy")));
        }
    }

    /** An empty answer is a pass that did not run, so made no call (other passes of this application may list meanwhile). */
    private void passOncePerHour(HierarchyPass hourly, MutableClock clock) {
        assertThat(hourly.runIfDue(DemoWorkspace.TEAM_ID, () -> { }, () -> { })).isPresent();
        clock.advance(Duration.ofMinutes(59));
        assertThat(hourly.runIfDue(DemoWorkspace.TEAM_ID, () -> { }, () -> { })).as("within the hour").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> hourly.runIfDue(DemoWorkspace.TEAM_ID, () -> {
            throw new IllegalStateException("out of time");
        }, () -> { })).hasMessage("out of time");
        assertThat(hourly.runIfDue(DemoWorkspace.TEAM_ID, () -> { }, () -> { }))
                .as("the stopped pass was not recorded: still due").isPresent();
        assertThat(hourly.runIfDue(DemoWorkspace.TEAM_ID, () -> { }, () -> { })).isEmpty();
    }

    @Test
    void aRunWithNoTimeLeftStopsBeforeItsFirstCall() {
        int before = clickUp.count("GET", "/space");

        ReconcileReport report = reconciler.run(Instant.now());

        assertThat(report.complete()).isFalse();
        assertThat(report.stop()).isEqualTo("deadline");
        assertThat(clickUp.count("GET", "/space") - before).isZero();
    }
}
