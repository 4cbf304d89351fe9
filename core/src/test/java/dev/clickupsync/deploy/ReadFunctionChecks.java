package dev.clickupsync.deploy;

import dev.clickupsync.read.ReadTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.clickupsync.testkit.template.CfnYaml.getAtt;
import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;
import static dev.clickupsync.testkit.template.CfnYaml.path;
import static dev.clickupsync.testkit.template.CfnYaml.ref;

/**
 * The read API's deployment checked against the read code (issue #16), in the style of
 * {@link TemplateChecks}: the functions with {@code SYNC_READ_API_ENABLED: 'true'} are the read
 * functions. Their HTTP API routes must reach every JAX-RS read path (the {@code @GET} methods of
 * the resources under {@code ReadPrefix.CANONICAL}) and nothing else; no other function may be routed
 * a read path (it answers 404 there); a read function's role must allow exactly the DynamoDB calls the
 * read code makes ({@link #READ_CALLS}) and no other DynamoDB or SQS action; the ingest function may
 * not touch the mirror; and each read function has alarms on its errors, its route's 5xx and its p99
 * duration. The IAM check ({@code IamPolicyCheckTest} in local and ingest) proves the permissions
 * again with the calls the read code really makes.
 */
final class ReadFunctionChecks {
    static final String READ_ENABLED = "SYNC_READ_API_ENABLED";
    static final String INGEST = "IngestFunction";
    /** ReadPrefix.CANONICAL (package-private there): where the read resources are declared. */
    static final String CANONICAL = "/api/v2";

    /**
     * What the read code calls, by the variable naming the table: snapshots by GetItem
     * ({@code MirrorStore.findEntry}) and BatchGetItem ({@code findEntries}), the task-query index
     * walk, transitions and time entries by Query ({@code IndexWalk}, {@code TransitionStore},
     * {@code TimeEntryStore}); a list's field definitions by GetItem ({@code StoredFieldsReader}).
     */
    static final Map<String, Set<String>> READ_CALLS = Map.of(
            "SYNC_TABLES_MIRROR", Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"),
            "SYNC_TABLES_FIELD_CACHE", Set.of("dynamodb:GetItem"));

    private final TemplateChecks template;

    ReadFunctionChecks(TemplateChecks template) {
        this.template = template;
    }

    List<String> readFunctions() {
        return template.functions().stream().filter(fn -> "true".equals(String.valueOf(
                template.environment(fn).get(READ_ENABLED)))).toList();
    }

    // ------------------------------------------------------------------ routes ↔ JAX-RS paths

