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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void markdownDescriptionIsShownOnlyWhenAskedAndAnEntryWithoutItIsRefusedByName() throws Exception {
        ObjectNode stored = (ObjectNode) new ObjectMapper().readTree(
                "{\"id\":\"86c0aa001\",\"description\":\"Fix it\",\"markdown_description\":\"**Fix** it\","
                        + "\"status\":{\"status\":\"to do\"},\"attachments\":[]}");
        TaskSnapshot fetched = TaskSnapshot.tombstone("86c0aa001", Instant.EPOCH).withJson(stored);
        ObjectNode older = stored.deepCopy();
        older.remove("markdown_description");
        TaskSnapshot beforeMarkdown = TaskSnapshot.tombstone("86c0aa002", Instant.EPOCH).withJson(older);
        TaskSnapshot reduced = TaskSnapshot.tombstone("86c0aa003", Instant.EPOCH);

        assertThat(TaskView.render(fetched).has("markdown_description")).as("ClickUp's default answer").isFalse();
        assertThat(TaskView.render(fetched, true)).isEqualTo(stored);
        assertThat(TaskView.listed(fetched, true).get("markdown_description").asText()).isEqualTo("**Fix** it");
        assertThat(TaskView.listed(fetched, false).has("markdown_description")).isFalse();
        assertThat(stored.has("markdown_description")).as("the stored JSON is not touched").isTrue();
        TaskView.requireMarkdown(List.of(fetched, reduced)); // a reduced task is named as reduced instead

        assertThatThrownBy(() -> TaskView.requireMarkdown(List.of(fetched, beforeMarkdown, reduced)))
                .isInstanceOfSatisfying(ReadRejection.class, r -> {
                    assertThat(r.response().getStatus()).isEqualTo(409);
                    String body = r.response().getEntity().toString();
                    assertThat(body).contains("markdown-not-mirrored", "SYNC_READ_007", "86c0aa002")
                            .doesNotContain("86c0aa001", "86c0aa003");
                });
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
