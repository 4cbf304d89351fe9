package dev.clickupsync.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.lambda.GatewayResponse;
import dev.clickupsync.testkit.lambda.InvocationResult;
import dev.clickupsync.testkit.lambda.LambdaFunction;
import dev.clickupsync.testkit.lambda.SamTemplate;
import dev.clickupsync.testkit.lambda.TemplateEnvironment;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda-runtime fidelity of the ingest function: {@code target/function.zip} booted the way AWS
 * Lambda boots it (AWS's runtime interface client against a Runtime API, the template's handler,
 * memory, timeout and environment, a fresh process) and invoked with the real API Gateway v2
 * samples in {@code events/}; ElasticMQ shows what was queued. Runs after {@code package}
 * (failsafe), since it needs the zip. The subclasses choose the init path: SnapStart
 * ({@link IngestLambdaIT}, how the template's alias runs it) or a plain cold start
 * ({@link IngestOnDemandIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class IngestFunctionTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ZIP = Path.of(System.getProperty("clickupsync.function-zip", "target/function.zip"));
    private static final Path EVENTS = Path.of(System.getProperty("clickupsync.events-dir", "../events"));

    static EmbeddedStack stack;
    static TemplateEnvironment template;
    static LambdaFunction ingest;
    static SqsClient sqs;

    /** Boots the function; called by the subclass's {@code @BeforeAll}. */
    static void boot(boolean snapStart) {
        stack = EmbeddedStack.start(true);
        template = TemplateResources.provisioned(stack, "clickup-sync-it");
        ingest = template.function(TemplateEnvironment.INGEST, ZIP)
                .snapStart(snapStart)
                .logFile(Path.of("target", "lambda-it", "ingest-" + (snapStart ? "snapstart" : "on-demand") + ".log"))
                .start();
        sqs = TemplateResources.sqs(stack.emulator());
    }

    @AfterAll
    static void shutDown() {
        try {
            if (ingest != null) {
                ingest.closeWithSummary();
            }
        } finally {
            if (sqs != null) {
                sqs.close();
            }
            if (stack != null) {
                stack.close();
            }
            // The fields are shared by the subclasses: the next class starts from nothing.
            ingest = null;
            sqs = null;
            stack = null;
            template = null;
        }
    }

    @BeforeEach
    void emptyQueue() {
        sqs.purgeQueue(b -> b.queueUrl(template.queueUrl()));
    }

    @Test
    @Order(1)
    void setsEveryVariableTheTemplateGivesTheFunction() {
        Path templateYaml = EVENTS.resolveSibling("template.yaml");
        assertThat(template.forFunction(TemplateEnvironment.INGEST).keySet())
                .as("template.yaml's IngestFunction variables (update TemplateEnvironment when the template changes)")
                .containsAll(SamTemplate.read(templateYaml).environmentVariableNames(TemplateEnvironment.INGEST));
    }

    @Test
    @Order(2)
    void healthAnswers200() throws Exception {
        InvocationResult result = ingest.invoke(Files.readString(EVENTS.resolve("health.apigw-v2.json")));

        JsonNode response = apiGatewayResponse(result);
        assertThat(response.path("statusCode").asInt()).as(ingest::describe).isEqualTo(200);
    }

    @Test
    @Order(3)
    void signedWebhookIsQueuedByteForByte() throws Exception {
        JsonNode event = JSON.readTree(Files.readString(EVENTS.resolve("webhook-task-status-updated.apigw-v2.json")));
        String body = event.get("body").asText();
        Instant before = Instant.now();

        InvocationResult result = ingest.invoke(event.toString());

        JsonNode response = apiGatewayResponse(result);
        assertThat(response.path("statusCode").asInt()).as(ingest::describe).isEqualTo(200);
        List<Message> messages = receive();
        assertThat(messages).as(ingest::describe).hasSize(1);
        Message message = messages.get(0);
        assertThat(message.body()).isEqualTo(body);
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        assertThat(attributes.get("event").stringValue()).isEqualTo("taskStatusUpdated");
        assertThat(attributes.get("webhook_id").stringValue()).isEqualTo(DemoWorkspace.WEBHOOK_ID);
        assertThat(attributes.get("entity_type").stringValue()).isEqualTo("task");
        assertThat(attributes.get("entity_id").stringValue()).isEqualTo("86c0aa001");
        assertThat(attributes.get("body_sha256").stringValue()).isEqualTo(sha256(body));
        assertThat(attributes).doesNotContainKey("body_encoding");
        assertThat(Instant.parse(attributes.get("received_at").stringValue()))
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(attributes.values()).allSatisfy(v -> assertThat(v.dataType()).isEqualTo("String"));
    }

    @Test
    @Order(4)
    void badSignatureIs401AndQueuesNothing() throws Exception {
        InvocationResult result = ingest.invoke(Files.readString(EVENTS.resolve("webhook-bad-signature.apigw-v2.json")));

        JsonNode response = apiGatewayResponse(result);
        assertThat(response.path("statusCode").asInt()).as(ingest::describe).isEqualTo(401);
        assertThat(GatewayResponse.header(response, "content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(GatewayResponse.body(response));
        assertThat(problem.path("type").asText()).isEqualTo("urn:clickup-sync:problem:invalid-signature");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(GatewayResponse.body(response)).doesNotContain(DemoWorkspace.WEBHOOK_SECRET);
        assertThat(receive()).isEmpty();
    }

    /** What the init path must have looked like (restore handshake, where credentials came from). */
    abstract void initWentAsOnLambda();

    @Test
    @Order(5)
    void functionStaysUpAndNeverLogsItsSecrets() {
        assertThat(ingest.isAlive()).as(ingest::describe).isTrue();
        assertThat(ingest.runtimeApi().journal()).as(ingest::describe)
                .noneMatch(call -> call.contains("/init/error") || call.contains("/error "));
        assertThat(String.join("\n", ingest.outputLines()))
                .doesNotContain(DemoWorkspace.WEBHOOK_SECRET)
                .doesNotContain(stack.clickUp().token());
    }

    @Test
    @Order(7)
    void startsWithTheTemplatesEnvironmentAloneAndBuildsAndPrimesItsAwsClientsInInit() {
        assertThat(template.testOnly()).as("the test made the queues and tables; the function does not provision").isEmpty();
        assertThat(ingest.outputLines()).as(ingest::describe)
                .anyMatch(line -> line.contains("AWS clients (DynamoDB, SQS) built at start-up") && line.contains("request path primed"));
    }

    // ------------------------------------------------------------------ helpers

    /** The function's answer, which must be an API Gateway v2 response (not a function error). */
    private static JsonNode apiGatewayResponse(InvocationResult result) {
        return GatewayResponse.of(result, ingest);
    }

    private static List<Message> receive() {
        return sqs.receiveMessage(b -> b.queueUrl(template.queueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
