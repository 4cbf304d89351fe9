package dev.clickupsync.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.read.AnswerBound;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.lambda.GatewayResponse;
import dev.clickupsync.testkit.lambda.InvocationResult;
import dev.clickupsync.testkit.lambda.LambdaFunction;
import dev.clickupsync.testkit.lambda.SamTemplate;
import dev.clickupsync.testkit.lambda.TemplateEnvironment;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda-runtime fidelity of the read function: the ingest artifact's {@code target/function.zip}
 * booted as the template's {@code ReadFunction} (its environment, {@code SYNC_READ_API_ENABLED=true},
 * a read token; SnapStart, as its {@code live} alias runs) under AWS's runtime interface client, a task
 * mirrored into dynalite through the real {@link MirrorStore}, and then the real API Gateway v2 event
 * of {@code events/read-task.apigw-v2.json}: the task's JSON with the token, {@code 401} without it or
 * with another, {@code 404} for a task the mirror has not seen; the same read through the IAM-only
 * API ({@code events/read-task-iam.apigw-v2.json}) without a token, and nothing admitted by a
 * missing caller or a header that imitates one. An answer is measured against
 * {@code sync.read-api.max-answer-bytes} as it stands in the real Lambda response (text, escaped), and
 * one over the bound (lowered to {@link #MAX_ANSWER_BYTES} here, a task of {@code BIG_TASK}'s long name
 * over it) is the problem answer, intact. Runs after {@code package} (failsafe).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadLambdaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ZIP = Path.of(System.getProperty("clickupsync.function-zip", "target/function.zip"));
    private static final Path EVENTS = Path.of(System.getProperty("clickupsync.events-dir", "../events"));
    private static final String TASK = DemoWorkspace.TASK_LOGIN_BUG;
    /** The bound for this function: far above the demo task's answer, below {@link #BIG_TASK}'s. */
    private static final long MAX_ANSWER_BYTES = 50_000;
    /** A task whose answer is over {@link #MAX_ANSWER_BYTES}: the demo task with a 60,000-character name. */
    private static final String BIG_TASK = "86c0zz100";

    private static EmbeddedStack stack;
    private static TemplateEnvironment template;
    private static LambdaFunction read;
    private static ObjectNode clickUpTask;

    @BeforeAll
    static void boot() throws Exception {
        stack = EmbeddedStack.start(true);
        template = TemplateResources.provisioned(stack, "clickup-sync-it");
        read = template.function(TemplateEnvironment.READ, ZIP)
                .logFile(Path.of("target", "lambda-it", "read-snapstart.log"))
                .env("SYNC_READ_API_MAX_ANSWER_BYTES", Long.toString(MAX_ANSWER_BYTES))
                .start();
        clickUpTask = stack.clickUp().workspace().taskJson(TASK);
        try (DynamoDbClient dynamo = TemplateResources.dynamo(stack.emulator())) {
            MirrorStore mirror = new MirrorStore(dynamo, template.table("mirror"));
            mirror.upsert(TaskSnapshot.of(Json.MAPPER.treeToValue(clickUpTask, ClickUpTask.class)));
            ObjectNode big = clickUpTask.deepCopy().put("id", BIG_TASK).put("name", "x".repeat(60_000));
            mirror.upsert(TaskSnapshot.of(Json.MAPPER.treeToValue(big, ClickUpTask.class)));
        }
    }

    @AfterAll
    static void shutDown() {
        try {
            if (read != null) {
                read.closeWithSummary();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void setsEveryVariableTheTemplateGivesTheFunction() {
        assertThat(template.forFunction(TemplateEnvironment.READ).keySet())
                .as("template.yaml's ReadFunction variables (update TemplateEnvironment when the template changes)")
                .containsAll(SamTemplate.read(EVENTS.resolveSibling("template.yaml")).environmentVariableNames(TemplateEnvironment.READ));
    }

    @Test
    @Order(2)
    void aMirroredTaskIsAnsweredWithItsClickUpJson() throws Exception {
        JsonNode response = invoke(event());

        assertThat(response.path("statusCode").asInt()).as(() -> read.describe() + "\n" + response).isEqualTo(200);
        assertThat(GatewayResponse.header(response, "content-type")).startsWith("application/json");
        assertThat(GatewayResponse.header(response, "x-mirror-written-at")).as("freshness header").isNotEmpty();
        JsonNode task = JSON.readTree(GatewayResponse.body(response));
        assertThat(task.path("id").asText()).isEqualTo(TASK);
        assertThat(task.path("name").asText()).isEqualTo(clickUpTask.path("name").asText());
        assertThat(task.path("status").path("status").asText()).isEqualTo(clickUpTask.path("status").path("status").asText());
        assertThat(task.path("list").path("id").asText()).isEqualTo(DemoWorkspace.LIST_ID);
    }

    @Test
    @Order(2)
    void aJsonAnswerTakesInTheLambdaResponseWhatAnswerBoundCounts() throws Exception {
        // sync.read-api.max-answer-bytes is measured as AnswerBound.lambdaBytes: the body as text (not
        // base64) in the response's "body" string, escaped by Jackson. The real response, byte for byte.
        InvocationResult result = read.invoke(event().toString());
        JsonNode response = GatewayResponse.of(result, read);

        assertThat(response.path("isBase64Encoded").asBoolean()).as("a JSON body is sent as text").isFalse();
        String body = GatewayResponse.body(response);
        assertThat(body).contains("\"" + TASK + "\"");
        assertThat(escapedBody(result.payload()).getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(AnswerBound.lambdaBytes(body));
    }

    @Test
    @Order(2)
    void anAnswerOverTheBoundIsTheProblemAnswerIntact() throws Exception {
        JsonNode response = invoke(eventFor("/api/v2/task/" + BIG_TASK, "task/" + BIG_TASK));

        assertThat(response.path("statusCode").asInt()).as(() -> read.describe() + "\n" + response).isEqualTo(500);
        assertThat(GatewayResponse.header(response, "content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(GatewayResponse.body(response));
        assertThat(problem.path("type").asText()).isEqualTo("urn:clickup-sync:problem:read-answer-too-large");
        assertThat(problem.path("max_answer_bytes").asLong()).isEqualTo(MAX_ANSWER_BYTES);
        assertThat(problem.path("answer_bytes").asLong()).isGreaterThan(60_000);
        assertThat(GatewayResponse.body(response)).doesNotContain("xxxxxxxx");
        assertThat(String.join("\n", read.outputLines())).contains("reason=answer_too_large");
    }

    @Test
    @Order(3)
    void withoutATokenIs401AndNamesNoToken() throws Exception {
        ObjectNode event = event();
        ((ObjectNode) event.get("headers")).remove("authorization");

        JsonNode response = invoke(event);

        assertThat(response.path("statusCode").asInt()).as(read::describe).isEqualTo(401);
        assertThat(GatewayResponse.header(response, "content-type")).startsWith("application/problem+json");
        assertThat(GatewayResponse.body(response)).doesNotContain(TemplateEnvironment.READ_TOKEN);
    }

    @Test
    @Order(4)
    void anotherTokenIs401() throws Exception {
        ObjectNode event = event();
        ((ObjectNode) event.get("headers")).put("authorization", TemplateEnvironment.READ_TOKEN + "-not");

        assertThat(invoke(event).path("statusCode").asInt()).as(read::describe).isEqualTo(401);
    }

    @Test
    @Order(5)
    void aTaskTheMirrorHasNotSeenIs404() throws Exception {
        JsonNode response = invoke(eventFor("/api/v2/task/86c0zz999", "task/86c0zz999"));

        assertThat(response.path("statusCode").asInt()).as(read::describe).isEqualTo(404);
        assertThat(JSON.readTree(GatewayResponse.body(response)).path("type").asText()).contains("task-not-mirrored");
    }

    @Test
    @Order(6)
    void aCallerApiGatewayAuthorizedWithIamReadsWithoutAToken() throws Exception {
        JsonNode response = invoke(event("read-task-iam.apigw-v2.json"));

        assertThat(response.path("statusCode").asInt()).as(() -> read.describe() + "\n" + response).isEqualTo(200);
        assertThat(JSON.readTree(GatewayResponse.body(response)).path("id").asText()).isEqualTo(TASK);
    }

    @Test
    @Order(7)
    void anIamAuthorizerWithoutACallerAdmitsNobody() throws Exception {
        ObjectNode event = event("read-task-iam.apigw-v2.json");
        ((ObjectNode) event.path("requestContext").path("authorizer").path("iam")).remove("userArn");

        assertThat(invoke(event).path("statusCode").asInt()).as(read::describe).isEqualTo(401);
    }

    @Test
    @Order(8)
    void aClientCannotClaimAnIamCallerThroughAHeader() throws Exception {
        // What a client controls is the HTTP request; the request context is the gateway's. A header
        // named like the context's fields proves nothing.
        ObjectNode event = event();
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.remove("authorization");
        headers.put("x-amzn-requestcontext-authorizer-iam-userarn", "arn:aws:iam::123456789012:user/intruder");

        assertThat(invoke(event).path("statusCode").asInt()).as(read::describe).isEqualTo(401);
    }

    @Test
    @Order(9)
    void initWentAsOnLambdaAndTheTokenIsNeverLogged() {
        assertThat(read.isAlive()).as(read::describe).isTrue();
        assertThat(read.runtimeApi().restoreServed()).as(read::describe).isTrue();
        assertThat(read.runtimeApi().journal()).as(read::describe)
                .noneMatch(call -> call.contains("/init/error") || call.contains("/error "));
        assertThat(String.join("\n", read.outputLines())).doesNotContain(TemplateEnvironment.READ_TOKEN);
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode event() throws Exception {
        return event("read-task.apigw-v2.json");
    }

    private static ObjectNode event(String file) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(file)));
    }

    /** The read event, for another path under the route ({@code proxy}: the path after {@code /api/v2/}). */
    private static ObjectNode eventFor(String path, String proxy) throws Exception {
        ObjectNode event = event();
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        ((ObjectNode) event.get("pathParameters")).put("proxy", proxy);
        return event;
    }

    /** The {@code body} member of a response's raw JSON as written: between its quotes, escapes and all. */
    private static String escapedBody(String payload) {
        int start = payload.indexOf("\"body\":\"");
        assertThat(start).as(payload).isNotNegative();
        start += "\"body\":\"".length();
        int end = start;
        while (payload.charAt(end) != '"') {
            end += payload.charAt(end) == '\\' ? 2 : 1;
        }
        return payload.substring(start, end);
    }

    /** The function's answer, which must be an API Gateway v2 response (not a function error). */
    private static JsonNode invoke(JsonNode event) {
        return GatewayResponse.invoke(read, event.toString());
    }
}
