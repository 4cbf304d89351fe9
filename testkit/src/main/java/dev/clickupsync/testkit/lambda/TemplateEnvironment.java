package dev.clickupsync.testkit.lambda;

import dev.clickupsync.testkit.aws.AwsEmulator;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The functions of {@code template.yaml} and the environment it gives them, with values that point at an
 * {@link EmbeddedStack} instead of AWS: the same variable names (checked against the template with
 * {@link SamTemplate}), {@code !Ref}s replaced by emulator URLs and table names, parameters at
 * their template defaults, secrets by the fake ClickUp's token and the local webhook secret.
 *
 * <p>Region and credentials are not Quarkus keys here (the template sets none): as on Lambda, the
 * process gets {@code AWS_REGION} and the role's session ({@link LambdaFunction.Builder#awsCredentials}),
 * which the AWS SDK's default providers find.
 */
public final class TemplateEnvironment {
    public static final String INGEST = "IngestFunction";
    public static final String DRAIN = "DrainFunction";
    public static final String RECONCILE = "ReconcileFunction";
    public static final String DIGEST = "DigestFunction";
    public static final String COMMANDS = "CommandsFunction";
    public static final String READ = "ReadFunction";
    public static final String ADMIN = "AdminFunction";
    /** The operator console's function (the template's {@code AdminConsole=enabled} only). */
    public static final String CONSOLE = "ConsoleFunction";

    /**
     * The read token the read function is given here: the fake, local-only one that
     * {@code events/read-task.apigw-v2.json} presents (and LocalStack's {@code read-api-tokens} holds).
     */
    public static final String READ_TOKEN = "local-dev-read-token";

    /**
     * The SSM parameter the console function reads its admin token from (the template's default of
     * {@code AdminConsoleTokenParameter}). Unlike the other secrets here it is not given explicitly: the
     * console's test serves it from {@link dev.clickupsync.testkit.aws.FakeSsm}, pointing
     * {@code SYNC_SECRETS_SSM_ENDPOINT} there, so the zip's own start-up read is what is tested.
     */
    public static final String CONSOLE_TOKEN_PARAMETER = "/clickup-sync/dev/console-token";

    private final EmbeddedStack stack;
    private final String prefix;

    /** The template's {@code MaxReceiveCount} parameter default, for both queues. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** The tables' purposes, as {@link #table} names them. */
    private static final List<String> TABLES = List.of("idempotency", "mirror", "control", "field-cache");

    private boolean provisioned;

    private TemplateEnvironment(EmbeddedStack stack, String prefix) {
        this.stack = stack;
        this.prefix = prefix;
    }

    /** {@code prefix} names the queue and tables, like the template's {@code clickup-sync-<Stage>}. */
    public static TemplateEnvironment of(EmbeddedStack stack, String prefix) {
        return new TemplateEnvironment(stack, prefix);
    }

    public String queueUrl() {
        return stack.emulator().queueUrl(prefix + "-events");
    }

    public String deadLetterQueueUrl() {
        return queueUrl() + "-dlq";
    }

    /** The commands queue ({@code <prefix>-commands}, its DLQ {@code -dlq} appended). */
    public String commandsQueueUrl() {
        return stack.emulator().queueUrl(prefix + "-commands");
    }

    public String table(String purpose) {
        return prefix + "-" + purpose;
    }

