package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.Fixtures;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link TaskSnapshot#of} over ClickUp's documented {@code GET /task/{id}} answer. */
class TaskSnapshotTest {
    private static final String GET_TASK = "fixtures/rest_responses/get_task.json";

    @Test
    void mapsTheDocumentedGetTaskAnswer() throws Exception {
        ClickUpTask task = Json.MAPPER.readValue(Fixtures.bytes(GET_TASK), ClickUpTask.class);

        TaskSnapshot s = TaskSnapshot.of(task);

        assertThat(s.id()).isEqualTo("9hx");
        assertThat(s.customId()).isNull();
        assertThat(s.name()).isEqualTo("Fix login bug");
        assertThat(s.status()).isEqualTo("in progress");
        assertThat(s.statusType()).isEqualTo("custom");
        assertThat(s.priority()).isEqualTo("normal");
        assertThat(s.priorityId()).isEqualTo("3");
        assertThat(s.assignees()).containsExactly(new TaskSnapshot.Person(2772463, "Alex Johnson"));
        assertThat(s.tags()).containsExactly("bug");
        assertThat(s.listId()).isEqualTo("15505202");
        assertThat(s.folderId()).isEqualTo("6992470");
        assertThat(s.spaceId()).isEqualTo("7002367");
        assertThat(s.teamId()).isEqualTo("1234567");
        assertThat(s.parentId()).isNull();
        assertThat(s.dateCreated()).isEqualTo(Instant.ofEpochMilli(1567780450202L));
        assertThat(s.dateUpdated()).isEqualTo(Instant.ofEpochMilli(1567780450202L));
        assertThat(s.dateClosed()).isNull();
        assertThat(s.dateDone()).isNull();
        assertThat(s.dueDate()).isEqualTo(Instant.ofEpochMilli(1508369194377L));
        assertThat(s.startDate()).isNull();
        assertThat(s.points()).isEqualTo(3.0);
        assertThat(s.timeEstimate()).as("given as a string").isEqualTo(8_640_000L);
        assertThat(s.timeSpent()).isZero();
        assertThat(s.archived()).isFalse();
        assertThat(s.deleted()).isFalse();
        assertThat(s.url()).isEqualTo("https://app.clickup.com/t/9hx");
    }

    @Test
    void keepsCustomFieldsByIdAndNameWithTheirRawValues() throws Exception {
        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(Fixtures.bytes(GET_TASK), ClickUpTask.class));

        Map<String, TaskSnapshot.FieldValue> byId = s.customFields().stream()
                .collect(Collectors.toMap(TaskSnapshot.FieldValue::id, Function.identity()));
        Map<String, TaskSnapshot.FieldValue> byName = s.customFields().stream()
                .collect(Collectors.toMap(TaskSnapshot.FieldValue::name, Function.identity()));

