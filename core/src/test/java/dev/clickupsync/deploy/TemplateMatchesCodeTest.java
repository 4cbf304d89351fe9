package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code template.yaml} checked against the code, both ways: what the template sets must be what
 * the code reads, and what the code needs must be in the template. A misspelt handler name,
 * variable, table, queue or metric on either side fails here, with a message saying what is
 * missing on which side ({@link TemplateChecks}); {@link TemplateMatchesCodeCanFailTest} shows each
 * check failing on a small hand-written template.
 *
 * <p>Plain JUnit: the code side is read from the sources and from SmallRye's metadata of the
 * compiled {@code @ConfigMapping}s ({@link CodeFacts}); no application is started.
 */
class TemplateMatchesCodeTest {
    /** The functions' namespace as the dashboard's !Sub body writes it. */
    private static final String NS = "ClickUpSync/${Stage}";
    private static Path root;
    private static CodeFacts code;
    private static TemplateChecks checks;
    private static ReadFunctionChecks read;
    private static DeployDefaultsChecks defaults;

    @BeforeAll
    static void read() throws IOException {
        root = CodeFacts.repositoryRoot();
        code = CodeFacts.scan(root);
        Map<String, Object> template = CfnYaml.parse(Files.readString(root.resolve("template.yaml")));
        checks = new TemplateChecks(template, code);
        read = new ReadFunctionChecks(checks);
        defaults = new DeployDefaultsChecks(template, checks);
    }

    private static void assertNoProblems(List<String> problems) {
        assertThat(problems).as("template.yaml vs the code:\n  " + String.join("\n  ", problems)).isEmpty();
    }

    @Test
    void theCodeFactsAreRead() {
        // Guards against a scan that silently finds nothing and so passes everything.
        assertThat(code.keys()).containsKeys("sync.queue.url", "clickup.api.token", "clickup.webhook.secret",
                "sync.tables.mirror", "clickup.enabled", "clickup.api.token-parameter", "sync.secrets.ssm.endpoint");
        assertThat(code.keys().get("sync.queue.url").required()).isTrue();
        assertThat(code.keys().get("clickup.webhook.previous-secret").required()).isFalse();
        assertThat(code.keys().get("sync.tables.mirror").defaultValue()).isEqualTo("clickup-sync-dev-mirror");
        assertThat(code.handlers("worker")).containsKeys("drain", "reconcile", "digest", "commands");
        assertThat(code.metrics()).contains("ClickUpAuthFailure", "WebhookFailing", "DrainOutcome", "ReconcileError",
                "DigestFailed", "DigestPromptTokens", "CommandFailed", "CommandOutcome");
        assertThat(checks.functions()).contains("IngestFunction", "DrainFunction", "ReconcileFunction", "DigestFunction",
                "CommandsFunction", "ReadFunction");
        assertThat(code.keys()).containsKeys("sync.read-api.enabled", "sync.read-api.tokens", "sync.read-api.tokens-parameter");
        assertThat(code.keys()).containsKeys("sync.digest.scopes", "sync.digest.llm.base-url", "sync.digest.llm.api-key",
                "sync.digest.llm.api-key-parameter", "sync.commands.queue.url", "sync.commands.queue.dead-letter-url",
                "sync.commands.queue.max-receive-count");
        assertThat(checks.requiredKeys()).containsKeys("sync.queue.url", "clickup.api.token", "clickup.webhook.secret",
                "sync.tables.idempotency", "sync.tables.mirror", "sync.tables.control", "sync.tables.field-cache");
    }

    @Test
    void everyLambdaHandlerInTheTemplateExistsAndEveryRequestHandlerIsDeployed() {
        assertNoProblems(checks.handlers());
    }

    @Test
    void everyEnvironmentVariableIsAConfigKeyTheCodeDeclares() {
        assertNoProblems(checks.environmentVariablesAreConfigKeys());
    }

    @Test
    void everyKeyWithoutADefaultIsSetForEveryFunction() {
        assertNoProblems(checks.requiredKeysAreSet());
    }

    @Test
    void secretsComeFromSsmParametersTheRolesMayReadAndDecrypt() {
        assertNoProblems(checks.secretParametersAreReadable());
    }

    @Test
    void tableVariablesPointAtTablesWithTheKeySchemaAndTtlTheCodeExpects() {
        assertNoProblems(checks.tablesHaveTheKeySchemaTheCodeExpects());
    }

    @Test
    void queueVariablesPointAtQueuesAndTheEventsAndCommandsQueuesRedriveToTheirDeadLetterQueues() {
        assertNoProblems(checks.queuesAndDeadLetterQueue());
    }

    @Test
    void everyAlarmOnACustomMetricWatchesAMetricAndServiceTheCodeEmits() {
        assertNoProblems(checks.alarmsWatchMetricsTheCodeEmits());
    }

