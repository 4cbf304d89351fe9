package dev.clickupsync.testkit.clickup;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.testkit.clickup.FakeCustomField.Option;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create task, update task and set custom field value over real HTTP: the truth changes and webhooks follow. */
class FakeClickUpTaskWritesTest {

    private static final String LIST = "901200777";
    private static final String TEXT = "f0000000-0000-4000-8000-000000000001";
    private static final String NUMBER = "f0000000-0000-4000-8000-000000000002";
    private static final String DROP = "f0000000-0000-4000-8000-000000000003";
    private static final String LABELS = "f0000000-0000-4000-8000-000000000004";
    private static final String DATE = "f0000000-0000-4000-8000-000000000005";
    private static final String USERS = "f0000000-0000-4000-8000-000000000006";
    private static final String OPT_RED = "a0000000-0000-4000-8000-00000000000a";
    private static final String OPT_BLUE = "a0000000-0000-4000-8000-00000000000b";

    private FakeClickUp fake;
    private FakeWorkspace ws;

    @BeforeEach
    void start() {
        fake = FakeClickUp.start();
        ws = fake.workspace();
        ws.addList(LIST, DemoWorkspace.FOLDER_ID, "Writes", DemoWorkspace.STATUSES)
                .addCustomField(LIST, FakeCustomField.text(TEXT, "Notes"))
                .addCustomField(LIST, FakeCustomField.number(NUMBER, "Estimate"))
                .addCustomField(LIST, FakeCustomField.dropDown(DROP, "Colour",
                        new Option(OPT_RED, "Red", "#f00", 0), new Option(OPT_BLUE, "Blue", "#00f", 1)))
                .addCustomField(LIST, FakeCustomField.labels(LABELS, "Areas",
                        new Option(OPT_RED, "Backend", "#f00", 0), new Option(OPT_BLUE, "Frontend", "#00f", 1)))
                .addCustomField(LIST, FakeCustomField.date(DATE, "Launch"))
                .addCustomField(LIST, FakeCustomField.users(USERS, "Reviewers"));
        ws.clearDeliveryLog();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void createTaskStoresEverythingAnswersTheTaskAndSendsTaskCreated() {
        JsonNode created = ok(send(fake, "POST", "/list/" + LIST + "/task", """
                {"name":"Ship it","markdown_content":"**now**","description":"ignored","status":"in progress",
                 "priority":2,"due_date":1767225600000,"assignees":[184],
                 "custom_fields":[{"id":"%s","value":"%s"},{"id":"%s","value":5}]}""".formatted(DROP, OPT_BLUE, NUMBER)));

        String id = created.get("id").asText();
        assertThat(ws.hasTask(id)).isTrue();
        assertThat(created).isEqualTo(ws.taskJson(id));
        assertThat(created.at("/status/status").asText()).isEqualTo("in progress");
        assertThat(created.at("/priority/id").asText()).isEqualTo("2");
        assertThat(created.get("due_date").asText()).isEqualTo("1767225600000");
        assertThat(created.at("/assignees/0/id").asLong()).isEqualTo(DemoWorkspace.ALAN);
        assertThat(ws.description(id)).isEqualTo("**now**");
        assertThat(ws.customValue(id, DROP)).isEqualTo(OPT_BLUE);
        assertThat(ws.customValue(id, NUMBER)).isEqualTo(new BigDecimal("5"));
        assertThat(ws.deliveryLog()).extracting(WebhookDelivery::event).containsExactly("taskCreated");
    }

    @Test
    void createRefusesAnUnknownFieldOrOptionAndCreatesNothing() {
        int before = ws.taskIds().size();

        HttpResponse<String> unknownField = send(fake, "POST", "/list/" + LIST + "/task",
                "{\"name\":\"x\",\"custom_fields\":[{\"id\":\"no-such-field\",\"value\":1}]}");
        HttpResponse<String> unknownOption = send(fake, "POST", "/list/" + LIST + "/task",
                "{\"name\":\"x\",\"custom_fields\":[{\"id\":\"" + DROP + "\",\"value\":\"Red\"}]}");
        HttpResponse<String> unknownList = send(fake, "POST", "/list/404404/task", "{\"name\":\"x\"}");
        HttpResponse<String> noName = send(fake, "POST", "/list/" + LIST + "/task", "{\"status\":\"to do\"}");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("ECODE").asText()).isEqualTo("FIELD_115");
        assertThat(unknownOption.statusCode()).isEqualTo(400);
        assertThat(json(unknownOption).get("ECODE").asText()).isEqualTo("FIELD_011");
        assertThat(unknownList.statusCode()).isEqualTo(404);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(ws.taskIds()).hasSize(before);
        assertThat(ws.deliveryLog()).isEmpty();
    }

    @Test
    void updateTaskAppliesEachChangeAndSendsOneEventPerEffectiveChange() {
        String id = DemoWorkspace.TASK_LOGIN_BUG;

        JsonNode updated = ok(send(fake, "PUT", "/task/" + id, """
                {"name":"Fix SSO login","markdown_content":"new text","status":"review","priority":null,
                 "due_date":null,"assignees":{"add":[184],"rem":[183]}}"""));

        assertThat(updated).isEqualTo(ws.taskJson(id));
        assertThat(updated.get("name").asText()).isEqualTo("Fix SSO login");
        assertThat(updated.get("priority").isNull()).isTrue();
        assertThat(updated.get("due_date").isNull()).isTrue();
        assertThat(updated.get("assignees")).extracting(a -> a.get("id").asLong()).containsExactly(DemoWorkspace.ALAN);
        assertThat(ws.description(id)).isEqualTo("new text");
        assertThat(ws.deliveryLog()).extracting(WebhookDelivery::event).containsExactly("taskUpdated", "taskUpdated",
                "taskStatusUpdated", "taskPriorityUpdated", "taskDueDateUpdated", "taskAssigneeUpdated", "taskAssigneeUpdated");
    }

