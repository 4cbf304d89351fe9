package dev.clickupsync.local;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The two listings the console reads, on the whole local pipeline: {@code GET /admin/dlq/messages}
 * shows what is parked with its reason and leaves it there (listing twice sees the same messages, one
 * receive more each), bounded by {@code max}; {@code GET /admin/commands} lists the last commands
 * newest first. Bad parameters are 400s, no token a 401. Same profile as {@link AdminApiTest}: no re-boot.
 */
@QuarkusTest
@TestProfile(AdminApiTest.AdminEnabled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class AdminListingsTest {

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    @Test
    void listingTheDlqShowsEachReasonAndDeletesNothing() {
        String entity = "86cpeek" + UUID.randomUUID().toString().substring(0, 6);
        String dlq = config.queue().url() + "-dlq";
        park(dlq, entity, "clickup_server_error", "failed_at=2026-12-06T00:00:00Z; receives=5");
        park(dlq, entity, "malformed_payload", "no task id");

        JsonPath first = listed("/admin/dlq/messages?queue=events");
        List<Map<String, Object>> ours = ofEntity(first, entity);
        assertThat(ours).extracting(m -> m.get("failure_reason"))
                .containsExactlyInAnyOrder("clickup_server_error", "malformed_payload");
        assertThat(ours).allSatisfy(m -> {
            assertThat(m).containsKeys("message_id", "sent_at", "event", "failure_detail");
            assertThat(m).doesNotContainKey("body");
        });
        assertThat(first.getBoolean("complete")).isTrue();

        JsonPath second = listed("/admin/dlq/messages");
        assertThat(ofEntity(second, entity)).as("still there: a listing never deletes").hasSize(2)
                .allSatisfy(m -> assertThat((Integer) m.get("receive_count")).isGreaterThanOrEqualTo(2));
        assertThat(visible(dlq)).as("released at once, not held for the hold's length").isGreaterThanOrEqualTo(2);

        JsonPath one = listed("/admin/dlq/messages?queue=events&max=1");
        assertThat(one.getList("messages")).hasSize(1);
        assertThat(one.getInt("max")).isEqualTo(1);
        assertThat(one.getBoolean("complete")).isFalse();

        drain(dlq, entity);
    }

    @Test
    void theListingsRefuseBadParametersAndCallersWithoutTheToken() {
        given().get("/admin/dlq/messages").then().statusCode(401)
                .body("type", equalTo("urn:clickup-sync:problem:admin-unauthorized"));
        given().header("Authorization", "local-dev-read-token").get("/admin/commands").then().statusCode(401);
        admin().get("/admin/dlq/messages?queue=mirror").then().statusCode(400).contentType("application/problem+json");
        admin().get("/admin/dlq/messages?max=0").then().statusCode(400);
        admin().get("/admin/dlq/messages?max=lots").then().statusCode(400);
        admin().get("/admin/commands?limit=some").then().statusCode(400).contentType("application/problem+json");
        admin().get("/admin/dlq/messages?max=100000").then().statusCode(200).body("max", equalTo(50));
        admin().get("/admin/commands?limit=100000").then().statusCode(200).body("limit", equalTo(100));
    }

    @Test
    void recentCommandsAreListedNewestFirstWithTheirOutcome() throws InterruptedException {
        String prefix = "recent-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 1; i <= 3; i++) {
            admin().contentType("application/json").body("""
                    {"command_id":"%s%d","type":"update_task","task_id":"%s","custom_fields":{"No Such Field":%d}}"""
                    .formatted(prefix, i, DemoWorkspace.TASK_SHIP_V1, i)).post("/admin/commands").then().statusCode(202);
        }

        JsonPath two = admin().get("/admin/commands?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(two.getList("commands.command_id", String.class)).containsExactly(prefix + 3, prefix + 2);

        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        List<String> states;
        do {
            Thread.sleep(200);
            states = admin().get("/admin/commands?limit=3").jsonPath().getList("commands.state", String.class);
        } while (!states.equals(List.of("FAILED", "FAILED", "FAILED")) && Instant.now().isBefore(until));
        assertThat(states).as("each with its recorded outcome").containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(admin().get("/admin/commands?limit=3").jsonPath().getList("commands.reason", String.class))
                .containsOnly("unknown_field");
    }

    private static JsonPath listed(String path) {
        return admin().get(path).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static List<Map<String, Object>> ofEntity(JsonPath listing, String entity) {
        List<Map<String, Object>> messages = listing.getList("messages");
        return messages.stream().filter(m -> entity.equals(m.get("entity_id"))).toList();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + AdminApiTest.TOKEN);
    }

    private void park(String dlq, String entity, String reason, String detail) {
        Map<String, MessageAttributeValue> attrs = Map.of("event", text("taskUpdated"), "entity_type", text("task"),
                "entity_id", text(entity), "failure_reason", text(reason), "failure_detail", text(detail));
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"event\":\"taskUpdated\",\"task_id\":\"" + entity + "\"}")
                .messageAttributes(attrs));
    }

    private int visible(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Takes this test's messages out of the DLQ again, so the other admin tests find it as they left it. */
    private void drain(String dlq, String entity) {
        for (int round = 0; round < 5; round++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message m : batch) {
                MessageAttributeValue id = m.messageAttributes().get("entity_id");
                if (id != null && entity.equals(id.stringValue())) {
                    sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(m.receiptHandle()));
                } else {
                    sqs.changeMessageVisibility(b -> b.queueUrl(dlq).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
            if (batch.isEmpty()) {
                return;
            }
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
