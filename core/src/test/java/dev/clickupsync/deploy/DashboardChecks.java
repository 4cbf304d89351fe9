package dev.clickupsync.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;
import static dev.clickupsync.testkit.template.CfnYaml.path;

/**
 * The CloudWatch dashboards of the template checked against the code (issue #18): the body of each
 * {@code AWS::CloudWatch::Dashboard} is parsed as the JSON CloudWatch reads (after {@code Fn::Sub}),
 * and every metric a widget names must be one that shows data once deployed:
 * <ul>
 *   <li>a metric of the functions' namespace that the code emits ({@link EmittedMetrics}), with one of
 *   the exact dimension sets it is emitted with and a {@code Service} some function uses;</li>
 *   <li>or an AWS service metric ({@link #AWS_METRICS}) whose dimensions point at a resource of the
 *   template by {@code ${Resource}} / {@code ${Resource.Attribute}} (an HTTP API {@code Route} only
 *   where the route has detailed metrics on).</li>
 * </ul>
 * Rows are read as CloudWatch reads them: {@code [namespace, name, dim, value, ..., {options}]},
 * {@code "."} repeating the previous row's item; math rows ({@code {"expression": ...}}) may only
 * name ids of their widget, and a {@code SEARCH('{namespace,dim,...} MetricName="X" ...')} counts as
 * a row of metric X with those dimensions. Namespaces are read as written in the body ({@code
 * ClickUpSync/${Stage}}) and must resolve, for every stage, to the one the functions emit to
 * ({@link TemplateChecks#namespaceWatched}). Every {@code ${...}} must name a parameter, a pseudo
 * parameter or a resource, and every metric widget's region must be {@code ${AWS::Region}}.
 */
