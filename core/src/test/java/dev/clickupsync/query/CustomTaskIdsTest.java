package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The custom-id lookup item follows the entry through the mirror's listener (dynalite, real SDK):
 * written with the task, moved when the custom id changes, gone with the tombstone, and found by one
 * GetItem, case-insensitively, only in the task's own workspace.
 */
class CustomTaskIdsTest {
    private static final String TABLE = "custom-task-ids-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;
    private static CustomTaskIds customIds;

    @BeforeAll
    static void start() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), new TaskIndex(dynamo, TABLE));
        customIds = new CustomTaskIds(dynamo, TABLE);
    }

    @Test
    void findsATaskByItsCustomIdInItsWorkspaceOnly() {
        String team = fresh();
        TaskSnapshot task = task(fresh(), "DEV-" + fresh(), team, T);

        mirror.upsert(task);

        assertThat(customIds.find(team, task.customId())).contains(task.id());
        assertThat(customIds.find(team, task.customId().toLowerCase())).as("ClickUp matches case-insensitively")
                .contains(task.id());
        assertThat(customIds.find("other-" + team, task.customId())).isEmpty();
        assertThat(lookupItems(task.id())).isEqualTo(1);
    }

    @Test
    void aChangedCustomIdMovesTheLookupItem() {
        String team = fresh();
        TaskSnapshot v1 = task(fresh(), "OLD-" + fresh(), team, T);
        mirror.upsert(v1);
        TaskSnapshot v2 = task(v1.id(), "NEW-" + fresh(), team, T.plusSeconds(60));

        mirror.upsert(v2);

        assertThat(customIds.find(team, v1.customId())).isEmpty();
        assertThat(customIds.find(team, v2.customId())).contains(v1.id());
        assertThat(lookupItems(v1.id())).isEqualTo(1);
    }

    @Test
    void aRemovedCustomIdOrATombstoneDeletesTheLookupItem() {
        String team = fresh();
        TaskSnapshot removed = task(fresh(), "A-" + fresh(), team, T);
        TaskSnapshot deleted = task(fresh(), "B-" + fresh(), team, T);
        mirror.upsert(removed);
        mirror.upsert(deleted);

        mirror.upsert(task(removed.id(), null, team, T.plusSeconds(60)));
        mirror.tombstone(deleted.id(), T.plusSeconds(60));

        assertThat(customIds.find(team, removed.customId())).isEmpty();
        assertThat(customIds.find(team, deleted.customId())).isEmpty();
        assertThat(lookupItems(removed.id()) + lookupItems(deleted.id())).isZero();
    }

    @Test
    void aTaskWithoutCustomIdHasNoLookupItem() {
        TaskSnapshot task = task(fresh(), null, fresh(), T);

        mirror.upsert(task);

        assertThat(lookupItems(task.id())).isZero();
        assertThat(IndexKeys.of(task)).hasSize(8);
        assertThat(IndexKeys.of(task(task.id(), "X-1", "t", T))).as("one more item for a custom id").hasSize(9);
    }

    /** The task's lookup items (a scan: tests only). */
    private static int lookupItems(String taskId) {
        return dynamo.scanPaginator(b -> b.tableName(TABLE).filterExpression("begins_with(pk, :c) AND tid = :id")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("tq#c#"), ":id", AttributeValue.fromS(taskId))))
                .items().stream().mapToInt(i -> 1).sum();
    }

    private static TaskSnapshot task(String id, String customId, String team, Instant updated) {
        return new TaskSnapshot(id, customId, "Task " + id, "to do", "custom", null, null, List.of(new Person(1, "ada")),
                List.of(), "l-" + team, "f", "s", team, null, updated, updated, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
