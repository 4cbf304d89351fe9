package dev.clickupsync.drain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Status ids learned from ClickUp's tasks: only an exact, recent match in the same list gives an id. */
class StatusIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final StatusIds ids = new StatusIds(clock);

    @Test
    void givesTheIdLearnedForExactlyTheseValuesInThatList() throws Exception {
        ids.learn(task("L1", "{\"id\":\"sc1_ab\",\"status\":\"review\",\"color\":\"#a875ff\",\"orderindex\":2,\"type\":\"custom\"}"));

        assertThat(ids.idOf("L1", status("review", "#a875ff", 2, "custom"))).contains("sc1_ab");
        assertThat(ids.idOf("L2", status("review", "#a875ff", 2, "custom"))).as("another list").isEmpty();
        assertThat(ids.idOf("L1", status("review", "#000000", 2, "custom"))).as("another color").isEmpty();
        assertThat(ids.idOf("L1", status("review", "#a875ff", 3, "custom"))).as("another order").isEmpty();
        assertThat(ids.idOf("L1", JSON.readTree("{\"status\":\"review\"}"))).as("values missing").isEmpty();
    }

    @Test
    void forgetsWhatItLearnedTooLongAgo() throws Exception {
        ids.learn(task("L1", "{\"id\":\"sc1_ab\",\"status\":\"review\",\"color\":\"#a875ff\",\"orderindex\":2,\"type\":\"custom\"}"));

        clock.advance(StatusIds.MAX_AGE.plus(Duration.ofSeconds(1)));

        assertThat(ids.idOf("L1", status("review", "#a875ff", 2, "custom"))).isEmpty();
    }

    private static ObjectNode task(String listId, String status) throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"t1\",\"status\":" + status + ",\"list\":{\"id\":\"" + listId + "\"}}");
    }

    private static JsonNode status(String name, String color, int order, String type) {
        return JSON.createObjectNode().put("status", name).put("color", color).put("orderindex", order).put("type", type);
    }
}
