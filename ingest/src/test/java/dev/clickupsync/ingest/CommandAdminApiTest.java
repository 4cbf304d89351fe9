package dev.clickupsync.ingest;

import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code POST /admin/commands} and {@code GET /admin/commands/{id}} through the admin function's real
 * Lambda path (API Gateway v2 events on Quarkus's mock event server), with ElasticMQ showing what was
 * queued and dynalite holding the outcome.
 */
@QuarkusTest
@TestProfile(CommandAdminApiTest.AdminOn.class)
@QuarkusTestResource(EmbeddedStackResource.class)
class CommandAdminApiTest {
    static final String TOKEN = "test-admin-token-" + "c0mm4nd";

    public static class AdminOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.admin.enabled", "true", "sync.admin.token", TOKEN);
        }
    }

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;

    @BeforeEach
    void emptyQueue() {
        sqs.purgeQueue(b -> b.queueUrl(commandsUrl()));
    }

    @Test
    void aCommandIsAcceptedWith202QueuedAndItsOutcomeIsReadable() {
        admin().body("""
                        {"command_id":"api-create-1","type":"create_task","list_id":"%s","name":"From the API",
                         "custom_fields":{"Severity":"High","Story Points":3}}""".formatted(DemoWorkspace.LIST_ID))
                .post("/admin/commands")
                .then().statusCode(202).contentType("application/json")
                .header("Location", containsString("/admin/commands/api-create-1"))
                .body("command_id", equalTo("api-create-1"))
                .body("status", equalTo("queued"))
                .body("outcome", equalTo("/admin/commands/api-create-1"));

        List<Message> queued = queued();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).body()).contains("\"command_id\":\"api-create-1\"", "\"Severity\":\"High\"");
        assertThat(queued.get(0).messageAttributes().get(CommandQueue.COMMAND_TYPE).stringValue()).isEqualTo("create_task");

        admin().get("/admin/commands/api-create-1")
                .then().statusCode(200).contentType("application/json")
                .body("command_id", equalTo("api-create-1"))
                .body("type", equalTo("create_task"))
                .body("state", equalTo("QUEUED"))
                .body("list_id", equalTo(DemoWorkspace.LIST_ID))
                .body("submitted_at", startsWith("20"));
    }

    @Test
    void malformedCommandsGetA400NamingTheFieldAndNothingIsQueued() {
        assertBadRequest("{\"command_id\":\"x1\",\"type\":\"create_task\",\"name\":\"no list\"}", "list_id: is required");
        assertBadRequest("{\"command_id\":\"x2\",\"type\":\"rename_task\",\"task_id\":\"86c0aa001\"}", "type: must be one of");
        assertBadRequest("{\"command_id\":\"x3\",\"type\":\"update_task\",\"task_id\":\"86c0aa001\",\"priority\":\"high\"}",
                "priority: has the wrong type");
        assertBadRequest("{\"command_id\":\"x4\",\"type\":\"update_task\",\"task_id\":\"86c0aa001\",\"custom_field\":{}}",
                "custom_field: unknown property");
        assertBadRequest("{\"command_id\":\"has spaces\",\"type\":\"comment\",\"task_id\":\"86c0aa001\",\"comment\":\"hi\"}",
                "command_id: is required");
        assertBadRequest("{\"command_id\":\"x5\",\"type\":\"update_task\",\"task_id\":\"86c0aa001\","
                + "\"custom_fields\":{\"Reviewers\":{\"add\":[1]}}}", "custom_fields.Reviewers: must be");
        assertBadRequest("not json", "body: not valid JSON");

        assertThat(queued()).isEmpty();
        admin().get("/admin/commands/x1").then().statusCode(404);
    }

    @Test
    void unknownCommandIdIs404AndNothingWorksWithoutTheToken() {
        admin().get("/admin/commands/never-sent").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:clickup-sync:problem:command-not-found"));

        given().contentType("application/json").body("{\"command_id\":\"no-token\",\"type\":\"comment\","
                        + "\"task_id\":\"86c0aa001\",\"comment\":\"hi\"}")
                .post("/admin/commands").then().statusCode(401);
        given().get("/admin/commands/never-sent").then().statusCode(401);
        assertThat(queued()).isEmpty();
    }

    private void assertBadRequest(String body, String detail) {
        admin().body(body).post("/admin/commands")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:clickup-sync:problem:invalid-command"))
                .body("detail", containsString(detail));
    }

    private List<Message> queued() {
        return sqs.receiveMessage(b -> b.queueUrl(commandsUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
    }

    private String commandsUrl() {
        return config.commands().queue().url().orElseThrow();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType("application/json");
    }
}
