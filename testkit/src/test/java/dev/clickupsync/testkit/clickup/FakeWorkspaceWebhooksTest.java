package dev.clickupsync.testkit.clickup;

import dev.clickupsync.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Workspace changes and the webhook deliveries they make, checked against ClickUp's examples. */
class FakeWorkspaceWebhooksTest {

    private static final long T0 = 1_760_000_000_000L;
    private static final String TASK = DemoWorkspace.TASK_LOGIN_BUG;

    private final MutableClock clock = new MutableClock(T0);
    private final FakeWorkspace workspace = FakeWorkspace.demo(clock);

    @Test
    void statusChangeProducesSignedTaskStatusUpdated() {
        List<WebhookDelivery> deliveries = workspace.updateTask(TASK, c -> c.status("in progress"));

        assertThat(deliveries).hasSize(1);
        WebhookDelivery delivery = deliveries.get(0);
        assertThat(delivery.event()).isEqualTo("taskStatusUpdated");
        assertThat(delivery.taskId()).isEqualTo(TASK);
        assertThat(delivery.webhookId()).isEqualTo(DemoWorkspace.WEBHOOK_ID);
        assertThat(delivery.signature()).isEqualTo(hmac("local-dev-webhook-secret", delivery.body())).matches("[0-9a-f]{64}");
        assertThat(delivery.headers()).containsEntry("Content-Type", "application/json").containsEntry("X-Signature", delivery.signature());
        assertThat(delivery.bodyString()).doesNotContain("\n", ": ");

        JsonNode body = delivery.json();
        JsonNode example = ClickUpHttp.resource("taskStatusUpdated.example.json");
        assertThat(names(body)).containsExactlyElementsOf(names(example));
        JsonNode item = body.get("history_items").get(0);
        assertThat(names(item)).containsExactlyElementsOf(names(example.get("history_items").get(0)));
        assertThat(item.get("id").asText()).matches("\\d+");
        assertThat(item.get("type").asInt()).isEqualTo(1);
        assertThat(item.get("date").asText()).isEqualTo(Long.toString(T0));
        assertThat(item.get("field").asText()).isEqualTo("status");
        assertThat(item.get("parent_id").asText()).isEqualTo(DemoWorkspace.LIST_ID);
        assertThat(item.get("data").get("status_type").asText()).isEqualTo("custom");
        assertThat(item.get("source").isNull()).isTrue();
        assertThat(item.get("user").get("id").asLong()).isEqualTo(183);
        assertThat(names(item.get("user"))).containsExactlyElementsOf(names(example.get("history_items").get(0).get("user")));
        assertThat(item.get("before").get("status").asText()).isEqualTo("to do");
        assertThat(item.get("after").get("status").asText()).isEqualTo("in progress");
        assertThat(names(item.get("after"))).containsExactly("status", "color", "orderindex", "type");
        assertThat(body.get("task_id").asText()).isEqualTo(TASK);
        assertThat(body.get("webhook_id").asText()).isEqualTo(DemoWorkspace.WEBHOOK_ID);
        assertThat(workspace.taskJson(TASK).get("status").get("status").asText()).isEqualTo("in progress");
    }