    /** The paths of the read API's {@code @GET} methods, e.g. {@code /api/v2/task/{task_id}}. */
    static Set<String> readPaths() {
        Set<String> paths = new TreeSet<>();
        for (Class<?> resource : readClasses()) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                if (method.isAnnotationPresent(GET.class)) {
                    Path methodPath = method.getAnnotation(Path.class);
                    String full = classPath.value() + (methodPath == null ? "" : methodPath.value());
                    if (full.startsWith(CANONICAL + "/")) {
                        paths.add(full);
                    }
                }
            }
        }
        return paths;
    }

    private static List<Class<?>> readClasses() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(ReadTokens.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).resolve("dev/clickupsync/read");
            List<Class<?>> out = new ArrayList<>();
            try (Stream<java.nio.file.Path> files = Files.list(dir)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    out.add(Class.forName("dev.clickupsync.read." + name.substring(0, name.length() - ".class".length())));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A function's HttpApi events as {@code "METHOD /path"}. */
    List<String> routes(String fn) {
        List<String> out = new ArrayList<>();
        map(template.properties(fn).get("Events")).values().forEach(event -> {
            if ("HttpApi".equals(map(event).get("Type"))) {
                out.add(String.valueOf(path(event, "Properties", "Method")).toUpperCase(java.util.Locale.ROOT) + " "
                        + path(event, "Properties", "Path"));
            }
        });
        return out;
    }

    /** Whether API Gateway's route (e.g. {@code GET /api/v2/{proxy+}}) takes a GET of the JAX-RS path. */
    static boolean routes(String route, String jaxRsPath) {
        String[] parts = route.split(" ", 2);
        if (parts.length != 2 || !(parts[0].equals("GET") || parts[0].equals("ANY"))) {
            return false;
        }
        String regex = Pattern.quote(parts[1]).replaceAll("\\{[^}]+\\+}", "\\\\E.+\\\\Q").replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return jaxRsPath.replaceAll("\\{[^}]+}", "x1").matches(regex);
    }

    List<String> routesReachTheReadResources() {
        List<String> problems = new ArrayList<>();
        Set<String> paths = readPaths();
        List<String> readers = readFunctions();
        if (readers.isEmpty()) {
            problems.add("[code → template] no function sets " + READ_ENABLED + ": 'true', so the read API (" + paths.size()
                    + " routes under " + CANONICAL + ") is not deployed");
        }
        for (String path : paths) {
            if (readers.stream().flatMap(fn -> routes(fn).stream()).noneMatch(r -> routes(r, path))) {
                problems.add("[code → template] GET " + path + " is a read route, but no HttpApi route of a read function "
                        + readers + " reaches it (e.g. Path: " + CANONICAL + "/{proxy+}, Method: GET)");
            }
        }
        for (String fn : template.functions()) {
            for (String route : routes(fn)) {
                boolean reachesRead = paths.stream().anyMatch(p -> routes(route, p));
                if (readers.contains(fn) && !reachesRead) {
                    problems.add("[template → code] " + fn + " serves the read API but is routed " + route + ", which"
                            + " reaches no read resource (" + paths + ")");
                }
                if (!readers.contains(fn) && reachesRead) {
                    problems.add("[template] " + fn + " is routed " + route + ", a read path, but has the read API off"
                            + " (no " + READ_ENABLED + ": 'true'): it would answer 404");
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ permissions

    List<String> rolesAllowExactlyTheReadCalls() {
        List<String> problems = new ArrayList<>();
        for (String fn : readFunctions()) {
            String role = getAtt(template.properties(fn).get("Role"), "Arn");
            if (role == null) {
                problems.add("[template] " + fn + " has no Role: !GetAtt <role>.Arn; a read function needs its own role");
                continue;
            }
            Map<String, Object> env = template.environment(fn);
            Map<String, Set<String>> needed = new java.util.TreeMap<>();
            READ_CALLS.forEach((variable, actions) -> needed.put(ref(env.get(variable)), actions));
            for (Map<String, Object> statement : template.statements(role)) {
                List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
                for (String action : actions) {
                    boolean data = action.startsWith("dynamodb:") || action.startsWith("sqs:") || action.contains("*");
                    if (!data) {
                        continue;
                    }
                    for (Object resource : list(statement.get("Resource"))) {
                        String table = getAtt(resource, "Arn");
                        if (table == null || !needed.getOrDefault(table, Set.of()).contains(action)) {
                            problems.add("[template → code] " + fn + "'s role " + role + " allows " + action + " on "
                                    + resource + ", which the read code never calls (least privilege: " + READ_CALLS + ")");
                        }
                    }
                }
            }
            needed.forEach((table, actions) -> actions.forEach(action -> {
                if (!allows(role, action, table)) {
                    problems.add("[code → template] " + fn + "'s role " + role + " allows no " + action + " on !GetAtt "
                            + table + ".Arn, which the read code calls (" + READ_CALLS + ")");
                }
            }));
        }
        String mirror = ref(template.environment(INGEST).get("SYNC_TABLES_MIRROR"));
        String ingestRole = template.functions().contains(INGEST) ? getAtt(template.properties(INGEST).get("Role"), "Arn") : null;
        if (ingestRole != null && mirror != null) {
            for (Map<String, Object> statement : template.statements(ingestRole)) {
                if (list(statement.get("Resource")).stream().anyMatch(r -> mirror.equals(getAtt(r, "Arn")))) {
                    problems.add("[template] " + INGEST + "'s role " + ingestRole + " may touch the mirror (" + statement.get("Action")
                            + "); ingest never serves reads and keeps no access to the mirror");
                }
            }
        }
        return problems;
    }

    private boolean allows(String role, String action, String table) {
        return template.statements(role).stream().anyMatch(s -> list(s.get("Action")).contains(action)
                && list(s.get("Resource")).stream().anyMatch(r -> table.equals(getAtt(r, "Arn"))));
    }

    // ------------------------------------------------------------------ alarms

    List<String> readFunctionsHaveAlarms() {
        List<String> problems = new ArrayList<>();
        for (String fn : readFunctions()) {
            List<Map<String, Object>> errors = watching(fn, "AWS/Lambda", "Errors");
            List<Map<String, Object>> duration = watching(fn, "AWS/Lambda", "Duration");
            if (errors.isEmpty()) {
                problems.add("[template] no alarm watches AWS/Lambda Errors of " + fn);
            }
            if (duration.stream().noneMatch(m -> "p99".equals(m.get("ExtendedStatistic")))) {
                problems.add("[template] no alarm watches the p99 of AWS/Lambda Duration of " + fn + " (read latency)");
            }
            for (Object event : map(template.properties(fn).get("Events")).values()) {
                if (!"HttpApi".equals(map(event).get("Type"))) {
                    continue;
                }
                String route = String.valueOf(path(event, "Properties", "Method")).toUpperCase(java.util.Locale.ROOT) + " "
                        + path(event, "Properties", "Path");
                // An event without ApiId is on SAM's implicit API, whose route settings live in Globals.
                String api = ref(path(event, "Properties", "ApiId"));
                String apiId = api == null ? DashboardChecks.IMPLICIT_HTTP_API : api;
                Object settings = api == null ? template.httpApiRouteSettings() : template.properties(api).get("RouteSettings");
                if (watching(null, "AWS/ApiGateway", "5xx").stream().noneMatch(m -> route.equals(dimension(m, "Route"))
                        && apiId.equals(ref(dimension(m, "ApiId"))))) {
                    problems.add("[template] no alarm watches AWS/ApiGateway 5xx of the route " + route + " of " + apiId
                            + " (" + fn + "); it needs DetailedMetricsEnabled in the route's RouteSettings");
                } else if (!Boolean.TRUE.equals(path(settings, route, "DetailedMetricsEnabled"))) {
                    problems.add("[template] an alarm watches AWS/ApiGateway 5xx of " + route + " of " + apiId + ", but its"
                            + " RouteSettings do not set DetailedMetricsEnabled: true, so the metric never exists");
                }
            }
        }
        return problems;
    }

    /** Metrics (an alarm's own, or its metric queries') of {@code namespace/name}, for {@code fn} unless null. */
    private List<Map<String, Object>> watching(String fn, String namespace, String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        template.resources().forEach((id, r) -> {
            if (!"AWS::CloudWatch::Alarm".equals(map(r).get("Type"))) {
                return;
            }
            Map<String, Object> alarm = template.properties(id);
            List<Map<String, Object>> metrics = new ArrayList<>();
            metrics.add(alarm);
            list(alarm.get("Metrics")).forEach(q -> metrics.add(map(path(q, "MetricStat", "Metric"))));
            for (Map<String, Object> m : metrics) {
                if (namespace.equals(m.get("Namespace")) && name.equals(m.get("MetricName"))
                        && (fn == null || fn.equals(ref(dimension(m, "FunctionName"))))
                        && alarm.get("AlarmActions") != null) {
                    out.add(m);
                }
            }
        });
        return out;
    }

    private static Object dimension(Map<String, Object> metric, String name) {
        return list(metric.get("Dimensions")).stream().filter(d -> name.equals(map(d).get("Name")))
                .map(d -> map(d).get("Value")).findFirst().orElse(null);
    }
}