    /** Globals.Function.Environment.Variables, then the function's own (logical id as in the template). */
    public Map<String, String> forFunction(String logicalId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SYNC_QUEUE_URL", queueUrl());
        env.put("SYNC_QUEUE_DEAD_LETTER_URL", deadLetterQueueUrl());
        env.put("SYNC_QUEUE_MAX_RECEIVE_COUNT", "5");
        env.put("CLICKUP_RATE_LIMIT_LIMIT", "100");
        env.put("SYNC_DRAIN_POLICY", "smart");
        env.put("SYNC_TABLES_IDEMPOTENCY", table("idempotency"));
        env.put("SYNC_TABLES_MIRROR", table("mirror"));
        env.put("SYNC_TABLES_CONTROL", table("control"));
        env.put("SYNC_TABLES_FIELD_CACHE", table("field-cache"));
        if (stack.clickUp() != null) {
            env.put("CLICKUP_API_URL", stack.clickUp().baseUrl());
            env.put("CLICKUP_API_TOKEN", stack.clickUp().token());
        }
        env.put("CLICKUP_WEBHOOK_SECRET", DemoWorkspace.WEBHOOK_SECRET);
        env.put("CLICKUP_WEBHOOK_PREVIOUS_SECRET", "-");
        env.put("CLICKUP_WEBHOOK_MAX_BODY_BYTES", "262144");
        env.put("SYNC_METRICS_NAMESPACE", "ClickUpSync/dev"); // !Sub ClickUpSync/${Stage}, Stage at its default
        env.put("QUARKUS_SQS_ENDPOINT_OVERRIDE", stack.emulator().sqsEndpoint().toString());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", stack.emulator().dynamoDbEndpoint().toString());
        // The secrets are given explicitly above, which wins over their SSM parameters: no SSM call.
        env.put("CLICKUP_API_TOKEN_PARAMETER", "");
        env.put("CLICKUP_WEBHOOK_SECRET_PARAMETER", "");
        env.put("CLICKUP_WEBHOOK_PREVIOUS_SECRET_PARAMETER", "");
        env.put("SYNC_SECRETS_SSM_ENDPOINT", "");
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        switch (logicalId) {
            case INGEST -> {
            }
            case DRAIN -> {
                env.put("QUARKUS_LAMBDA_HANDLER", "drain");
                env.put("SYNC_WEBHOOK_LIFECYCLE_TEAM_ID", ""); // parameter ClickUpTeamId, default ''
            }
            case RECONCILE -> {
                env.put("QUARKUS_LAMBDA_HANDLER", "reconcile");
                env.put("SYNC_METRICS_SERVICE", "reconcile");
                env.put("SYNC_RECONCILE_TEAM_IDS", "");   // parameter ClickUpTeamId, default '' (every workspace)
                env.put("SYNC_RECONCILE_BACKFILL_DAYS", "90");
                env.put("SYNC_WEBHOOK_LIFECYCLE_ENABLED", "true");
                env.put("SYNC_WEBHOOK_LIFECYCLE_ENDPOINT", "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/webhooks/clickup");
                env.put("SYNC_WEBHOOK_LIFECYCLE_TEAM_ID", "");
            }
            case DIGEST -> {
                env.put("QUARKUS_LAMBDA_HANDLER", "digest");
                env.put("SYNC_METRICS_SERVICE", "digest");
                env.put("SYNC_DIGEST_SCOPES", "");               // parameter DigestScopes, default '' (nothing)
                env.put("SYNC_DIGEST_TEAM_ID", "");              // parameter ClickUpTeamId
                env.put("SYNC_DIGEST_LLM_BASE_URL", "https://api.openai.com/v1");
                env.put("SYNC_DIGEST_LLM_MODEL", "gpt-4o-mini");
                env.put("SYNC_DIGEST_LLM_API_KEY_PARAMETER", ""); // parameter DigestLlmApiKeyParameter, default '' (no key)
                env.put("SYNC_COMMANDS_QUEUE_URL", commandsQueueUrl());
            }
            case READ -> {
                env.put("SYNC_READ_API_ENABLED", "true");
                // Given explicitly, which wins over the parameter: no SSM call (as for the secrets above).
                env.put("SYNC_READ_API_TOKENS", READ_TOKEN);
                env.put("SYNC_READ_API_TOKENS_PARAMETER", "");
                env.put("SYNC_READ_API_ADMIT_IAM_CALLERS", "true");
                env.put("SYNC_METRICS_SERVICE", "read");
            }
            case COMMANDS -> {
                env.put("QUARKUS_LAMBDA_HANDLER", "commands");
                env.put("SYNC_METRICS_SERVICE", "commands");
                env.put("SYNC_COMMANDS_QUEUE_URL", commandsQueueUrl());
                env.put("SYNC_COMMANDS_QUEUE_DEAD_LETTER_URL", commandsQueueUrl() + "-dlq");
                env.put("SYNC_COMMANDS_QUEUE_MAX_RECEIVE_COUNT", "5");
            }
            case ADMIN, CONSOLE -> {
                env.put("SYNC_ADMIN_ENABLED", "true");
                if (logicalId.equals(CONSOLE)) {
                    env.put("SYNC_ADMIN_AUTH", "token");
                    env.put("SYNC_ADMIN_TOKEN_PARAMETER", CONSOLE_TOKEN_PARAMETER); // read at start-up (see the constant)
                } else {
                    env.put("SYNC_ADMIN_AUTH", "iam");
                }
                env.put("SYNC_METRICS_SERVICE", "admin");
                env.put("SYNC_STATUS_QUEUE_AGE_ENABLED", "true");
                // The template's '' is the regional CloudWatch endpoint; here a closed local port, so the
                // status answers oldest_age_reason=cloudwatch_unavailable at once instead of after a timeout.
                env.put("SYNC_STATUS_QUEUE_AGE_ENDPOINT", "http://127.0.0.1:9");
                env.put("SYNC_RECONCILE_TEAM_IDS", "");   // parameter ClickUpTeamId, default ''
                env.put("SYNC_COMMANDS_QUEUE_URL", commandsQueueUrl());
            }
            default -> throw new IllegalArgumentException("no such function in template.yaml: " + logicalId);
        }
        return env;
    }

