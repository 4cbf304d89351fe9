package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GET /task/{id}/time_in_status and GET /task/bulk_time_in_status/task_ids: ClickUp's shape (the
 * OpenAPI examples, copied to test resources) computed from the fake's own record of status changes,
 * on a frozen clock so every minute is known.
 */
class FakeClickUpTimeInStatusTest {

    private static final long START = 1_760_000_000_000L;
    private static final String LOGIN = DemoWorkspace.TASK_LOGIN_BUG;

    private final MutableClock clock = new MutableClock(START);
    private final FakeWorkspace workspace = FakeWorkspace.demo(clock);
    private final FakeClickUp fake = FakeClickUp.start(workspace);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void statusHistoryCountsWholeMinutesOfEveryStayInOrderFirstEntered() {
        String id = workspace.createTask(DemoWorkspace.LIST_ID, "Statuses").get(0).taskId();
        clock.advance(Duration.ofMinutes(10));
        workspace.updateTask(id, c -> c.status("in progress"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(59));
        workspace.updateTask(id, c -> c.status("to do"));
        clock.advance(Duration.ofMinutes(2));
        workspace.updateTask(id, c -> c.status("in progress"));
        clock.advance(Duration.ofMinutes(7).plusSeconds(30));

        JsonNode body = ok(get(fake, "/task/" + id + "/time_in_status"));

        JsonNode example = ClickUpHttp.resource("get_task_time_in_status.example.json");
        assertThat(names(body)).containsExactlyElementsOf(names(example));
        assertThat(names(body.get("current_status"))).containsExactlyElementsOf(names(example.get("current_status")));
        assertThat(names(body.at("/status_history/0"))).containsExactlyElementsOf(names(example.at("/status_history/0")));
        assertThat(names(body.at("/status_history/0/total_time"))).containsExactlyElementsOf(names(example.at("/status_history/0/total_time")));
        long progressAgain = START + Duration.ofMinutes(17).plusSeconds(59).toMillis();
        assertThat(body.at("/current_status/status").asText()).isEqualTo("in progress");
        assertThat(body.at("/current_status/color").asText()).isEqualTo("#4194f6");
        assertThat(body.at("/current_status/total_time/since").asText()).isEqualTo(Long.toString(progressAgain));
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isEqualTo(7);
        assertThat(body.get("status_history")).hasSize(2);
        assertThat(body.at("/status_history/0/status").asText()).isEqualTo("to do");
        assertThat(body.at("/status_history/0/type").asText()).isEqualTo("open");
        assertThat(body.at("/status_history/0/orderindex").asInt()).isEqualTo(0);
        assertThat(body.at("/status_history/0/total_time/since").asText()).isEqualTo(Long.toString(START));
        assertThat(body.at("/status_history/0/total_time/by_minute").asLong()).isEqualTo(12);
        assertThat(body.at("/status_history/1/status").asText()).isEqualTo("in progress");
        assertThat(body.at("/status_history/1/type").asText()).isEqualTo("custom");
        assertThat(body.at("/status_history/1/total_time/since").asText())
                .isEqualTo(Long.toString(START + Duration.ofMinutes(10).toMillis()));
        // 5:59 + 7:30 is 13:29: the sum is floored, not each stay
        assertThat(body.at("/status_history/1/total_time/by_minute").asLong()).isEqualTo(13);
    }

    @Test
    void aSkewShiftsEverySinceFromTheHistoryItemsDates() {
        String id = workspace.createTask(DemoWorkspace.LIST_ID, "Skewed").get(0).taskId();
        clock.advance(Duration.ofMinutes(10));
        WebhookDelivery change = workspace.updateTask(id, c -> c.status("in progress")).get(0);
        long heard = Long.parseLong(change.json().at("/history_items/0/date").asText());
        workspace.setTimeInStatusSkew(Duration.ofMillis(3));

        JsonNode body = ok(get(fake, "/task/" + id + "/time_in_status"));
        JsonNode bulk = ok(get(fake, "/task/bulk_time_in_status/task_ids?task_ids=" + id));

        assertThat(body.at("/current_status/total_time/since").asLong()).isEqualTo(heard + 3);
        assertThat(body.at("/status_history/1/total_time/since").asLong()).isEqualTo(heard + 3);
        assertThat(body.at("/status_history/0/total_time/since").asLong()).isEqualTo(START + 3);
        assertThat(bulk.get(id)).isEqualTo(body);
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).as("durations are not shifted").isZero();
        workspace.setTimeInStatusSkew(Duration.ZERO);
        assertThat(ok(get(fake, "/task/" + id + "/time_in_status")).at("/current_status/total_time/since").asLong())
                .isEqualTo(heard);
    }

    @Test
    void unchangedTaskHeldItsStatusSinceCreation() {
        clock.advance(Duration.ofHours(2));

        JsonNode body = ok(get(fake, "/task/" + LOGIN + "/time_in_status"));

        String created = workspace.taskJson(LOGIN).get("date_created").asText();
        assertThat(body.at("/current_status/status").asText()).isEqualTo("to do");
        assertThat(body.at("/current_status/total_time/since").asText()).isEqualTo(created);
        assertThat(body.get("status_history")).hasSize(1);
        assertThat(body.at("/status_history/0/total_time/since").asText()).isEqualTo(created);
        assertThat(body.at("/status_history/0/total_time/by_minute").asLong())
                .isEqualTo(body.at("/current_status/total_time/by_minute").asLong())
                .isEqualTo((clock.millis() - Long.parseLong(created)) / 60_000);
    }

