package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each console check of {@link TemplateMatchesCodeTest} fails when it should: a small template with an
 * opt-in console that passes them all ({@link #BASE}, with a two-call script), then one change at a
 * time, each answered by the problem that names it.
 */
class ConsoleChecksCanFailTest {

    static final String SCRIPT = "const s = await admin('GET', '/admin/status');\n";

    static final String BASE = """
            Parameters:
              AdminConsole: {Type: String, Default: disabled, AllowedValues: [disabled, enabled]}
              AdminConsoleTokenParameter: {Type: String}
            Conditions:
              HasAdminConsole: !Equals [!Ref AdminConsole, enabled]
            Globals:
              Function:
                Environment:
                  Variables:
                    SYNC_TABLES_MIRROR: !Ref Mirror
            Resources:
              AdminFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ingest/target/function.zip
                  Role: !GetAtt AdminRole.Arn
                  Environment: {Variables: {SYNC_ADMIN_ENABLED: 'true', SYNC_ADMIN_AUTH: iam}}
                  Events:
                    IamStatus: {Type: HttpApi, Properties: {Path: /admin/status, Method: GET, Auth: {Authorizer: AWS_IAM}}}
                    IamRedrive: {Type: HttpApi, Properties: {Path: /admin/dlq/redrive, Method: POST, Auth: {Authorizer: AWS_IAM}}}
              AdminRole:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyDocument:
                        Statement:
                          - Action: [logs:CreateLogStream, logs:PutLogEvents]
                            Resource: [!GetAtt AdminLogGroup.Arn, !If [HasAdminConsole, !GetAtt ConsoleLogGroup.Arn, !Ref AWS::NoValue]]
                          - Action: [ssm:GetParameter]
                            Resource: [!If [HasAdminConsole, !Sub 'arn:aws:ssm:r:1:parameter${AdminConsoleTokenParameter}', !Ref AWS::NoValue]]
              ConsoleApi:
                Type: AWS::Serverless::HttpApi
                Condition: HasAdminConsole
                Properties: {Description: console}
              ConsoleFunction:
                Type: AWS::Serverless::Function
                Condition: HasAdminConsole
                Properties:
                  CodeUri: ingest/target/function.zip
                  Role: !GetAtt AdminRole.Arn
                  Environment:
                    Variables: {SYNC_ADMIN_ENABLED: 'true', SYNC_ADMIN_AUTH: token, SYNC_ADMIN_TOKEN_PARAMETER: !Ref AdminConsoleTokenParameter}
                  Events:
                    Page: {Type: HttpApi, Properties: {ApiId: !Ref ConsoleApi, Path: '/console/{proxy+}', Method: GET}}
                    Status: {Type: HttpApi, Properties: {ApiId: !Ref ConsoleApi, Path: /admin/status, Method: GET}}
              ConsoleLogGroup:
                Type: AWS::Logs::LogGroup
                Condition: HasAdminConsole
              ConsoleErrors:
                Type: AWS::CloudWatch::Alarm
                Condition: HasAdminConsole
                Properties:
                  AlarmActions: [x]
                  Namespace: AWS/Lambda
                  MetricName: Errors
                  Dimensions: [{Name: FunctionName, Value: !Ref ConsoleFunction}]
            Outputs:
              ConsoleUrl:
                Condition: HasAdminConsole
                Value: !Sub 'https://${ConsoleApi}.execute-api.example/console/'
            """;

    private static CodeFacts code;

    @BeforeAll
    static void read() {
        code = CodeFacts.scan(CodeFacts.repositoryRoot());
    }

    private static List<String> all(String template, String script) {
        ConsoleChecks checks = new ConsoleChecks(new TemplateChecks(CfnYaml.parse(template), code));
        List<String> problems = new ArrayList<>();
        problems.addAll(checks.consoleExistsOnlyUnderItsCondition());
        problems.addAll(checks.theDoorsAreKeptApart());
        problems.addAll(checks.theRoutesAreWhatThePageCalls(script));
        problems.addAll(checks.theConsoleIsTheAdminFunctionWithATokenDoor());
        return problems;
    }

    private static List<String> variant(String from, String to) {
        assertThat(BASE.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        return all(BASE.replace(from, to), SCRIPT);
    }

    @Test
    void theBaseTemplatePassesEveryConsoleCheck() {
        assertThat(all(BASE, SCRIPT)).isEmpty();
        assertThat(ConsoleChecks.adminCalls("admin('GET', '/admin/dlq/messages?queue=' + q); admin('POST', '/admin/dlq/redrive' + p)"))
                .containsExactly("GET /admin/dlq/messages", "POST /admin/dlq/redrive");
    }

    @Test
    void aConsoleOnByDefaultOrAnotherConditionFails() {
        assertThat(variant("Default: disabled", "Default: enabled"))
                .containsExactly("[template] parameter AdminConsole must default to disabled: the console is opt-in");
        assertThat(variant("!Equals [!Ref AdminConsole, enabled]", "!Equals [!Ref AdminConsole, disabled]"))
                .singleElement().asString().startsWith("[template] Conditions.HasAdminConsole must be");
    }

    @Test
    void aConsoleResourceWithoutTheConditionFails() {
        String function = "  ConsoleFunction:\n    Type: AWS::Serverless::Function\n    Condition: HasAdminConsole\n";
        assertThat(variant(function, function.replace("    Condition: HasAdminConsole\n", "")))
                .contains("[template] ConsoleFunction must exist with Condition: HasAdminConsole")
                .anySatisfy(p -> assertThat(p).startsWith("[template] ConsoleFunction names [AdminConsoleTokenParameter,"
                        + " ConsoleApi] without Condition: HasAdminConsole"));
        assertThat(variant("    Condition: HasAdminConsole\n    Value:", "    Value:"))
                .singleElement().asString().startsWith("[template] output ConsoleUrl names [ConsoleApi] without Condition");
    }

    @Test
    void anUnconditionalRoleNamingTheConsolesLogGroupOrTokenFails() {
        assertThat(variant("!If [HasAdminConsole, !GetAtt ConsoleLogGroup.Arn, !Ref AWS::NoValue]", "!GetAtt ConsoleLogGroup.Arn"))
                .singleElement().asString().startsWith("[template] AdminRole names [ConsoleLogGroup] without Condition");
        assertThat(variant("[!If [HasAdminConsole, !Sub 'arn:aws:ssm:r:1:parameter${AdminConsoleTokenParameter}', !Ref AWS::NoValue]]",
                "[!Sub 'arn:aws:ssm:r:1:parameter${AdminConsoleTokenParameter}']"))
                .singleElement().asString().startsWith("[template] AdminRole names [AdminConsoleTokenParameter] without Condition");
    }

    @Test
    void anIamAuthorizerOnTheConsoleApiFails() {
        assertThat(variant("Properties: {Description: console}", "Properties: {Auth: {EnableIamAuthorizer: true}}"))
                .singleElement().asString().startsWith("[template] ConsoleApi enables an authorizer");
        assertThat(variant("Path: /admin/status, Method: GET}}", "Path: /admin/status, Method: GET, Auth: {Authorizer: AWS_IAM}}}"))
                .containsExactly("[template] ConsoleFunction's route GET /admin/status (Status) on ConsoleApi uses the authorizer"
                        + " AWS_IAM; the console API authorizes nobody by IAM (the function checks the token)");
    }

    @Test
    void theConsoleOnTheIamApiOrAnAdminRouteWithoutIamFails() {
        assertThat(variant("{ApiId: !Ref ConsoleApi, Path: '/console/{proxy+}', Method: GET}", "{Path: '/console/{proxy+}', Method: GET}"))
                .contains("[template] ConsoleFunction is routed GET /console/{proxy+} (Page), a console path, outside ConsoleApi")
                .anySatisfy(p -> assertThat(p).startsWith("[template] ConsoleFunction is routed GET /console/{proxy+} (Page)"
                        + " outside ConsoleApi (ApiId: null)"));
        assertThat(variant("{Path: /admin/status, Method: GET, Auth: {Authorizer: AWS_IAM}}", "{Path: /admin/status, Method: GET}"))
                .containsExactly("[template] AdminFunction's admin route GET /admin/status (IamStatus) is outside ConsoleApi"
                        + " without Auth.Authorizer: AWS_IAM");
        assertThat(variant("{Path: /admin/dlq/redrive, Method: POST, Auth: {Authorizer: AWS_IAM}}",
                "{ApiId: !Ref ConsoleApi, Path: /admin/dlq/redrive, Method: POST}"))
                .contains("[template] AdminFunction is routed POST /admin/dlq/redrive (IamRedrive) on ConsoleApi: only"
                        + " ConsoleFunction serves it");
    }

    @Test
    void aRouteThePageNeverCallsOrACallWithoutARouteFails() {
        String status = "        Status: {Type: HttpApi, Properties: {ApiId: !Ref ConsoleApi, Path: /admin/status, Method: GET}}\n";
        assertThat(variant(status, status + "        Backfill: {Type: HttpApi, Properties: {ApiId: !Ref ConsoleApi, Path: /admin/backfill, Method: POST}}\n"))
                .containsExactly("[template → code] ConsoleFunction is routed POST /admin/backfill, which the console page never"
                        + " calls: the console API serves the page and its calls only");
        assertThat(all(BASE, SCRIPT + "await admin('POST', '/admin/dlq/redrive' + (q ? '?' + q : ''));\n"))
                .containsExactly("[code → template] the console page needs POST /admin/dlq/redrive, but ConsoleFunction is not routed it");
        assertThat(all(BASE, SCRIPT + "await admin('GET', '/admin/other');\n"))
                .contains("[code → template] the console calls GET /admin/other, which is no route of AdminFunction (the console"
                        + " keeps the IAM API's paths)");
        assertThat(all(BASE, "fetch('/admin/status')")).contains("[code] console.js calls no admin('METHOD', '/admin/...') this check can read");
    }

    @Test
    void aConsoleThatIsNotTheAdminFunctionBehindATokenFails() {
        assertThat(variant("SYNC_ADMIN_AUTH: token", "SYNC_ADMIN_AUTH: iam"))
                .containsExactly("[template] ConsoleFunction must set SYNC_ADMIN_AUTH: token (its API has no IAM authorizer)");
        assertThat(variant("SYNC_ADMIN_AUTH: token,", "SYNC_ADMIN_AUTH: token, SYNC_STATUS_QUEUE_AGE_ENABLED: 'false',"))
                .containsExactly("[template] ConsoleFunction's variables differ from AdminFunction's in [SYNC_STATUS_QUEUE_AGE_ENABLED]"
                        + " (only SYNC_ADMIN_AUTH and SYNC_ADMIN_TOKEN_PARAMETER may)");
        assertThat(variant("SYNC_ADMIN_TOKEN_PARAMETER: !Ref AdminConsoleTokenParameter", "SYNC_ADMIN_TOKEN_PARAMETER: /fixed"))
                .containsExactly("[template] ConsoleFunction must set SYNC_ADMIN_TOKEN_PARAMETER: !Ref AdminConsoleTokenParameter");
        assertThat(all(BASE.replace("      Role: !GetAtt AdminRole.Arn\n      Environment:\n        Variables:",
                "      Role: !GetAtt OtherRole.Arn\n      Environment:\n        Variables:"), SCRIPT))
                .contains("[template] ConsoleFunction's Role differs from AdminFunction's: the console is the admin"
                        + " function's code and permissions behind another door", "[template] ConsoleFunction's role OtherRole may"
                        + " not write ConsoleLogGroup");
        assertThat(variant("MetricName: Errors", "MetricName: Throttles"))
                .containsExactly("[template] no alarm (with AlarmActions) watches AWS/Lambda Errors of ConsoleFunction");
    }
}
