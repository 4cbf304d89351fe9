package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.store.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Restored transitions next to webhook ones (on dynalite): one entry into a status is stored once,
 * and when both a restored and a webhook transition tell it, the webhook's stays, in either order
 * and when both are written at the same time.
 */
class RestoredTransitionTest {
    private static final String TABLE = "restored-transition-test";
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

    private static Transition webhook(String task, String historyId, String to, Instant at) {
        return new Transition(task, historyId, "to do", "open", to, "custom", at, 42L);
    }

    @Test
    void restoredTransitionIsStoredMarkedAndItsIdIsTheSameOnEveryDerivation() {
        String task = UUID.randomUUID().toString();
        Transition restored = Transition.restored(task, "to do", "open", "In Progress", "custom", T);

        assertThat(restored.restored()).isTrue();
        assertThat(restored.byUserId()).isNull();
        assertThat(Transition.restored(task, null, null, "in progress", null, T).historyId())
                .as("the id depends on task, status (any case) and time only").isEqualTo(restored.historyId());
        assertThat(Transition.restored(task, null, null, "in progress", null, T.plusMillis(1)).historyId())
                .isNotEqualTo(restored.historyId());
        assertThat(store.recordRestored(restored)).isTrue();
        assertThat(store.recordRestored(restored)).as("a re-run stores nothing new").isFalse();

        assertThat(store.forTask(task)).containsExactly(restored);
        assertThat(raw(task)).singleElement().satisfies(item -> assertThat(item.get("source").s()).isEqualTo("restored"));
    }

    @Test
    void webhookArrivingAfterTheRestoreReplacesTheRestoredTransition() {
        String task = UUID.randomUUID().toString();
        store.recordRestored(Transition.restored(task, "to do", "open", "review", "custom", T));
        // ClickUp's since and its history item's date were seen a few ms apart.
        Transition late = webhook(task, "9001", "review", T.plusMillis(3));

        assertThat(store.record(late)).isTrue();

        assertThat(store.forTask(task)).containsExactly(late);
        assertThat(raw(task)).as("the restored item is deleted, not only hidden").hasSize(1);
        assertThat(raw(task).get(0).containsKey("source")).isFalse();
    }

    @Test
    void restoreFindingTheWebhookTransitionWritesNothing() {
        String task = UUID.randomUUID().toString();
        Transition heard = webhook(task, "9002", "review", T);
        store.record(heard);

        assertThat(store.recordRestored(Transition.restored(task, "to do", "open", "REVIEW", "custom", T.minusMillis(400))))
                .isFalse();

        assertThat(store.forTask(task)).containsExactly(heard);
        assertThat(raw(task)).hasSize(1);
    }

    @Test
    void entriesFartherApartThanTheToleranceOrIntoAnotherStatusAreDifferentTransitions() {
        String task = UUID.randomUUID().toString();
        store.record(webhook(task, "9003", "review", T));

        assertThat(store.recordRestored(Transition.restored(task, null, null, "review",
                null, T.plus(TransitionStore.SAME_ENTRY).plusMillis(1)))).isTrue();
        assertThat(store.recordRestored(Transition.restored(task, null, null, "complete", null, T))).isTrue();

        assertThat(store.forTask(task)).hasSize(3);
    }

    @Test
    void restoreAndWebhookWrittenAtTheSameTimeLeaveOnlyTheWebhookTransition() {
        for (int round = 0; round < 20; round++) {
            String task = UUID.randomUUID().toString();
            Transition restored = Transition.restored(task, "to do", "open", "review", "custom", T);
            Transition heard = webhook(task, "77" + round, "review", T.plusMillis(round % 5));
            CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> store.recordRestored(restored));
            CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> store.record(heard));
            CompletableFuture.allOf(a, b).join();

            assertThat(store.forTask(task)).as("round %d", round).containsExactly(heard);
            assertThat(raw(task)).as("round %d", round).hasSize(1);
        }
    }

    @Test
    void aRestoredTwinLeftByACrashIsHiddenFromReadersAndRemovedByTheWebhookRedelivery() {
        String task = UUID.randomUUID().toString();
        Transition heard = webhook(task, "9004", "review", T);
        store.record(heard);
        // A restore that crashed between its put and its look: both items stored (written raw here).
        Transition restored = Transition.restored(task, "to do", "open", "review", "custom", T.plusMillis(2));
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(Tables.PK, AttributeValue.fromS("task#" + task),
                Tables.SK, AttributeValue.fromS(TransitionStore.sk(restored)),
                "task_id", AttributeValue.fromS(task), "history_id", AttributeValue.fromS(restored.historyId()),
                "to_status", AttributeValue.fromS("review"), "at", AttributeValue.fromN(Long.toString(T.toEpochMilli() + 2)),
                "source", AttributeValue.fromS("restored"))));
        assertThat(raw(task)).hasSize(2);

        assertThat(store.forTask(task)).containsExactly(heard);
        assertThat(store.record(heard)).as("a redelivery").isFalse();
        assertThat(raw(task)).hasSize(1);
    }

    @Test
    void timeInStatusCountsRestoredTransitionsLikeAnyOther() {
        Transition created = new Transition("t", "1", null, null, "to do", "open", T, 1L);
        Transition restored = Transition.restored("t", "to do", "open", "review", "custom", T.plusSeconds(600));
        Transition heard = new Transition("t", "3", "review", "custom", "complete", "closed", T.plusSeconds(1800), 1L);

        assertThat(TransitionStore.timeInStatus(List.of(heard, restored, created), T.plusSeconds(3600)))
                .containsEntry("to do", java.time.Duration.ofMinutes(10))
                .containsEntry("review", java.time.Duration.ofMinutes(20))
                .containsEntry("complete", java.time.Duration.ofMinutes(30));
    }

    private static List<Map<String, AttributeValue>> raw(String task) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(TABLE, "task#" + task, "transition#").build()).items().forEach(items::add);
        return items;
    }
}
