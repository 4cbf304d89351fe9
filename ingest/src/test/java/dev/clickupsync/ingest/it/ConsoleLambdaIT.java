package dev.clickupsync.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.testkit.aws.FakeSsm;
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
 * Lambda-runtime fidelity of the operator console on AWS (issue #18): the ingest artifact's
 * {@code target/function.zip} booted as the template's {@code ConsoleFunction} (SnapStart) under AWS's
 * runtime interface client, with the template's variables: the admin API on, {@code SYNC_ADMIN_AUTH=token}
 * and only the <em>name</em> of the token's SecureString, which the function reads at start-up. The
 * parameter is served by the testkit's {@link FakeSsm} (a stand-in: no SSM can run here) through the
 * real SDK client, so this proves the zip's own start-up read. Events are the console API's (no IAM
 * authorizer, {@code events/console-status.apigw-v2.json}): the page on {@code /console/}, the status
 * with the token, {@code 401} without it, with a wrong one, or with an IAM authorizer block in place of
 * it, and the token in no output line. Runs after {@code package} (failsafe).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLambdaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ZIP = Path.of(System.getProperty("clickupsync.function-zip", "target/function.zip"));
    private static final Path EVENTS = Path.of(System.getProperty("clickupsync.events-dir", "../events"));
    /** What the operator put into the SecureString: fake, and not the one events/ carries, so a match is this run's. */
    private static final String TOKEN = "console-it-token-" + java.util.UUID.randomUUID();

    private static EmbeddedStack stack;
    private static FakeSsm ssm;
    private static TemplateEnvironment template;
    private static LambdaFunction console;

    @BeforeAll
    static void boot() throws Exception {
        stack = EmbeddedStack.start(true);
        ssm = FakeSsm.start();
        ssm.parameters.put(TemplateEnvironment.CONSOLE_TOKEN_PARAMETER, TOKEN);
        template = TemplateResources.provisioned(stack, "clickup-sync-it");
        console = template.function(TemplateEnvironment.CONSOLE, ZIP)
                .env("SYNC_SECRETS_SSM_ENDPOINT", ssm.url())
                .logFile(Path.of("target", "lambda-it", "console-snapstart.log"))
                .start();
    }

    @AfterAll
    static void shutDown() {
        try {
            if (console != null) {
                console.closeWithSummary();
            }
        } finally {
            if (ssm != null) {
                ssm.stop();
            }
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void setsEveryVariableTheTemplateGivesTheFunction() {
        assertThat(template.forFunction(TemplateEnvironment.CONSOLE).keySet())
                .as("template.yaml's ConsoleFunction variables (update TemplateEnvironment when the template changes)")
                .containsAll(SamTemplate.read(EVENTS.resolveSibling("template.yaml"))
                        .environmentVariableNames(TemplateEnvironment.CONSOLE));
        assertThat(template.forFunction(TemplateEnvironment.CONSOLE)).as("only the parameter's name, as on AWS")
                .containsEntry("SYNC_ADMIN_AUTH", "token").doesNotContainKey("SYNC_ADMIN_TOKEN");
    }

    @Test
    @Order(2)
    void servesTheConsolePageOnConsoleSlash() throws Exception {
        JsonNode page = invoke(page("/console/"));

        assertThat(page.path("statusCode").asInt()).as(() -> console.describe() + "\n" + page).isEqualTo(200);
        assertThat(GatewayResponse.header(page, "Content-Type")).startsWith("text/html");
        assertThat(GatewayResponse.body(page)).contains("<title>clickup-sync console</title>", "src=\"console.js\"");

        JsonNode script = invoke(page("/console/console.js"));
        assertThat(script.path("statusCode").asInt()).isEqualTo(200);
        assertThat(GatewayResponse.header(script, "Content-Type")).contains("javascript");
        assertThat(GatewayResponse.body(script)).contains("/admin/status");
    }

    @Test
    @Order(3)
    void theOperatorsTokenFromSsmGetsTheStatus() throws Exception {
        JsonNode response = invoke(withAuthorization(event(), "Bearer " + TOKEN));

        assertThat(response.path("statusCode").asInt()).as(() -> console.describe() + "\n" + response).isEqualTo(200);
        JsonNode status = JSON.readTree(GatewayResponse.body(response));
        assertThat(status.path("queues").path("events").path("visible").isNumber())
                .as("the events queue depth: " + status.path("queues")).isTrue();
        assertThat(ssm.requests).as("the token's parameter, read in init, decrypted, and nothing else").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.name()).isEqualTo(TemplateEnvironment.CONSOLE_TOKEN_PARAMETER);
                    assertThat(r.withDecryption()).isTrue();
                });
    }

    @Test
    @Order(4)
    void noTokenOrAWrongOneIsRefused() throws Exception {
        ObjectNode none = event();
        ((ObjectNode) none.get("headers")).remove("authorization");
        assertThat(invoke(none).path("statusCode").asInt()).as(console::describe).isEqualTo(401);

        assertThat(invoke(withAuthorization(event(), "Bearer " + TOKEN + "x")).path("statusCode").asInt())
                .as("one character more").isEqualTo(401);
        assertThat(invoke(withAuthorization(event(), "Bearer local-dev-console-token")).path("statusCode").asInt())
                .as("the sample event's local-only token is not this run's").isEqualTo(401);
        assertThat(invoke(withAuthorization(event(), TOKEN)).path("statusCode").asInt())
                .as("the token without the Bearer scheme").isEqualTo(401);
    }

    @Test
    @Order(5)
    void anIamAuthorizerBlockIsNoSubstituteForTheToken() throws Exception {
        ObjectNode event = event();
        ((ObjectNode) event.get("headers")).remove("authorization");
        ObjectNode iam = ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("iam");
        iam.put("accountId", "123456789012").put("userArn", "arn:aws:sts::123456789012:assumed-role/clickup-sync-operator/alice");

        assertThat(invoke(event).path("statusCode").asInt()).as(console::describe).isEqualTo(401);
    }

    @Test
    @Order(6)
    void theTokenIsInNoOutputLineAndInitWentAsOnLambda() {
        assertThat(console.isAlive()).as(console::describe).isTrue();
        assertThat(console.runtimeApi().restoreServed()).as(console::describe).isTrue();
        assertThat(console.runtimeApi().journal()).as(console::describe)
                .noneMatch(call -> call.contains("/init/error") || call.contains("/error "));
        // Not masked by LambdaFunction (which masks only secrets it was given as variables): it came from SSM.
        assertThat(String.join("\n", console.outputLines())).doesNotContain(TOKEN);
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode event() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("console-status.apigw-v2.json")));
    }

    private static ObjectNode withAuthorization(ObjectNode event, String value) {
        ((ObjectNode) event.get("headers")).put("authorization", value);
        return event;
    }

    /** A browser's GET of one of the console's files: the page route, no token (the page holds none). */
    private static ObjectNode page(String path) throws Exception {
        ObjectNode event = event();
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.remove("authorization");
        headers.put("accept", "text/html,application/xhtml+xml,*/*");
        event.put("routeKey", "GET /console/{proxy+}").put("rawPath", path);
        event.putObject("pathParameters").put("proxy", path.substring("/console/".length()));
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("routeKey", "GET /console/{proxy+}");
        ((ObjectNode) context.get("http")).put("path", path);
        return event;
    }

    /** The function's answer, which must be an API Gateway v2 response (not a function error). */
    private static JsonNode invoke(JsonNode event) {
        return GatewayResponse.invoke(console, event.toString());
    }
}