    @Test
    void bulkAnswersEachTaskAsTheSingleEndpointKeyedAsAsked() {
        workspace.updateTask(LOGIN, c -> c.status("review"));
        clock.advance(Duration.ofMinutes(3));

        JsonNode body = ok(get(fake, "/task/bulk_time_in_status/task_ids?task_ids=" + LOGIN
                + "&task_ids=" + DemoWorkspace.TASK_SHIP_V1));

        JsonNode example = ClickUpHttp.resource("get_bulk_time_in_status.example.json");
        assertThat(names(body)).containsExactly(LOGIN, DemoWorkspace.TASK_SHIP_V1);
        assertThat(names(body.get(LOGIN))).containsExactlyElementsOf(names(example.get("27075wz")));
        assertThat(body.get(LOGIN)).isEqualTo(ok(get(fake, "/task/" + LOGIN + "/time_in_status")));
        assertThat(body.get(DemoWorkspace.TASK_SHIP_V1))
                .isEqualTo(ok(get(fake, "/task/" + DemoWorkspace.TASK_SHIP_V1 + "/time_in_status")));
        assertThat(body.at("/" + LOGIN + "/current_status/total_time/by_minute").asLong()).isEqualTo(3);
    }

    @Test
    void customTaskIdsNeedTeamIdAndAreKeyedByTheCustomId() {
        workspace.setCustomId(LOGIN, "ENG-7");

        assertThat(get(fake, "/task/ENG-7/time_in_status?custom_task_ids=true").statusCode()).isEqualTo(400);
        JsonNode single = ok(get(fake, "/task/eng-7/time_in_status?custom_task_ids=true&team_id=" + DemoWorkspace.TEAM_ID));
        JsonNode bulk = ok(get(fake, "/task/bulk_time_in_status/task_ids?task_ids=ENG-7&custom_task_ids=true&team_id="
                + DemoWorkspace.TEAM_ID));

        assertThat(single).isEqualTo(ok(get(fake, "/task/" + LOGIN + "/time_in_status")));
        assertThat(names(bulk)).containsExactly("ENG-7");
        assertThat(get(fake, "/task/ENG-7/time_in_status?custom_task_ids=true&team_id=1").statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsMissingTooManyAndUnknownTaskIds() {
        assertThat(get(fake, "/task/bulk_time_in_status/task_ids").statusCode()).isEqualTo(400);
        String tooMany = IntStream.rangeClosed(0, 100).mapToObj(i -> "task_ids=t" + i).collect(Collectors.joining("&"));
        assertThat(get(fake, "/task/bulk_time_in_status/task_ids?" + tooMany).statusCode()).isEqualTo(400);

        var unknown = get(fake, "/task/bulk_time_in_status/task_ids?task_ids=" + LOGIN + "&task_ids=nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("ECODE").asText()).isEqualTo(ClickUpErrors.TASK_NOT_FOUND);
        assertThat(get(fake, "/task/nope/time_in_status").statusCode()).isEqualTo(404);
        workspace.deleteTask(LOGIN);
        assertThat(get(fake, "/task/" + LOGIN + "/time_in_status").statusCode()).isEqualTo(404);
        assertThat(get(fake, "/task/other_bulk/task_ids?task_ids=" + DemoWorkspace.TASK_SHIP_V1).statusCode()).isEqualTo(404);
    }

    @Test
    void movingIntoAListWithoutTheStatusEntersTheMappedStatus() {
        String otherList = "901200999";
        workspace.addList(otherList, DemoWorkspace.FOLDER_ID, "Other", java.util.List.of(
                new FakeStatus("open", "#d3d3d3", 0, "open"), new FakeStatus("doing", "#5cf1d4", 1, "custom"),
                new FakeStatus("closed", "#6bc950", 2, "closed")));
        workspace.updateTask(LOGIN, c -> c.status("review"));
        clock.advance(Duration.ofMinutes(4));
        workspace.updateTask(LOGIN, c -> c.moveTo(otherList));

        JsonNode body = ok(get(fake, "/task/" + LOGIN + "/time_in_status"));

        assertThat(body.at("/current_status/status").asText()).isEqualTo("doing");
        assertThat(body.at("/status_history/2/status").asText()).isEqualTo("doing");
        assertThat(body.at("/status_history/1/total_time/by_minute").asLong()).isEqualTo(4);
        assertThat(body.at("/current_status/total_time/since").asText()).isEqualTo(workspace.taskJson(LOGIN).get("date_updated").asText());
    }

    @Test
    void theWorkspaceRendersTheSameAnswerAsTheApiAndShowsNoSecondVisit() {
        String id = workspace.createTask(DemoWorkspace.LIST_ID, "Visits").get(0).taskId();
        clock.advance(Duration.ofMinutes(1));
        workspace.updateTask(id, c -> c.status("in progress"));
        clock.advance(Duration.ofMinutes(1));
        workspace.updateTask(id, c -> c.status("to do"));
        clock.advance(Duration.ofMinutes(1));
        WebhookDelivery again = workspace.updateTask(id, c -> c.status("in progress")).get(0);
        String secondVisit = again.json().at("/history_items/0/date").asText();
        clock.advance(Duration.ofMinutes(1));
        workspace.updateTask(id, c -> c.status("to do"));

        JsonNode rendered = workspace.timeInStatusJson(id);

        assertThat(rendered.toString()).as("the same JSON, number node types aside")
                .isEqualTo(ok(get(fake, "/task/" + id + "/time_in_status")).toString());
        assertThat(secondVisit).isNotEmpty();
        assertThat(rendered.get("status_history")).hasSize(2);
        assertThat(rendered.findValuesAsText("since")).doesNotContain(secondVisit);
    }
}
