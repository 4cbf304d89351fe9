package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The task's full JSON in the mirror on dynalite: stored gzip'd, read back equal, and a huge task still stored. */
class MirrorFullJsonTest {
    private static final String TABLE = "mirror-full-json-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE);
    }

    @Test
    void storesTheWholeTaskCompressedAndReadsItBackEqual() throws Exception {
        ObjectNode json = example(newTaskId());
        TaskSnapshot snapshot = TaskSnapshot.of(ClickUpTask.read(json));

        assertThat(mirror.upsertFetched(snapshot, Instant.now()).written()).isTrue();

        MirrorStore.Entry entry = mirror.findEntry(snapshot.id()).orElseThrow();
        assertThat(entry.snapshot().json()).isEqualTo(json);
        assertThat(entry.snapshot()).isEqualTo(snapshot);
        assertThat(mirror.findEntries(List.of(snapshot.id())).get(snapshot.id()).snapshot().json()).isEqualTo(json);
        AttributeValue stored = item(snapshot.id()).get(MirrorItems.TASK_JSON);
        assertThat(stored.b().asByteArray().length).as("gzip'd").isLessThan(json.toString().length() / 2);
    }

    @Test
    void aTaskTooLargeToStoreWholeIsStillWrittenWithItsTypedFields() throws Exception {
        ObjectNode json = example(newTaskId());
        json.put("description", incompressible(1_200_000)); // over DynamoDB's 400 KB item limit even gzip'd
        json.put("text_content", json.get("description").asText());
        TaskSnapshot snapshot = TaskSnapshot.of(ClickUpTask.read(json));

        assertThat(mirror.upsertFetched(snapshot, Instant.now()).written()).isTrue();

        MirrorStore.Entry entry = mirror.findEntry(snapshot.id()).orElseThrow();
        assertThat(entry.snapshot().json()).as("served reduced, never a failed write").isNull();
        assertThat(entry.snapshot()).isEqualTo(snapshot.withJson(null));
        assertThat(item(snapshot.id())).containsKey("task_json_bytes").doesNotContainKey(MirrorItems.TASK_JSON);
    }

    @Test
    void aTombstoneDropsTheStoredJson() throws Exception {
        TaskSnapshot snapshot = TaskSnapshot.of(ClickUpTask.read(example(newTaskId())));
        mirror.upsertFetched(snapshot, Instant.now());

        mirror.tombstone(snapshot.id(), snapshot.dateUpdated().plusSeconds(1));

        assertThat(mirror.findEntry(snapshot.id()).orElseThrow().snapshot().json()).isNull();
        assertThat(item(snapshot.id())).doesNotContainKey(MirrorItems.TASK_JSON);
    }

    @Test
    void aFetchOfTheSameVersionWithMarkdownReplacesAnEntryStoredWithoutItOnce() throws Exception {
        ObjectNode plain = example(newTaskId());
        plain.remove("markdown_description");
        TaskSnapshot before = TaskSnapshot.of(ClickUpTask.read(plain));
        mirror.upsertFetched(before, Instant.now());
        assertThat(item(before.id())).doesNotContainKey(MirrorItems.HAS_MARKDOWN);
        ObjectNode withMarkdown = plain.deepCopy();
        withMarkdown.put("markdown_description", "**" + plain.path("description").asText() + "**");
        TaskSnapshot fetched = TaskSnapshot.of(ClickUpTask.read(withMarkdown));

        assertThat(mirror.upsertFetched(fetched, Instant.now()).written()).as("same version, brings the markdown").isTrue();
        assertThat(mirror.findEntry(before.id()).orElseThrow().snapshot().lacksMarkdown()).isFalse();
        assertThat(item(before.id())).containsKey(MirrorItems.HAS_MARKDOWN);

        assertThat(mirror.upsertFetched(fetched, Instant.now()).written()).as("nothing more to bring").isFalse();
        assertThat(mirror.upsertFetched(before, Instant.now()).written()).as("never back to an entry without it").isFalse();
    }

    private static Map<String, AttributeValue> item(String taskId) {
        return dynamo.getItem(b -> b.tableName(TABLE).key(MirrorItems.key(taskId)).consistentRead(true)).item();
    }

    private static ObjectNode example(String id) throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes("fixtures/rest_responses/get_task.json"));
        json.put("id", id);
        return json;
    }

    private static String incompressible(int length) {
        Random random = new Random(16);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