    /**
     * Creates what the template's resources are before any function runs: the events and commands queues, each
     * with its dead-letter queue ({@code MaxReceiveCount} {@value #MAX_RECEIVE_COUNT}), and the four tables, through
     * the test's own provisioning ({@code queue(url, maxReceiveCount)}, {@code table(name)}: core's
     * {@code Provisioner}, which testkit cannot depend on). Functions started after it boot with the template's
     * environment alone, as on AWS, instead of provisioning in their own init ({@link #testOnly()}).
     */
    public TemplateEnvironment provision(BiConsumer<String, Integer> queue, Consumer<String> table) {
        queue.accept(queueUrl(), MAX_RECEIVE_COUNT);
        queue.accept(commandsQueueUrl(), MAX_RECEIVE_COUNT);
        TABLES.forEach(purpose -> table.accept(table(purpose)));
        provisioned = true;
        return this;
    }

    /**
     * What only a test adds: none once {@link #provision} ran; before that, create the queue and tables in each
     * function's init ({@code sync.provision.on-start}), which also builds its AWS clients there.
     */
    public Map<String, String> testOnly() {
        return provisioned ? Map.of() : Map.of(LambdaFunction.envName("sync.provision.on-start"), "true");
    }

    /** A session token for the emulators (they accept any). */
    public static final String SESSION_TOKEN = "fakeSessionToken";

    /**
     * A function of {@code template.yaml} ready to {@code start()}: its name
     * ({@code <prefix>-ingest}...), memory, timeout and environment as the template declares them,
     * {@link #testOnly()} on top, the emulators' region and keys as the execution role's session, and
     * SnapStart on, because the template publishes every function with SnapStart and its events
     * invoke the {@code live} alias, i.e. a restored snapshot ({@code .snapStart(false)} for a plain
     * cold start, as {@code $LATEST} or {@code sam local} run it).
     */
    public LambdaFunction.Builder function(String logicalId, Path functionZip) {
        String shortName;
        Duration timeout;
        switch (logicalId) {
            case INGEST -> {
                shortName = "ingest";
                timeout = Duration.ofSeconds(10);
            }
            case DRAIN -> {
                shortName = "drain";
                timeout = Duration.ofSeconds(60);
            }
            case RECONCILE -> {
                shortName = "reconcile";
                timeout = Duration.ofSeconds(300);
            }
            case DIGEST -> {
                shortName = "digest";
                timeout = Duration.ofSeconds(300);
            }
            case COMMANDS -> {
                shortName = "commands";
                timeout = Duration.ofSeconds(60);
            }
            case READ -> {
                shortName = "read";
                timeout = Duration.ofSeconds(10);
            }
            case ADMIN -> {
                shortName = "admin";
                timeout = Duration.ofSeconds(29);
            }
            case CONSOLE -> {
                shortName = "console";
                timeout = Duration.ofSeconds(29);
            }
            default -> throw new IllegalArgumentException("no such function in template.yaml: " + logicalId);
        }
        AwsEmulator aws = stack.emulator();
        return LambdaFunction.builder(functionZip)
                .functionName(prefix + "-" + shortName)
                .memoryMb(512)
                .timeout(timeout)
                // Lambda allows 10 s for an on-demand init; a busy CI machine (plus, unless the test ran
                // provision(), the test-only provisioning in init) can need more, and the invocations are what is tested.
                .initTimeout(Duration.ofSeconds(30))
                .snapStart(true)
                .region(aws.region())
                .awsCredentials(aws.accessKey(), aws.secretKey(), SESSION_TOKEN)
                .env(forFunction(logicalId))
                .env(testOnly());
    }
}
