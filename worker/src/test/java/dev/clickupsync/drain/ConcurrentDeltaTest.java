package dev.clickupsync.drain;

import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.fields.FieldCache;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TimeEntryStore;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two drain instances writing the same task at the same time (found by the bench's chaos run with 4
 * instances and no faults: a task left differing from ClickUp until reconcile). Each interleaving is
 * made deterministic by running the second instance to completion at the point where the first one
 * is between reading and writing.
 * <ul>
 *   <li>Two deltas applied to the same stored snapshot: the write used to be guarded by
 *       {@code date_updated} alone, so the newer won and the other change was silently lost; a
 *       delta write must be a compare-and-set on the snapshot it was derived from.</li>
 *   <li>A fetch overtaken by a delta applied to a snapshot older than the fetch: the fetch's write
 *       is stale, and the stored snapshot lacks the change the fetch saw; it must fetch again.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class ConcurrentDeltaTest {
    @Inject
    ClickUpClient clickUpClient;
    @Inject
    MirrorStore mirror;
    @Inject
    TransitionStore transitions;
    @Inject
    TimeEntryStore timeEntries;
    @Inject
    FieldCache fields;
    @Inject
    ListMembership membership;
    @Inject
    Metrics metrics;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncConfig sync;

    FakeClickUp clickUp;

    @Test
    void twoInstancesApplyingDeltasToTheSameSnapshotLoseNeitherChange() throws Exception {
        String task = "concurrent-" + UUID.randomUUID().toString().substring(0, 8);
        clickUp.workspace().createTask(task, DemoWorkspace.LIST_ID, "Original name");
        mirror.upsertFetched(truth(task), mirror.beforeFetch());
        Thread.sleep(5);
        WebhookDelivery renamed = clickUp.workspace().updateTask(task, c -> c.name("Renamed")).get(0);
        Thread.sleep(5); // distinct history dates
        WebhookDelivery prioritised = clickUp.workspace().updateTask(task, c -> c.priority(1)).get(0);

        TaskExpander second = expander(mirror);
        TaskExpander first = expander(new MirrorStore(dynamo, sync.tables().mirror()) {
            private boolean raced;

            @Override
            public Optional<Entry> findEntry(String taskId) {
                Optional<Entry> read = super.findEntry(taskId);
                if (!raced) {
                    raced = true;
                    second.apply(task, List.of(event(prioritised)), ExpansionPolicy.SMART);
                }
                return read;
            }
        });
        first.apply(task, List.of(event(renamed)), ExpansionPolicy.SMART);

        TaskSnapshot mirrored = mirror.find(task).orElseThrow();
        assertThat(mirrored.name()).as("the first instance's change").isEqualTo("Renamed");
        assertThat(mirrored).as("the mirror equals ClickUp").isEqualTo(truth(task));
    }

    @Test
    void aFetchOvertakenByADeltaFromAnOlderSnapshotIsNotLost() throws Exception {
        String task = "overtaken-" + UUID.randomUUID().toString().substring(0, 8);
        clickUp.workspace().createTask(task, DemoWorkspace.LIST_ID, "Original name");
        mirror.upsertFetched(truth(task), mirror.beforeFetch());
        Thread.sleep(5);
        WebhookDelivery renamed = clickUp.workspace().updateTask(task, c -> c.name("Renamed")).get(0);

        TaskExpander second = expander(mirror);
        TaskExpander first = expander(new MirrorStore(dynamo, sync.tables().mirror()) {
            private boolean raced;

            @Override
            public Write upsertFetched(TaskSnapshot fetched, Instant fetchedAt) {
                if (!raced) {
                    // Between the first instance's fetch and its write: a newer change, applied by the
                    // second instance as a delta on the snapshot that predates the rename.
                    raced = true;
                    sleep();
                    WebhookDelivery prioritised = clickUp.workspace().updateTask(task, c -> c.priority(1)).get(0);
                    second.apply(task, List.of(event(prioritised)), ExpansionPolicy.SMART);
                }
                return super.upsertFetched(fetched, fetchedAt);
            }
        });
        first.apply(task, List.of(event(renamed)), ExpansionPolicy.ALWAYS);

        TaskSnapshot mirrored = mirror.find(task).orElseThrow();
        assertThat(mirrored.name()).as("the first instance's change").isEqualTo("Renamed");
        assertThat(mirrored).as("the mirror equals ClickUp").isEqualTo(truth(task));
    }

    private static void sleep() {
        try {
            Thread.sleep(5); // distinct history dates
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TaskExpander expander(MirrorStore store) {
        return new TaskExpander(clickUpClient, store, transitions, timeEntries, fields, membership, metrics);
    }

    private TaskSnapshot truth(String task) throws Exception {
        return TaskSnapshot.of(Json.MAPPER.treeToValue(clickUp.workspace().fetchedTaskJson(task), ClickUpTask.class));
    }

    private static TaskExpander.Event event(WebhookDelivery delivery) {
        try {
            return new TaskExpander.Event(Json.MAPPER.readValue(delivery.body(), WebhookPayload.class), Instant.now());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
