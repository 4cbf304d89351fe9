package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DeployDefaultsChecks} fails when it should: a Globals section that passes, then one change at a time. */
class DeployDefaultsChecksCanFailTest {

    static final String GLOBALS = """
            Parameters:
              Runtime: {Type: String, Default: jvm, AllowedValues: [native, jvm]}
              Architecture: {Type: String, Default: arm64}
            Conditions:
              IsNative: !Equals [!Ref Runtime, native]
            Globals:
              Function:
                Runtime: !If [IsNative, provided.al2023, java21]
                Architectures: [!Ref Architecture]
                SnapStart:
                  ApplyOn: !If [IsNative, None, PublishedVersions]
                AutoPublishAlias: live
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: worker/target/function.zip, Role: !GetAtt Role.Arn}
              Role:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyDocument:
                        Statement:
                          - {Sid: Logs, Action: [logs:PutLogEvents], Resource: x}
            """;

    private static CodeFacts code;

    @BeforeAll
    static void read() {
        code = CodeFacts.scan(CodeFacts.repositoryRoot());
    }

    private static DeployDefaultsChecks variant(String from, String to) {
        assertThat(GLOBALS.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        Map<String, Object> template = CfnYaml.parse(GLOBALS.replace(from, to));
        return new DeployDefaultsChecks(template, new TemplateChecks(template, code));
    }

    @Test
    void theJvmDefaultsOnArm64WithSnapStartPass() {
        DeployDefaultsChecks checks = variant("AutoPublishAlias: live", "AutoPublishAlias: live");
        assertThat(checks.defaultsRunWhatMvnwPackageBuilds()).isEmpty();
        assertThat(checks.noTracingWithoutInstrumentation()).isEmpty();
        assertThat(checks.global("Runtime", Map.of("Runtime", "native"))).isEqualTo("provided.al2023");
    }

    @Test
    void aNativeDefaultFails() {
        assertThat(variant("Default: jvm", "Default: native").defaultsRunWhatMvnwPackageBuilds()).containsExactly(
                "[template] Globals.Function.Runtime (defaults) is provided.al2023, expected java21: ./mvnw package builds"
                        + " the JVM zip, which runs on java21",
                "[template] Globals.Function.SnapStart.ApplyOn (defaults) is None, expected PublishedVersions: SnapStart on"
                        + " the JVM path (it applies to published versions only)");
    }

    @Test
    void x86OrNoAliasOrAFunctionsOwnRuntimeFails() {
        assertThat(variant("Default: arm64", "Default: x86_64").defaultsRunWhatMvnwPackageBuilds()).containsExactly(
                "[template] Globals.Function.Architectures (defaults) is [x86_64], expected [arm64]: arm64 is the default"
                        + " CPU (the JVM zip runs on either)");
        assertThat(variant("    AutoPublishAlias: live\n", "").defaultsRunWhatMvnwPackageBuilds()).singleElement()
                .asString().startsWith("[template] Globals.Function.AutoPublishAlias is null: SnapStart only applies");
        assertThat(variant("{CodeUri: worker/target/function.zip,", "{Runtime: java17, CodeUri: worker/target/function.zip,")
                .defaultsRunWhatMvnwPackageBuilds()).containsExactly("[template] Fn sets its own Runtime; the"
                + " Runtime/Architecture parameters choose it for every function in Globals");
    }

    @Test
    void tracingOrXRayWithoutInstrumentationFails() {
        assertThat(variant("    AutoPublishAlias: live\n", "    AutoPublishAlias: live\n    Tracing: Active\n")
                .noTracingWithoutInstrumentation()).containsExactly("[template → code] Globals sets Tracing: Active, but"
                + " no code records a span (no X-Ray or OpenTelemetry instrumentation): Lambda would trace only its own"
                + " invocation");
        assertThat(variant("Action: [logs:PutLogEvents]", "Action: [logs:PutLogEvents, xray:PutTraceSegments]")
                .noTracingWithoutInstrumentation()).isEqualTo(List.of(
                "[template → code] role Role allows xray: actions, but no function is traced"));
    }
}
