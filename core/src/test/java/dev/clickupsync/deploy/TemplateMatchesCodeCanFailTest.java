package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check of {@link TemplateMatchesCodeTest} fails when it should: a tiny hand-written template
 * that passes every check ({@link #BASE}), then one misspelling or omission at a time, each
 * answered by the problem that names it. The code side is the real code, read as the real test
 * reads it.
 */
class TemplateMatchesCodeCanFailTest {

    /** The smallest template that satisfies the code: five functions, a role, four queues, a table, one alarm. */
    static final String BASE = """
            Parameters:
              Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
              TokenParam: {Type: String}
              SecretParam: {Type: String}
            Globals:
              Function:
                Environment:
                  Variables:
                    SYNC_QUEUE_URL: !Ref Events
                    SYNC_QUEUE_DEAD_LETTER_URL: !Ref EventsDlq
                    SYNC_QUEUE_MAX_RECEIVE_COUNT: 5
                    SYNC_TABLES_IDEMPOTENCY: !Ref Table
                    SYNC_TABLES_MIRROR: !Ref Table
                    SYNC_TABLES_CONTROL: !Ref Table
                    SYNC_TABLES_FIELD_CACHE: !Ref Table
                    CLICKUP_API_TOKEN_PARAMETER: !Ref TokenParam
                    CLICKUP_WEBHOOK_SECRET_PARAMETER: !Ref SecretParam
                    SYNC_METRICS_NAMESPACE: !Sub ClickUpSync/${Stage}
            Resources:
              Ingest:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ingest/target/function.zip
                  Role: !GetAtt Role.Arn
              Drain:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: worker/target/function.zip
                  Role: !GetAtt Role.Arn
                  Environment: {Variables: {QUARKUS_LAMBDA_HANDLER: drain}}
                  Events:
                    Queue: {Type: SQS, Properties: {Queue: !GetAtt Events.Arn}}
              Reconcile:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: worker/target/function.zip
                  Role: !GetAtt Role.Arn
                  Environment: {Variables: {QUARKUS_LAMBDA_HANDLER: reconcile, SYNC_METRICS_SERVICE: reconcile}}
              Digest:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: worker/target/function.zip
                  Role: !GetAtt Role.Arn
                  Environment: {Variables: {QUARKUS_LAMBDA_HANDLER: digest, SYNC_METRICS_SERVICE: digest,
                    SYNC_COMMANDS_QUEUE_URL: !Ref CommandQueue}}
              Commands:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: worker/target/function.zip
                  Role: !GetAtt Role.Arn
                  Environment: {Variables: {QUARKUS_LAMBDA_HANDLER: commands, SYNC_METRICS_SERVICE: commands,
                    SYNC_COMMANDS_QUEUE_URL: !Ref CommandQueue}}
                  Events:
                    Commands: {Type: SQS, Properties: {Queue: !GetAtt CommandQueue.Arn}}
              Role:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyDocument:
                        Statement:
                          - Action: ssm:GetParameter
                            Resource:
                              - !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${TokenParam}
                              - !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SecretParam}
                          - Action: kms:Decrypt
                            Resource: '*'
                            Condition: {StringEquals: {kms:ViaService: !Sub 'ssm.${AWS::Region}.amazonaws.com'}}
              Events:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub x-${Stage}-events
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt EventsDlq.Arn, maxReceiveCount: 5}
              EventsDlq:
                Type: AWS::SQS::Queue
                Properties: {QueueName: !Sub 'x-${Stage}-events-dlq'}
              CommandQueue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub x-${Stage}-commands
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt CommandQueueDlq.Arn, maxReceiveCount: 5 }
              CommandQueueDlq:
                Type: AWS::SQS::Queue
                Properties: {QueueName: !Sub 'x-${Stage}-commands-dlq'}
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: sk, AttributeType: S}]
                  KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: sk, KeyType: RANGE}]
                  TimeToLiveSpecification: {AttributeName: expires_at, Enabled: true}
              AuthAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: !Sub ClickUpSync/${Stage}
                  MetricName: ClickUpAuthFailure
                  Dimensions: [{Name: Service, Value: drain}]
            """;

    private static CodeFacts code;

    @BeforeAll
    static void read() {
        code = CodeFacts.scan(CodeFacts.repositoryRoot());
    }

    private static TemplateChecks checks(String template) {
        return new TemplateChecks(CfnYaml.parse(template), code);
    }

    /** {@link #BASE} with {@code from} replaced by {@code to} (which must occur exactly once). */
    private static TemplateChecks variant(String from, String to) {
        assertThat(BASE.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        return checks(BASE.replace(from, to));
    }

    private static List<String> all(TemplateChecks checks) {
        List<String> problems = new java.util.ArrayList<>();
        problems.addAll(checks.handlers());
        problems.addAll(checks.environmentVariablesAreConfigKeys());
        problems.addAll(checks.requiredKeysAreSet());
        problems.addAll(checks.secretParametersAreReadable());
        problems.addAll(checks.tablesHaveTheKeySchemaTheCodeExpects());
        problems.addAll(checks.queuesAndDeadLetterQueue());
        problems.addAll(checks.alarmsWatchMetricsTheCodeEmits());
        return problems;
    }

    @Test
    void theBaseTemplatePassesEveryCheck() {
        assertThat(all(checks(BASE))).isEmpty();
    }

    @Test
    void cloudFormationShortTagsBecomeLongFormValues() {
        Map<String, Object> parsed = CfnYaml.parse("""
                a: !Ref X
                b: !GetAtt Queue.Arn
                c: !Sub 'x-${Stage}'
                d: !If [Cond, !Ref Y, !Ref AWS::NoValue]
                e: !Join ['', [a, b]]
                f: {Ref: X}
                """);
        assertThat(parsed.get("a")).isEqualTo(Map.of("Ref", "X")).isEqualTo(parsed.get("f"));
        assertThat(parsed.get("b")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(parsed.get("c")).isEqualTo(Map.of("Fn::Sub", "x-${Stage}"));
        assertThat(parsed.get("d")).isEqualTo(Map.of("Fn::If", List.of("Cond", Map.of("Ref", "Y"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(parsed.get("e")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a", "b"))));
    }

    // ------------------------------------------------------------------ handlers

    @Test
    void aMisspeltHandlerNameFailsBothWays() {
        List<String> problems = variant("QUARKUS_LAMBDA_HANDLER: drain}", "QUARKUS_LAMBDA_HANDLER: drian}").handlers();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("[template → code] Drain sets"
                + " QUARKUS_LAMBDA_HANDLER=drian, but the worker app").contains("has no @Named(\"drian\") handler")
                .contains("[commands, digest, drain, reconcile]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("[code → template] @Named(\"drain\")"
                + " SqsDrainHandler in the worker app implements RequestHandler, but no function in template.yaml runs it"));
    }

    @Test
    void aRequestHandlerWithoutAFunctionFails() {
        String withoutReconcile = BASE.replace("QUARKUS_LAMBDA_HANDLER: reconcile,", "QUARKUS_LAMBDA_HANDLER: drain,");

        assertThat(checks(withoutReconcile).handlers()).containsExactly("[code → template] @Named(\"reconcile\")"
                + " ReconcileHandler in the worker app implements RequestHandler, but no function in template.yaml runs it"
                + " (a function with CodeUri worker/... and QUARKUS_LAMBDA_HANDLER=reconcile)");
    }

    @Test
    void aHandlerOnTheIngestAppFails() {
        assertThat(variant("CodeUri: ingest/target/function.zip\n      Role", "CodeUri: ingest/target/function.zip\n"
                + "      Environment: {Variables: {QUARKUS_LAMBDA_HANDLER: drain}}\n      Role").handlers())
                .anySatisfy(p -> assertThat(p).contains("Ingest sets QUARKUS_LAMBDA_HANDLER=drain, but the ingest app")
                        .contains("(it has none)"));
    }

    // ------------------------------------------------------------------ environment ↔ keys

    @Test
    void aMisspeltVariableFailsBothWays() {
        TemplateChecks checks = variant("SYNC_QUEUE_URL: !Ref Events", "SYNC_QUEUE_ULR: !Ref Events");

        assertThat(checks.environmentVariablesAreConfigKeys()).containsExactly("[template → code] Commands, Digest, Drain,"
                + " Ingest, Reconcile set SYNC_QUEUE_ULR, which maps to no config key the code declares (no @ConfigMapping or"
                + " @ConfigProperty key becomes SYNC_QUEUE_ULR); did you mean SYNC_QUEUE_URL (sync.queue.url)?");
        assertThat(checks.requiredKeysAreSet()).contains("[code → template] Drain does not set SYNC_QUEUE_URL"
                + " (sync.queue.url): required, no default; declared by dev.clickupsync.infra.SyncConfig");
    }

    @Test
    void aMissingTableVariableFails() {
        assertThat(variant("        SYNC_TABLES_MIRROR: !Ref Table\n", "").requiredKeysAreSet())
                .contains("[code → template] Reconcile does not set SYNC_TABLES_MIRROR (sync.tables.mirror): its default"
                        + " 'clickup-sync-dev-mirror' is the dev stage's table");
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void aPlainSecretVariableFails() {
        assertThat(variant("        CLICKUP_API_TOKEN_PARAMETER: !Ref TokenParam\n",
                "        CLICKUP_API_TOKEN_PARAMETER: !Ref TokenParam\n        CLICKUP_API_TOKEN: pk_plain\n")
                .environmentVariablesAreConfigKeys())
                .contains("[template] Ingest sets the secret CLICKUP_API_TOKEN as a plain environment variable (visible"
                        + " in the Lambda console); set CLICKUP_API_TOKEN_PARAMETER to the name of an SSM SecureString"
                        + " parameter instead");
    }

    @Test
    void aMissingSecretParameterFails() {
        assertThat(variant("        CLICKUP_API_TOKEN_PARAMETER: !Ref TokenParam\n", "").requiredKeysAreSet())
                .contains("[code → template] Ingest does not set CLICKUP_API_TOKEN_PARAMETER (the SSM parameter holding"
                        + " clickup.api.token): required, no default; declared by dev.clickupsync.clickup.ClickUpConfig");
    }

    @Test
    void aSecretParameterTheRoleCannotReadOrDecryptFails() {
        TemplateChecks checks = variant("parameter${TokenParam}", "parameter${OtherParam}");
        assertThat(checks.secretParametersAreReadable()).contains("[template] Drain reads clickup.api.token from the SSM"
                + " parameter named by TokenParam (CLICKUP_API_TOKEN_PARAMETER), but its role Role allows no"
                + " ssm:GetParameter on arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${TokenParam}");

        assertThat(variant("Action: kms:Decrypt", "Action: kms:Encrypt").secretParametersAreReadable())
                .contains("[template] Ingest reads SecureString clickup.webhook.secret, but its role Role allows no"
                        + " kms:Decrypt via ssm.${AWS::Region}.amazonaws.com (kms:ViaService)");
    }

    // ------------------------------------------------------------------ tables

    @Test
    void aTableWithAnotherKeySchemaOrTtlFails() {
        String wrong = BASE.replace("{AttributeName: sk, KeyType: RANGE}", "{AttributeName: id, KeyType: RANGE}")
                .replace("{AttributeName: expires_at, Enabled: true}", "{AttributeName: ttl, Enabled: true}");

        assertThat(checks(wrong).tablesHaveTheKeySchemaTheCodeExpects()).containsExactly(
                "[template → code] table Table has KeySchema {id=RANGE, pk=HASH}; the code"
                        + " (dev.clickupsync.store.Tables) reads and writes pk (HASH) + sk (RANGE)",
                "[template → code] table Table has TimeToLiveSpecification {AttributeName=ttl, Enabled=true}; the code"
                        + " (dev.clickupsync.store.Tables.TTL) expires items through expires_at, enabled");
    }

    @Test
    void aTableVariablePointingElsewhereFails() {
        assertThat(variant("SYNC_TABLES_CONTROL: !Ref Table", "SYNC_TABLES_CONTROL: !Ref Events")
                .tablesHaveTheKeySchemaTheCodeExpects()).contains("[template] Ingest sets SYNC_TABLES_CONTROL"
                + " (sync.tables.control) to {Ref=Events}, which is not !Ref of an AWS::DynamoDB::Table resource");
    }

    // ------------------------------------------------------------------ queues

    @Test
    void aQueueWithoutRedriveOrWithAnotherReceiveCountFails() {
        assertThat(variant("      RedrivePolicy: {deadLetterTargetArn: !GetAtt EventsDlq.Arn, maxReceiveCount: 5}\n", "")
                .queuesAndDeadLetterQueue()).anySatisfy(p -> assertThat(p).startsWith("[template → code] the events queue"
                + " Events (Drain's SYNC_QUEUE_URL) has no RedrivePolicy with deadLetterTargetArn"));

        assertThat(variant("maxReceiveCount: 5}", "maxReceiveCount: 3}").queuesAndDeadLetterQueue())
                .anySatisfy(p -> assertThat(p).startsWith("[template] Drain runs with sync.queue.max-receive-count=5, but"
                        + " the events queue Events redrives after maxReceiveCount=3"));
    }

    @Test
    void theCommandsFunctionMustConsumeTheCommandsQueueWhichMustRedriveToItsDeadLetterQueue() {
        assertThat(variant("Commands: {Type: SQS, Properties: {Queue: !GetAtt CommandQueue.Arn}}",
                "Commands: {Type: SQS, Properties: {Queue: !GetAtt Events.Arn}}").queuesAndDeadLetterQueue())
                .contains("[template] Commands's SQS event Commands consumes {Fn::GetAtt=[Events, Arn]}, but its"
                        + " SYNC_COMMANDS_QUEUE_URL (where deferred commands are re-sent) is CommandQueue");
        assertThat(variant("maxReceiveCount: 5 }", "maxReceiveCount: 2 }").queuesAndDeadLetterQueue())
                .contains("[template] Commands runs with sync.commands.queue.max-receive-count=5, but the commands queue"
                        + " CommandQueue redrives after maxReceiveCount=2; the drain dead-letters with a reason on the last"
                        + " receive only if the two agree");
        assertThat(variant("QUARKUS_LAMBDA_HANDLER: commands,", "QUARKUS_LAMBDA_HANDLER: comands,").handlers())
                .anySatisfy(p -> assertThat(p).contains("@Named(\"commands\")"));
    }

    @Test
    void aQueueVariablePointingAtATableOrAnotherDeadLetterQueueFails() {
        assertThat(variant("SYNC_QUEUE_DEAD_LETTER_URL: !Ref EventsDlq", "SYNC_QUEUE_DEAD_LETTER_URL: !Ref Table")
                .queuesAndDeadLetterQueue()).contains("[template] Reconcile sets SYNC_QUEUE_DEAD_LETTER_URL"
                + " (sync.queue.dead-letter-url) to {Ref=Table}, which is not !Ref of an AWS::SQS::Queue resource (!Ref of"
                + " a queue is its URL)");
        assertThat(variant("SYNC_QUEUE_DEAD_LETTER_URL: !Ref EventsDlq", "SYNC_QUEUE_DEAD_LETTER_URL: !Ref Events")
                .queuesAndDeadLetterQueue()).contains("[template] Drain sets SYNC_QUEUE_DEAD_LETTER_URL to {Ref=Events},"
                + " but the events queue Events redrives to EventsDlq");

        // Unset, the code derives the DLQ's URL from the queue's: <queue URL>-dlq.
        String derived = BASE.replace("        SYNC_QUEUE_DEAD_LETTER_URL: !Ref EventsDlq\n", "")
                .replace("'x-${Stage}-events-dlq'", "'x-${Stage}-dead-letters'");
        assertThat(checks(derived).queuesAndDeadLetterQueue()).contains("[code → template] Drain does not set"
                + " SYNC_QUEUE_DEAD_LETTER_URL, so the code uses the events queue's URL + '-dlq', but the DLQ EventsDlq is"
                + " named {Fn::Sub=x-${Stage}-dead-letters}");
        assertThat(checks(BASE.replace("        SYNC_QUEUE_DEAD_LETTER_URL: !Ref EventsDlq\n", ""))
                .queuesAndDeadLetterQueue()).isEmpty();
    }

    // ------------------------------------------------------------------ alarms

    @Test
    void anAlarmOnAMetricOrServiceNobodyEmitsFails() {
        assertThat(variant("MetricName: ClickUpAuthFailure", "MetricName: ClickUpAuthFailures")
                .alarmsWatchMetricsTheCodeEmits()).containsExactly("[template → code] alarm AuthAlarm watches"
                + " ClickUpSync/${Stage}/ClickUpAuthFailures, but no code in core/src/main/java emits it"
                + " (Metrics.increment/record(\"ClickUpAuthFailures\" ...)); did you mean ClickUpAuthFailure?");

        assertThat(variant("Value: drain}", "Value: drian}").alarmsWatchMetricsTheCodeEmits()).containsExactly(
                "[template → code] alarm AuthAlarm watches ClickUpAuthFailure{Service=drian}, but no function emits"
                        + " Service=drian (functions and their sync.metrics.service: {Commands=commands, Digest=digest, Drain=drain,"
                        + " Ingest=ingest, Reconcile=reconcile})");

        assertThat(variant("Namespace: !Sub ClickUpSync/", "Namespace: !Sub ClickupSync/").alarmsWatchMetricsTheCodeEmits())
                .containsExactly("[template → code] alarm AuthAlarm watches namespace ClickupSync/dev (Stage=dev), but the"
                        + " functions emit to [ClickUpSync/dev] (sync.metrics.namespace)");
    }

    /**
     * The scenario of one namespace per stack: an alarm left on the old shared {@code ClickUpSync} would
     * count a dev stack's failures in prod (and watch nothing its own functions emit), so it fails, as
     * does one stage's namespace written out (wrong in the other stack) or a {@code ${Stage}} without
     * {@code !Sub} (CloudFormation keeps it literally).
     */
    @Test
    void anAlarmOnANamespaceOtherThanItsOwnStacksFails() {
        assertThat(checks(BASE).alarmsWatchMetricsTheCodeEmits()).isEmpty();
        assertThat(checks(BASE).namespaces("prod")).containsExactly("ClickUpSync/prod");

        assertThat(variant("Namespace: !Sub ClickUpSync/${Stage}", "Namespace: ClickUpSync").alarmsWatchMetricsTheCodeEmits())
                .containsExactly("[template → code] alarm AuthAlarm watches namespace ClickUpSync (Stage=dev), but the"
                        + " functions emit to [ClickUpSync/dev] (sync.metrics.namespace)");
        assertThat(variant("Namespace: !Sub ClickUpSync/${Stage}", "Namespace: ClickUpSync/prod")
                .alarmsWatchMetricsTheCodeEmits()).containsExactly("[template → code] alarm AuthAlarm watches namespace"
                + " ClickUpSync/prod (Stage=dev), but the functions emit to [ClickUpSync/dev] (sync.metrics.namespace)");
        assertThat(variant("Namespace: !Sub ClickUpSync/${Stage}", "Namespace: ClickUpSync/dev")
                .alarmsWatchMetricsTheCodeEmits()).containsExactly("[template → code] alarm AuthAlarm watches namespace"
                + " ClickUpSync/dev (Stage=prod), but the functions emit to [ClickUpSync/prod] (sync.metrics.namespace)");
        assertThat(variant("Namespace: !Sub ClickUpSync/${Stage}", "Namespace: ClickUpSync/${Stage}")
                .alarmsWatchMetricsTheCodeEmits()).containsExactly("[template → code] alarm AuthAlarm watches namespace"
                + " ClickUpSync/${Stage} (Stage=dev), but the functions emit to [ClickUpSync/dev] (sync.metrics.namespace)");
    }

    /** Functions and alarms agreeing on one namespace for every stage: each stack's alarms count the other's failures. */
    @Test
    void stacksOfEveryStageSharingOneNamespaceFail() {
        assertThat(checks(BASE).namespaceIsPerStage()).isEmpty();

        TemplateChecks shared = checks(BASE.replace("SYNC_METRICS_NAMESPACE: !Sub ClickUpSync/${Stage}",
                "SYNC_METRICS_NAMESPACE: ClickUpSync").replace("Namespace: !Sub ClickUpSync/${Stage}", "Namespace: ClickUpSync"));
        assertThat(shared.alarmsWatchMetricsTheCodeEmits()).as("the alarm reads what the functions write").isEmpty();
        assertThat(shared.namespaceIsPerStage()).containsExactly("[template] the stacks of Stage [dev, prod] all emit to"
                + " namespace ClickUpSync (sync.metrics.namespace): stacks in one account would share their metrics, so"
                + " one's failures fire the other's alarms; name the stage in it (!Sub ClickUpSync/${Stage})");
        assertThat(checks(BASE.replace("        SYNC_METRICS_NAMESPACE: !Sub ClickUpSync/${Stage}\n", "")).namespaceIsPerStage())
                .as("the code's default, ClickUpSync, for every stage").singleElement().asString()
                .contains("all emit to namespace ClickUpSync ");
    }

    /** The real template.yaml with one alarm put back on the old shared namespace fails, naming that alarm. */
    @Test
    void theRealTemplateWithOneAlarmOnTheOldSharedNamespaceFails() throws java.io.IOException {
        String real = java.nio.file.Files.readString(CodeFacts.repositoryRoot().resolve("template.yaml"));
        String alarm = "  DigestFailures:\n";
        int at = real.indexOf(alarm);
        int namespace = real.indexOf("Namespace: !Sub ClickUpSync/${Stage}", at);
        assertThat(at).as("template.yaml has the DigestFailures alarm").isPositive();
        String broken = real.substring(0, namespace) + "Namespace: ClickUpSync"
                + real.substring(namespace + "Namespace: !Sub ClickUpSync/${Stage}".length());

        assertThat(checks(real).alarmsWatchMetricsTheCodeEmits()).isEmpty();
        assertThat(checks(broken).alarmsWatchMetricsTheCodeEmits()).containsExactly("[template → code] alarm"
                + " DigestFailures watches namespace ClickUpSync (Stage=dev), but the functions emit to [ClickUpSync/dev]"
                + " (sync.metrics.namespace)");
    }

    // ------------------------------------------------------------------ env.local.json, LocalStack

    @Test
    void envLocalJsonOutOfStepFails() {
        TemplateChecks checks = checks(BASE);
        Map<String, Map<String, Object>> local = new LinkedHashMap<>();
        for (String fn : checks.functions()) {
            local.put(fn, new LinkedHashMap<>(checks.environment(fn)));
        }
        assertThat(checks.localEnvironmentMatches(local)).isEmpty();

        local.get("Ingest").remove("SYNC_QUEUE_URL");
        local.get("Drain").put("SYNC_QUEUE_ULR", "x");
        local.remove("Reconcile");
        local.put("Reconciler", Map.of());
        assertThat(checks.localEnvironmentMatches(local)).containsExactly(
                "[template → env.local.json] events/env.local.json Ingest lacks [SYNC_QUEUE_URL], which template.yaml sets"
                        + " (sam local would use the template's values)",
                "[env.local.json → template] events/env.local.json Drain sets [SYNC_QUEUE_ULR], which template.yaml does"
                        + " not declare for it (sam local ignores them)",
                "[template → env.local.json] events/env.local.json has no entry for Reconcile",
                "[env.local.json → template] events/env.local.json has an entry for Reconciler, which is no function in"
                        + " template.yaml");
    }

    @Test
    void aParameterLocalStackDoesNotCreateFails() {
        Map<String, Map<String, Object>> local = Map.of("Ingest", Map.of(
                "CLICKUP_API_TOKEN_PARAMETER", "/clickup-sync/dev/api-token",
                "CLICKUP_WEBHOOK_SECRET_PARAMETER", "/clickup-sync/dev/webhook-secrett"));
        String init = """
                put_secure_string "/clickup-sync/${STAGE}/api-token" "pk_local_fake_token"
                put_secure_string "/clickup-sync/${STAGE}/webhook-secret" "local-dev-webhook-secret"
                """;

        assertThat(TemplateChecks.localParametersExist(local, init, "dev")).containsExactly("[env.local.json → localstack]"
                + " Ingest reads CLICKUP_WEBHOOK_SECRET_PARAMETER=/clickup-sync/dev/webhook-secrett, but"
                + " localstack/init/ready.d creates no SecureString of that name (it creates [/clickup-sync/dev/api-token,"
                + " /clickup-sync/dev/webhook-secret])");
    }
}
