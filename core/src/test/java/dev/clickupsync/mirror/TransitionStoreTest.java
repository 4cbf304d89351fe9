package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.store.Tables;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.Fixtures;
import java.io.IOException;
import java.time.Duration;
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

/** Status transitions in the mirror table (on dynalite), and time in status. */
class TransitionStoreTest {
    private static final String TABLE = "transition-store-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.ofEpochMilli(1_760_000_000_000L);
    private static DynamoDbClient dynamo;
    private static TransitionStore store;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        store = new TransitionStore(dynamo, TABLE);
    }

    // ---------------------------------------------------------------- record / forTask

    @Test
    void statusChangeFromTheExamplePayloadIsRecorded() throws IOException {
        WebhookPayload payload = Json.MAPPER.readValue(
                Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/taskStatusUpdated.json"), WebhookPayload.class);
        Transition t = Transition.fromPayload(payload).get(0);

        assertThat(store.record(t)).isTrue();

        assertThat(store.forTask("1vj38vv")).containsExactly(t);
        Map<String, AttributeValue> item = rawItems("1vj38vv").get(0);
        assertThat(item.get(Tables.SK).s()).isEqualTo("transition#1642736073330#2800787326392370170");
        assertThat(item.get("to_status").s()).isEqualTo("in progress");
        assertThat(item.get("by_user_id").n()).isEqualTo("183");
    }

    @Test
    void redeliveredStatusChangeIsRecordedOnce() {
        String task = newTaskId();
        Transition t = transition(task, "h1", "to do", "in progress", T);

        assertThat(store.record(t)).isTrue();
        assertThat(store.record(t)).isFalse();
        assertThat(store.record(t)).isFalse();

        assertThat(store.forTask(task)).containsExactly(t);
        assertThat(rawItems(task)).hasSize(1);
    }

    @Test
    void outOfOrderRecordingStillListsInTimeOrder() {
        String task = newTaskId();
        Transition first = transition(task, "h900", null, "to do", T);
        Transition second = transition(task, "h100", "to do", "in progress", T.plusSeconds(60));
        Transition third = transition(task, "h500", "in progress", "review", T.plusSeconds(3_600));
        Transition muchLater = transition(task, "h200", "review", "done", T.plus(Duration.ofDays(400)));

        for (Transition t : List.of(third, muchLater, first, second)) {
            assertThat(store.record(t)).isTrue();
        }

        assertThat(store.forTask(task)).containsExactly(first, second, third, muchLater);
    }

    @Test
    void transitionsInTheSameMillisecondAreKeptApart() {
        String task = newTaskId();
        Transition a = transition(task, "2800763136700363640", "to do", "in progress", T);
        Transition b = transition(task, "2800763136717140857", "in progress", "review", T);

        store.record(b);
        store.record(a);

        assertThat(store.forTask(task)).containsExactly(a, b);
    }

    @Test
    void creationWithoutFromStatusOrUserRoundTrips() {
        String task = newTaskId();
        Transition created = new Transition(task, "h1", null, null, "to do", "open", T, null);

        store.record(created);

        assertThat(store.forTask(task)).containsExactly(created);
        assertThat(rawItems(task).get(0)).doesNotContainKeys("from_status", "from_type", "by_user_id");
    }

    @Test
    void tasksAreIsolatedAndTransitionsDoNotMixWithOtherItemsOfTheTask() {
        String task = newTaskId();
        String prefixed = task + "0";
        Transition mine = transition(task, "h1", "to do", "done", T);
        store.record(mine);
        store.record(transition(prefixed, "h1", "to do", "done", T));
        TimeEntryRecord entry = new TimeEntryRecord("e1", task, 1L, "u", T, T.plusSeconds(1), 1_000, false, null, null,
                "clickup", T);
        new TimeEntryStore(dynamo, TABLE).replaceForTask(task, List.of(entry));
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(Tables.PK, AttributeValue.fromS("task#" + task),
                Tables.SK, AttributeValue.fromS("snapshot"), "date_updated", AttributeValue.fromN("1"))));

        assertThat(store.forTask(task)).containsExactly(mine);
        assertThat(new TimeEntryStore(dynamo, TABLE).forTask(task)).containsExactly(entry);
        assertThat(store.forTask(newTaskId())).isEmpty();
    }

    // ---------------------------------------------------------------- timeInStatus

    @Test
    void timeInStatusOverThreeTransitions() {
        List<Transition> ordered = List.of(
                transition("t", "h1", null, "to do", T),
                transition("t", "h2", "to do", "in progress", T.plus(Duration.ofHours(1))),
                transition("t", "h3", "in progress", "review", T.plus(Duration.ofHours(3))));

        Map<String, Duration> spent = TransitionStore.timeInStatus(ordered, T.plus(Duration.ofHours(4)).plusSeconds(30));

        assertThat(spent).containsExactly(
                Map.entry("to do", Duration.ofHours(1)),
                Map.entry("in progress", Duration.ofHours(2)),
                Map.entry("review", Duration.ofHours(1).plusSeconds(30)));
    }

    @Test
    void timeInARevisitedStatusAddsUp() {
        List<Transition> ordered = List.of(
                transition("t", "h1", "to do", "in progress", T),
                transition("t", "h2", "in progress", "review", T.plusSeconds(100)),
                transition("t", "h3", "review", "in progress", T.plusSeconds(130)),
                transition("t", "h4", "in progress", "done", T.plusSeconds(200)));

        Map<String, Duration> spent = TransitionStore.timeInStatus(ordered, T.plusSeconds(200));

        assertThat(spent).containsEntry("in progress", Duration.ofSeconds(170))
                .containsEntry("review", Duration.ofSeconds(30))
                .containsEntry("done", Duration.ZERO)
                .doesNotContainKey("to do");
    }

    @Test
    void timeInStatusOfStoredTransitionsRecordedOutOfOrder() {
        String task = newTaskId();
        store.record(transition(task, "h2", "to do", "in progress", T.plusSeconds(10)));
        store.record(transition(task, "h1", null, "to do", T));

        Map<String, Duration> spent = TransitionStore.timeInStatus(store.forTask(task), T.plusSeconds(15));

        assertThat(spent).containsExactly(Map.entry("to do", Duration.ofSeconds(10)),
                Map.entry("in progress", Duration.ofSeconds(5)));
    }

    @Test
    void timeInStatusEdgeCases() {
        assertThat(TransitionStore.timeInStatus(List.of(), T)).isEmpty();
        Transition last = transition("t", "h1", "to do", "done", T);
        assertThat(TransitionStore.timeInStatus(List.of(last), T.minusSeconds(5)))
                .as("a clock behind the last transition accrues nothing").containsExactly(Map.entry("done", Duration.ZERO));
    }

    // ---------------------------------------------------------------- helpers

    private static Transition transition(String task, String historyId, String from, String to, Instant at) {
        return new Transition(task, historyId, from, from == null ? null : "custom", to, "custom", at, 183L);
    }

    private static List<Map<String, AttributeValue>> rawItems(String task) {
        return dynamo.query(b -> b.tableName(TABLE).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("task#" + task),
                        ":p", AttributeValue.fromS("transition#")))).items();
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
