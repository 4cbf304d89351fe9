package dev.clickupsync.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.clickupsync.testkit.template.CfnYaml.getAtt;
import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;
import static dev.clickupsync.testkit.template.CfnYaml.path;
import static dev.clickupsync.testkit.template.CfnYaml.ref;

/**
 * The operator console's deployment (issue #18) checked, in the style of {@link TemplateChecks}. The
 * console is opt-in and must not weaken the IAM-protected admin API, so:
 * <ul>
 *   <li><b>opt-in</b>: {@code AdminConsole} defaults to {@code disabled}; every resource and output that
 *       names a console resource or the token parameter carries {@code Condition: HasAdminConsole}, and
 *       an unconditional one may name them only inside {@code Fn::If [HasAdminConsole, ...]} (the admin
 *       role's log group and parameter);</li>
 *   <li><b>two doors, kept apart</b>: the console API has no IAM authorizer and only the console
 *       function's routes; the console function is routed on the console API only; no other API routes a
 *       {@code /console} path, and every {@code /admin} route elsewhere keeps {@code AWS_IAM};</li>
 *   <li><b>what the page needs, nothing more</b>: the console's routes are its page and exactly the admin
 *       calls in {@code console.js}, each also an IAM route of the admin function (same paths);</li>
 *   <li><b>the same function, another door</b>: the console function runs the admin function's code,
 *       role and variables, except that it checks the token itself ({@code SYNC_ADMIN_AUTH=token}, the
 *       token's SSM parameter named); the role may write its log group; an alarm watches its errors.</li>
 * </ul>
 */
final class ConsoleChecks {
    static final String FUNCTION = "ConsoleFunction";
    static final String API = "ConsoleApi";
    static final String ADMIN = "AdminFunction";
    static final String CONDITION = "HasAdminConsole";
    static final String SWITCH = "AdminConsole";
    static final String TOKEN_PARAMETER = "AdminConsoleTokenParameter";
    static final String PAGE_ROUTE = "GET /console/{proxy+}";
    /** The page's script, relative to the repository (core's jar carries it to the local run and the ingest zip). */
    static final String SCRIPT = "core/src/main/resources/META-INF/resources/console/console.js";

    /** {@code admin('GET', '/admin/status')} in console.js: the method and the path up to a query. */
    private static final Pattern ADMIN_CALL = Pattern.compile("admin\\(\\s*'([A-Z]+)'\\s*,\\s*'(/admin/[^'?]+)");

    private final TemplateChecks template;

    ConsoleChecks(TemplateChecks template) {
        this.template = template;
    }

    /** The admin routes {@code console.js} calls, as {@code "METHOD /path"}. */
    static Set<String> adminCalls(String script) {
        Set<String> calls = new TreeSet<>();
        Matcher m = ADMIN_CALL.matcher(script);
        while (m.find()) {
            calls.add(m.group(1) + " " + m.group(2));
        }
        return calls;
    }

