package dev.clickupsync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check behind {@code docs/licences.md}: the POMs' declared dependencies and the npm lock file
 * against the document's tables. Pure (texts in, problems out) so its own test can show it fail.
 */
final class LicenceTable {
    static final Set<String> ACCEPTED = Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC",
            "EPL-2.0", "MPL-2.0", "GPL-2.0-with-classpath-exception");
    private static final String OWN_GROUP = "dev.clickupsync";
    /** A table row whose first cell is a code span: `name` | cell | cell |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*([^|]*?)\\s*\\|\\s*$");

    private LicenceTable() {
    }

    /** Every problem found; empty when the document, the POMs and the lock file agree. */
    static List<String> problems(Map<String, String> poms, String packageLock, String document) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        poms.forEach((where, pom) -> declared.addAll(declaredDependencies(where, pom)));
        Map<String, String> mavenRows = new LinkedHashMap<>();
        Map<String, String[]> npmRows = new LinkedHashMap<>();
        for (String line : document.split("\n")) {
            Matcher m = ROW.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).contains(":")) {
                mavenRows.put(m.group(1), m.group(2));
            } else {
                npmRows.put(m.group(1), new String[] {m.group(2), m.group(3)});
            }
        }
        for (String dependency : declared) {
            if (dependency.endsWith(":DynamoDBLocal") || dependency.startsWith("com.almworks.sqlite4java:")) {
                problems.add(dependency + " is declared: DynamoDB Local is not under an open-source licence");
            } else if (!mavenRows.containsKey(dependency)) {
                problems.add(dependency + " is declared in a POM but has no row in docs/licences.md");
            }
        }
        mavenRows.forEach((dependency, licence) -> {
            if (!declared.contains(dependency)) {
                problems.add(dependency + " has a row in docs/licences.md but no POM declares it");
            }
            if (!ACCEPTED.contains(licence)) {
                problems.add(dependency + ": licence '" + licence + "' is not one of the accepted " + ACCEPTED);
            }
        });
        checkLock(packageLock, npmRows, problems);
        return problems;
    }

    private static void checkLock(String packageLock, Map<String, String[]> npmRows, List<String> problems) {
        JsonNode packages;
        try {
            packages = new ObjectMapper().readTree(packageLock).path("packages");
        } catch (Exception e) {
            problems.add("testkit/package-lock.json is not JSON: " + e.getMessage());
            return;
        }
        Set<String> locked = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().isEmpty()) {
                continue; // the project itself
            }
            String name = entry.getKey().substring(entry.getKey().lastIndexOf("node_modules/") + "node_modules/".length());
            String version = entry.getValue().path("version").asText();
            String licence = entry.getValue().path("license").asText("(none)");
            locked.add(name);
            String[] row = npmRows.get(name);
            if (row == null) {
                problems.add("npm " + name + " " + version + " (" + licence + ") is in the lock file but has no row");
            } else if (!row[0].equals(version) || !row[1].equals(licence)) {
                problems.add("npm " + name + ": the lock file has " + version + " (" + licence + "), the row says "
                        + row[0] + " (" + row[1] + ")");
            }
            if (!ACCEPTED.contains(licence)) {
                problems.add("npm " + name + ": licence '" + licence + "' is not one of the accepted " + ACCEPTED);
            }
        }
        npmRows.keySet().stream().filter(name -> !locked.contains(name))
                .forEach(name -> problems.add("npm " + name + " has a row but is not in the lock file"));
    }

    /** groupId:artifactId of every dependency a POM declares (profiles included), but the project's own. */
    static Set<String> declaredDependencies(String where, String pom) {
        Set<String> found = new TreeSet<>();
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " is not a readable POM: " + e.getMessage(), e);
        }
        NodeList dependencies = doc.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (isManaged(dependency)) {
                continue;
            }
            String group = child(dependency, "groupId");
            String artifact = child(dependency, "artifactId");
            if (group != null && artifact != null && !group.equals(OWN_GROUP)) {
                found.add(group + ":" + artifact);
            }
        }
        return found;
    }

    /** Inside dependencyManagement (a version pin, not a use) or a plugin's own dependencies. */
    private static boolean isManaged(Element dependency) {
        for (Node n = dependency.getParentNode(); n != null; n = n.getParentNode()) {
            if ("dependencyManagement".equals(n.getNodeName()) || "plugin".equals(n.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    private static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (name.equals(children.item(i).getNodeName())) {
                return children.item(i).getTextContent().trim();
            }
        }
        return null;
    }
}