    /**
     * Each stack emits to, alarms on and shows its own namespace, ClickUpSync/&lt;Stage&gt;: a dev stack beside
     * prod in one account never fires prod's alarms (the alarms and dashboard checks above resolve
     * {@code ${Stage}} for every stage; {@link TemplateMatchesCodeCanFailTest} shows them failing).
     */
    @Test
    void eachStagesStackEmitsToItsOwnNamespace() {
        assertThat(checks.stages()).containsExactly("dev", "prod");
        for (String fn : checks.functions()) {
            assertThat(TemplateChecks.resolved(checks.value(fn, "sync.metrics.namespace"), "prod")).as(fn)
                    .isEqualTo("ClickUpSync/prod");
        }
        assertNoProblems(checks.namespaceIsPerStage());
    }

    /**
     * Issue #18: the dashboard shows the pipeline's health from metrics that exist, each one emitted by
     * the code with that exact dimension set, or an AWS metric of one of the stack's resources
     * ({@link DashboardChecks}; {@link DashboardChecksCanFailTest} shows it failing).
     */
    @Test
    void theDashboardShowsOnlyMetricsTheCodeEmitsOrAwsMetricsOfTheStacksResources() {
        DashboardChecks dashboard = new DashboardChecks(checks, code);
        assertThat(dashboard.dashboards()).containsExactly("Dashboard");
        List<String> unreadable = new java.util.ArrayList<>();
        List<String> shown = dashboard.shown(unreadable).stream().map(s -> s.namespace() + "/" + s.name()).toList();
        assertThat(shown).as("what the issue asks the dashboard to show").contains(
                NS + "/WebhookQueued", NS + "/WebhookRejected", NS + "/DrainOutcome",
                "AWS/SQS/ApproximateAgeOfOldestMessage", "AWS/SQS/ApproximateNumberOfMessagesVisible",
                NS + "/ClickUpCall", NS + "/DrainClickUpCallsPerEvent", NS + "/ClickUpRateLimited",
                NS + "/ClickUpBudgetWait", "AWS/Lambda/Duration", "AWS/ApiGateway/Latency",
                NS + "/ReconcileWatermarkAge", NS + "/ClickUpCircuitState", "AWS/ApiGateway/5xx");
        assertNoProblems(unreadable);
        assertNoProblems(dashboard.dashboardsShowMetricsThatExist());
    }

    @Test
    void theReadFunctionIsRoutedEveryReadPathAndNoOtherFunctionIs() {
        assertThat(ReadFunctionChecks.readPaths()).as("the read resources' GET paths (guards a scan that finds none)")
                .contains("/api/v2/task/{task_id}", "/api/v2/list/{list_id}/task", "/api/v2/team/{team_id}/time_entries");
        assertThat(read.readFunctions()).containsExactly("ReadFunction");
        // Once on the public API (read tokens), once on ReadIamApi (IAM callers).
        assertThat(read.routes("ReadFunction")).containsExactly("GET /api/v2/{proxy+}", "GET /api/v2/{proxy+}");
        assertNoProblems(read.routesReachTheReadResources());
    }

    @Test
    void theReadFunctionsRoleAllowsExactlyTheReadCallsAndIngestCannotTouchTheMirror() {
        assertNoProblems(read.rolesAllowExactlyTheReadCalls());
    }

    @Test
    void theReadFunctionHasErrorRoute5xxAndLatencyAlarms() {
        assertNoProblems(read.readFunctionsHaveAlarms());
    }

    /**
     * Issue #18: the console on AWS is opt-in, a separate API whose token-checked routes are exactly what
     * the page calls, beside the IAM-authorised admin API and never part of it ({@link ConsoleChecks};
     * {@link ConsoleChecksCanFailTest} shows each check failing).
     */
    @Test
    void theConsoleIsOptInAndItsTokenDoorIsApartFromTheIamAdminApi() {
        ConsoleChecks console = new ConsoleChecks(checks);
        assertThat(console.routes(ConsoleChecks.FUNCTION)).as("guards a check that finds no console").hasSizeGreaterThan(1);
        assertNoProblems(console.consoleExistsOnlyUnderItsCondition());
        assertNoProblems(console.theDoorsAreKeptApart());
        assertNoProblems(console.theRoutesAreWhatThePageCalls(read(root.resolve(ConsoleChecks.SCRIPT))));
        assertNoProblems(console.theConsoleIsTheAdminFunctionWithATokenDoor());
    }

