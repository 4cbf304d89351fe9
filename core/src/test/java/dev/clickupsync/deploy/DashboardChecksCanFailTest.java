package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DashboardChecks} fails when it should: {@link TemplateMatchesCodeCanFailTest#BASE} with a
 * small dashboard that passes, then one renaming at a time, each answered by the problem that names
 * it. The code side is the real code.
 */
class DashboardChecksCanFailTest {

    /** A dashboard of BASE's resources: a custom metric, an SQS and a Lambda metric, a SEARCH and a math row. */
    static final String DASHBOARD = """
              Dashboard:
                Type: AWS::CloudWatch::Dashboard
                Properties:
                  DashboardName: x
                  DashboardBody: !Sub |
                    {"widgets": [
                      {"type": "text", "properties": {"markdown": "x"}},
                      {"type": "metric", "properties": {"title": "w", "region": "${AWS::Region}", "metrics": [
                        ["ClickUpSync/${Stage}", "ClickUpRateLimited", "Service", "drain", {"id": "limited"}],
                        [".", "ClickUpCall", ".", ".", {"id": "calls"}],
                        ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", "${Events.QueueName}"],
                        ["AWS/Lambda", "Duration", "FunctionName", "${Drain}"],
                        [{"expression": "SEARCH('{\\"ClickUpSync/${Stage}\\",Reason,Service} MetricName=\\"DrainFailed\\"', 'Sum', 60)", "id": "failed"}],
                        [{"expression": "limited / calls", "id": "share"}]
                      ]}}
                    ]}
            """;

    private static CodeFacts code;

    @BeforeAll
    static void read() {
        code = CodeFacts.scan(CodeFacts.repositoryRoot());
    }

    private static DashboardChecks checks(String template) {
        return new DashboardChecks(new TemplateChecks(CfnYaml.parse(template), code), code);
    }

    /** BASE and DASHBOARD with {@code from} replaced by {@code to} in the dashboard (where it must occur once). */
    private static List<String> variant(String from, String to) {
        assertThat(DASHBOARD.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        return checks(TemplateMatchesCodeCanFailTest.BASE + DASHBOARD.replace(from, to)).dashboardsShowMetricsThatExist();
    }

    @Test
    void theBaseDashboardPasses() {
        DashboardChecks checks = checks(TemplateMatchesCodeCanFailTest.BASE + DASHBOARD);
        assertThat(checks.dashboardsShowMetricsThatExist()).isEmpty();
        assertThat(checks.shown(new java.util.ArrayList<>())).extracting(DashboardChecks.Shown::name).containsExactly(
                "ClickUpRateLimited", "ClickUpCall", "ApproximateAgeOfOldestMessage", "Duration", "DrainFailed");
    }

    @Test
    void aRenamedMetricFails() {
        assertThat(variant("\"ClickUpRateLimited\"", "\"ClickUpRateLimit\"")).containsExactly("[template → code] dashboard"
                + " Dashboard widget 'w' shows ClickUpSync/${Stage}/ClickUpRateLimit{Service=drain}, but no code in core/src/main/java"
                + " emits it (Metrics.increment/record(\"ClickUpRateLimit\" ...)); did you mean ClickUpRateLimited?");
    }

    @Test
    void aRenamedMetricInASearchFails() {
        assertThat(variant("DrainFailed", "DrainFailure")).singleElement().asString()
                .startsWith("[template → code] dashboard Dashboard widget 'w' shows ClickUpSync/${Stage}/DrainFailure{Reason=null,"
                        + " Service=null}, but no code in core/src/main/java emits it");
    }

    @Test
    void aDimensionSetTheCodeDoesNotEmitFails() {
        assertThat(variant("\"Service\", \"drain\", {\"id\": \"limited\"}",
                "\"Service\", \"drain\", \"Endpoint\", \"task\", {\"id\": \"limited\"}")).containsExactly(
                "[template → code] dashboard Dashboard widget 'w' shows ClickUpSync/${Stage}/ClickUpRateLimited{Endpoint=task,"
                        + " Service=drain}, but the code emits ClickUpRateLimited with the dimensions [[Service]] only"
                        + " (CloudWatch matches a dimension set exactly)");
        assertThat(variant(",Reason,Service}", ",Endpoint,Service}")).singleElement().asString()
                .contains("shows ClickUpSync/${Stage}/DrainFailed{Endpoint=null, Service=null}, but the code emits DrainFailed with"
                        + " the dimensions [[Reason, Service], [Service]] only");
    }

    @Test
    void aServiceOrNamespaceNobodyEmitsFails() {
        assertThat(variant("\"drain\", {", "\"drian\", {")).hasSize(2).allSatisfy(p -> assertThat(p)
                .contains("but no function emits Service=drian"));
        assertThat(variant("[\"ClickUpSync/${Stage}\", \"ClickUpRateLimited\"", "[\"ClickupSync/${Stage}\", \"ClickUpRateLimited\""))
                .hasSize(2).allSatisfy(p -> assertThat(p).contains("shows ClickupSync/dev/")
                        .contains("(Stage=dev), but the functions emit to [ClickUpSync/dev]"));
    }

    /**
     * A row or a SEARCH left on the old shared namespace shows every stack's metrics mixed (a dev stack's
     * failures on prod's dashboard) and none of its own: it fails, as does one stage's namespace written
     * out, which is wrong on the other stack's dashboard.
     */
    @Test
    void aWidgetOnANamespaceOtherThanItsOwnStacksFails() {
        assertThat(variant("[\"ClickUpSync/${Stage}\", \"ClickUpRateLimited\"", "[\"ClickUpSync\", \"ClickUpRateLimited\""))
                .containsExactly("[template → code] dashboard Dashboard widget 'w' shows ClickUpSync/ClickUpRateLimited"
                        + "{Service=drain} (Stage=dev), but the functions emit to [ClickUpSync/dev] (sync.metrics.namespace)",
                        "[template → code] dashboard Dashboard widget 'w' shows ClickUpSync/ClickUpCall{Service=drain}"
                        + " (Stage=dev), but the functions emit to [ClickUpSync/dev] (sync.metrics.namespace)");
        assertThat(variant("{\\\"ClickUpSync/${Stage}\\\",Reason", "{ClickUpSync,Reason")).containsExactly(
                "[template → code] dashboard Dashboard widget 'w' shows ClickUpSync/DrainFailed{Reason=null, Service=null}"
                        + " (Stage=dev), but the functions emit to [ClickUpSync/dev] (sync.metrics.namespace)");
        assertThat(variant("{\\\"ClickUpSync/${Stage}\\\",Reason", "{\\\"ClickUpSync/dev\\\",Reason")).containsExactly(
                "[template → code] dashboard Dashboard widget 'w' shows ClickUpSync/dev/DrainFailed{Reason=null, Service=null}"
                        + " (Stage=prod), but the functions emit to [ClickUpSync/prod] (sync.metrics.namespace)");
    }

    @Test
    void anAwsMetricOfNoResourceOrAnUnknownOneFails() {
        assertThat(variant("${Events.QueueName}", "${Table.QueueName}")).containsExactly("[template] dashboard Dashboard"
                + " widget 'w' shows AWS/SQS/ApproximateAgeOfOldestMessage{QueueName=${Table.QueueName}}: QueueName="
                + "${Table.QueueName} should be ${<AWS::SQS::Queue resource>.QueueName}");
        assertThat(variant("${Drain}", "${Drian}")).contains("[template] dashboard Dashboard names ${Drian}, which is no"
                + " parameter, pseudo parameter or resource of the template (Fn::Sub would fail)");
        assertThat(variant("\"Duration\"", "\"Durations\"")).singleElement().asString()
                .contains("shows AWS/Lambda/Durations{FunctionName=${Drain}}, which this check does not know as an AWS metric");
    }

    @Test
    void anExpressionNamingNoRowOrAHardCodedRegionFails() {
        assertThat(variant("limited / calls", "limited / call")).containsExactly("[template] dashboard Dashboard widget"
                + " 'w': expression limited / call names call, which is no id of the widget's rows [calls, failed,"
                + " limited, share]");
        assertThat(variant("${AWS::Region}", "eu-west-1")).containsExactly("[template] dashboard Dashboard widget 'w'"
                + " has region 'eu-west-1'; ${AWS::Region} shows the stack's own region");
    }

    @Test
    void aRouteMetricOfASecondHttpApiNeedsThatApisOwnDetailedMetrics() {
        String api = """
                  IamApi:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      RouteSettings:
                        'GET /api/v2/{proxy+}':
                          DetailedMetricsEnabled: DETAILED
                """;
        String line = "[\"AWS/ApiGateway\", \"5xx\", \"ApiId\", \"${IamApi}\", \"Stage\", \"$default\", \"Route\","
                + " \"GET /api/v2/{proxy+}\"],\n                        [\"AWS/Lambda\"";
        String dashboard = DASHBOARD.replace("[\"AWS/Lambda\"", line);

        assertThat(checks(TemplateMatchesCodeCanFailTest.BASE + dashboard + api.replace("DETAILED", "true"))
                .dashboardsShowMetricsThatExist()).isEmpty();
        assertThat(checks(TemplateMatchesCodeCanFailTest.BASE + dashboard + api.replace("DETAILED", "false"))
                .dashboardsShowMetricsThatExist()).singleElement().asString()
                .contains("Route=GET /api/v2/{proxy+} should be a route of its API's RouteSettings");
        assertThat(checks(TemplateMatchesCodeCanFailTest.BASE + dashboard.replace("${IamApi}", "${Events}") + api
                .replace("DETAILED", "true")).dashboardsShowMetricsThatExist()).anySatisfy(p -> assertThat(p)
                .contains("ApiId=${Events} should be"));
    }
}
