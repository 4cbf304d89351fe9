package dev.clickupsync.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/licences.md names every dependency the POMs declare and every npm package the lock file
 * holds, each under an accepted open-source licence; and the check catches each way to drift.
 */
class LicenceTableTest {
    private static final String DOC = """
            | dependency | licence | where |
            |---|---|---|
            | `org.example:lib` | Apache-2.0 | core |
            | package | version | licence |
            |---|---|---|
            | `dynalite` | 4.0.0 | Apache-2.0 |
            """;
    private static final String LOCK = """
            {"packages": {"": {"name": "x"}, "node_modules/dynalite": {"version": "4.0.0", "license": "Apache-2.0"}}}
            """;

    @Test
    void theCommittedTableMatchesThePomsAndTheLockFile() throws IOException {
        Path root = CodeFacts.repositoryRoot();
        Map<String, String> poms = new LinkedHashMap<>();
        try (var files = Files.list(root)) {
            for (Path dir : files.filter(Files::isDirectory).toList()) {
                if (Files.exists(dir.resolve("pom.xml"))) {
                    poms.put(dir.getFileName() + "/pom.xml", Files.readString(dir.resolve("pom.xml")));
                }
            }
        }
        poms.put("pom.xml", Files.readString(root.resolve("pom.xml")));
        assertThat(poms).containsKeys("testkit/pom.xml", "core/pom.xml", "bench/pom.xml");

        List<String> problems = LicenceTable.problems(poms,
                Files.readString(root.resolve("testkit/package-lock.json")), Files.readString(root.resolve("docs/licences.md")));

        assertThat(problems).as("docs/licences.md is out of date").isEmpty();
    }

    @Test
    void aGoodTableHasNoProblems() {
        assertThat(LicenceTable.problems(Map.of("core", pom(dep("org.example", "lib", ""))), LOCK, DOC)).isEmpty();
    }

    @Test
    void aDependencyWithoutARowIsReported() {
        assertThat(LicenceTable.problems(Map.of("core", pom(dep("org.example", "lib", ""), dep("org.other", "new", ""))), LOCK, DOC))
                .containsExactly("org.other:new is declared in a POM but has no row in docs/licences.md");
    }

    @Test
    void dynamoDbLocalIsReportedInAnyScope() {
        String pom = pom(dep("org.example", "lib", ""), dep("com.amazonaws", "DynamoDBLocal", "<scope>test</scope>"));
        assertThat(LicenceTable.problems(Map.of("core", pom), LOCK, DOC))
                .containsExactly("com.amazonaws:DynamoDBLocal is declared: DynamoDB Local is not under an open-source licence");
    }

    @Test
    void aStaleRowAndAVendorLicenceAreReported() {
        String doc = DOC.replace("| `org.example:lib` | Apache-2.0 |", "| `org.example:lib` | Vendor-EULA |")
                + "| `org.gone:old` | MIT | core |\n";
        assertThat(LicenceTable.problems(Map.of("core", pom(dep("org.example", "lib", ""))), LOCK, doc)).containsExactlyInAnyOrder(
                "org.example:lib: licence 'Vendor-EULA' is not one of the accepted " + LicenceTable.ACCEPTED,
                "org.gone:old has a row in docs/licences.md but no POM declares it");
    }

    @Test
    void anNpmPackageThatChangedOrAppearedIsReported() {
        String lock = LOCK.replace("\"4.0.0\"", "\"4.0.1\"").replace("}}}", "}, \"node_modules/x/node_modules/evil\": "
                + "{\"version\": \"1.0.0\", \"license\": \"SSPL-1.0\"}}}");
        assertThat(LicenceTable.problems(Map.of("core", pom(dep("org.example", "lib", ""))), lock, DOC)).containsExactlyInAnyOrder(
                "npm dynalite: the lock file has 4.0.1 (Apache-2.0), the row says 4.0.0 (Apache-2.0)",
                "npm evil 1.0.0 (SSPL-1.0) is in the lock file but has no row",
                "npm evil: licence 'SSPL-1.0' is not one of the accepted " + LicenceTable.ACCEPTED);
    }

    @Test
    void managedVersionsAndPluginDependenciesAreNotUses() {
        String pom = "<project><dependencyManagement><dependencies>" + dep("org.pinned", "only", "")
                + "</dependencies></dependencyManagement><build><plugins><plugin><dependencies>" + dep("org.plugin", "dep", "")
                + "</dependencies></plugin></plugins></build><dependencies>" + dep("org.example", "lib", "")
                + "</dependencies></project>";
        assertThat(LicenceTable.declaredDependencies("core", pom)).containsExactly("org.example:lib");
    }

    private static String pom(String... dependencies) {
        return "<project><dependencies>" + String.join("", dependencies) + "</dependencies></project>";
    }

    private static String dep(String group, String artifact, String extra) {
        return "<dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>" + extra + "</dependency>";
    }
}
