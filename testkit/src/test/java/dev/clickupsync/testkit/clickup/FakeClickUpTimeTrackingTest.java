package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time tracking: the workspace's entries, their webhook, GET /team/{id}/time_entries and the legacy GET /task/{id}/time. */
class FakeClickUpTimeTrackingTest {

    private static final long NOW = 1_760_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final String TEAM = DemoWorkspace.TEAM_ID;
    private static final String LOGIN = DemoWorkspace.TASK_LOGIN_BUG;
    private static final String NOTES = DemoWorkspace.TASK_RELEASE_NOTES;

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeWorkspace workspace = FakeWorkspace.demo(clock);
    private final FakeClickUp fake = FakeClickUp.start(workspace);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void trackingTimeSendsTaskTimeTrackedUpdatedLikeClickUpsExample() {
        List<WebhookDelivery> deliveries = workspace.trackTime(LOGIN, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - 900_000),
                Duration.ofMinutes(15));

        assertThat(deliveries).hasSize(1);
        JsonNode body = deliveries.get(0).json();
        JsonNode example = ClickUpHttp.resource("taskTimeTrackedUpdated.example.json");
        assertThat(names(body)).containsExactlyElementsOf(names(example));
        JsonNode item = body.get("history_items").get(0);
        JsonNode exampleItem = example.get("history_items").get(0);
        assertThat(names(item)).containsExactlyElementsOf(names(exampleItem));
        assertThat(names(item.get("after"))).containsExactlyElementsOf(names(exampleItem.get("after")));
        assertThat(item.get("field").asText()).isEqualTo("time_spent");
        assertThat(item.get("before").isNull()).isTrue();
        assertThat(item.get("after").get("time").asText()).isEqualTo("900000");
        assertThat(item.get("after").get("end").asText()).isEqualTo(Long.toString(NOW));
        assertThat(item.get("data").get("total_time").asText()).isEqualTo("900000");
        assertThat(item.get("user").get("id").asLong()).isEqualTo(DemoWorkspace.ALAN);
        assertThat(body.get("data").get("description").asText()).isEqualTo("Time Tracking Created");
        assertThat(body.get("data").get("interval_id")).isEqualTo(item.get("after").get("id"));
        assertThat(workspace.taskJson(LOGIN).get("time_spent").asLong()).isEqualTo(900_000L);
    }

    @Test
    void timeEntriesDefaultToTheTokenUsersLast30Days() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 2 * DAY), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 31 * DAY), Duration.ofHours(2));
        workspace.trackTime(NOTES, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - DAY), Duration.ofMinutes(30));

        JsonNode data = ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data");

        assertThat(data).hasSize(1);
        JsonNode entry = data.get(0);
        JsonNode example = ClickUpHttp.resource("get_team_time_entries.example.json").get("data").get(0);
        List<String> expected = names(example);
        expected.remove("task_tags");
        assertThat(names(entry)).containsExactlyElementsOf(expected);
        assertThat(entry.get("task").get("id").asText()).isEqualTo(LOGIN);
        assertThat(entry.get("task").get("status").get("status").asText()).isEqualTo("to do");
        assertThat(entry.get("wid").asText()).isEqualTo(TEAM);
        assertThat(entry.get("user").get("id").asLong()).isEqualTo(DemoWorkspace.ADA);
        assertThat(entry.get("start").asText()).isEqualTo(Long.toString(NOW - 2 * DAY));
        assertThat(entry.get("end").asText()).isEqualTo(Long.toString(NOW - 2 * DAY + 3_600_000));
        assertThat(entry.get("duration").asText()).isEqualTo("3600000");
        assertThat(entry.get("task_location").get("list_id").asLong()).isEqualTo(Long.parseLong(DemoWorkspace.LIST_ID));
        assertThat(entry.get("task_location").has("list_name")).isFalse();
        assertThat(entry.get("task_url").asText()).isEqualTo("https://app.clickup.com/t/" + LOGIN);

        String wide = "/team/" + TEAM + "/time_entries?start_date=" + (NOW - 40 * DAY) + "&end_date=" + NOW;
        assertThat(ok(get(fake, wide)).get("data")).hasSize(2);
    }

    @Test
    void assigneeFilterTakesCommaSeparatedUserIds() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 3 * DAY), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - DAY), Duration.ofMinutes(30));

        JsonNode alan = ok(get(fake, "/team/" + TEAM + "/time_entries?assignee=184")).get("data");
        JsonNode both = ok(get(fake, "/team/" + TEAM + "/time_entries?assignee=183,184&include_task_tags=true"
                + "&include_location_names=true")).get("data");

        assertThat(alan).extracting(e -> e.get("user").get("id").asLong()).containsExactly(DemoWorkspace.ALAN);
        assertThat(both).extracting(e -> e.get("task").get("id").asText()).containsExactly(LOGIN, NOTES);
        assertThat(both.get(0).get("task_tags").get(0).get("name").asText()).isEqualTo("bug");
        assertThat(both.get(0).get("task_location").get("list_name").asText()).isEqualTo(DemoWorkspace.LIST_NAME);
        assertThat(ok(get(fake, "/team/" + TEAM + "/time_entries?assignee=183,184&task_id=" + NOTES)).get("data")).hasSize(1);
        assertThat(ok(get(fake, "/team/" + TEAM + "/time_entries?assignee=183,184&list_id=1")).get("data")).isEmpty();
    }

    @Test
    void aCustomTaskIdNarrowsTimeEntriesAsClickUpsTaskIdDoes() {
        workspace.setCustomId(LOGIN, "DEV-7");
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - DAY), Duration.ofHours(1));
        workspace.trackTime(NOTES, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - DAY), Duration.ofMinutes(30));
        String byCustomId = "/team/" + TEAM + "/time_entries?assignee=183&custom_task_ids=true&task_id=";

        JsonNode data = ok(get(fake, byCustomId + "dev-7&team_id=" + TEAM)).get("data");

        assertThat(data).extracting(e -> e.get("task").get("id").asText()).containsExactly(LOGIN);
        assertThat(get(fake, byCustomId + "DEV-404&team_id=" + TEAM).statusCode()).isEqualTo(404);
        assertThat(get(fake, byCustomId + "DEV-7").statusCode()).as("team_id is required with custom ids").isEqualTo(400);
    }

    @Test
    void runningTimerShowsNegativeDurationAndNoEnd() {
        long start = NOW - 600_000;
        List<WebhookDelivery> started = workspace.startTimer(NOTES, DemoWorkspace.ADA, Instant.ofEpochMilli(start));

        JsonNode entry = ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data").get(0);

        assertThat(entry.get("duration").asText()).isEqualTo(Long.toString(-start));
        assertThat(entry.has("end")).isFalse();
        assertThat(started.get(0).json().get("history_items").get(0).get("after").get("end").isNull()).isTrue();
        assertThat(workspace.timeEntries(NOTES)).singleElement().satisfies(e -> assertThat(e.running()).isTrue());
        assertThatThrownBy(() -> workspace.startTimer(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW)))
                .isInstanceOf(IllegalStateException.class);

        workspace.stopTimer(DemoWorkspace.ADA, Instant.ofEpochMilli(NOW));
        JsonNode stopped = ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data").get(0);
        assertThat(stopped.get("duration").asText()).isEqualTo("600000");
        assertThat(stopped.get("end").asText()).isEqualTo(Long.toString(NOW));
        assertThat(workspace.taskJson(NOTES).get("time_spent").asLong()).isEqualTo(600_000L);
    }

    @Test
    void legacyTaskTimeGroupsIntervalsByUser() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 3 * DAY), Duration.ofHours(1));
        workspace.trackTime(LOGIN, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - 2 * DAY), Duration.ofMinutes(20));
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - DAY), Duration.ofMinutes(30));
        workspace.startTimer(LOGIN, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - 60_000));

        JsonNode data = ok(get(fake, "/task/" + LOGIN + "/time")).get("data");

        JsonNode example = ClickUpHttp.resource("get_task_time_legacy.example.json").get("data").get(0);
        assertThat(data).hasSize(2);
        assertThat(names(data.get(0))).containsExactlyElementsOf(names(example));
        assertThat(names(data.get(0).get("user"))).containsExactlyInAnyOrderElementsOf(names(example.get("user")));
        assertThat(names(data.get(0).get("intervals").get(0))).containsExactlyElementsOf(names(example.get("intervals").get(0)));
        assertThat(data.get(0).get("user").get("id").asLong()).isEqualTo(DemoWorkspace.ADA);
        assertThat(data.get(0).get("time").asLong()).isEqualTo(5_400_000L);
        assertThat(data.get(0).get("intervals")).extracting(i -> i.get("time").asText()).containsExactly("3600000", "1800000");
        assertThat(data.get(1).get("user").get("id").asLong()).isEqualTo(DemoWorkspace.ALAN);
        assertThat(data.get(1).get("intervals")).hasSize(1);
        assertThat(ok(get(fake, "/task/" + NOTES + "/time")).get("data")).isEmpty();
        assertThat(get(fake, "/task/nope/time").statusCode()).isEqualTo(404);
    }

    @Test
    void foreignTeamIsNotAuthorized() {
        assertThat(get(fake, "/team/1/time_entries").statusCode()).isEqualTo(401);
        assertThat(json(get(fake, "/team/1/time_entries")).get("ECODE").asText()).isEqualTo("OAUTH_027");
    }

    @Test
    void tokenUserDecidesWhoseEntriesAreTheDefault() {
        workspace.trackTime(NOTES, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - DAY), Duration.ofMinutes(30));
        workspace.setTokenUser(DemoWorkspace.ALAN);

        assertThat(ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data")).hasSize(1);
        assertThat(ok(get(fake, "/user")).get("user").get("id").asLong()).isEqualTo(DemoWorkspace.ALAN);
    }

    @Test
    void editingAnEntryShowsItsNewDurationDescriptionAndTagsOnBothEndpoints() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 2 * DAY), Duration.ofHours(1));
        String id = workspace.timeEntries(LOGIN).get(0).id();

        List<WebhookDelivery> deliveries = workspace.editTimeEntry(id, Duration.ofMinutes(45), "pairing", List.of("review"));

        JsonNode entry = ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data").get(0);
        assertThat(entry.get("id").asText()).isEqualTo(id);
        assertThat(entry.get("duration").asText()).isEqualTo("2700000");
        assertThat(entry.get("end").asText()).isEqualTo(Long.toString(NOW - 2 * DAY + 2_700_000));
        assertThat(entry.get("description").asText()).isEqualTo("pairing");
        assertThat(entry.get("tags")).extracting(JsonNode::asText).containsExactly("review");
        assertThat(Long.parseLong(entry.get("at").asText())).isGreaterThan(NOW - 2 * DAY);
        assertThat(ok(get(fake, "/task/" + LOGIN + "/time")).get("data").get(0).get("time").asLong()).isEqualTo(2_700_000L);
        assertThat(workspace.taskJson(LOGIN).get("time_spent").asLong()).isEqualTo(2_700_000L);
        assertThat(deliveries.get(0).json().get("data").get("description").asText()).isEqualTo("Time Tracking Updated");
        assertThatThrownBy(() -> workspace.editTimeEntry("nope", Duration.ofMinutes(1), "", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingAnEntryRemovesItFromBothEndpoints() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 2 * DAY), Duration.ofHours(1));
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - DAY), Duration.ofHours(2));
        String first = workspace.timeEntries(LOGIN).get(0).id();

        workspace.deleteTimeEntry(first);

        assertThat(ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data")).extracting(e -> e.get("id").asText())
                .doesNotContain(first).hasSize(1);
        assertThat(ok(get(fake, "/task/" + LOGIN + "/time")).get("data").get(0).get("intervals")).hasSize(1);
        assertThat(workspace.taskJson(LOGIN).get("time_spent").asLong()).isEqualTo(7_200_000L);
        workspace.startTimer(NOTES, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 60_000));
        workspace.deleteTimeEntry(workspace.timeEntries(NOTES).get(0).id());
        assertThat(workspace.timeEntries(NOTES)).as("a running timer can be discarded").isEmpty();
    }

    @Test
    void windowIsByStartWithBothEndsInclusive() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 3 * DAY), Duration.ofHours(1));
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - 2 * DAY), Duration.ofHours(30));
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - DAY), Duration.ofHours(1));

        String window = "/team/" + TEAM + "/time_entries?start_date=" + (NOW - 3 * DAY) + "&end_date=" + (NOW - 2 * DAY);

        assertThat(ok(get(fake, window)).get("data")).extracting(e -> e.get("start").asText())
                .containsExactly(Long.toString(NOW - 3 * DAY), Long.toString(NOW - 2 * DAY));
    }

    @Test
    void rawElementsAreServedVerbatimFirstUntilCleared() {
        workspace.trackTime(LOGIN, DemoWorkspace.ADA, Instant.ofEpochMilli(NOW - DAY), Duration.ofHours(1));
        workspace.addRawTimeEntry(ClickUpJson.object().put("id", "broken").put("duration", "soon"));

        JsonNode data = ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).get("id").asText()).isEqualTo("broken");
        assertThat(data.get(0).get("duration").asText()).isEqualTo("soon");

        workspace.clearRawTimeEntries();
        assertThat(ok(get(fake, "/team/" + TEAM + "/time_entries")).get("data")).hasSize(1);
    }

    @Test
    void timeTrackedWithoutAWebhookIsListedButDeliversNothing() {
        workspace.addWebhook(new FakeWebhook("w-all", "secret", java.util.Set.of("*")));
        int logged = workspace.deliveryLog().size();

        FakeTimeEntry entry = workspace.trackTimeWithoutWebhook(LOGIN, DemoWorkspace.ALAN, Instant.ofEpochMilli(NOW - 600_000),
                Duration.ofMinutes(10));

        assertThat(workspace.deliveryLog()).hasSize(logged);
        assertThat(entry.taskId()).isEqualTo(LOGIN);
        assertThat(entry.duration()).isEqualTo(600_000L);
        assertThat(workspace.timeEntries(LOGIN)).contains(entry);
        JsonNode data = ok(get(fake, "/team/" + TEAM + "/time_entries?assignee=184")).get("data");
        assertThat(data.findValuesAsText("id")).contains(entry.id());
        assertThat(workspace.taskJson(LOGIN).get("time_spent").asLong()).isEqualTo(600_000L);
    }
}
