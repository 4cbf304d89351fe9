package dev.clickupsync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.admin.TaskResync.Outcome;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.clickup.ClickUpConfig;
import dev.clickupsync.clickup.ClickUpException;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Re-syncing one task from ClickUp into the mirror on dynalite, through the stale-write guard. */
class TaskResyncTest {
    private static final String TABLE = "task-resync-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;

    /** What "ClickUp" answers for GET /task/{id}: a task, or an exception to throw. */
    private final Map<String, Object> clickUp = new HashMap<>();
    private final Metrics metrics = Metrics.inMemory();
    private final TaskResync resync = new TaskResync(new ScriptedClickUp(clickUp), mirror, metrics);

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE);
    }

    @Test
    void writesWhatClickUpHasWithoutAnyWebhook() throws Exception {
        String id = newTaskId();
        mirror.upsert(TaskSnapshot.of(task(id, T, "old name")));
        clickUp.put(id, task(id, T + 1000, "new name"));

        TaskResync.Result result = resync.resync(id);

        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(result.snapshot().name()).isEqualTo("new name");
        assertThat(mirror.find(id)).contains(result.snapshot());
        assertThat(metrics.count("AdminResync", "Outcome", "applied")).isEqualTo(1);
    }

    @Test
    void theStaleWriteGuardStillApplies() throws Exception {
        String id = newTaskId();
        TaskSnapshot newer = TaskSnapshot.of(task(id, T + 5000, "newer, from a webhook"));
        mirror.upsert(newer);
        clickUp.put(id, task(id, T, "older read"));

        TaskResync.Result result = resync.resync(id);

        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.snapshot()).as("the mirror's version").isEqualTo(newer);
        assertThat(mirror.find(id)).contains(newer);
    }

    @Test
    void aTaskClickUpNoLongerHasBecomesATombstone() throws Exception {
        String id = newTaskId();
        mirror.upsert(TaskSnapshot.of(task(id, T, "soon gone")));
        clickUp.put(id, new ClickUpException.NotFound(404, "ITEM_013", "Task not found, deleted"));
        Thread.sleep(2); // a 404 yields to an entry written in the millisecond it was asked (MirrorStore rule 4)

        TaskResync.Result result = resync.resync(id);

        assertThat(result.outcome()).isEqualTo(Outcome.TOMBSTONED);
        assertThat(result.snapshot().deleted()).isTrue();
        assertThat(result.snapshot().name()).isEqualTo("soon gone");
        assertThat(mirror.find(id).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aResyncAfterATransient404BringsTheTaskBackAtAnUnchangedVersion() throws Exception {
        String id = newTaskId();
        TaskSnapshot live = TaskSnapshot.of(task(id, T, "hidden by a blip"));
        mirror.upsert(live);
        clickUp.put(id, new ClickUpException.NotFound(404, "ITEM_013", "Task not found, deleted"));
        Thread.sleep(2); // a 404 yields to an entry written in the millisecond it was asked (MirrorStore rule 4)
        assertThat(resync.resync(id).outcome()).isEqualTo(Outcome.TOMBSTONED);
        clickUp.put(id, task(id, T, "hidden by a blip"));
        Thread.sleep(2); // the next fetch starts in a later millisecond than the tombstone's write

        TaskResync.Result result = resync.resync(id);

        assertThat(result.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(mirror.find(id)).contains(live);
        assertThat(metrics.count("MirrorTombstoneHealed", "Source", "resync")).isEqualTo(1);
    }

    @Test
    void clickUpErrorsPropagateAndNothingIsWritten() {
        String id = newTaskId();
        clickUp.put(id, new ClickUpException.Server(503, null, "down"));

        assertThatThrownBy(() -> resync.resync(id)).isInstanceOf(ClickUpException.Server.class);
        assertThat(mirror.find(id)).isEmpty();
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ClickUpTask task(String id, long dateUpdated, String name) throws Exception {
        return Json.MAPPER.readValue("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"status\":{\"status\":\"to do\","
                + "\"type\":\"open\"},\"date_created\":\"" + T + "\",\"date_updated\":\"" + dateUpdated + "\","
                + "\"list\":{\"id\":\"901200100\"}}", ClickUpTask.class);
    }

    /** A ClickUpClient whose GET /task answers from a map; nothing else is called. */
    private static final class ScriptedClickUp extends ClickUpClient {
        private final Map<String, Object> answers;

        ScriptedClickUp(Map<String, Object> answers) {
            super(null, null, (ClickUpConfig) Proxy.newProxyInstance(ClickUpConfig.class.getClassLoader(),
                    new Class<?>[] {ClickUpConfig.class}, (p, m, a) -> "maxPages".equals(m.getName()) ? 1000 : null));
            this.answers = answers;
        }

        @Override
        public ClickUpTask task(String taskId) {
            Object answer = answers.get(taskId);
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            if (answer == null) {
                throw new ClickUpException.NotFound(404, "ITEM_013", "not found");
            }
            return (ClickUpTask) answer;
        }
    }
}
