package dev.clickupsync.local.openapi;

import dev.clickupsync.query.Scope;
import dev.clickupsync.query.TaskQuery;
import dev.clickupsync.testkit.quarkus.EmbeddedStackResource;
import dev.clickupsync.testkit.template.CfnYaml;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document ({@code docs/openapi.yaml}) is the one this build serves at
 * {@code /q/openapi}: renaming, adding or removing an endpoint, or changing a documented answer,
 * fails here until the document is regenerated with {@link #REGENERATE}, which writes the built
 * document over the committed one (and so passes). Also: every route the code declares and every
 * route {@code template.yaml} gives API Gateway is in the document.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class OpenApiDocumentTest {
    static final String REGENERATE = "./mvnw -o -q -B test -pl local -am -Dtest=OpenApiDocumentTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.skip=true -Dopenapi.update=true";
    /**
     * Template routes that serve files, not API operations, and so are not in the document: the operator
     * console's page (Quarkus's static resources; template AdminConsole=enabled, docs/admin.md#console).
     */
    static final Set<String> STATIC_FILES = Set.of("GET /console/{proxy+}");
    /** Local-run-only routes the document leaves out on purpose (application.properties says why). */
    static final Set<String> UNDOCUMENTED = Set.of("dev.clickupsync.local.DemoResource");

    private String built;

    @BeforeEach
    void fetchTheBuiltDocument() {
        built = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
    }

    @Test
    void theCommittedDocumentIsTheOneTheCodeBuilds() throws IOException {
        Path committed = repositoryRoot().resolve("docs/openapi.yaml");
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(committed, built.endsWith("\n") ? built : built + "\n", StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(committed)).as("docs/openapi.yaml is missing; write it with:%n  %s", REGENERATE).isTrue();
        assertThat(OpenApiDiff.differences(CfnYaml.parse(Files.readString(committed)), CfnYaml.parse(built)))
                .as("docs/openapi.yaml disagrees with the code. If the code is right, regenerate the document"
                        + " (and review its diff):%n  %s%n", REGENERATE)
                .isEmpty();
    }

    @Test
    void everyRouteTheCodeDeclaresIsDocumented() {
        Set<String> declared = CodeRoutes.declared(UNDOCUMENTED);
        assertThat(declared).as("routes found in the code").contains("POST /webhooks/clickup", "GET /api/v2/task/{task_id}");
        assertThat(OpenApiDiff.operations(CfnYaml.parse(built)))
                .as("operations of the built document (a route hidden from or missed by the scanner)")
                .containsAll(declared);
    }

    @Test
    void everyRouteApiGatewayServesIsDocumented() throws IOException {
        Set<String> routes = TemplateRoutes.of(CfnYaml.parse(Files.readString(repositoryRoot().resolve("template.yaml"))));
        Set<String> documented = OpenApiDiff.operations(CfnYaml.parse(built));
        assertThat(routes).as("template.yaml's HttpApi routes").contains("POST /webhooks/clickup");
        Set<String> missing = new TreeSet<>();
        for (String route : routes) {
            if (!STATIC_FILES.contains(route) && !TemplateRoutes.covered(route, documented)) {
                missing.add(route);
            }
        }
        assertThat(missing).as("routes template.yaml gives API Gateway that the document does not describe").isEmpty();
    }

    /** ClickUp's task queries take some 25 parameters through UriInfo: the document names each the code knows, and no other. */
    @Test
    void theTaskQueriesDocumentExactlyTheParametersTheCodeKnows() {
        Map<String, Object> document = CfnYaml.parse(built);
        assertThat(queryParameters(document, "/api/v2/list/{list_id}/task"))
                .isEqualTo(TaskQuery.parameterNames(Scope.Kind.LIST)).contains("statuses", "custom_fields");
        assertThat(queryParameters(document, "/api/v2/team/{team_id}/task"))
                .isEqualTo(TaskQuery.parameterNames(Scope.Kind.TEAM)).contains("space_ids");
    }

    /**
     * The other read routes take their few parameters through UriInfo too ({@code ReadParams}): each
     * documented one is known to the route (a request with it is not refused as unknown), and no
     * parameter documented for another route is known to this one without being documented here.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyReadRouteKnowsExactlyTheQueryParametersItDocuments() {
        Map<String, Object> document = CfnYaml.parse(built);
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Set<String> everyName = new TreeSet<>();
        paths.keySet().stream().filter(p -> p.startsWith("/api/v2/")).forEach(p -> everyName.addAll(queryParameters(document, p)));
        assertThat(everyName).contains("team_id", "start_date", "include_subtasks", "archived");
        for (String path : new TreeSet<>(paths.keySet())) {
            if (!path.startsWith("/api/v2/") || path.endsWith("/task") && !path.startsWith("/api/v2/task")) {
                continue; // the task queries: checked against TaskQuery's names above
            }
            Set<String> documented = queryParameters(document, path);
            String concrete = path.replaceAll("\\{[a-z_]+}", "9012345");
            if (given().header("Authorization", "local-dev-read-token").get(concrete).asString()
                    .contains("read-unsupported-endpoint")) {
                continue; // a route the mirror refuses whole (list members, list comments): no parameter matters
            }
            for (String name : everyName) {
                boolean known = !refusedAsUnknown(concrete, name);
                assertThat(known).as("%s?%s: documented %s, known to the code %s", path, name,
                        documented.contains(name), known).isEqualTo(documented.contains(name));
            }
        }
    }

    private static boolean refusedAsUnknown(String path, String parameter) {
        io.restassured.response.Response answer = given().header("Authorization", "local-dev-read-token")
                .queryParam(parameter, "x").get(path);
        String body = answer.asString();
        return answer.statusCode() == 400 && body.contains("read-unsupported-parameter")
                && body.contains("does not serve it");
    }

    /** The GET operation's query parameters, references resolved, bare of ClickUp's {@code []}. */
    @SuppressWarnings("unchecked")
    private static Set<String> queryParameters(Map<String, Object> document, String path) {
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("get");
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("parameters");
        Set<String> names = new TreeSet<>();
        for (Object entry : (List<Object>) get.getOrDefault("parameters", List.of())) {
            Map<String, Object> parameter = (Map<String, Object>) entry;
            Object ref = parameter.get("$ref");
            if (ref != null) {
                parameter = (Map<String, Object>) components.get(ref.toString().substring(ref.toString().lastIndexOf('/') + 1));
            }
            if ("query".equals(parameter.get("in"))) {
                names.add(parameter.get("name").toString().replace("[]", ""));
            }
        }
        return names;
    }

    /** The checkout's root: the first directory up from the module's that holds template.yaml. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