    /** A function's HttpApi events: route key ({@code "GET /path"}) → the event's properties. */
    Map<String, Map<String, Object>> routes(String fn) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map(template.properties(fn).get("Events")).forEach((name, event) -> {
            if ("HttpApi".equals(map(event).get("Type"))) {
                Map<String, Object> p = map(path(event, "Properties"));
                out.put(String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT) + " " + p.get("Path") + " (" + name + ")", p);
            }
        });
        return out;
    }

    private static String routeKey(String described) {
        return described.substring(0, described.lastIndexOf(" ("));
    }

    // ------------------------------------------------------------------ opt-in

    List<String> consoleExistsOnlyUnderItsCondition() {
        List<String> problems = new ArrayList<>();
        if (!"disabled".equals(path(template.template(), "Parameters", SWITCH, "Default"))) {
            problems.add("[template] parameter " + SWITCH + " must default to disabled: the console is opt-in");
        }
        Object condition = path(template.template(), "Conditions", CONDITION);
        if (!Map.of("Fn::Equals", List.of(Map.of("Ref", SWITCH), "enabled")).equals(condition)) {
            problems.add("[template] Conditions." + CONDITION + " must be !Equals [!Ref " + SWITCH + ", enabled], not " + condition);
        }
        Set<String> conditional = new TreeSet<>();
        template.resources().forEach((id, r) -> {
            if (CONDITION.equals(map(r).get("Condition"))) {
                conditional.add(id);
            }
        });
        for (String required : List.of(API, FUNCTION)) {
            if (!conditional.contains(required)) {
                problems.add("[template] " + required + " must exist with Condition: " + CONDITION);
            }
        }
        Set<String> guarded = new TreeSet<>(conditional);
        guarded.add(TOKEN_PARAMETER);
        Map<String, Object> everything = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> everything.put(id, r));
        map(template.template().get("Outputs")).forEach((id, o) -> everything.put("output " + id, o));
        everything.forEach((id, value) -> {
            if (CONDITION.equals(map(value).get("Condition"))) {
                return;
            }
            Set<String> named = new TreeSet<>();
            unguardedNames(value, guarded, named);
            if (!named.isEmpty()) {
                problems.add("[template] " + id + " names " + named + " without Condition: " + CONDITION + " (or an"
                        + " !If [" + CONDITION + ", ..., !Ref AWS::NoValue] around it): with the console disabled the"
                        + " stack would not deploy, or would carry part of the console");
            }
        });
        return problems;
    }

    /** Names in {@code guarded} that {@code value} refers to (Ref, GetAtt, ${...}) outside an Fn::If on the condition. */
    private static void unguardedNames(Object value, Set<String> guarded, Set<String> out) {
        if (value instanceof Map<?, ?> m) {
            Object ifArgs = m.get("Fn::If");
            if (ifArgs != null && !list(ifArgs).isEmpty() && CONDITION.equals(list(ifArgs).get(0))) {
                return;
            }
            List<Object> att = list(m.get("Fn::GetAtt"));
            for (String name : guarded) {
                if (name.equals(m.get("Ref")) || (!att.isEmpty() && name.equals(att.get(0)))) {
                    out.add(name);
                }
            }
            m.values().forEach(v -> unguardedNames(v, guarded, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> unguardedNames(v, guarded, out));
        } else if (value instanceof String s) {
            guarded.stream().filter(name -> s.contains("${" + name + "}") || s.contains("${" + name + ".")).forEach(out::add);
        }
    }

    // ------------------------------------------------------------------ two doors

    List<String> theDoorsAreKeptApart() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> auth = map(template.properties(API).get("Auth"));
        if (Boolean.TRUE.equals(auth.get("EnableIamAuthorizer")) || auth.get("DefaultAuthorizer") != null) {
            problems.add("[template] " + API + " enables an authorizer (" + auth + "): the console's browser cannot sign"
                    + " SigV4, and the token is the console function's check");
        }
        for (String fn : template.functions()) {
            routes(fn).forEach((route, p) -> {
                boolean onConsoleApi = API.equals(ref(p.get("ApiId")));
                Object authorizer = path(p, "Auth", "Authorizer");
                String path = String.valueOf(p.get("Path"));
                if (onConsoleApi && !fn.equals(FUNCTION)) {
                    problems.add("[template] " + fn + " is routed " + route + " on " + API + ": only " + FUNCTION + " serves it");
                }
                if (onConsoleApi && authorizer != null && !"NONE".equals(authorizer)) {
                    problems.add("[template] " + FUNCTION + "'s route " + route + " on " + API + " uses the authorizer "
                            + authorizer + "; the console API authorizes nobody by IAM (the function checks the token)");
                }
                if (fn.equals(FUNCTION) && !onConsoleApi) {
                    problems.add("[template] " + FUNCTION + " is routed " + route + " outside " + API + " (ApiId: "
                            + p.get("ApiId") + "): its token check would become a second door to that API's admin routes");
                }
                if (!onConsoleApi && path.startsWith("/console")) {
                    problems.add("[template] " + fn + " is routed " + route + ", a console path, outside " + API);
                }
                if (!onConsoleApi && path.startsWith("/admin") && !"AWS_IAM".equals(authorizer)) {
                    problems.add("[template] " + fn + "'s admin route " + route + " is outside " + API + " without"
                            + " Auth.Authorizer: AWS_IAM");
                }
            });
        }
        return problems;
    }

    // ------------------------------------------------------------------ what the page needs

    List<String> theRoutesAreWhatThePageCalls(String script) {
        List<String> problems = new ArrayList<>();
        Set<String> calls = adminCalls(script);
        if (calls.isEmpty()) {
            problems.add("[code] console.js calls no admin('METHOD', '/admin/...') this check can read");
        }
        Set<String> expected = new TreeSet<>(calls);
        expected.add(PAGE_ROUTE);
        Set<String> routed = new TreeSet<>();
        routes(FUNCTION).keySet().forEach(r -> routed.add(routeKey(r)));
        Set<String> iam = new TreeSet<>();
        routes(ADMIN).keySet().forEach(r -> iam.add(routeKey(r)));
        for (String call : expected) {
            if (!routed.contains(call)) {
                problems.add("[code → template] the console page needs " + call + ", but " + FUNCTION + " is not routed it");
            }
            if (!call.equals(PAGE_ROUTE) && !iam.contains(call)) {
                problems.add("[code → template] the console calls " + call + ", which is no route of " + ADMIN
                        + " (the console keeps the IAM API's paths)");
            }
        }
        for (String route : routed) {
            if (!expected.contains(route)) {
                problems.add("[template → code] " + FUNCTION + " is routed " + route + ", which the console page never"
                        + " calls: the console API serves the page and its calls only");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ the same function

    List<String> theConsoleIsTheAdminFunctionWithATokenDoor() {
        List<String> problems = new ArrayList<>();
        for (String property : List.of("CodeUri", "Role")) {
            if (!java.util.Objects.equals(template.properties(FUNCTION).get(property), template.properties(ADMIN).get(property))) {
                problems.add("[template] " + FUNCTION + "'s " + property + " differs from " + ADMIN + "'s: the console is"
                        + " the admin function's code and permissions behind another door");
            }
        }
        Map<String, Object> console = new LinkedHashMap<>(template.environment(FUNCTION));
        Map<String, Object> admin = new LinkedHashMap<>(template.environment(ADMIN));
        if (!"token".equals(console.remove("SYNC_ADMIN_AUTH"))) {
            problems.add("[template] " + FUNCTION + " must set SYNC_ADMIN_AUTH: token (its API has no IAM authorizer)");
        }
        if (!TOKEN_PARAMETER.equals(ref(console.remove("SYNC_ADMIN_TOKEN_PARAMETER")))) {
            problems.add("[template] " + FUNCTION + " must set SYNC_ADMIN_TOKEN_PARAMETER: !Ref " + TOKEN_PARAMETER);
        }
        admin.remove("SYNC_ADMIN_AUTH");
        if (!console.equals(admin)) {
            Set<String> differing = new TreeSet<>(console.keySet());
            differing.addAll(admin.keySet());
            differing.removeIf(k -> java.util.Objects.equals(console.get(k), admin.get(k)));
            problems.add("[template] " + FUNCTION + "'s variables differ from " + ADMIN + "'s in " + differing
                    + " (only SYNC_ADMIN_AUTH and SYNC_ADMIN_TOKEN_PARAMETER may)");
        }
        String role = getAtt(template.properties(FUNCTION).get("Role"), "Arn");
        String logGroup = "ConsoleLogGroup";
        boolean logs = role != null && template.statements(role).stream().anyMatch(s -> list(s.get("Action")).contains(
                "logs:PutLogEvents") && dev.clickupsync.testkit.template.CfnYaml.strings(s.get("Resource")).contains(logGroup));
        if (!logs) {
            problems.add("[template] " + FUNCTION + "'s role " + role + " may not write " + logGroup);
        }
        boolean alarmed = template.resources().keySet().stream().filter(id -> "AWS::CloudWatch::Alarm".equals(template.type(id)))
                .anyMatch(id -> template.properties(id).get("AlarmActions") != null && watches(template.properties(id)));
        if (!alarmed) {
            problems.add("[template] no alarm (with AlarmActions) watches AWS/Lambda Errors of " + FUNCTION);
        }
        return problems;
    }

    private static boolean watches(Map<String, Object> alarm) {
        List<Map<String, Object>> metrics = new ArrayList<>();
        metrics.add(alarm);
        list(alarm.get("Metrics")).forEach(q -> metrics.add(map(path(q, "MetricStat", "Metric"))));
        return metrics.stream().anyMatch(m -> "AWS/Lambda".equals(m.get("Namespace")) && "Errors".equals(m.get("MetricName"))
                && list(m.get("Dimensions")).stream().anyMatch(d -> FUNCTION.equals(ref(map(d).get("Value")))));
    }
}