final class DashboardChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\(\\s*'([^']*)'");
    /** {@code {namespace,dim,...}}, whose namespace may hold a placeholder: {@code {"ClickUpSync/${Stage}",Reason}}. */
    private static final Pattern SCHEMA = Pattern.compile("\\{((?:\\$\\{[^}]*}|[^{}])*)}");
    private static final Pattern TERM = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-z][A-Za-z0-9_]*)\\b");
    private static final Set<String> PSEUDO = Set.of("AWS::Region", "AWS::AccountId", "AWS::Partition",
            "AWS::URLSuffix", "AWS::StackName", "AWS::StackId");
    /** SAM's implicit HTTP API, which exists once a function has an HttpApi event. */
    static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    /** An AWS namespace's metrics a dashboard may show, and the dimension sets they are published with. */
    record AwsNamespace(Set<String> metrics, List<Set<String>> dimensionSets) {
    }

    static final Map<String, AwsNamespace> AWS_METRICS = Map.of(
            "AWS/SQS", new AwsNamespace(Set.of("ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible",
                    "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed", "NumberOfMessagesSent",
                    "NumberOfMessagesReceived", "NumberOfMessagesDeleted"), List.of(Set.of("QueueName"))),
            "AWS/Lambda", new AwsNamespace(Set.of("Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions"),
                    List.of(Set.of("FunctionName"), Set.of("FunctionName", "Resource"))),
            // HTTP APIs: per API, per stage, and per route with detailed metrics.
            "AWS/ApiGateway", new AwsNamespace(Set.of("Count", "4xx", "5xx", "Latency", "IntegrationLatency"),
                    List.of(Set.of("ApiId"), Set.of("ApiId", "Stage"), Set.of("ApiId", "Stage", "Route"))));

    /** One metric a widget shows; {@code dimensions} values are null where a SEARCH leaves them open. */
    record Shown(String dashboard, String widget, String namespace, String name, Map<String, String> dimensions) {
        String describe() {
            return "dashboard " + dashboard + " widget '" + widget + "' shows " + namespace + "/" + name + dimensions;
        }
    }

    private final TemplateChecks template;
    private final CodeFacts code;

    DashboardChecks(TemplateChecks template, CodeFacts code) {
        this.template = template;
        this.code = code;
    }

    List<String> dashboards() {
        List<String> out = new ArrayList<>();
        template.resources().forEach((id, r) -> {
            if ("AWS::CloudWatch::Dashboard".equals(map(r).get("Type"))) {
                out.add(id);
            }
        });
        return out;
    }

    /** Every metric the dashboards show, in order; problems reading them go to {@code problems}. */
    List<Shown> shown(List<String> problems) {
        List<Shown> out = new ArrayList<>();
        for (String dashboard : dashboards()) {
            JsonNode body = body(dashboard, problems);
            if (body == null) {
                continue;
            }
            for (JsonNode widget : body.path("widgets")) {
                if ("metric".equals(widget.path("type").asText())) {
                    out.addAll(widget(dashboard, widget.path("properties"), problems));
                }
            }
        }
        return out;
    }

    /** The dashboard's body as CloudWatch parses it, its placeholders checked. */
    private JsonNode body(String dashboard, List<String> problems) {
        Object body = template.properties(dashboard).get("DashboardBody");
        Object sub = map(body).get("Fn::Sub");
        String text = body instanceof String s ? s : sub instanceof String s ? s
                : !list(sub).isEmpty() && list(sub).get(0) instanceof String s ? s : null;
        if (text == null) {
            problems.add("[template] dashboard " + dashboard + " has no DashboardBody string (write it as !Sub |)");
            return null;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (sub == null) {
                problems.add("[template] dashboard " + dashboard + "'s body has ${" + placeholder.group(1) + "} but is no !Sub");
            } else if (!resolvable(placeholder.group(1))
                    && !(list(sub).size() == 2 && map(list(sub).get(1)).containsKey(placeholder.group(1)))) {
                problems.add("[template] dashboard " + dashboard + " names ${" + placeholder.group(1) + "}, which is no"
                        + " parameter, pseudo parameter or resource of the template (Fn::Sub would fail)");
            }
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("[template] dashboard " + dashboard + "'s body is not JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private boolean resolvable(String name) {
        String resource = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return PSEUDO.contains(name) || map(path(templateMap(), "Parameters")).containsKey(name)
                || template.resources().containsKey(resource) || (resource.equals(IMPLICIT_HTTP_API) && hasHttpApiEvent());
    }

    private Map<String, Object> templateMap() {
        return template.template();
    }

    private boolean hasHttpApiEvent() {
        return template.functions().stream().anyMatch(fn -> map(template.properties(fn).get("Events")).values().stream()
                .anyMatch(e -> "HttpApi".equals(map(e).get("Type"))));
    }

    private List<Shown> widget(String dashboard, JsonNode properties, List<String> problems) {
        String title = properties.path("title").asText("(untitled)");
        List<Shown> out = new ArrayList<>();
        if (!"${AWS::Region}".equals(properties.path("region").asText())) {
            problems.add("[template] dashboard " + dashboard + " widget '" + title + "' has region '"
                    + properties.path("region").asText() + "'; ${AWS::Region} shows the stack's own region");
        }
        Set<String> ids = new TreeSet<>();
        List<String> expressions = new ArrayList<>();
        List<String> previous = List.of();
        for (JsonNode row : properties.path("metrics")) {
            List<String> items = new ArrayList<>();
            JsonNode options = null;
            for (JsonNode item : row) {
                if (item.isObject()) {
                    options = item;
                } else {
                    items.add(items.size() < previous.size() && ".".equals(item.asText()) ? previous.get(items.size())
                            : item.asText());
                }
            }
            if (options != null && options.hasNonNull("id")) {
                ids.add(options.get("id").asText());
            }
            if (items.isEmpty() && options != null && options.hasNonNull("expression")) {
                expressions.add(options.get("expression").asText());
                continue;
            }
            if (items.size() < 2 || items.size() % 2 != 0) {
                problems.add("[template] dashboard " + dashboard + " widget '" + title + "' has a row " + row
                        + " that is not [namespace, name, dimension, value, ...]");
                continue;
            }
            Map<String, String> dimensions = new TreeMap<>();
            for (int i = 2; i < items.size(); i += 2) {
                dimensions.put(items.get(i), items.get(i + 1));
            }
            out.add(new Shown(dashboard, title, items.get(0), items.get(1), dimensions));
            previous = items;
        }
        for (String expression : expressions) {
            out.addAll(searches(dashboard, title, expression, problems));
            String unquoted = expression.replaceAll("'[^']*'|\"[^\"]*\"", "''");
            Matcher id = IDENTIFIER.matcher(unquoted);
            while (id.find()) {
                if (!ids.contains(id.group(1))) {
                    problems.add("[template] dashboard " + dashboard + " widget '" + title + "': expression " + expression
                            + " names " + id.group(1) + ", which is no id of the widget's rows " + ids);
                }
            }
        }
        return out;
    }

    private List<Shown> searches(String dashboard, String title, String expression, List<String> problems) {
        List<Shown> out = new ArrayList<>();
        Matcher search = SEARCH.matcher(expression);
        while (search.find()) {
            Matcher schema = SCHEMA.matcher(search.group(1));
            Map<String, String> terms = new LinkedHashMap<>();
            Matcher term = TERM.matcher(search.group(1));
            while (term.find()) {
                terms.put(term.group(1), term.group(2));
            }
            if (!schema.find() || !terms.containsKey("MetricName")) {
                problems.add("[template] dashboard " + dashboard + " widget '" + title + "': " + search.group(1)
                        + " needs a schema {namespace,dimension,...} and MetricName=\"...\" for this check to read it");
                continue;
            }
            List<String> parts = List.of(schema.group(1).split(","));
            Map<String, String> dimensions = new TreeMap<>();
            parts.subList(1, parts.size()).forEach(d -> dimensions.put(d.strip().replace("\"", ""),
                    terms.get(d.strip().replace("\"", ""))));
            out.add(new Shown(dashboard, title, parts.get(0).strip().replace("\"", ""), terms.get("MetricName"), dimensions));
        }
        return out;
    }

    /** Every metric shown is one the code emits with those dimensions, or an AWS metric of a template resource. */
    List<String> dashboardsShowMetricsThatExist() {
        List<String> problems = new ArrayList<>();
        Map<String, String> services = new TreeMap<>();
        for (String fn : template.functions()) {
            services.put(fn, String.valueOf(template.value(fn, "sync.metrics.service")));
        }
        for (Shown shown : shown(problems)) {
            if (shown.namespace().startsWith("AWS/")) {
                problems.addAll(awsMetric(shown));
                continue;
            }
            // The body is one !Sub: its namespace resolves per stage like an alarm's !Sub.
            problems.addAll(template.namespaceWatched(ns -> new Shown(shown.dashboard(), shown.widget(), ns, shown.name(),
                    shown.dimensions()).describe(), Map.of("Fn::Sub", shown.namespace())));
            Set<Set<String>> emitted = code.emitted().dimensionSets(shown.name());
            if (emitted.isEmpty()) {
                problems.add("[template → code] " + shown.describe() + ", but no code in core/src/main/java emits it"
                        + " (Metrics.increment/record(\"" + shown.name() + "\" ...))" + suggest(shown.name()));
            } else if (!emitted.contains(shown.dimensions().keySet())) {
                problems.add("[template → code] " + shown.describe() + ", but the code emits " + shown.name()
                        + " with the dimensions " + emitted + " only (CloudWatch matches a dimension set exactly)");
            }
            String service = shown.dimensions().get(EmittedMetrics.SERVICE);
            if (service != null && !services.containsValue(service)) {
                problems.add("[template → code] " + shown.describe() + ", but no function emits Service=" + service
                        + " (functions and their sync.metrics.service: " + services + ")");
            }
        }
        return problems;
    }

    private String suggest(String name) {
        return code.metrics().stream().filter(m -> TemplateChecks.distance(m, name) <= 3).findFirst()
                .map(m -> "; did you mean " + m + "?").orElse("");
    }

    private List<String> awsMetric(Shown shown) {
        List<String> problems = new ArrayList<>();
        AwsNamespace known = AWS_METRICS.get(shown.namespace());
        if (known == null || !known.metrics().contains(shown.name())) {
            problems.add("[template] " + shown.describe() + ", which this check does not know as an AWS metric"
                    + " (DashboardChecks.AWS_METRICS: " + (known == null ? AWS_METRICS.keySet() : known.metrics()) + ")");
            return problems;
        }
        if (!known.dimensionSets().contains(shown.dimensions().keySet())) {
            problems.add("[template] " + shown.describe() + ", but " + shown.namespace() + " publishes it with the"
                    + " dimensions " + known.dimensionSets() + " only");
        }
        shown.dimensions().forEach((dimension, value) -> {
            String expected = switch (dimension) {
                case "QueueName" -> placeholderOf(value, "AWS::SQS::Queue", ".QueueName");
                case "FunctionName" -> placeholderOf(value, "AWS::Serverless::Function", "");
                case "ApiId" -> IMPLICIT_HTTP_API.equals(inner(value)) && hasHttpApiEvent() ? null
                        : placeholderOf(value, "AWS::Serverless::HttpApi", "") == null ? null
                        : "${" + IMPLICIT_HTTP_API + "} (SAM's HTTP API of the functions' HttpApi events) or ${<an"
                        + " AWS::Serverless::HttpApi resource>}";
                case "Stage" -> "$default".equals(value) ? null : "$default (the HTTP API's only stage)";
                case "Route" -> Boolean.TRUE.equals(path(routeSettings(shown.dimensions().get("ApiId")).get(value),
                        "DetailedMetricsEnabled")) ? null : "a route of its API's RouteSettings (Globals.HttpApi's for"
                        + " the implicit API) with DetailedMetricsEnabled: true (HTTP APIs publish per-route metrics only then)";
                default -> null;
            };
            if (expected != null) {
                problems.add("[template] " + shown.describe() + ": " + dimension + "=" + value + " should be " + expected);
            }
        });
        return problems;
    }

    /** The route settings of the HTTP API a dashboard line names: an explicit API's own, else the implicit one's (Globals). */
    private Map<String, Object> routeSettings(String apiId) {
        String api = inner(apiId);
        if (api != null && !IMPLICIT_HTTP_API.equals(api) && template.resources().containsKey(api)) {
            Object own = template.properties(api).get("RouteSettings");
            return own instanceof Map<?, ?> m ? castMap(m) : Map.of();
        }
        return template.httpApiRouteSettings();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** Null when {@code value} is {@code ${X<suffix>}} with X a resource of {@code type}, else what it should be. */
    private String placeholderOf(String value, String type, String suffix) {
        String inner = inner(value);
        if (inner != null && inner.endsWith(suffix)) {
            String resource = inner.substring(0, inner.length() - suffix.length());
            if (template.resources().containsKey(resource) && type.equals(template.type(resource))) {
                return null;
            }
        }
        return "${<" + type + " resource>" + suffix + "}";
    }

    private static String inner(String value) {
        return value != null && value.startsWith("${") && value.endsWith("}") ? value.substring(2, value.length() - 1) : null;
    }
}
