package dev.clickupsync.testkit.clickup;

import static dev.clickupsync.testkit.clickup.ClickUpHttp.get;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.json;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.names;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.ok;
import static dev.clickupsync.testkit.clickup.ClickUpHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.testkit.WebhookSigning;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook management over real HTTP and what it does to deliveries; comments and the deliveries they make. */
class FakeClickUpWebhooksApiTest {

    private static final String TEAM = DemoWorkspace.TEAM_ID;
    private static final String TASK = DemoWorkspace.TASK_LOGIN_BUG;
    private static final String CREATE = "{\"endpoint\":\"https://sync.example.com/clickup\",\"events\":[\"taskStatusUpdated\",\"taskCommentPosted\"]}";

    private final FakeWorkspace workspace = FakeWorkspace.demo();
    private final FakeClickUp fake = FakeClickUp.start(workspace);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void createWebhookAnswersClickUpsShapeWithAFreshSecret() {
        JsonNode created = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE));

        JsonNode example = ClickUpHttp.resource("create_webhook_response.example.json");
        assertThat(names(created)).containsExactlyElementsOf(names(example));
        JsonNode webhook = created.get("webhook");
        assertThat(names(webhook)).containsExactlyElementsOf(names(example.get("webhook")));
        assertThat(created.get("id").asText()).isEqualTo(webhook.get("id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(webhook.get("userid").asLong()).isEqualTo(DemoWorkspace.ADA);
        assertThat(webhook.get("team_id").isIntegralNumber()).isTrue();
        assertThat(webhook.get("endpoint").asText()).isEqualTo("https://sync.example.com/clickup");
        assertThat(webhook.get("events")).extracting(JsonNode::asText).containsExactly("taskStatusUpdated", "taskCommentPosted");
        assertThat(webhook.get("list_id").isNull()).isTrue();
        assertThat(webhook.get("health").toString()).isEqualTo("{\"status\":\"active\",\"fail_count\":0}");
        assertThat(webhook.get("secret").asText()).matches("[A-Z0-9]{64}");
    }

    @Test
    void sameEndpointTwiceIsOauth171() {
        ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE));

        HttpResponse<String> again = send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("ECODE").asText()).isEqualTo("OAUTH_171");
        assertThat(json(again).get("err").asText()).isEqualTo("Webhook configuration already exists");
        String otherList = "{\"endpoint\":\"https://sync.example.com/clickup\",\"events\":\"*\",\"list_id\":" + DemoWorkspace.LIST_ID + "}";
        assertThat(send(fake, "POST", "/team/" + TEAM + "/webhook", otherList).statusCode()).as("another location").isEqualTo(200);
        assertThat(send(fake, "POST", "/team/1/webhook", CREATE).statusCode()).isEqualTo(401);
        assertThat(send(fake, "POST", "/team/" + TEAM + "/webhook", "{\"events\":\"*\"}").statusCode()).isEqualTo(400);
        assertThat(send(fake, "POST", "/team/" + TEAM + "/webhook", "{\"endpoint\":\"https://x\",\"events\":[\"taskExploded\"]}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void listShowsEveryWebhookWithHealthAndSecret() {
        String id = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE)).get("id").asText();
        workspace.failWebhook(id, 5);

        JsonNode webhooks = ok(get(fake, "/team/" + TEAM + "/webhook")).get("webhooks");

        assertThat(webhooks).extracting(w -> w.get("id").asText()).containsExactly(DemoWorkspace.WEBHOOK_ID, id);
        JsonNode demo = webhooks.get(0);
        assertThat(demo.get("secret").asText()).isEqualTo(DemoWorkspace.WEBHOOK_SECRET);
        assertThat(demo.get("events")).hasSize(WebhookRegistration.EVENTS.size());
        assertThat(webhooks.get(1).get("health").toString()).isEqualTo("{\"status\":\"failing\",\"fail_count\":5}");
    }

    @Test
    void updateWithStatusActiveResetsHealth() {
        String id = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE)).get("id").asText();
        workspace.suspendWebhook(id);
        assertThat(workspace.webhook(id).orElseThrow().status()).isEqualTo("suspended");

        JsonNode updated = ok(send(fake, "PUT", "/webhook/" + id,
                "{\"endpoint\":\"https://sync.example.com/v2\",\"events\":\"*\",\"status\":\"active\"}"));

        assertThat(names(updated)).containsExactly("id", "webhook");
        assertThat(updated.get("webhook").get("health").toString()).isEqualTo("{\"status\":\"active\",\"fail_count\":0}");
        assertThat(updated.get("webhook").get("endpoint").asText()).isEqualTo("https://sync.example.com/v2");
        assertThat(updated.get("webhook").get("events")).hasSize(WebhookRegistration.EVENTS.size());
        assertThat(workspace.updateTask(TASK, c -> c.name("after reactivation"))).extracting(WebhookDelivery::webhookId)
                .containsExactly(DemoWorkspace.WEBHOOK_ID, id);
        assertThat(send(fake, "PUT", "/webhook/" + id, "{\"status\":\"paused\"}").statusCode()).isEqualTo(400);
        assertThat(send(fake, "PUT", "/webhook/nope", "{\"status\":\"active\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteAnswersEmptyObjectAndStopsDeliveries() {
        String id = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE)).get("id").asText();

        HttpResponse<String> deleted = send(fake, "DELETE", "/webhook/" + id, null);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(workspace.webhook(id)).isEmpty();
        assertThat(workspace.updateTask(TASK, c -> c.status("review"))).extracting(WebhookDelivery::webhookId)
                .containsExactly(DemoWorkspace.WEBHOOK_ID);
        assertThat(send(fake, "DELETE", "/webhook/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void suspendedWebhookDeliversNothing() {
        workspace.suspendWebhook(DemoWorkspace.WEBHOOK_ID);

        assertThat(workspace.updateTask(TASK, c -> c.status("review").name("quiet"))).isEmpty();
        assertThat(workspace.postComment(TASK, DemoWorkspace.ADA, "nobody hears this")).isEmpty();

        workspace.failWebhook(DemoWorkspace.WEBHOOK_ID, 3);
        assertThat(workspace.updateTask(TASK, c -> c.name("failing still delivers"))).hasSize(1);
        workspace.failWebhook(DemoWorkspace.WEBHOOK_ID, 100);
        assertThat(workspace.webhook(DemoWorkspace.WEBHOOK_ID).orElseThrow().status()).isEqualTo("suspended");
    }

    @Test
    void recreatedWebhookSignsWithItsNewSecret() {
        JsonNode first = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE)).get("webhook");
        ok(send(fake, "DELETE", "/webhook/" + first.get("id").asText(), null));
        JsonNode second = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", CREATE)).get("webhook");

        List<WebhookDelivery> deliveries = workspace.updateTask(TASK, c -> c.status("in progress"));

        assertThat(second.get("secret").asText()).isNotEqualTo(first.get("secret").asText());
        assertThat(deliveries).extracting(WebhookDelivery::webhookId).containsExactly(DemoWorkspace.WEBHOOK_ID, second.get("id").asText());
        WebhookDelivery mine = deliveries.get(1);
        assertThat(mine.signature()).isEqualTo(WebhookSigning.sign(mine.body(), second.get("secret").asText()))
                .isNotEqualTo(WebhookSigning.sign(mine.body(), first.get("secret").asText()));
        assertThat(mine.json().get("webhook_id").asText()).isEqualTo(second.get("id").asText());
        assertThat(deliveries.get(0).signature()).isEqualTo(WebhookSigning.sign(deliveries.get(0).body(), DemoWorkspace.WEBHOOK_SECRET));
    }

    @Test
    void locationScopedWebhookOnlyHearsItsList() {
        workspace.addList("901200200", DemoWorkspace.FOLDER_ID, "Icebox", DemoWorkspace.STATUSES);
        String scoped = "{\"endpoint\":\"https://sync.example.com/icebox\",\"events\":[\"taskCreated\"],\"list_id\":901200200}";
        String id = ok(send(fake, "POST", "/team/" + TEAM + "/webhook", scoped)).get("id").asText();

        assertThat(workspace.createTask(DemoWorkspace.LIST_ID, "backlog item")).extracting(WebhookDelivery::webhookId)
                .containsExactly(DemoWorkspace.WEBHOOK_ID);
        assertThat(workspace.createTask("901200200", "icebox item")).extracting(WebhookDelivery::webhookId)
                .containsExactly(DemoWorkspace.WEBHOOK_ID, id);
    }

    @Test
    void registerWebhookFromTheTestSideRefusesDuplicates() {
        WebhookRegistration registered = workspace.registerWebhook("http://127.0.0.1:1/hook", Set.of("taskDeleted"));

        assertThat(workspace.webhookRegistrations()).extracting(WebhookRegistration::id).contains(registered.id());
        assertThat(workspace.webhooks()).extracting(FakeWebhook::id).contains(registered.id());
        assertThatThrownBy(() -> workspace.registerWebhook("http://127.0.0.1:1/hook", Set.of("*")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void postedCommentIsRecordedAndDelivered() {
        HttpResponse<String> response = send(fake, "POST", "/task/" + TASK + "/comment",
                "{\"comment_text\":\"Reproduced on staging\",\"notify_all\":true,\"assignee\":184}");

        JsonNode answer = ok(response);
        assertThat(names(answer)).containsExactly("id", "hist_id", "date");
        assertThat(answer.get("date").isIntegralNumber()).isTrue();
        assertThat(workspace.comments(TASK)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(answer.get("id").asText());
            assertThat(c.historyId()).isEqualTo(answer.get("hist_id").asText());
            assertThat(c.text()).isEqualTo("Reproduced on staging");
            assertThat(c.userId()).isEqualTo(DemoWorkspace.ADA);
            assertThat(c.assigneeId()).isEqualTo(DemoWorkspace.ALAN);
            assertThat(c.notifyEveryone()).isTrue();
        });
        WebhookDelivery delivery = workspace.deliveryLog().get(workspace.deliveryLog().size() - 1);
        assertThat(delivery.event()).isEqualTo("taskCommentPosted");
        JsonNode item = delivery.json().get("history_items").get(0);
        JsonNode example = ClickUpHttp.resource("taskCommentPosted.example.json").get("history_items").get(0);
        assertThat(names(item)).containsExactlyElementsOf(names(example));
        assertThat(names(item.get("comment"))).containsExactlyElementsOf(names(example.get("comment")));
        assertThat(item.get("id").asText()).isEqualTo(answer.get("hist_id").asText());
        assertThat(item.get("after").asText()).isEqualTo(answer.get("id").asText());
        assertThat(item.get("comment").get("text_content").asText()).isEqualTo("Reproduced on staging\n");

        JsonNode listed = ok(get(fake, "/task/" + TASK + "/comment")).get("comments");
        assertThat(listed).singleElement().satisfies(c -> assertThat(c.get("comment_text").asText()).isEqualTo("Reproduced on staging\n"));
        assertThat(send(fake, "POST", "/task/" + TASK + "/comment", "{\"notify_all\":true}").statusCode()).isEqualTo(400);
        assertThat(send(fake, "POST", "/task/nope/comment", "{\"comment_text\":\"x\"}").statusCode()).isEqualTo(404);
    }
}
