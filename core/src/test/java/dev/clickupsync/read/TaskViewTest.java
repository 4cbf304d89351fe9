package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.mirror.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot in ClickUp's task shape: strings where ClickUp has strings, no invented members. */
class TaskViewTest {

    @Test
    void servesTheStoredFullJsonAsIsAndListsItWithoutAttachments() throws Exception {
        ObjectNode stored = (ObjectNode) new ObjectMapper().readTree(
                "{\"id\":\"86c0aa001\",\"name\":\"Fix login\",\"status\":{\"id\":\"sc1\",\"status\":\"to do\"},"
                        + "\"watchers\":[],\"attachments\":[{\"id\":\"a1\"}]}");
        TaskSnapshot snapshot = TaskSnapshot.tombstone("86c0aa001", Instant.EPOCH).withJson(stored);

        assertThat(TaskView.render(snapshot)).isEqualTo(stored);
        assertThat(TaskView.isReduced(snapshot)).isFalse();
        ObjectNode listed = TaskView.listed(snapshot);
        assertThat(listed.has("attachments")).isFalse();
        listed.put("name", "changed by a caller");
        assertThat(snapshot.json().get("name").asText()).as("the stored JSON is never handed out").isEqualTo("Fix login");
        assertThat(TaskView.isReduced(snapshot.withJson(null))).isTrue();
    }

    @Test
    void rendersClickUpsTypesAndOnlyTheServedFields() {
        TaskSnapshot snapshot = new TaskSnapshot("86c0aa001", "DEV-1", "Fix login", "in progress", "custom", "high", "2",
                List.of(new TaskSnapshot.Person(183, "Ada")), List.of("bug"), "901200100", "90120010", "90120001",
                "9012345", null, Instant.ofEpochMilli(1_700_000_000_000L), Instant.ofEpochMilli(1_700_000_100_000L),
                null, null, null, null, 3.0, 3_600_000L, 0L,
                List.of(new TaskSnapshot.FieldValue("f1", "Severity", "drop_down", JsonNodeFactory.instance.numberNode(1)),
                        new TaskSnapshot.FieldValue("f2", "Goal", "short_text", null)),
                false, false, "https://app.clickup.com/t/86c0aa001");

        JsonNode json = TaskView.render(snapshot);

        assertThat(json.get("date_created").asText()).isEqualTo("1700000000000");
        assertThat(json.get("date_closed").isNull()).isTrue();
        assertThat(json.get("points").isIntegralNumber()).isTrue();
        assertThat(json.at("/priority/color").asText()).isEqualTo("#ffcc00");
        assertThat(json.at("/priority/orderindex").asText()).isEqualTo("2");
        assertThat(json.at("/status").size()).isEqualTo(2);
        assertThat(json.at("/custom_fields/0/value").asInt()).isEqualTo(1);
        assertThat(json.at("/custom_fields/1").has("value")).isFalse();
        assertThat(json.at("/list/id").asText()).isEqualTo("901200100");
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(TaskView.SERVED);
    }
}