    @Test
    void eachChangeMakesOneDeliveryWithItsEvent() {
        List<WebhookDelivery> deliveries = workspace.updateTask(TASK, c -> c
                .name("Fix SSO login bug")
                .priority(1)
                .addAssignee(184)
                .removeAssignee(183)
                .addTag("Urgent")
                .removeTag("bug")
                .dueDate(Instant.ofEpochMilli(T0 + 86_400_000L))
                .timeEstimate(5_400_000L)
                .customField(DemoWorkspace.FIELD_STORY_POINTS, 5));

        assertThat(deliveries).extracting(WebhookDelivery::event).containsExactly(
                "taskUpdated", "taskPriorityUpdated", "taskAssigneeUpdated", "taskAssigneeUpdated", "taskTagUpdated",
                "taskTagUpdated", "taskDueDateUpdated", "taskTimeEstimateUpdated", "taskUpdated");
        assertThat(deliveries).extracting(d -> item(d).get("field").asText()).containsExactly(
                "name", "priority", "assignee_add", "assignee_rem", "tag", "tag_removed", "due_date", "time_estimate", "custom_field");

        assertThat(item(deliveries.get(0)).get("after").asText()).isEqualTo("Fix SSO login bug");
        assertThat(item(deliveries.get(1)).get("before").get("priority").asText()).isEqualTo("high");
        assertThat(item(deliveries.get(1)).get("after").get("id").asText()).isEqualTo("1");
        assertThat(item(deliveries.get(2)).get("after").get("id").asLong()).isEqualTo(184);
        assertThat(item(deliveries.get(2)).has("before")).isFalse();
        assertThat(item(deliveries.get(3)).get("before").get("id").asLong()).isEqualTo(183);
        assertThat(item(deliveries.get(4)).get("after").get(0).get("name").asText()).isEqualTo("urgent");
        assertThat(item(deliveries.get(6)).get("before").asText()).isEqualTo(Long.toString(DemoWorkspace.SEEDED_AT + 14 * 86_400_000L));
        assertThat(item(deliveries.get(6)).get("after").asText()).isEqualTo(Long.toString(T0 + 86_400_000L));
        assertThat(item(deliveries.get(7)).get("after").asText()).isEqualTo("5400000");
        assertThat(item(deliveries.get(7)).get("data").get("time_estimate_string").asText()).isEqualTo("1 hour 30 minutes");
        assertThat(item(deliveries.get(8)).get("before").asText()).isEqualTo("3");
        assertThat(item(deliveries.get(8)).get("after").asText()).isEqualTo("5");

        JsonNode task = workspace.taskJson(TASK);
        assertThat(task.get("name").asText()).isEqualTo("Fix SSO login bug");
        assertThat(task.get("priority").get("priority").asText()).isEqualTo("urgent");
        assertThat(task.get("assignees")).extracting(a -> a.get("id").asLong()).containsExactly(184L);
        assertThat(task.get("tags")).extracting(t -> t.get("name").asText()).containsExactly("urgent");
        assertThat(task.get("due_date").asText()).isEqualTo(Long.toString(T0 + 86_400_000L));
        assertThat(task.get("time_estimate").asLong()).isEqualTo(5_400_000L);
    }

    @Test
    void customFieldChangeCarriesTheCustomFieldObject() {
        List<WebhookDelivery> deliveries = workspace.updateTask(TASK, c -> c.customField(DemoWorkspace.FIELD_SEVERITY, "Critical"));

        JsonNode item = item(deliveries.get(0));
        JsonNode example = ClickUpHttp.resource("taskUpdated_custom_field.example.json").get("history_items").get(0);
        assertThat(deliveries.get(0).event()).isEqualTo("taskUpdated");
        assertThat(names(item)).containsExactlyElementsOf(names(example));
        assertThat(names(item.get("custom_field"))).containsExactlyElementsOf(names(example.get("custom_field")));
        assertThat(item.get("before").asText()).isEqualTo(DemoWorkspace.SEVERITY_HIGH);
        assertThat(item.get("after").asText()).isEqualTo(DemoWorkspace.SEVERITY_CRITICAL);
        assertThat(item.get("custom_field").get("id").asText()).isEqualTo(DemoWorkspace.FIELD_SEVERITY);
        assertThat(severityValue()).isEqualTo(3);

        workspace.updateTask(TASK, c -> c.customField(DemoWorkspace.FIELD_SEVERITY, 0));
        assertThat(severityValue()).isEqualTo(0);
        List<WebhookDelivery> cleared = workspace.updateTask(TASK, c -> c.customField(DemoWorkspace.FIELD_SEVERITY, null));
        assertThat(item(cleared.get(0)).get("after").isNull()).isTrue();
        assertThat(field(DemoWorkspace.FIELD_SEVERITY).has("value")).isFalse();
    }