    @Test
    void envLocalJsonSetsExactlyTheTemplatesVariablesAndLocalStackHasItsParameters() throws IOException {
        Map<String, Map<String, Object>> envLocal = new ObjectMapper().readValue(
                root.resolve("events/env.local.json").toFile(), new TypeReference<>() {
                });
        assertNoProblems(checks.localEnvironmentMatches(envLocal));

        StringBuilder init = new StringBuilder();
        try (Stream<Path> scripts = Files.list(root.resolve("localstack/init/ready.d"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
                init.append(Files.readString(script)).append('\n');
            }
        }
        assertNoProblems(TemplateChecks.localParametersExist(envLocal, init.toString(), "dev"));
    }

    /**
     * The runtime choice (docs/deploy.md): one CodeUri per app, {@code <app>/target/function.zip},
     * which both builds write; the {@code Runtime} parameter says which build it is and picks
     * {@code provided.al2023} or {@code java21} + SnapStart; {@code -Dnative} switches each app's build.
     */
    @Test
    void theRuntimeParameterChoosesNativeOrJvmForTheOneCodeUriConvention() {
        Map<String, Object> template = CfnYaml.parse(read(root.resolve("template.yaml")));
        assertThat(CfnYaml.path(template, "Parameters", "Runtime", "Default")).isEqualTo("jvm");
        assertThat(CfnYaml.path(template, "Parameters", "Runtime", "AllowedValues")).isEqualTo(List.of("native", "jvm"));
        assertThat(CfnYaml.path(template, "Conditions", "IsNative"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Runtime"), "native")));
        assertThat(CfnYaml.path(template, "Globals", "Function", "Runtime"))
                .isEqualTo(Map.of("Fn::If", List.of("IsNative", "provided.al2023", "java21")));
        assertThat(CfnYaml.path(template, "Globals", "Function", "SnapStart", "ApplyOn"))
                .as("SnapStart only on java21 (Lambda rejects it on provided.al2023)")
                .isEqualTo(Map.of("Fn::If", List.of("IsNative", "None", "PublishedVersions")));
        for (String fn : checks.functions()) {
            assertThat(checks.properties(fn).get("CodeUri")).as(fn + " CodeUri")
                    .isEqualTo(checks.app(fn) + "/target/function.zip");
            assertThat(checks.properties(fn)).as(fn + " takes Runtime from Globals").doesNotContainKeys("Runtime", "SnapStart");
            assertThat(code.appProperties(checks.app(fn))).as(checks.app(fn) + "/src/main/resources/application.properties")
                    .containsEntry("quarkus.native.enabled", "${native:false}")
                    .containsEntry("quarkus.native.resources.includes", "clickup/*.json");
        }
    }

    /**
     * Issue #18: the defaults deploy what {@code ./mvnw package} builds (java21, SnapStart on published
     * versions behind an alias, arm64); {@code Runtime=native} alone switches to provided.al2023.
     */
    @Test
    void theDefaultsRunTheJvmBuildOnArm64WithSnapStartAndNativeIsOneParameterAway() {
        assertNoProblems(defaults.defaultsRunWhatMvnwPackageBuilds());
        assertThat(defaults.global("Architectures", Map.of("Runtime", "native", "Architecture", "x86_64")))
                .as("an x86_64 machine's native build: one more parameter").isEqualTo(List.of("x86_64"));
    }

    /** A space event's JSON does not name its workspace; without this a new space stays unlinked until reconcile. */
    @Test
    void theDrainKnowsItsWorkspaceSoANewSpaceIsLinkedAtOnce() {
        assertThat(checks.environment("DrainFunction")).containsKey("SYNC_WEBHOOK_LIFECYCLE_TEAM_ID");
    }

    @Test
    void nothingIsTracedOrAllowedXRayWhileNoCodeRecordsASpan() {
        assertNoProblems(defaults.noTracingWithoutInstrumentation());
    }

    /** samconfig.toml's profiles pass a Runtime the template allows, and jvm wherever ./mvnw package is what runs. */
    @Test
    void samconfigProfilesUseTheJvmBuildByDefault() {
        String samconfig = read(root.resolve("samconfig.toml"));
        List<String> values = new java.util.ArrayList<>();
        for (String line : samconfig.lines().filter(l -> l.startsWith("parameter_overrides")).toList()) {
            java.util.regex.Matcher runtime = java.util.regex.Pattern.compile("\\bRuntime=\\W*(\\w+)").matcher(line);
            assertThat(runtime.find()).as("a Runtime in " + line).isTrue();
            values.add(runtime.group(1));
        }
        assertThat(values).as("Runtime overrides in samconfig.toml").isNotEmpty().containsOnly("jvm");
    }

    private static String read(Path file) {
        return CodeFacts.read(file);
    }

    /**
     * The sample events' own consistency (signatures, hashes, lengths; and, with PyYAML, the
     * template cross-check again) is {@code events/check_events.py}'s job; it runs here when python3
     * is installed. The env.local.json coverage above does not depend on it.
     */
    @Test
    void theSampleEventsPassTheirOwnCheck() throws Exception {
        assumeTrue(python3Available(), "python3 is not installed: events/check_events.py not run"
                + " (env.local.json coverage is still checked in Java above)");
        Process process = new ProcessBuilder("python3", root.resolve("events/check_events.py").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check_events.py finished").isTrue();
        assertThat(process.exitValue()).as("python3 events/check_events.py:\n" + output).isZero();
    }

    private static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
