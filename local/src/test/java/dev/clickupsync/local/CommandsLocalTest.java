package dev.clickupsync.local;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Send a command" on the whole local pipeline: POST /admin/commands, the local poller
 * executes it against the fake ClickUp, GET /admin/commands/{id} reads the outcome, a failing command is
 * parked in the commands DLQ with its reason.
 */
@QuarkusTest
@TestProfile(AdminApiTest.AdminEnabled.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CommandsLocalTest {

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    FakeClickUp clickUp;

    @Test
    void aCommandSentToTheLocalRunLandsInClickUpAndItsOutcomeIsReadable() throws InterruptedException {
        given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).contentType("application/json")
                .body("""
                        {"command_id":"local-create-1","type":"create_task","list_id":"%s","name":"Sent locally",
                         "custom_fields":{"Severity":"Critical","Story Points":5}}""".formatted(DemoWorkspace.LIST_ID))
                .post("/admin/commands").then().statusCode(202);

        JsonPath outcome = awaitOutcome("local-create-1");

        assertThat(outcome.getString("state")).isEqualTo("SUCCEEDED");
        String taskId = outcome.getString("task_id");
        assertThat(clickUp.workspace().taskIdsNamed("Sent locally")).containsExactly(taskId);
        assertThat(clickUp.workspace().customValue(taskId, DemoWorkspace.FIELD_SEVERITY)).isEqualTo(DemoWorkspace.SEVERITY_CRITICAL);
        assertThat(clickUp.workspace().customValue(taskId, DemoWorkspace.FIELD_STORY_POINTS)).isEqualTo(new BigDecimal("5"));
    }

    @Test
    void aFailingCommandEndsInTheDlqWithItsReasonAndItsOutcomeIsReadableOverHttp() throws InterruptedException {
        given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).contentType("application/json")
                .body("""
                        {"command_id":"local-fail-1","type":"update_task","task_id":"%s",
                         "custom_fields":{"No Such Field":1}}""".formatted(DemoWorkspace.TASK_RELEASE_NOTES))
                .post("/admin/commands").then().statusCode(202);

        JsonPath outcome = awaitOutcome("local-fail-1");

        assertThat(outcome.getString("state")).isEqualTo("FAILED");
        assertThat(outcome.getString("reason")).isEqualTo("unknown_field");
        assertThat(outcome.getString("detail")).contains("\"No Such Field\"");
        String dlq = config.commands().queue().url().orElseThrow() + "-dlq";
        List<Message> parked = sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(2)
                .messageAttributeNames("All")).messages();
        assertThat(parked).anySatisfy(m -> {
            assertThat(m.messageAttributes().get("command_id").stringValue()).isEqualTo("local-fail-1");
            assertThat(m.messageAttributes().get("failure_reason").stringValue()).isEqualTo("unknown_field");
        });
    }

    /** GET /admin/commands/{id} until it is SUCCEEDED or FAILED (at most 10 s). */
    private static JsonPath awaitOutcome(String commandId) throws InterruptedException {
        JsonPath outcome = null;
        for (int i = 0; i < 100; i++) {
            outcome = given().header("Authorization", "Bearer " + AdminApiTest.TOKEN).get("/admin/commands/" + commandId)
                    .then().statusCode(200).extract().jsonPath();
            if (List.of("SUCCEEDED", "FAILED").contains(outcome.getString("state"))) {
                break;
            }
            Thread.sleep(100);
        }
        return outcome;
    }
}
