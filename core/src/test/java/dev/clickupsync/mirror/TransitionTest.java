package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.event.WebhookPayload.HistoryItem;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.Fixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status transitions read from webhook history items. */
class TransitionTest {

    @Test
    void statusUpdatedExampleGivesItsTransition() {
        WebhookPayload payload = payload("taskStatusUpdated.json");

        assertThat(Transition.from(payload.taskId(), payload.historyItems().get(0))).contains(new Transition(
                "1vj38vv", "2800787326392370170", "to do", "open", "in progress", "custom",
                Instant.ofEpochMilli(1642736073330L), 183L));
        assertThat(Transition.fromPayload(payload)).hasSize(1);
    }

    @Test
    void taskCreationsStatusItemHasNoFromStatus() {
        WebhookPayload payload = payload("taskCreated.json");

        List<Transition> transitions = Transition.fromPayload(payload);

        assertThat(transitions).containsExactly(new Transition("1vj37mc", "2800763136717140857", null, null, "to do",
                "open", Instant.ofEpochMilli(1642734631523L), 183L));
    }

    @Test
    void statusItemWithBeforeNullIsACreation() {
        HistoryItem item = item("h1", "1642734631523", "status", null, status("to do", "open"));

        Transition t = Transition.from("t1", item).orElseThrow();

        assertThat(t.fromStatus()).isNull();
        assertThat(t.fromType()).isNull();
        assertThat(t.toStatus()).isEqualTo("to do");
        assertThat(t.byUserId()).isEqualTo(183L);
    }

    @Test
    void nonStatusItemsOfEveryExamplePayloadGiveNothing() {
        int nonStatus = 0;
        for (String name : Fixtures.webhookPayloadNames()) {
            WebhookPayload payload = payload(name);
            for (HistoryItem item : payload.historyItems()) {
                if (!"status".equals(item.field())) {
                    nonStatus++;
                    assertThat(Transition.from("t1", item)).as(name + " " + item.field()).isEmpty();
                }
            }
        }
        assertThat(nonStatus).as("the examples have non-status items").isGreaterThan(10);
        assertThat(Transition.fromPayload(payload("taskTimeTrackedUpdated.json"))).isEmpty();
        assertThat(Transition.fromPayload(payload("taskPriorityUpdated.json"))).isEmpty();
    }

    @Test
    void statusItemWithoutAParseableDateGivesNothing() {
        for (String date : new String[] {null, "", "yesterday", "1642736073330.5"}) {
            HistoryItem item = item("h1", date, "status", status("to do", "open"), status("done", "closed"));
            assertThat(Transition.from("t1", item)).as("date %s", date).isEmpty();
        }
    }

    @Test
    void statusItemWithoutIdOrTargetStatusGivesNothing() {
        assertThat(Transition.from("t1", item(null, "1", "status", status("a", "open"), status("b", "custom")))).isEmpty();
        assertThat(Transition.from("t1", item("h1", "1", "status", status("a", "open"), null))).isEmpty();
        assertThat(Transition.from(null, item("h1", "1", "status", status("a", "open"), status("b", "custom")))).isEmpty();
    }

    @Test
    void actingUserIsNullWhenClickUpNamesNone() {
        HistoryItem item = new HistoryItem("h1", "1642736073330", "status", null, null, null,
                status("to do", "open"), status("done", "closed"), null, null);

        assertThat(Transition.from("t1", item).orElseThrow().byUserId()).isNull();
    }

    // ---------------------------------------------------------------- helpers

    private static WebhookPayload payload(String name) {
        try {
            return Json.MAPPER.readValue(Fixtures.bytes(Fixtures.WEBHOOK_PAYLOADS + "/" + name), WebhookPayload.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HistoryItem item(String id, String date, String field, JsonNode before, JsonNode after) {
        return new HistoryItem(id, date, field, "162641062", Json.MAPPER.createObjectNode().put("id", 183), null,
                before, after, null, null);
    }

    private static JsonNode status(String status, String type) {
        return Json.MAPPER.createObjectNode().put("status", status).put("type", type).put("color", "#d3d3d3");
    }
}
