package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read-function check of {@link TemplateMatchesCodeTest} fails when it should: a small
 * template with a read function that passes them all ({@link #BASE}), then one change at a time
 * (a renamed route, a missing or an extra permission, a missing alarm, the read API off), each
 * answered by the problem that names it. The code side is the real read resources.
 */
class ReadFunctionChecksCanFailTest {

    static final String BASE = """
            Parameters:
              TokensParam: {Type: String}
            Globals:
              Function:
                Environment:
                  Variables:
                    SYNC_TABLES_MIRROR: !Ref Mirror
                    SYNC_TABLES_FIELD_CACHE: !Ref Fields
              HttpApi:
                RouteSettings:
                  'GET /api/v2/{proxy+}': {DetailedMetricsEnabled: true}
            Resources:
              IngestFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ingest/target/function.zip
                  Role: !GetAtt IngestRole.Arn
                  Events:
                    Hook: {Type: HttpApi, Properties: {Path: /webhooks/clickup, Method: POST}}
              ReadFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ingest/target/function.zip
                  Role: !GetAtt ReadRole.Arn
                  Environment: {Variables: {SYNC_READ_API_ENABLED: 'true', SYNC_READ_API_TOKENS_PARAMETER: !Ref TokensParam}}
                  Events:
                    Read: {Type: HttpApi, Properties: {Path: '/api/v2/{proxy+}', Method: GET}}
              IngestRole:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyDocument:
                        Statement:
                          - {Action: [sqs:SendMessage], Resource: !GetAtt Queue.Arn}
              ReadRole:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyDocument:
                        Statement:
                          - {Action: [dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query], Resource: !GetAtt Mirror.Arn}
                          - {Action: [dynamodb:GetItem], Resource: !GetAtt Fields.Arn}
              Errors:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmActions: [x]
                  Metrics:
                    - MetricStat:
                        Metric:
                          Namespace: AWS/ApiGateway
                          MetricName: 5xx
                          Dimensions: [{Name: ApiId, Value: !Ref ServerlessHttpApi}, {Name: Route, Value: 'GET /api/v2/{proxy+}'}]
                    - MetricStat:
                        Metric:
                          Namespace: AWS/Lambda
                          MetricName: Errors
                          Dimensions: [{Name: FunctionName, Value: !Ref ReadFunction}]
              Latency:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  AlarmActions: [x]
                  Namespace: AWS/Lambda
                  MetricName: Duration
                  Dimensions: [{Name: FunctionName, Value: !Ref ReadFunction}]
                  ExtendedStatistic: p99
            """;

    private static ReadFunctionChecks checks(String template) {
        return new ReadFunctionChecks(new TemplateChecks(CfnYaml.parse(template), code));
    }

    private static CodeFacts code;

    @BeforeAll
    static void read() {
        code = CodeFacts.scan(CodeFacts.repositoryRoot());
    }

    private static List<String> variant(String from, String to) {
        assertThat(BASE.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        return all(checks(BASE.replace(from, to)));
    }

    private static List<String> all(ReadFunctionChecks checks) {
        List<String> problems = new ArrayList<>();
        problems.addAll(checks.routesReachTheReadResources());
        problems.addAll(checks.rolesAllowExactlyTheReadCalls());
        problems.addAll(checks.readFunctionsHaveAlarms());
        return problems;
    }

    @Test
    void theBaseTemplatePassesEveryReadCheck() {
        assertThat(all(checks(BASE))).isEmpty();
    }

    @Test
    void aRenamedRouteReachesNoReadResourceAndLeavesThemUnrouted() {
        List<String> problems = variant("Path: '/api/v2/{proxy+}'", "Path: '/api/v3/{proxy+}'");

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("[template → code] ReadFunction serves the read API"
                + " but is routed GET /api/v3/{proxy+}, which reaches no read resource"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("[code → template] GET /api/v2/task/{task_id} is a"
                + " read route, but no HttpApi route of a read function [ReadFunction] reaches it"));
    }

    @Test
    void aRouteForOneResourceLeavesTheOthersUnrouted() {
        assertThat(variant("Path: '/api/v2/{proxy+}'", "Path: '/api/v2/task/{task_id}'"))
                .anySatisfy(p -> assertThat(p).startsWith("[code → template] GET /api/v2/list/{list_id}/task is a read route"))
                .noneSatisfy(p -> assertThat(p).contains("GET /api/v2/task/{task_id} is a read route"));
    }

    @Test
    void aReadRouteToAFunctionWithTheReadApiOffFails() {
        List<String> problems = variant("SYNC_READ_API_ENABLED: 'true'", "SYNC_READ_API_ENABLED: 'false'");

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("[code → template] no function sets SYNC_READ_API_ENABLED"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("[template] ReadFunction is routed GET /api/v2/{proxy+},"
                + " a read path, but has the read API off"));
    }

    @Test
    void aMissingPermissionFails() {
        assertThat(variant("dynamodb:BatchGetItem, ", "")).containsExactly("[code → template] ReadFunction's role ReadRole"
                + " allows no dynamodb:BatchGetItem on !GetAtt Mirror.Arn, which the read code calls ("
                + ReadFunctionChecks.READ_CALLS + ")");
        assertThat(variant("{Action: [dynamodb:GetItem], Resource: !GetAtt Fields.Arn}",
                "{Action: [dynamodb:GetItem], Resource: !GetAtt Mirror.Arn}"))
                .anySatisfy(p -> assertThat(p).contains("allows no dynamodb:GetItem on !GetAtt Fields.Arn"));
    }

    @Test
    void aWriteOrAScanOrAnotherTableIsMoreThanTheReadCodeNeeds() {
        assertThat(variant("dynamodb:Query]", "dynamodb:Query, dynamodb:PutItem]"))
                .anySatisfy(p -> assertThat(p).startsWith("[template → code] ReadFunction's role ReadRole allows"
                        + " dynamodb:PutItem on").contains("which the read code never calls"));
        assertThat(variant("dynamodb:Query]", "dynamodb:Query, dynamodb:Scan]"))
                .anySatisfy(p -> assertThat(p).contains("allows dynamodb:Scan on"));
        assertThat(variant("{Action: [dynamodb:GetItem], Resource: !GetAtt Fields.Arn}",
                "{Action: [dynamodb:GetItem], Resource: ['*']}"))
                .anySatisfy(p -> assertThat(p).contains("allows dynamodb:GetItem on *"));
    }

    @Test
    void ingestWithAccessToTheMirrorFails() {
        assertThat(variant("- {Action: [sqs:SendMessage], Resource: !GetAtt Queue.Arn}",
                "- {Action: [sqs:SendMessage], Resource: !GetAtt Queue.Arn}\n"
                        + "              - {Action: [dynamodb:GetItem], Resource: !GetAtt Mirror.Arn}"))
                .containsExactly("[template] IngestFunction's role IngestRole may touch the mirror ([dynamodb:GetItem]);"
                        + " ingest never serves reads and keeps no access to the mirror");
    }

    @Test
    void missingAlarmsFail() {
        assertThat(variant("ExtendedStatistic: p99", "Statistic: Average"))
                .containsExactly("[template] no alarm watches the p99 of AWS/Lambda Duration of ReadFunction (read latency)");
        assertThat(variant("MetricName: Errors", "MetricName: Throttles"))
                .containsExactly("[template] no alarm watches AWS/Lambda Errors of ReadFunction");
        assertThat(variant("{Name: Route, Value: 'GET /api/v2/{proxy+}'}", "{Name: Route, Value: 'GET /api/v2/task'}"))
                .anySatisfy(p -> assertThat(p).startsWith("[template] no alarm watches AWS/ApiGateway 5xx of the route"
                        + " GET /api/v2/{proxy+} of ServerlessHttpApi (ReadFunction)"));
        assertThat(variant("{DetailedMetricsEnabled: true}", "{ThrottlingRateLimit: 5}"))
                .anySatisfy(p -> assertThat(p).contains("do not set DetailedMetricsEnabled: true"));
    }

    @Test
    void aReadRouteOnASecondApiNeedsItsOwn5xxAlarmAndDetailedMetrics() {
        String readEvent = "        Read: {Type: HttpApi, Properties: {Path: '/api/v2/{proxy+}', Method: GET}}\n";
        String withIamApi = BASE.replace(readEvent, readEvent
                + "        ReadIam: {Type: HttpApi, Properties: {ApiId: !Ref IamApi, Path: '/api/v2/{proxy+}', Method: GET}}\n"
                + "  IamApi:\n"
                + "    Type: AWS::Serverless::HttpApi\n"
                + "    Properties:\n"
                + "      RouteSettings:\n"
                + "        'GET /api/v2/{proxy+}': {ThrottlingRateLimit: 5}\n");
        assertThat(withIamApi).isNotEqualTo(BASE);

        assertThat(all(checks(withIamApi))).as("the public API's alarm does not watch the second API").containsExactly(
                "[template] no alarm watches AWS/ApiGateway 5xx of the route GET /api/v2/{proxy+} of IamApi (ReadFunction);"
                        + " it needs DetailedMetricsEnabled in the route's RouteSettings");
        String lambdaMetric = "        - MetricStat:\n"
                + "            Metric:\n"
                + "              Namespace: AWS/Lambda\n";
        String alarmed = withIamApi.replace(lambdaMetric, "        - MetricStat:\n"
                + "            Metric:\n"
                + "              Namespace: AWS/ApiGateway\n"
                + "              MetricName: 5xx\n"
                + "              Dimensions: [{Name: ApiId, Value: !Ref IamApi}, {Name: Route, Value: 'GET /api/v2/{proxy+}'}]\n"
                + lambdaMetric);
        assertThat(alarmed).isNotEqualTo(withIamApi);
        assertThat(all(checks(alarmed))).containsExactly("[template] an alarm watches AWS/ApiGateway 5xx of GET /api/v2/{proxy+}"
                + " of IamApi, but its RouteSettings do not set DetailedMetricsEnabled: true, so the metric never exists");
        assertThat(all(checks(alarmed.replace("{ThrottlingRateLimit: 5}", "{DetailedMetricsEnabled: true}")))).isEmpty();
    }
}
