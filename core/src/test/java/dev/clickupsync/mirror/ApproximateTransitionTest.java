package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.store.Tables;
import dev.clickupsync.support.DynaliteTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Approximate restored transitions (a second visit known to the minute) in the store, on dynalite:
 * the window survives a round trip, a webhook anywhere in it is the same entry and wins in either
 * order, one outside it is another visit, and a window the store cannot look across is refused.
 */
class ApproximateTransitionTest {
    private static final String TABLE = "approximate-transition-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.ofEpochMilli(1_760_000_000_000L);
    private static final Transition.Window WINDOW = new Transition.Window(T, T.plusSeconds(59));
    private static DynamoDbClient dynamo;
    private static TransitionStore store;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        store = new TransitionStore(dynamo, TABLE);
    }

    private static Transition approximate(String task) {
        return Transition.restoredWithin(task, "review", "custom", "in progress", "custom", T.plusMillis(29_500), WINDOW);
    }

    private static Transition webhook(String task, String historyId, Instant at) {
        return new Transition(task, historyId, "review", "custom", "in progress", "custom", at, 42L);
    }

    @Test
    void anApproximateTransitionKeepsItsWindowThroughTheStore() {
        String task = UUID.randomUUID().toString();

        assertThat(store.recordRestored(approximate(task))).isTrue();

        assertThat(store.forTask(task)).containsExactly(approximate(task));
        assertThat(store.forTask(task).get(0).window()).isEqualTo(WINDOW);
        assertThat(raw(task)).singleElement().satisfies(item -> {
            assertThat(item.get("at_earliest").n()).isEqualTo(Long.toString(T.toEpochMilli()));
            assertThat(item.get("at_latest").n()).isEqualTo(Long.toString(T.plusSeconds(59).toEpochMilli()));
        });
    }

    @Test
    void aLateWebhookAnywhereInTheWindowReplacesTheApproximateTransition() {
        String task = UUID.randomUUID().toString();
        store.recordRestored(approximate(task));
        Transition late = webhook(task, "8101", T.plusMillis(200)); // 29.3 s from the chosen point

        assertThat(store.record(late)).isTrue();

        assertThat(store.forTask(task)).containsExactly(late);
        assertThat(raw(task)).as("deleted, not only hidden").hasSize(1);
    }

    @Test
    void anApproximateRestoreFindingTheWebhookInItsWindowWritesNothing() {
        String task = UUID.randomUUID().toString();
        Transition heard = webhook(task, "8102", T.plusSeconds(58));
        store.record(heard);

        assertThat(store.recordRestored(approximate(task))).isFalse();

        assertThat(store.forTask(task)).containsExactly(heard);
        assertThat(raw(task)).hasSize(1);
    }

    @Test
    void aWebhookOutsideTheWindowOrIntoAnotherStatusIsAnotherVisit() {
        String task = UUID.randomUUID().toString();
        store.recordRestored(approximate(task));
        Transition later = webhook(task, "8103", T.plusSeconds(61));
        Transition elsewhere = new Transition(task, "8104", "review", "custom", "complete", "closed", T.plusSeconds(10), 42L);

        store.record(later);
        store.record(elsewhere);

        assertThat(store.forTask(task)).containsExactly(elsewhere, approximate(task), later);
    }

    @Test
    void aFirstEntryIntoTheStatusAMillisecondBeforeTheWindowIsAnotherVisitNotItsTwin() {
        // review at T-2 ms (heard), in progress at T-1 ms (heard), back to review in the window (dropped).
        String task = UUID.randomUUID().toString();
        Transition first = new Transition(task, "8106", "in progress", "custom", "review", "custom", T.minusMillis(2), 42L);
        store.record(first);
        Transition back = Transition.restoredWithin(task, "in progress", "custom", "review", "custom", T.plusSeconds(14),
                new Transition.Window(T, T.plusSeconds(29)));

        assertThat(store.recordRestored(back)).isTrue();

        assertThat(store.forTask(task)).containsExactly(first, back);
    }

    @Test
    void aWindowWiderThanAMinuteATimeOutsideItsWindowOrAWindowOnAWebhookTransitionIsRefused() {
        String task = UUID.randomUUID().toString();
        Transition.Window tooWide = new Transition.Window(T, T.plus(TransitionStore.APPROXIMATE_MAX).plusMillis(1));

        assertThatThrownBy(() -> store.recordRestored(Transition.restoredWithin(task, null, null, "review", null, T, tooWide)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transition.restoredWithin(task, null, null, "review", null, T.minusMillis(1), WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.record(new Transition(task, "8105", null, null, "review", null, T, 1L, WINDOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(raw(task)).isEmpty();
    }

    private static List<Map<String, AttributeValue>> raw(String task) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(TABLE, "task#" + task, "transition#").build()).items().forEach(items::add);
        return items;
    }
}