    @Test
    void createTaskProducesTaskCreated() {
        clock.advance(Duration.ofMinutes(5));
        List<WebhookDelivery> deliveries = workspace.createTask(DemoWorkspace.LIST_ID, "Add dark mode");

        assertThat(deliveries).hasSize(1);
        WebhookDelivery created = deliveries.get(0);
        assertThat(created.event()).isEqualTo("taskCreated");
        JsonNode items = created.json().get("history_items");
        assertThat(items).extracting(i -> i.get("field").asText()).containsExactly("status", "task_creation");
        assertThat(items.get(0).get("before").get("type").asText()).isEqualTo("removed");
        assertThat(items.get(0).get("after").get("status").asText()).isEqualTo("to do");
        JsonNode task = workspace.taskJson(created.taskId());
        assertThat(task.get("name").asText()).isEqualTo("Add dark mode");
        assertThat(task.get("id").asText()).matches("[0-9a-z]{9}");
        assertThat(task.get("date_created").asText()).isEqualTo(Long.toString(T0 + 300_000));
        assertThat(workspace.taskIds()).hasSize(4).contains(created.taskId());

        assertThat(workspace.createTask("86c0bb001", DemoWorkspace.LIST_ID, "Chosen id").get(0).taskId()).isEqualTo("86c0bb001");
        assertThatThrownBy(() -> workspace.createTask("86c0bb001", DemoWorkspace.LIST_ID, "Again"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteTaskProducesTaskDeletedWithoutHistoryItems() {
        List<WebhookDelivery> deliveries = workspace.deleteTask(TASK);

        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).event()).isEqualTo("taskDeleted");
        assertThat(names(deliveries.get(0).json())).containsExactly("event", "task_id", "webhook_id");
        assertThat(workspace.isDeleted(TASK)).isTrue();
        assertThat(workspace.hasTask(TASK)).isFalse();
        assertThatThrownBy(() -> workspace.taskJson(TASK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspace.updateTask(TASK, c -> c.name("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateUpdatedStrictlyIncreases() {
        // the clock stands still: every change must still get a later millisecond than the one before
        long before = workspace.taskJson(TASK).get("date_updated").asLong();
        List<WebhookDelivery> deliveries = new ArrayList<>();
        deliveries.addAll(workspace.updateTask(TASK, c -> c.status("review").priority(4).name("a")));
        deliveries.addAll(workspace.updateTask(TASK, c -> c.name("b")));
        deliveries.addAll(workspace.updateTask(TASK, c -> c.name("c")));

        List<Long> dates = deliveries.stream().map(d -> item(d).get("date").asLong()).toList();
        assertThat(dates).hasSize(5).isSorted().doesNotHaveDuplicates();
        assertThat(dates.get(0)).isGreaterThan(before);
        assertThat(workspace.taskJson(TASK).get("date_updated").asLong()).isEqualTo(dates.get(4));

        clock.advance(Duration.ofSeconds(-30));
        workspace.updateTask(TASK, c -> c.name("d"));
        assertThat(workspace.taskJson(TASK).get("date_updated").asLong()).isGreaterThan(dates.get(4));
    }

    @Test
    void historyItemIdsAreUniqueNumericStrings() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String name = "name " + i;
            workspace.updateTask(TASK, c -> c.name(name)).forEach(d -> ids.add(item(d).get("id").asText()));
        }
        assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(id).matches("\\d{10,19}"));
    }

    @Test
    void noOpChangeProducesNoDelivery() {
        assertThat(workspace.updateTask(TASK, c -> c.status("TO DO").addTag("bug").addAssignee(183).priority(2))).isEmpty();
        assertThat(workspace.taskJson(TASK).get("date_updated").asLong()).isEqualTo(DemoWorkspace.SEEDED_AT);
    }

    @Test
    void invalidChangeLeavesTaskUntouched() {
        JsonNode before = workspace.taskJson(TASK);

        assertThatThrownBy(() -> workspace.updateTask(TASK, c -> c.name("renamed").status("no such status")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspace.updateTask(TASK, c -> c.addAssignee(999))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspace.updateTask(TASK, c -> c.priority(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspace.updateTask(TASK, c -> c.customField(DemoWorkspace.FIELD_SEVERITY, "Unknown")))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(workspace.taskJson(TASK)).isEqualTo(before);
    }

    @Test
    void closingStampsDateClosedAndReopeningClearsIt() {
        workspace.updateTask(TASK, c -> c.status("complete"));
        JsonNode closed = workspace.taskJson(TASK);
        assertThat(closed.get("date_closed").asText()).isEqualTo(Long.toString(T0));
        assertThat(closed.get("date_done").asText()).isEqualTo(Long.toString(T0));

        workspace.updateTask(TASK, c -> c.status("to do"));
        assertThat(workspace.taskJson(TASK).get("date_closed").isNull()).isTrue();
        assertThat(workspace.taskJson(TASK).get("date_done").isNull()).isTrue();
    }

    @Test
    void moveToAnotherListProducesTaskMoved() {
        workspace.addList("901200200", DemoWorkspace.FOLDER_ID, "Icebox", List.of(
                new FakeStatus("backlog", "#d3d3d3", 0, "open"), new FakeStatus("done", "#6bc950", 1, "closed")));

        List<WebhookDelivery> deliveries = workspace.updateTask(TASK, c -> c.moveTo("901200200"));

        JsonNode item = item(deliveries.get(0));
        assertThat(deliveries.get(0).event()).isEqualTo("taskMoved");
        assertThat(item.get("field").asText()).isEqualTo("section_moved");
        assertThat(item.get("parent_id").asText()).isEqualTo("901200200");
        assertThat(item.get("before").get("id").asText()).isEqualTo(DemoWorkspace.LIST_ID);
        assertThat(item.get("after").get("name").asText()).isEqualTo("Icebox");
        assertThat(item.get("after").get("category").get("id").asText()).isEqualTo(DemoWorkspace.FOLDER_ID);
        assertThat(item.get("after").get("project").get("id").asText()).isEqualTo(DemoWorkspace.SPACE_ID);
        JsonNode task = workspace.taskJson(TASK);
        assertThat(task.get("list").get("id").asText()).isEqualTo("901200200");
        assertThat(task.get("status").get("status").asText()).isEqualTo("backlog");
        assertThat(task.get("custom_fields")).isEmpty();
    }

    @Test
    void webhooksOnlyReceiveTheirEvents() {
        workspace.addWebhook(new FakeWebhook("wh-status", "other-secret", Set.of("taskStatusUpdated")));

        List<WebhookDelivery> deliveries = workspace.updateTask(TASK, c -> c.name("x").status("review"));

        assertThat(deliveries).extracting(WebhookDelivery::webhookId)
                .containsExactly(DemoWorkspace.WEBHOOK_ID, DemoWorkspace.WEBHOOK_ID, "wh-status");
        WebhookDelivery other = deliveries.get(2);
        assertThat(other.signature()).isEqualTo(hmac("other-secret", other.body()));
        assertThat(other.json().get("history_items").get(0).get("id"))
                .isEqualTo(deliveries.get(1).json().get("history_items").get(0).get("id"));
    }

    @Test
    void actingUserNamesTheChangesAuthor() {
        workspace.setActingUser(184);

        JsonNode item = item(workspace.updateTask(TASK, c -> c.name("by Alan")).get(0));

        assertThat(item.get("user").get("username").asText()).isEqualTo("Alan Turing");
    }

    @Test
    void deliveriesPostOverRealHttp() throws Exception {
        AtomicReference<byte[]> received = new AtomicReference<>();
        AtomicReference<String> signature = new AtomicReference<>();
        AtomicReference<String> contentType = new AtomicReference<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.set(exchange.getRequestBody().readAllBytes());
            signature.set(exchange.getRequestHeaders().getFirst("X-Signature"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        try {
            WebhookDelivery delivery = workspace.updateTask(TASK, c -> c.addTag("ünïcode ✓")).get(0);

            int status = delivery.postTo(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));

            assertThat(status).isEqualTo(202);
            assertThat(received.get()).isEqualTo(delivery.body());
            assertThat(new String(received.get(), StandardCharsets.UTF_8)).contains("ünïcode ✓");
            assertThat(signature.get()).isEqualTo(hmac(DemoWorkspace.WEBHOOK_SECRET, received.get()));
            assertThat(contentType.get()).isEqualTo("application/json");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void taskJsonIsACopy() {
        workspace.taskJson(TASK).put("name", "tampered");

        assertThat(workspace.taskJson(TASK).get("name").asText()).isEqualTo("Fix login bug");
    }

    private int severityValue() {
        return field(DemoWorkspace.FIELD_SEVERITY).get("value").asInt();
    }

    private JsonNode field(String id) {
        for (JsonNode field : workspace.taskJson(TASK).get("custom_fields")) {
            if (field.get("id").asText().equals(id)) {
                return field;
            }
        }
        throw new AssertionError("no field " + id);
    }

    private static JsonNode item(WebhookDelivery delivery) {
        return delivery.json().get("history_items").get(0);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