        assertThat(s.customFields()).hasSize(4);
        TaskSnapshot.FieldValue sprintGoal = byId.get("d2ab17e0-41d3-4d28-bdbb-f3f0f2c62f8b");
        assertThat(sprintGoal.name()).isEqualTo("Sprint Goal");
        assertThat(sprintGoal.type()).isEqualTo("short_text");
        assertThat(sprintGoal.value().asText()).isEqualTo("Fix critical auth issues");
        assertThat(byName.get("Story Points").value().isTextual()).as("number fields arrive as strings").isTrue();
        assertThat(byName.get("Story Points").value().asText()).isEqualTo("8");
        JsonNode reviewers = byName.get("Assigned Reviewer").value();
        assertThat(reviewers.isArray()).isTrue();
        assertThat(reviewers.get(0).get("id").asLong()).isEqualTo(2772463);
        TaskSnapshot.FieldValue dropDown = byId.get("b2e4be70-c4d3-4726-985b-46ac25375b28");
        assertThat(dropDown.type()).isEqualTo("drop_down");
        assertThat(dropDown.value().isInt()).isTrue();
        assertThat(dropDown.value().asInt()).isEqualTo(2);
    }

    @Test
    void toleratesFieldsItDoesNotKnow() throws Exception {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.put("brand_new_field", "x");
        json.putObject("another").put("nested", true);
        ((ObjectNode) json.get("status")).put("unexpected", 1);
        ((ObjectNode) json.get("assignees").get(0)).put("unexpected", 1);
        ((ObjectNode) json.get("custom_fields").get(0)).put("unexpected", 1);

        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(json.toString(), ClickUpTask.class));

        assertThat(s.id()).isEqualTo("9hx");
        assertThat(s.status()).isEqualTo("in progress");
    }

    @Test
    void toleratesUnknownFieldsEvenWithAStrictMapper() throws Exception {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.put("brand_new_field", "x");

        ClickUpTask task = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json.toString(), ClickUpTask.class);

        assertThat(task.id()).isEqualTo("9hx");
    }

    @Test
    void handlesNullPriorityStatusAndContainers() throws Exception {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.putNull("priority");
        json.putNull("status");
        json.remove("folder");
        json.putNull("space");
        json.remove("assignees");
        json.putNull("tags");
        json.remove("custom_fields");

        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(json.toString(), ClickUpTask.class));

        assertThat(s.priority()).isNull();
        assertThat(s.priorityId()).isNull();
        assertThat(s.status()).isNull();
        assertThat(s.statusType()).isNull();
        assertThat(s.folderId()).isNull();
        assertThat(s.spaceId()).isNull();
        assertThat(s.listId()).isEqualTo("15505202");
        assertThat(s.assignees()).isEmpty();
        assertThat(s.tags()).isEmpty();
        assertThat(s.customFields()).isEmpty();
    }

    @Test
    void handlesNullEmptyAndNumericDates() throws Exception {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.putNull("date_created");
        json.put("due_date", "");
        json.put("start_date", "  ");
        json.put("date_done", 1_700_000_000_123L);
        json.put("date_closed", " 1700000000456 ");
        json.remove("date_updated");

        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(json.toString(), ClickUpTask.class));

        assertThat(s.dateCreated()).isNull();
        assertThat(s.dueDate()).isNull();
        assertThat(s.startDate()).isNull();
        assertThat(s.dateUpdated()).isNull();
        assertThat(s.dateDone()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(s.dateClosed()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_456L));
    }

    @Test
    void refusesADateThatIsNotUnixMillis() {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.put("date_updated", "2019-09-06T14:34:10Z");

        assertThatThrownBy(() -> Json.MAPPER.readValue(json.toString(), ClickUpTask.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class)
                .hasMessageContaining("Unix milliseconds");
    }

    @Test
    void nullNumbersStayNull() throws Exception {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.putNull("points");
        json.putNull("time_estimate");
        json.remove("time_spent");

        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(json.toString(), ClickUpTask.class));

        assertThat(s.points()).isNull();
        assertThat(s.timeEstimate()).isNull();
        assertThat(s.timeSpent()).isNull();
    }

    @Test
    void subtaskKeepsItsParentAndCustomId() throws Exception {
        ObjectNode json = (ObjectNode) Fixtures.json(GET_TASK);
        json.put("parent", "8gx");
        json.put("custom_id", "APP-42");
        json.put("archived", true);

        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(json.toString(), ClickUpTask.class));

        assertThat(s.parentId()).isEqualTo("8gx");
        assertThat(s.customId()).isEqualTo("APP-42");
        assertThat(s.archived()).isTrue();
    }

    @Test
    void serialisesWithSnakeCaseNamesAndIsoInstants() throws Exception {
        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.readValue(Fixtures.bytes(GET_TASK), ClickUpTask.class));

        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(s));

        assertThat(json.get("date_updated").asText()).isEqualTo("2019-09-06T14:34:10.202Z");
        assertThat(json.get("list_id").asText()).isEqualTo("15505202");
        assertThat(json.get("status_type").asText()).isEqualTo("custom");
        assertThat(json.get("custom_fields").get(0).get("value").asText()).isEqualTo("Fix critical auth issues");
        assertThat(json.has("dateUpdated")).isFalse();
        assertThat(json.has("json")).as("the full JSON is stored on its own, gzip'd").isFalse();
        assertThat(Json.MAPPER.readValue(json.toString(), TaskSnapshot.class)).isEqualTo(s.withJson(null));
    }

    @Test
    void keepsTheWholeTaskAsClickUpReturnedIt() throws Exception {
        JsonNode example = Json.MAPPER.readTree(Fixtures.bytes(GET_TASK));

        TaskSnapshot s = TaskSnapshot.of(Json.MAPPER.treeToValue(example, ClickUpTask.class));

        assertThat(s.json()).isEqualTo(example);
        assertThat(s.json().at("/status/id").asText()).isEqualTo("p7001234_FxGmgrnk");
        assertThat(s.json().at("/custom_fields/0/type_config").isObject()).isTrue();
        assertThat(s.deletedAt(Instant.EPOCH).json()).as("a tombstone has no task JSON").isNull();
    }
}
