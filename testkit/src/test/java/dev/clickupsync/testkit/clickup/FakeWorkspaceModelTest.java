package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.testkit.clickup.FakeCustomField.Option;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A workspace built from scratch, and the custom field types the demo does not use. */
class FakeWorkspaceModelTest {

    private static final String LIST = "500";
    private static final String LABELS = "f-labels";
    private static final String DATE = "f-date";
    private static final String USERS = "f-users";
    private static final String NOTES = "f-notes";

    private final FakeWorkspace workspace = new FakeWorkspace("77", "Scratch", new MutableClock(1_700_000_000_000L))
            .addUser(FakeUser.of(1, "Grace Brewster Hopper", "grace@example.com", "#000000"))
            .addUser(FakeUser.of(2, "edsger", "edsger@example.com", "#ffffff"))
            .addSpace("10", "Space")
            .addFolder("20", "10", "Folder")
            .addList(LIST, "20", "Only list", List.of(new FakeStatus("Open", "#d3d3d3", 0, "open"),
                    new FakeStatus("Done", "#6bc950", 1, "done"), new FakeStatus("Closed", "#000000", 2, "closed")))
            .addCustomField(LIST, FakeCustomField.labels(LABELS, "Areas",
                    new Option("l-1", "Backend", "#111111", 0), new Option("l-2", "Frontend", "#222222", 1)))
            .addCustomField(LIST, FakeCustomField.date(DATE, "Launch"))
            .addCustomField(LIST, FakeCustomField.users(USERS, "Reviewers"))
            .addCustomField(LIST, FakeCustomField.text(NOTES, "Notes"));

    @Test
    void derivesInitialsAndLowerCasesStatuses() {
        assertThat(workspace.members()).extracting(FakeUser::initials).containsExactly("GB", "E");
        assertThat(new FakeStatus("In Review", "#fff", 1, "custom").status()).isEqualTo("in review");
        assertThatThrownBy(() -> new FakeStatus("x", "#fff", 0, "weird")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FakeCustomField("n", "N", "number", List.of(new Option("o", "O", null, 0)), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FakeCustomField("x", "X", "checkbox", List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workspaceWithoutWebhooksDeliversNothing() {
        assertThat(workspace.createTask("t1", LIST, "First")).isEmpty();
        assertThat(workspace.taskIds()).containsExactly("t1");
        assertThat(workspace.taskJson("t1").get("status").get("status").asText()).isEqualTo("open");
        assertThat(workspace.taskJson("t1").get("creator").get("id").asLong()).isEqualTo(1);
    }

    @Test
    void doneStatusStampsDateDoneButNotDateClosed() {
        workspace.createTask("t1", LIST, "First");
        workspace.updateTask("t1", c -> c.status("done"));

        JsonNode task = workspace.taskJson("t1");
        assertThat(task.get("date_done").isTextual()).isTrue();
        assertThat(task.get("date_closed").isNull()).isTrue();
    }

    @Test
    void rendersLabelsDateUsersAndTextValues() {
        workspace.addWebhook(FakeWebhook.allEvents("wh", "s"));
        workspace.createTask("t1", LIST, "First");
        List<WebhookDelivery> deliveries = workspace.updateTask("t1", c -> c
                .customField(LABELS, List.of("Frontend", "l-1"))
                .customField(DATE, Instant.ofEpochMilli(1_800_000_000_000L))
                .customField(USERS, List.of(2, 1))
                .customField(NOTES, "multi\nline"));

        assertThat(deliveries).hasSize(4).allSatisfy(d -> assertThat(d.event()).isEqualTo("taskUpdated"));
        JsonNode items = deliveries.get(0).json().get("history_items");
        assertThat(items.get(0).get("after")).hasSize(2);
        assertThat(deliveries.get(1).json().get("history_items").get(0).get("after").asText()).isEqualTo("1800000000000");

        JsonNode fields = workspace.taskJson("t1").get("custom_fields");
        assertThat(fields.get(0).get("value")).extracting(JsonNode::asText).containsExactly("l-2", "l-1");
        assertThat(fields.get(0).get("type_config").get("options").get(0).get("label").asText()).isEqualTo("Backend");
        assertThat(fields.get(1).get("value").asText()).isEqualTo("1800000000000");
        assertThat(fields.get(2).get("value")).extracting(u -> u.get("username").asText()).containsExactly("edsger", "Grace Brewster Hopper");
        assertThat(fields.get(3).get("value").asText()).isEqualTo("multi\nline");

        assertThatThrownBy(() -> workspace.updateTask("t1", c -> c.customField(USERS, List.of(99))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspace.updateTask("t1", c -> c.customField(NOTES, 12)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspace.updateTask("t1", c -> c.customField("no-such-field", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverServesAScratchWorkspace() {
        workspace.createTask("t1", LIST, "First");
        try (FakeClickUp fake = FakeClickUp.builder().workspace(workspace).token("pk_scratch").start()) {
            HttpResponse<String> task = ClickUpHttp.get(fake, "/task/t1");
            HttpResponse<String> fields = ClickUpHttp.get(fake, "/list/" + LIST + "/field");
            HttpResponse<String> teams = ClickUpHttp.get(fake, "/team");

            assertThat(task.statusCode()).isEqualTo(200);
            assertThat(ClickUpHttp.json(task)).isEqualTo(workspace.taskJson("t1"));
            assertThat(ClickUpHttp.json(fields).get("fields")).extracting(f -> f.get("type").asText())
                    .containsExactly("labels", "date", "users", "text");
            assertThat(ClickUpHttp.json(teams).get("teams").get(0).get("id").asText()).isEqualTo("77");
        }
    }
}
