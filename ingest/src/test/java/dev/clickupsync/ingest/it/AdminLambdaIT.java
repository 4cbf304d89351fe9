package dev.clickupsync.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.lambda.GatewayResponse;
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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda-runtime fidelity of the admin function: the ingest artifact's {@code target/function.zip}
 * booted as the template's {@code AdminFunction} ({@code SYNC_ADMIN_AUTH=iam}, no admin token; SnapStart)
 * under AWS's runtime interface client, on the embedded emulators, answering the real API Gateway v2
 * event of {@code events/admin-status-iam.apigw-v2.json}: the status for the caller API Gateway's
 * {@code AWS_IAM} authorizer wrote into the request context, and nothing for an event without that
 * caller (a route added without the authorizer) or a header imitating one. Runs after {@code package}
 * (failsafe).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminLambdaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ZIP = Path.of(System.getProperty("clickupsync.function-zip", "target/function.zip"));
    private static final Path EVENTS = Path.of(System.getProperty("clickupsync.events-dir", "../events"));

    private static EmbeddedStack stack;
    private static TemplateEnvironment template;
    private static LambdaFunction admin;

    @BeforeAll
    static void boot() throws Exception {
        stack = EmbeddedStack.start(true);
        template = TemplateResources.provisioned(stack, "clickup-sync-it");
        admin = template.function(TemplateEnvironment.ADMIN, ZIP)
                .logFile(Path.of("target", "lambda-it", "admin-snapstart.log"))
                .start();
    }

    @AfterAll
    static void shutDown() {
        try {
            if (admin != null) {
                admin.closeWithSummary();
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
        assertThat(template.forFunction(TemplateEnvironment.ADMIN).keySet())
                .as("template.yaml's AdminFunction variables (update TemplateEnvironment when the template changes)")
                .containsAll(SamTemplate.read(EVENTS.resolveSibling("template.yaml")).environmentVariableNames(TemplateEnvironment.ADMIN));
    }

    @Test
    @Order(2)
    void anOperatorApiGatewayAuthorizedWithIamGetsTheStatus() throws Exception {
        JsonNode response = invoke(event());

        assertThat(response.path("statusCode").asInt()).as(() -> admin.describe() + "\n" + response).isEqualTo(200);
        JsonNode status = JSON.readTree(GatewayResponse.body(response));
        assertThat(status.path("queues").path("events").path("visible").isNumber())
                .as("the events queue depth: " + status.path("queues")).isTrue();
        assertThat(status.path("queues").path("events").path("oldest_age_reason").asText())
                .as("CloudWatch cannot be reached here; the status says why instead of failing")
                .isEqualTo("cloudwatch_unavailable");
        assertThat(status.path("failures").path("scope").asText() + " " + status.path("failures").path("fleet_reason").asText())
                .as("nor the fleet's failures: this process's, and why: " + status.path("failures"))
                .isEqualTo("process cloudwatch_unavailable");
        assertThat(status.path("clickup").path("circuit_breaker").path("fleet_reason").asText())
                .as("the breaker likewise: " + status.path("clickup")).isEqualTo("cloudwatch_unavailable");
    }

    @Test
    @Order(3)
    void anIamAuthorizerWithoutACallerAdmitsNobody() throws Exception {
        ObjectNode event = event();
        ((ObjectNode) event.path("requestContext").path("authorizer").path("iam")).remove("userArn");

        assertThat(invoke(event).path("statusCode").asInt()).as(admin::describe).isEqualTo(401);
    }

    @Test
    @Order(4)
    void aRouteWithoutTheAuthorizerOrAHeaderImitatingItAdmitsNobody() throws Exception {
        ObjectNode event = event();
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.remove("authorization");
        headers.put("x-amzn-requestcontext-authorizer-iam-userarn", "arn:aws:iam::123456789012:user/intruder");

        assertThat(invoke(event).path("statusCode").asInt()).as(admin::describe).isEqualTo(401);
    }

    @Test
    @Order(5)
    void initWentAsOnLambda() {
        assertThat(admin.isAlive()).as(admin::describe).isTrue();
        assertThat(admin.runtimeApi().restoreServed()).as(admin::describe).isTrue();
        assertThat(admin.runtimeApi().journal()).as(admin::describe)
                .noneMatch(call -> call.contains("/init/error") || call.contains("/error "));
        assertThat(String.join("\n", admin.outputLines())).doesNotContain(stack.clickUp().token());
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode event() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("admin-status-iam.apigw-v2.json")));
    }

    /** The function's answer, which must be an API Gateway v2 response (not a function error). */
    private static JsonNode invoke(JsonNode event) {
        return GatewayResponse.invoke(admin, event.toString());
    }
}