    @Test
    void updateWithAnUnknownStatusChangesNothing() {
        HttpResponse<String> response = send(fake, "PUT", "/task/" + DemoWorkspace.TASK_LOGIN_BUG,
                "{\"name\":\"Renamed\",\"status\":\"no such status\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ws.taskJson(DemoWorkspace.TASK_LOGIN_BUG).get("name").asText()).isEqualTo("Fix login bug");
        assertThat(ws.deliveryLog()).isEmpty();
    }

    @Test
    void setFieldValueTakesTypedValuesPerFieldType() {
        String id = created();

        setField(id, TEXT, "\"some notes\"");
        setField(id, NUMBER, "2.5");
        setField(id, DROP, "\"" + OPT_RED + "\"");
        setField(id, LABELS, "[\"" + OPT_RED + "\",\"" + OPT_BLUE + "\"]");
        setField(id, DATE, "1767225600000");
        setField(id, USERS, "{\"add\":[183,184],\"rem\":[]}");
        setField(id, USERS, "{\"add\":[],\"rem\":[183]}");

        assertThat(ws.customValue(id, TEXT)).isEqualTo("some notes");
        assertThat(ws.customValue(id, NUMBER)).isEqualTo(new BigDecimal("2.5"));
        assertThat(ws.customValue(id, DROP)).isEqualTo(OPT_RED);
        assertThat(ws.customValue(id, LABELS)).isEqualTo(List.of(OPT_RED, OPT_BLUE));
        assertThat(ws.customValue(id, DATE)).isEqualTo(1767225600000L);
        assertThat(ws.customValue(id, USERS)).isEqualTo(List.of(DemoWorkspace.ALAN));
        assertThat(ws.deliveryLog()).extracting(WebhookDelivery::event).containsOnly("taskUpdated").hasSize(7);

        setField(id, DROP, "1");
        assertThat(ws.customValue(id, DROP)).as("a drop-down also takes the option's orderindex").isEqualTo(OPT_BLUE);
        assertThat(ok(send(fake, "DELETE", "/task/" + id + "/field/" + TEXT, null))).isEmpty();
        assertThat(ws.customValue(id, TEXT)).isNull();
    }

    @Test
    void setFieldValueRefusesWhatClickUpRefuses() {
        String id = created();

        assertRefused(id, "no-such-field", "1", "FIELD_115");
        assertRefused(id, DROP, "\"Red\"", "FIELD_011");
        assertRefused(id, DROP, "\"" + java.util.UUID.randomUUID() + "\"", "FIELD_011");
        assertRefused(id, LABELS, "[\"" + OPT_RED + "\",\"Frontend\"]", "FIELD_011");
        assertRefused(id, DATE, "\"2026-01-01\"", "FIELD_017");
        assertRefused(id, NUMBER, "\"many\"", "FIELD_342");
        assertRefused(id, TEXT, "42", "FIELD_342");
        assertRefused(DemoWorkspace.TASK_LOGIN_BUG, TEXT, "\"not on this task's list\"", "FIELD_115");
        assertThat(ws.customValue(id, LABELS)).isNull();
        assertThat(ws.deliveryLog()).isEmpty();
    }

    @Test
    void aRecreatedFieldHasANewIdAndTheOldIdIsRefused() {
        String id = created();

        FakeCustomField fresh = ws.recreateCustomField(LIST, DROP);

        assertThat(fresh.id()).isNotEqualTo(DROP);
        assertThat(fresh.name()).isEqualTo("Colour");
        assertThat(fresh.options()).extracting(Option::name).containsExactly("Red", "Blue");
        assertThat(fresh.options()).extracting(Option::id).doesNotContain(OPT_RED, OPT_BLUE);
        JsonNode fields = ok(ClickUpHttp.get(fake, "/list/" + LIST + "/field")).get("fields");
        assertThat(fields).extracting(f -> f.get("id").asText()).contains(fresh.id()).doesNotContain(DROP);
        assertRefused(id, DROP, "\"" + OPT_RED + "\"", "FIELD_115");
        setField(id, fresh.id(), "\"" + fresh.options().get(0).id() + "\"");
        assertThat(ws.customValue(id, fresh.id())).isEqualTo(fresh.options().get(0).id());
    }

    private String created() {
        String id = ok(send(fake, "POST", "/list/" + LIST + "/task", "{\"name\":\"Fields\"}")).get("id").asText();
        ws.clearDeliveryLog();
        return id;
    }

    private void setField(String taskId, String fieldId, String value) {
        assertThat(ok(send(fake, "POST", "/task/" + taskId + "/field/" + fieldId, "{\"value\":" + value + "}"))).isEmpty();
    }

    private void assertRefused(String taskId, String fieldId, String value, String ecode) {
        HttpResponse<String> response = send(fake, "POST", "/task/" + taskId + "/field/" + fieldId, "{\"value\":" + value + "}");
        assertThat(response.statusCode()).as(fieldId + " = " + value).isEqualTo(400);
        assertThat(json(response).get("ECODE").asText()).as(fieldId + " = " + value).isEqualTo(ecode);
    }
}
