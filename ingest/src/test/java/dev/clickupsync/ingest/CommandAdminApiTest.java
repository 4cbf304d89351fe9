package dev.clickupsync.ingest;

import dev.clickupsync.command.CommandQueue;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.CloudWatchStubResource;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
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
            // The namespace as template.yaml sets it for a prod stack: the status' fleet view reads this one only.
            return Map.of("sync.admin.enabled", "true", "sync.admin.token", TOKEN,
                    "sync.metrics.namespace", StatusAdminApiTest.NAMESPACE);
        }

        /** The status's queue age reads the CloudWatch stub, as the admin function reads CloudWatch on AWS. */
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CloudWatchStubResource.class));
        }
    }

    @Inject
    SqsClient sqs;
    @Inject
    SyncConfig config;
    @Inject
    DynamoDbClient dynamo;

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
                .body("workspace", equalTo("default"))
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
        assertBadRequest("{\"command_id\":\"x6\",\"type\":\"comment\",\"task_id\":\"86c0aa001\",\"comment\":\"hi\","
                + "\"workspace\":\"globex\"}", "workspace: no workspace 'globex' in this deployment; known: default");
        assertBadRequest("{\"command_id\":\"x7\",\"type\":\"comment\",\"task_id\":\"86c0aa001\",\"comment\":\"hi\","
                + "\"workspace\":\"Globex Inc\"}", "workspace: must be a workspace name");

        assertThat(queued()).isEmpty();
        admin().get("/admin/commands/x1").then().statusCode(404);
        admin().get("/admin/commands/x6").then().statusCode(404);
    }

    @Test
    void aCommandNamingTheDefaultWorkspaceIsAcceptedAndQueuedAsBeforeWorkspaces() {
        admin().body("{\"command_id\":\"api-ws-default\",\"type\":\"comment\",\"task_id\":\"86c0aa001\","
                        + "\"comment\":\"hi\",\"workspace\":\"default\"}")
                .post("/admin/commands").then().statusCode(202).body("workspace", equalTo("default"));

        // default travels unnamed, so a commands function of the previous version still executes it
        assertThat(queued()).singleElement().satisfies(m -> assertThat(m.body()).contains("\"command_id\":\"api-ws-default\"")
                .doesNotContain("workspace"));
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

    @Test
    void aCommandLargerThanItsQueueTakesIsRefusedWith413StatingTheLimitAndNothingIsRecordedOrQueued() {
        long limit = config.commands().queue().maxMessageBytes() - CommandQueue.RESERVED_BYTES;
        // About 300 KB: valid field by field, but over the commands queue's 256 KiB, so on AWS every
        // SendMessage was refused (a 503 "retry" for ever, a QUEUED record left behind). ElasticMQ's
        // strict limit is SQS's largest (1 MiB; it ignores a queue's MaximumMessageSize), so here the
        // command used to be accepted: the check must not depend on SQS refusing.
        admin().body(createWithFields("too-large", 3)).post("/admin/commands")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:clickup-sync:problem:command-too-large"))
                .body("limit_bytes", equalTo((int) limit))
                .body("size_bytes", greaterThan(300_000))
                .body("detail", containsString("at most " + limit + " bytes"));

        assertThat(queued()).isEmpty();
        admin().get("/admin/commands/too-large").then().statusCode(404);
    }

    @Test
    void aLargeCommandThatFitsItsQueueIsAccepted() {
        admin().body(createWithFields("large-fits", 2)).post("/admin/commands").then().statusCode(202);

        assertThat(queued()).singleElement().satisfies(m -> assertThat(m.body()).hasSizeGreaterThan(200_000));
    }

    @Test
    void aCommandSqsRefusesLeavesNoRecordAndItsRetryUnderTheSameIdIsQueued() {
        String command = "{\"command_id\":\"sqs-refused\",\"type\":\"comment\",\"task_id\":\"86c0aa001\","
                + "\"comment\":\"queued on the second try\"}";
        sqs.deleteQueue(b -> b.queueUrl(commandsUrl())); // SQS answers QueueDoesNotExist to the SendMessage
        try {
            admin().body(command).post("/admin/commands").then().statusCode(503)
                    .body("type", equalTo("urn:clickup-sync:problem:aws-unavailable"));

            // No record claims a command that was not queued.
            admin().get("/admin/commands/sqs-refused").then().statusCode(404);
        } finally {
            new Provisioner(dynamo, sqs).ensureQueue(commandsUrl(), config.commands().queue().maxReceiveCount());
        }

        admin().body(command).post("/admin/commands").then().statusCode(202);
        admin().get("/admin/commands/sqs-refused").then().statusCode(200).body("state", equalTo("QUEUED"));
        assertThat(queued()).singleElement().satisfies(m -> assertThat(m.body()).contains("queued on the second try"));
    }

    /** A valid create_task with {@code fields} text custom fields of 100,000 characters each (the per-field maximum). */
    private static String createWithFields(String commandId, int fields) {
        StringBuilder json = new StringBuilder("{\"command_id\":\"" + commandId + "\",\"type\":\"create_task\","
                + "\"list_id\":\"" + DemoWorkspace.LIST_ID + "\",\"name\":\"Large\",\"custom_fields\":{");
        String value = "x".repeat(100_000);
        for (int i = 0; i < fields; i++) {
            json.append(i == 0 ? "" : ",").append("\"Notes ").append(i).append("\":\"").append(value).append('"');
        }
        return json.append("}}").toString();
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
