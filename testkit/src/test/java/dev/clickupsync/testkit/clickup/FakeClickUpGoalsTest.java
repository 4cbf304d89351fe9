package dev.clickupsync.testkit.clickup;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake's goals and key results over HTTP, checked against the OpenAPI examples, and the webhooks their changes send. */
class FakeClickUpGoalsTest {
    private static final String TEAM = DemoWorkspace.TEAM_ID;
    private FakeClickUp fake;
    private FakeWorkspace w;

    @BeforeEach
    void start() {
        fake = FakeClickUp.start();
        w = fake.workspace();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void rendersGoalsListingAndKeyResultsWithTheOpenApiExamplesFields() {
        w.createGoalFolder("gf1", "Quarterly Goals");
        w.createGoal("g1", "Goal ABC", null);
        w.createGoal("g2", "Q1 Goals", "gf1");
        w.createKeyResult("g1", "kr1", "Ship", 0, 10);

        JsonNode listing = ok(get(fake, "/team/" + TEAM + "/goal"));
        JsonNode example = resource("get_goals.example.json");
        assertThat(names(listing)).containsExactlyElementsOf(names(example));
        JsonNode exampleGoal = example.get("goals").get(0);
        List<String> expected = without(names(exampleGoal), "editor_token");
        assertThat(names(listing.get("goals").get(0))).containsExactlyElementsOf(expected);
        JsonNode folder = listing.get("folders").get(0);
        assertThat(names(folder)).containsExactlyElementsOf(names(example.get("folders").get(0)));
        assertThat(names(folder.get("goals").get(0)))
                .containsExactlyElementsOf(without(names(example.get("folders").get(0).get("goals").get(0)), "editor_token"));
        assertThat(folder.get("goals").get(0).get("id").asText()).isEqualTo("g2");
        assertThat(listing.get("goals")).hasSize(1).as("a goal in a folder is listed only under it");
        assertThat(listing.get("goals").get(0).get("key_result_count").asInt()).isEqualTo(1);

        JsonNode goal = ok(get(fake, "/goal/g1"));
        JsonNode exampleObject = resource("get_goal.example.json");
        assertThat(names(goal)).containsExactly("goal");
        assertThat(names(goal.get("goal"))).containsExactlyElementsOf(names(exampleObject.get("goal")));
        assertThat(goal.get("goal").get("pretty_url").asText()).isEqualTo("https://app.clickup.com/" + TEAM + "/goals/1");
        JsonNode kr = goal.get("goal").get("key_results").get(0);
        JsonNode exampleKr = resource("edit_key_result.example.json").get("key_result");
        assertThat(names(kr)).containsExactlyElementsOf(names(exampleKr));
        assertThat(names(kr.get("last_action"))).containsSubsequence("id", "key_result_id", "userid", "date_modified",
                "steps_taken", "note", "steps_before", "steps_current");
        assertThat(kr.get("goal_id").asText()).isEqualTo("g1");
    }

    @Test
    void goalEventsNameTheGoalAndKeyResultEventsTheKeyResultToo() {
        WebhookDelivery created = single(w.createGoal("g1", "Goal", null));
        assertThat(created.event()).isEqualTo("goalCreated");
        assertThat(names(created.json())).containsExactly("event", "goal_id", "webhook_id");
        assertThat(created.json().get("goal_id").asText()).isEqualTo("g1");
        assertThat(created.taskId()).isNull();
        assertThat(w.createGoalFolder("gf", "Folder")).as("no webhook is known for goal folders").isEmpty();

        WebhookDelivery kr = single(w.createKeyResult("g1", "kr1", "Ship", 0, 4));
        assertThat(kr.event()).isEqualTo("keyResultCreated");
        assertThat(names(kr.json())).containsExactly("event", "goal_id", "key_result_id", "webhook_id");
        assertThat(kr.json().get("key_result_id").asText()).isEqualTo("kr1");
        assertThat(single(w.updateKeyResult("kr1", 2)).event()).isEqualTo("keyResultUpdated");
        assertThat(single(w.updateGoal("g1", "Renamed", "why", 1_900_000_000_000L, true)).event()).isEqualTo("goalUpdated");
        assertThat(single(w.deleteKeyResult("kr1")).event()).isEqualTo("keyResultDeleted");
        assertThat(single(w.deleteGoal("g1")).event()).isEqualTo("goalDeleted");
        assertThat(w.hasGoal("g1")).isFalse();
    }

    @Test
    void keyResultProgressMovesItsGoalsDatesAndPercent() {
        w.createGoal("g1", "Goal", null);
        w.createKeyResult("g1", "kr1", "Ship", 0, 4);
        JsonNode before = ok(get(fake, "/team/" + TEAM + "/goal")).get("goals").get(0);
        w.updateKeyResult("kr1", 2);
        JsonNode after = ok(get(fake, "/team/" + TEAM + "/goal")).get("goals").get(0);
        assertThat(after.get("percent_completed").asInt()).isEqualTo(50);
        assertThat(Long.parseLong(after.get("date_updated").asText()))
                .isGreaterThan(Long.parseLong(before.get("date_updated").asText()));
        assertThat(after.get("last_update")).isEqualTo(after.get("date_updated"));
        JsonNode goal = ok(get(fake, "/goal/g1")).get("goal");
        assertThat(goal.get("percent_completed").asInt()).isEqualTo(50);
        JsonNode kr = goal.get("key_results").get(0);
        assertThat(kr.get("percent_completed").asInt()).isEqualTo(50);
        assertThat(kr.get("last_action").get("steps_current").asDouble()).isEqualTo(2.0);
        assertThat(kr.get("completed").asBoolean()).isFalse();
    }

    @Test
    void listingLeavesCompletedGoalsOutUnlessIncludeCompleted() {
        w.createGoalFolder("gf1", "Folder");
        w.createGoal("g1", "Open", null);
        w.createGoal("g2", "Done", null);
        w.createGoal("g3", "Done in folder", "gf1");
        w.createKeyResult("g2", "kr2", "All", 0, 1);
        w.updateKeyResult("kr2", 1);
        w.createKeyResult("g3", "kr3", "All", 0, 1);
        w.updateKeyResult("kr3", 5);

        JsonNode open = ok(get(fake, "/team/" + TEAM + "/goal"));
        assertThat(ids(open.get("goals"))).containsExactly("g1");
        assertThat(open.get("folders").get(0).get("goals")).isEmpty();
        assertThat(open.get("folders").get(0).get("goal_count").asInt()).isZero();
        JsonNode all = ok(get(fake, "/team/" + TEAM + "/goal?include_completed=true"));
        assertThat(ids(all.get("goals"))).as("creation order").containsExactly("g1", "g2");
        assertThat(ids(all.get("folders").get(0).get("goals"))).containsExactly("g3");
        assertThat(all.get("goals").get(1).get("percent_completed").asInt()).isEqualTo(100);
        assertThat(ids(ok(get(fake, "/team/" + TEAM + "/goal?include_completed=false")).get("goals"))).containsExactly("g1");
    }

    @Test
    void unknownOrDeletedGoalIs404AndAnotherTeamIsNotAuthorized() {
        w.createGoal("g1", "Goal", null);
        w.deleteGoal("g1");
        var deleted = get(fake, "/goal/g1");
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(json(deleted).get("ECODE").asText()).isEqualTo(ClickUpErrors.GOAL_NOT_FOUND);
        assertThat(get(fake, "/goal/nope").statusCode()).isEqualTo(404);
        assertThat(get(fake, "/team/999/goal").statusCode()).isEqualTo(401);
        assertThat(ok(get(fake, "/team/" + TEAM + "/goal")).get("goals")).isEmpty();
    }

    @Test
    void refusesChangesOfUnknownGoalsKeyResultsAndFolders() {
        assertThatThrownBy(() -> w.updateGoal("nope", "x", null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.createGoal("g1", "x", "no-folder")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.updateKeyResult("nope", 1)).isInstanceOf(IllegalArgumentException.class);
        w.createGoal("g1", "Goal", null);
        assertThatThrownBy(() -> w.createGoal("g1", "again", null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> without(List<String> names, String name) {
        List<String> copy = new ArrayList<>(names);
        copy.remove(name);
        return copy;
    }

    private static List<String> ids(JsonNode goals) {
        List<String> ids = new ArrayList<>();
        goals.forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }

    private static WebhookDelivery single(List<WebhookDelivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }
}
