package dev.clickupsync.local.openapi;

import dev.clickupsync.testkit.template.CfnYaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of {@link OpenApiDocumentTest} fail when they should: the committed document against a
 * copy with one endpoint renamed or one answer changed (as the code would build it after such an
 * edit), and the route checks against a route the document lacks.
 */
class OpenApiDocumentCanFailTest {

    @Test
    void failsWhenAnEndpointIsRenamed() throws IOException {
        String committed = Files.readString(OpenApiDocumentTest.repositoryRoot().resolve("docs/openapi.yaml"));
        assertThat(committed).contains("/admin/backfill:");
        String renamed = committed.replace("/admin/backfill:", "/admin/back-fill:");

        assertThat(OpenApiDiff.differences(CfnYaml.parse(committed), CfnYaml.parse(renamed)))
                .contains("operation POST /admin/backfill is in the committed document but not in the code",
                        "operation POST /admin/back-fill is in the code but not in the committed document");
    }

    @Test
    void failsWhenADocumentedAnswerChanges() {
        Map<String, Object> committed = CfnYaml.parse("""
                paths:
                  /admin/backfill:
                    post:
                      responses:
                        "202": {description: Started}
                """);
        Map<String, Object> built = CfnYaml.parse("""
                paths:
                  /admin/backfill:
                    post:
                      responses:
                        "200": {description: Started}
                """);

        assertThat(OpenApiDiff.differences(committed, built)).containsExactly(
                "/paths/~1admin~1backfill/post/responses/200: committed (absent), code {description=Started}",
                "/paths/~1admin~1backfill/post/responses/202: committed {description=Started}, code (absent)");
    }

    @Test
    void passesWhenOnlyKeyOrderAndFormattingDiffer() {
        Map<String, Object> committed = CfnYaml.parse("info: {title: t, version: '1'}\npaths: {/health: {get: {}}}\n");
        Map<String, Object> built = CfnYaml.parse("paths:\n  /health:\n    get: {}\ninfo:\n  version: '1'\n  title: t\n");

        assertThat(OpenApiDiff.differences(committed, built)).isEmpty();
    }

    @Test
    void failsWhenATemplateRouteIsNotDocumented() {
        Set<String> documented = Set.of("POST /admin/back-fill", "GET /api/v2/task/{task_id}");

        assertThat(TemplateRoutes.covered("POST /admin/backfill", documented)).isFalse();
        assertThat(TemplateRoutes.covered("GET /api/v2/{proxy+}", documented)).isTrue();
        assertThat(TemplateRoutes.covered("POST /api/v2/{proxy+}", documented)).isFalse();
    }

    @Test
    void readsTemplateRoutesFromHttpApiEventsOnly() {
        Map<String, Object> template = CfnYaml.parse("""
                Resources:
                  Ingest:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Webhook: {Type: HttpApi, Properties: {Path: /webhooks/clickup, Method: post}}
                        Queue: {Type: SQS, Properties: {Queue: !GetAtt Events.Arn}}
                """);

        assertThat(TemplateRoutes.of(template)).containsExactly("POST /webhooks/clickup");
    }

    @Test
    void joinsClassAndMethodPathsAsJaxRsDoes() {
        assertThat(CodeRoutes.join("/admin", "/tasks/{taskId}/resync")).isEqualTo("/admin/tasks/{taskId}/resync");
        assertThat(CodeRoutes.join("/api/v2", "list/{list_id}/task")).isEqualTo("/api/v2/list/{list_id}/task");
        assertThat(CodeRoutes.join("/health", "")).isEqualTo("/health");
    }
}
