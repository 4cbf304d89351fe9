package dev.clickupsync.goal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.ClickUpClient;
import dev.clickupsync.drain.DrainProcessor;
import dev.clickupsync.metrics.Metrics;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Goal and key-result events through the real drain ({@link DrainProcessor}), the fake ClickUp over
 * HTTP (its real, signed deliveries) and dynalite: one goal fetch per goal and batch, the workspace
 * listing refreshed after it, reordered and repeated deliveries, deletions with and without their
 * event, and ClickUp's 429 and 5xx taking the drain's deferral and failure paths. Own profile: the
 * 429 closes the rate budget until ClickUp's reset, which would spend a shared application's budget.
 */
@QuarkusTest
@TestProfile(GoalDrainTest.OwnBudget.class)
@QuarkusTestResource(EmbeddedStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoalDrainTest {
    /** An application (and a budget) of this class's own. */
    public static class OwnBudget implements QuarkusTestProfile {
    }

    private static final String TEAM = DemoWorkspace.TEAM_ID;

    @Inject
    DrainProcessor processor;
    @Inject
    GoalStore store;
    @Inject
    Metrics metrics;
    @Inject
    ClickUpClient clickUpApi;

    FakeClickUp clickUp;

    private static String fresh() {
        return UUID.randomUUID().toString();
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

    private JsonNode clickUpsGoal(String id) {
        return clickUpApi.goal(id).path("goal");
    }

    private JsonNode storedListing() {
        return store.listing(TEAM).orElseThrow().json();
    }

    @Test
    @Order(1)
    void storesGoalFromGoalCreatedAndKeyResultEventsWithOneFetchPerGoalAndTheListing() {
        String goal = fresh();
        List<WebhookDelivery> batch = new ArrayList<>(clickUp.workspace().createGoal(goal, "Ship v2", null));
        batch.addAll(clickUp.workspace().createKeyResult(goal, fresh(), "Releases", 0, 4));
        batch.addAll(clickUp.workspace().updateGoal(goal, "Ship v2.0", "the why", 1_900_000_000_000L, null));
        Collections.reverse(batch); // reordered: the newest first
        int goalCalls = clickUp.count("GET", "/api/v2/goal/" + goal);
        long retries = metrics.count("ClickUpRetry");

        assertThat(drain(batch)).isEmpty();

        // One fetch for the three events; a loaded machine can time a request out and the client retry it
        // (CI saw 2 once), which is the client's doing, not a second fetch by the drain.
        assertThat(clickUp.count("GET", "/api/v2/goal/" + goal) - goalCalls).as("coalesced")
                .isBetween(1, 1 + (int) (metrics.count("ClickUpRetry") - retries));
        StoredGoal stored = store.find(goal).orElseThrow();
        assertThat(stored.json()).as("ClickUp's JSON as answered").isEqualTo(clickUpsGoal(goal));
        assertThat(stored.json().path("name").asText()).isEqualTo("Ship v2.0");
        assertThat(stored.json().path("key_results")).hasSize(1);
        assertThat(stored.teamId()).isEqualTo(TEAM);
        assertThat(storedListing()).isEqualTo(clickUpApi.goals(TEAM));
    }

    @Test
    @Order(2)
    void keyResultUpdatedRefreshesTheGoalsProgressAndARepeatedBodyIsANewChange() {
        String goal = fresh();
        String kr = fresh();
        List<WebhookDelivery> setup = new ArrayList<>(clickUp.workspace().createGoal(goal, "Progress", null));
        setup.addAll(clickUp.workspace().createKeyResult(goal, kr, "Steps", 0, 10));
        assertThat(drain(setup)).isEmpty();

        assertThat(drain(clickUp.workspace().updateKeyResult(kr, 5))).isEmpty();
        assertThat(store.find(goal).orElseThrow().json().path("percent_completed").asInt()).isEqualTo(50);

        // keyResultUpdated bodies of one key result are identical: the second change must not be a duplicate.
        assertThat(drain(clickUp.workspace().updateKeyResult(kr, 10))).isEmpty();
        JsonNode stored = store.find(goal).orElseThrow().json();
        assertThat(stored.path("percent_completed").asInt()).isEqualTo(100);
        assertThat(stored).isEqualTo(clickUpsGoal(goal));
        assertThat(storedListing()).isEqualTo(clickUpApi.goals(TEAM));
    }

    @Test
    @Order(3)
    void theSameDeliveryTwiceInABatchIsAppliedOnce() {
        String goal = fresh();
        WebhookDelivery created = clickUp.workspace().createGoal(goal, "Twice", null).get(0);
        QueuedEvent first = message(created);
        QueuedEvent copy = new QueuedEvent(UUID.randomUUID().toString(), first.body(), first.attributes(), 1);
        int goalCalls = clickUp.count("GET", "/api/v2/goal/" + goal);

        assertThat(processor.process(List.of(first, copy), Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();

        assertThat(clickUp.count("GET", "/api/v2/goal/" + goal) - goalCalls).isEqualTo(1);
        assertThat(store.find(goal).orElseThrow().deleted()).isFalse();
    }

    @Test
    @Order(4)
    void goalDeletedTombstonesWithoutFetchingTheGoalAndALateUpdateCannotResurrectIt() {
        String goal = fresh();
        List<WebhookDelivery> setup = new ArrayList<>(clickUp.workspace().createGoal(goal, "Doomed", null));
        List<WebhookDelivery> update = clickUp.workspace().updateGoal(goal, "Doomed still", null, null, null);
        assertThat(drain(setup)).isEmpty();
        int goalCalls = clickUp.count("GET", "/api/v2/goal/.*");

        assertThat(drain(clickUp.workspace().deleteGoal(goal))).isEmpty();

        assertThat(clickUp.count("GET", "/api/v2/goal/.*") - goalCalls).isZero();
        assertThat(store.find(goal).orElseThrow().deleted()).isTrue();
        assertThat(store.goals(TEAM)).extracting(StoredGoal::id).doesNotContain(goal);
        assertThat(storedListing()).as("listing refreshed").isEqualTo(clickUpApi.goals(TEAM));

        // The older goalUpdated arrives late: ClickUp answers 404, the tombstone stays.
        assertThat(drain(update)).isEmpty();
        assertThat(store.find(goal).orElseThrow().deleted()).isTrue();
    }

    @Test
    @Order(5)
    void anEventForAGoalClickUpNoLongerHasTombstonesIt() {
        String goal = fresh();
        assertThat(drain(clickUp.workspace().createGoal(goal, "Gone", null))).isEmpty();
        List<WebhookDelivery> update = clickUp.workspace().updateGoal(goal, "Renamed", null, null, null);
        clickUp.workspace().deleteGoal(goal); // its goalDeleted was dropped

        assertThat(drain(update)).isEmpty();

        assertThat(store.find(goal).orElseThrow().deleted()).isTrue();
        assertThat(store.goals(TEAM)).extracting(StoredGoal::id).doesNotContain(goal);
    }

    @Test
    @Order(6)
    void clickUps5xxFailsTheEventForRedeliveryAnd429DefersIt() {
        String goal = fresh();
        List<WebhookDelivery> created = clickUp.workspace().createGoal(goal, "Busy", null);
        long failed = metrics.count("DrainFailed", "Reason", "clickup_server_error");
        clickUp.faults().failNext(20, 503, "/goal/" + goal + "$");
        QueuedEvent message = message(created.get(0));

        assertThat(processor.process(List.of(message), Instant.now().plus(Duration.ofMinutes(5))))
                .as("left to SQS's redelivery").containsExactly(message.messageId());
        assertThat(metrics.count("DrainFailed", "Reason", "clickup_server_error") - failed).isEqualTo(1);
        assertThat(store.find(goal)).isEmpty();

        String other = fresh();
        List<WebhookDelivery> busy = clickUp.workspace().createGoal(other, "Busier", null);
        long deferred = metrics.count("DrainOutcome", "Outcome", "deferred");
        clickUp.faults().failNext(1, 429, "/goal/" + other + "$");

        assertThat(drain(busy)).as("deferred: re-sent with a delay, not failed").isEmpty();
        assertThat(metrics.count("DrainOutcome", "Outcome", "deferred") - deferred).isEqualTo(1);
        assertThat(store.find(other)).isEmpty();
    }
}
