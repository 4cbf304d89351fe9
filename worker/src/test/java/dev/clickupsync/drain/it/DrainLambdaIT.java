package dev.clickupsync.drain.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.digest.DigestAnswers;
import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.lambda.InvocationResult;
import dev.clickupsync.testkit.lambda.LambdaFunction;
import dev.clickupsync.testkit.lambda.LambdaFunctionException;
import dev.clickupsync.testkit.lambda.SamTemplate;
import dev.clickupsync.testkit.lambda.TemplateEnvironment;
import dev.clickupsync.testkit.llm.FakeLlm;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lambda-runtime fidelity of the drain artifact: {@code target/function.zip} booted three times the way
 * AWS Lambda boots it, as the template's three functions built from it ({@code DrainFunction} with
 * {@code QUARKUS_LAMBDA_HANDLER=drain}, {@code ReconcileFunction} with {@code reconcile},
 * {@code CommandsFunction} with {@code commands}), each with
 * AWS's runtime interface client, the template's environment, and SnapStart's init path (as the
 * template publishes them). The real {@code events/sqs-batch.json}, {@code events/scheduled.json} and
 * {@code events/sqs-commands-batch.json}
 * go in; the answers and dynalite's mirror table are checked; the fake ClickUp serves the
 * tasks. Runs after {@code package} (failsafe), since it needs the zip.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrainLambdaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ZIP = Path.of(System.getProperty("clickupsync.function-zip", "target/function.zip"));
    private static final Path EVENTS = Path.of(System.getProperty("clickupsync.events-dir", "../events"));
    private static final String RECONCILED_TASK = "86c0it001";

    static EmbeddedStack stack;
    static FakeClickUp clickUp;
    static TemplateEnvironment template;
    static LambdaFunction drain;
    static LambdaFunction reconcile;
    static LambdaFunction commands;
    static DynamoDbClient dynamo;
    static software.amazon.awssdk.services.sqs.SqsClient sqs;

    @BeforeAll
    static void boot() {
        stack = EmbeddedStack.start(true);
        clickUp = stack.clickUp();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(stack.emulator().dynamoDbEndpoint())
                .region(Region.of(stack.emulator().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(stack.emulator().accessKey(), stack.emulator().secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sqs = software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(stack.emulator().sqsEndpoint())
                .region(Region.of(stack.emulator().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(stack.emulator().accessKey(), stack.emulator().secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        // The template's queues and tables exist before any function runs, as on AWS: the functions
        // boot with the template's environment alone and do not provision.
        Provisioner provisioner = new Provisioner(dynamo, sqs);
        template = TemplateEnvironment.of(stack, "clickup-sync-it").provision(provisioner::ensureQueue, provisioner::ensureTable);
        drain = template.function(TemplateEnvironment.DRAIN, ZIP)
                .logFile(Path.of("target", "lambda-it", "drain.log"))
                .start();
        reconcile = template.function(TemplateEnvironment.RECONCILE, ZIP)
                .logFile(Path.of("target", "lambda-it", "reconcile.log"))
                .start();
        commands = template.function(TemplateEnvironment.COMMANDS, ZIP)
                .logFile(Path.of("target", "lambda-it", "commands.log"))
                .start();
    }

    @AfterAll
    static void shutDown() {
        try {
            for (LambdaFunction function : new LambdaFunction[] {drain, reconcile, commands}) {
                if (function != null) {
                    System.out.println(function.summary());
                    function.close();
                }
            }
        } finally {
            if (dynamo != null) {
                dynamo.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void setsEveryVariableTheTemplateGivesTheFunctions() {
        SamTemplate sam = SamTemplate.read(EVENTS.resolveSibling("template.yaml"));
        for (String function : List.of(TemplateEnvironment.DRAIN, TemplateEnvironment.RECONCILE, TemplateEnvironment.DIGEST,
                TemplateEnvironment.COMMANDS)) {
            assertThat(template.forFunction(function).keySet())
                    .as("template.yaml's %s variables (update TemplateEnvironment when the template changes)", function)
                    .containsAll(sam.environmentVariableNames(function));
        }
    }

    @Test
    @Order(1)
    void theEnvironmentReachedTheConfiguration() {
        drain.awaitInit();
        reconcile.awaitInit();
        commands.awaitInit();
        // SYNC_TABLES_* (FIELD_CACHE included: '_' stands for '-' there) were read; the defaults never used.
        assertThat(dynamo.listTables().tableNames()).as(drain::describe)
                .contains(template.table("idempotency"), template.table("mirror"), template.table("control"),
                        template.table("field-cache"))
                .noneMatch(name -> name.startsWith("clickup-sync-dev-"));
    }

    @Test
    @Order(2)
    void drainsTheSampleSqsBatchIntoTheMirror() throws Exception {
        InvocationResult result = drain.invoke(Files.readString(EVENTS.resolve("sqs-batch.json")));

        assertThat(result.isError()).as(() -> result + "\n" + drain.describe()).isFalse();
        assertThat(JSON.readTree(result.payload())).as(drain::describe)
                .isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));

        JsonNode truth = clickUp.workspace().taskJson(DemoWorkspace.TASK_LOGIN_BUG);
        Map<String, AttributeValue> loginBug = snapshot(DemoWorkspace.TASK_LOGIN_BUG);
        assertThat(loginBug).as("mirror item of %s\n%s", DemoWorkspace.TASK_LOGIN_BUG, drain.describe()).isNotEmpty();
        assertThat(loginBug.get("deleted").bool()).isFalse();
        assertThat(loginBug.get("status").s()).isEqualTo(truth.at("/status/status").asText());
        assertThat(loginBug.get("date_updated").n()).isEqualTo(truth.get("date_updated").asText());
        assertThat(loginBug.get("list_id").s()).isEqualTo(DemoWorkspace.LIST_ID);
        assertThat(JSON.readTree(loginBug.get("snapshot").s()).path("name").asText()).isEqualTo(truth.get("name").asText());

        List<Map<String, AttributeValue>> transitions = dynamo.query(b -> b.tableName(template.table("mirror"))
                .keyConditionExpression("pk = :pk and begins_with(sk, :t)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("task#" + DemoWorkspace.TASK_LOGIN_BUG),
                        ":t", AttributeValue.fromS("transition#")))).items();
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.get("sk").s()).endsWith("#4400012345678901234");
            assertThat(t.get("to_status").s()).isEqualTo("in progress");
        });

        Map<String, AttributeValue> shipV1 = snapshot(DemoWorkspace.TASK_SHIP_V1);
        assertThat(shipV1).as("tombstone of %s", DemoWorkspace.TASK_SHIP_V1).isNotEmpty();
        assertThat(shipV1.get("deleted").bool()).isTrue();
    }

    @Test
    @Order(2)
    void executesTheSampleCommandsBatchAgainstClickUp() throws Exception {
        InvocationResult result = commands.invoke(Files.readString(EVENTS.resolve("sqs-commands-batch.json")));

        assertThat(result.isError()).as(() -> result + "\n" + commands.describe()).isFalse();
        assertThat(JSON.readTree(result.payload())).as(commands::describe).isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
        List<String> created = clickUp.workspace().taskIdsNamed("Follow up with Acme");
        assertThat(created).as(commands::describe).hasSize(1);
        assertThat(clickUp.workspace().customValue(created.get(0), DemoWorkspace.FIELD_SEVERITY)).isEqualTo(DemoWorkspace.SEVERITY_HIGH);
        assertThat(clickUp.workspace().comments(DemoWorkspace.TASK_RELEASE_NOTES))
                .anySatisfy(c -> assertThat(c.text()).startsWith("Standup 2024-11-22"));
        Map<String, AttributeValue> record = dynamo.getItem(b -> b.tableName(template.table("idempotency"))
                .key(Map.of("pk", AttributeValue.fromS("command#crm-sync-2024-11-22-0001"), "sk", AttributeValue.fromS("outcome"))))
                .item();
        assertThat(record.get("state").s()).isEqualTo("SUCCEEDED");
        assertThat(record.get("task_id").s()).isEqualTo(created.get(0));

        InvocationResult again = commands.invoke(Files.readString(EVENTS.resolve("sqs-commands-batch.json")));
        assertThat(JSON.readTree(again.payload()).path("batchItemFailures")).isEmpty();
        assertThat(clickUp.workspace().taskIdsNamed("Follow up with Acme")).as("redelivered: still one task").hasSize(1);
    }

    @Test
    @Order(3)
    void redeliveredBatchIsAcknowledgedWithoutRefetching() throws Exception {
        int fetches = clickUp.count("GET", "/task/" + DemoWorkspace.TASK_LOGIN_BUG + "$");

        InvocationResult result = drain.invoke(Files.readString(EVENTS.resolve("sqs-batch.json")));

        assertThat(result.isError()).as(() -> result + "\n" + drain.describe()).isFalse();
        assertThat(JSON.readTree(result.payload()).path("batchItemFailures")).isEmpty();
        assertThat(clickUp.count("GET", "/task/" + DemoWorkspace.TASK_LOGIN_BUG + "$")).isEqualTo(fetches);
    }

    @Test
    @Order(4)
    void scheduledEventRunsReconcileAndAnswersItsReport() throws Exception {
        clickUp.setRateLimit(1_000_000, java.time.Duration.ofMinutes(1));
        clickUp.workspace().createTask(RECONCILED_TASK, DemoWorkspace.LIST_ID, "Created while no webhook listened");
        int webhookListings = clickUp.count("GET", "/team/" + DemoWorkspace.TEAM_ID + "/webhook$");
        int teamListings = clickUp.count("GET", "/team$");

        InvocationResult result = reconcile.invoke(Files.readString(EVENTS.resolve("scheduled.json")));

        assertThat(result.isError()).as(() -> result + "\n" + reconcile.describe()).isFalse();
        JsonNode report = JSON.readTree(result.payload());
        assertThat(report.path("complete").asBoolean()).as(() -> report + "\n" + reconcile.describe()).isTrue();
        assertThat(report.path("stop").isNull()).isTrue();
        assertThat(report.path("started_at").asText()).isNotEmpty();
        assertThat(report.path("tasks_written").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("scopes")).isNotEmpty()
                .allSatisfy(scope -> assertThat(scope.path("team_id").asText()).isEqualTo(DemoWorkspace.TEAM_ID));
        assertThat(clickUp.count("GET", "/team/" + DemoWorkspace.TEAM_ID + "/webhook$"))
                .as("the webhook lifecycle ran first").isGreaterThan(webhookListings);
        assertThat(clickUp.count("GET", "/team$"))
                .as("SYNC_RECONCILE_TEAM_IDS='' (the template's default) is no team ids: every workspace the token sees")
                .isGreaterThan(teamListings);

        JsonNode truth = clickUp.workspace().taskJson(RECONCILED_TASK);
        Map<String, AttributeValue> reconciled = snapshot(RECONCILED_TASK);
        assertThat(reconciled).as("mirror item of %s\n%s", RECONCILED_TASK, reconcile.describe()).isNotEmpty();
        assertThat(reconciled.get("status").s()).isEqualTo(truth.at("/status/status").asText());
        assertThat(reconciled.get("date_updated").n()).isEqualTo(truth.get("date_updated").asText());
    }

    @Test
    @Order(5)
    void bothFunctionsWentThroughSnapStartStayUpAndNeverLogTheirSecrets() {
        for (LambdaFunction function : List.of(drain, reconcile, commands)) {
            assertThat(function.isAlive()).as(function::describe).isTrue();
            assertThat(function.runtimeApi().restoreServed()).as(function::describe).isTrue();
            assertThat(function.runtimeApi().journal()).as(function::describe)
                    .anyMatch(call -> call.startsWith("GET /2021-04-23/credentials 200"))
                    .noneMatch(call -> call.contains("/init/error") || call.contains("/error "));
            assertThat(String.join("\n", function.outputLines()))
                    .doesNotContain(DemoWorkspace.WEBHOOK_SECRET)
                    .doesNotContain(clickUp.token());
        }
    }

    @Test
    @Order(6)
    void unknownHandlerNameFailsInitAndTheFailureShowsWhy() {
        try (LambdaFunction broken = template.function(TemplateEnvironment.DRAIN, ZIP)
                .functionName("clickup-sync-it-misconfigured")
                .env("QUARKUS_LAMBDA_HANDLER", "no-such-handler")
                .snapStart(false)
                .start()) {
            assertThatThrownBy(() -> broken.invoke(Files.readString(EVENTS.resolve("sqs-batch.json"))))
                    .isInstanceOf(LambdaFunctionException.class)
                    .hasMessageContaining("init error")
                    .hasMessageContaining("no-such-handler")
                    .hasMessageContaining("--- function output")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(DemoWorkspace.WEBHOOK_SECRET)
                            .doesNotContain(clickUp.token()));
            assertThat(broken.runtimeApi().journal()).anyMatch(call -> call.startsWith("POST /2018-06-01/runtime/init/error 202"));
        }
    }

    /**
     * The digest function as the template declares it, plus one scope and a fake model: the handler
     * runs in the packaged artifact, asks the model once and submits the summary as one comment
     * command to the commands queue (the commands function, tested above, posts it).
     */
    @Test
    @Order(7)
    void scheduledEventRunsTheDigestAndAnswersItsReport() throws Exception {
        try (FakeLlm llm = FakeLlm.start();
             LambdaFunction digest = template.function(TemplateEnvironment.DIGEST, ZIP)
                     .logFile(Path.of("target", "lambda-it", "digest.log"))
                     .env("SYNC_DIGEST_SCOPES", "list:" + DemoWorkspace.LIST_ID + "=" + DemoWorkspace.TASK_LOGIN_BUG)
                     .env("SYNC_DIGEST_LLM_BASE_URL", llm.baseUrl())
                     .snapStart(false)
                     .start()) {
            llm.answerWith(DigestAnswers::clean); // a model that keeps to the prompt's format: its answer passes the output check
            InvocationResult result = digest.invoke(Files.readString(EVENTS.resolve("scheduled.json")));

            assertThat(result.isError()).as(() -> result + "\n" + digest.describe()).isFalse();
            JsonNode report = JSON.readTree(result.payload());
            assertThat(report.path("prompt_version").asText()).isNotEmpty();
            assertThat(report.path("started_at").asText()).isNotEmpty();
            assertThat(report.path("scopes")).singleElement().satisfies(scope -> {
                assertThat(scope.path("scope").asText()).isEqualTo("list-" + DemoWorkspace.LIST_ID);
                assertThat(scope.path("comment_task_id").asText()).isEqualTo(DemoWorkspace.TASK_LOGIN_BUG);
                assertThat(scope.path("outcome").asText()).as(scope.toString()).isEqualTo("POSTED");
            });
            assertThat(llm.requests()).as("one model call").hasSize(1);
            String commandId = report.path("scopes").get(0).path("command_id").asText();
            List<software.amazon.awssdk.services.sqs.model.Message> queued = sqs.receiveMessage(b -> b
                    .queueUrl(template.commandsQueueUrl()).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
            assertThat(queued).as("the comment command in the commands queue").anySatisfy(m ->
                    assertThat(m.messageAttributes().get("command_id").stringValue()).isEqualTo(commandId));
            assertThat(String.join("\n", digest.outputLines())).doesNotContain(clickUp.token());
        }
    }

    private static Map<String, AttributeValue> snapshot(String taskId) {
        return dynamo.getItem(b -> b.tableName(template.table("mirror")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("task#" + taskId), "sk", AttributeValue.fromS("snapshot")))).item();
    }
}
