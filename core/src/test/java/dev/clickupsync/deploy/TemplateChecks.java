package dev.clickupsync.deploy;

import dev.clickupsync.testkit.template.CfnYaml;
import dev.clickupsync.store.Tables;
import dev.clickupsync.infra.secrets.SecretParameters;
import dev.clickupsync.read.ReadTokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.clickupsync.testkit.template.CfnYaml.getAtt;
import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;
import static dev.clickupsync.testkit.template.CfnYaml.path;
import static dev.clickupsync.testkit.template.CfnYaml.ref;

/**
 * The template checked against the code, one method per concern. Each returns the problems it
 * found, phrased as what is missing on which side:
 * <ul>
 *   <li>{@code [template → code]}: the template names something the code does not have;</li>
 *   <li>{@code [code → template]}: the code needs something the template does not provide.</li>
 * </ul>
 * The template is the parsed map of {@link CfnYaml}; the code is {@link CodeFacts}.
 */
final class TemplateChecks {

    /**
     * Environment variables the template may set that are not application config keys, and why.
     * {@code quarkus.*} keys are Quarkus's, not declared by our mappings, so each one is listed here.
     */
    static final Map<String, String> ALLOWED_NON_MAPPED = Map.of(
            "QUARKUS_LAMBDA_HANDLER", "quarkus.lambda.handler: which @Named handler the drain artifact runs",
            "QUARKUS_SQS_ENDPOINT_OVERRIDE", "quarkus.sqs.endpoint-override: LocalStack for sam local",
            "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", "quarkus.dynamodb.endpoint-override: LocalStack for sam local",
            "DISABLE_SIGNAL_HANDLERS", "read by the Quarkus runtime itself (native Lambda), not a config key");

    /**
     * Secret keys whose values come from SSM: those read at start-up, and the read tokens, read by the
     * read API itself (so that it can fail closed instead of failing start-up; {@link ReadTokens}).
     */
    static final List<String> SECRET_KEYS = java.util.stream.Stream.concat(SecretParameters.SECRET_KEYS.stream(),
            java.util.stream.Stream.of(ReadTokens.KEY)).toList();

    /** Applications that must be deployed: every RequestHandler they name needs a function. */
    static final List<String> DEPLOYED_APPS = List.of("ingest", "worker");

    private final Map<String, Object> template;
    private final CodeFacts code;

    TemplateChecks(Map<String, Object> template, CodeFacts code) {
        this.template = template;
        this.code = code;
    }

    // ------------------------------------------------------------------ the template's shape

    /** The parsed template itself. */
    Map<String, Object> template() {
        return template;
    }

    Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    Map<String, Object> resource(String logicalId) {
        return map(resources().get(logicalId));
    }

    String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical ids of the SAM functions, in template order. */
    List<String> functions() {
        List<String> out = new ArrayList<>();
        resources().forEach((id, r) -> {
            if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
                out.add(id);
            }
        });
        return out;
    }

    /** What a function's environment holds: SAM's Globals merged with its own variables. */
    Map<String, Object> environment(String function) {
        Map<String, Object> env = new LinkedHashMap<>(map(path(template, "Globals", "Function", "Environment", "Variables")));
        env.putAll(map(path(properties(function), "Environment", "Variables")));
        return env;
    }

    /** Which application a function runs: the first folder of its CodeUri ({@code worker/target/function.zip} → worker). */
    String app(String function) {
        Object codeUri = properties(function).get("CodeUri");
        if (codeUri == null) {
            codeUri = path(template, "Globals", "Function", "CodeUri");
        }
        if (codeUri instanceof String s && s.contains("/")) {
            return s.substring(0, s.indexOf('/'));
        }
        return null;
    }

    /** A config key's value for a function: its environment, else what its application is built with. */
    Object value(String function, String key) {
        Object env = environment(function).get(CodeFacts.envName(key));
        if (env != null) {
            return env;
        }
        String app = app(function);
        return app == null ? null : code.appValue(app, key);
    }

    /**
     * The stages a stack of this template can be deployed as ({@code Parameters.Stage.AllowedValues},
     * else its {@code Default}): the checks resolve {@code ${Stage}} for each, since what must agree
     * (a function's metrics namespace and its alarms') must agree in every stack. Empty without a
     * {@code Stage} parameter: then {@code ${Stage}} stays as written.
     */
    List<String> stages() {
        Map<String, Object> stage = map(path(template, "Parameters", "Stage"));
        List<String> allowed = list(stage.get("AllowedValues")).stream().map(String::valueOf).toList();
        return !allowed.isEmpty() ? allowed : stage.get("Default") == null ? List.of() : List.of(String.valueOf(stage.get("Default")));
    }

    /**
     * A value as CloudFormation hands it over in a stack of {@code stage}: a literal as written (a
     * {@code ${Stage}} in it stays literal, as CloudFormation leaves it without {@code !Sub}), a
     * {@code !Sub} string with {@code ${Stage}} replaced, {@code !Ref Stage} as the stage. Other
     * placeholders stay as written; null for anything else (an {@code !If}, a {@code !Join}).
     */
    static String resolved(Object value, String stage) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value == null ? null : String.valueOf(value);
        }
        if (stage != null && "Stage".equals(ref(value))) {
            return stage;
        }
        Object sub = map(value).get("Fn::Sub");
        return sub instanceof String s ? (stage == null ? s : s.replace("${Stage}", stage)) : null;
    }

    /** The namespaces the functions emit to in a stack of {@code stage} ({@code sync.metrics.namespace}). */
    Set<String> namespaces(String stage) {
        Set<String> namespaces = new TreeSet<>();
        for (String fn : functions()) {
            namespaces.add(String.valueOf(resolved(value(fn, "sync.metrics.namespace"), stage))); // "null": unreadable
        }
        return namespaces;
    }

    /** {@link #stages()}, or one null stage (nothing resolved) when the template has no Stage parameter. */
    List<String> stagesOrNone() {
        List<String> stages = stages();
        return stages.isEmpty() ? Collections.singletonList(null) : stages;
    }

    /** " (Stage=dev)" for a message about one stage's stack; empty when nothing was resolved. */
    static String inStage(String stage) {
        return stage == null ? "" : " (Stage=" + stage + ")";
    }

    // ------------------------------------------------------------------ 1. handlers

    List<String> handlers() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> selected = new TreeMap<>();
        Set<String> apps = new TreeSet<>(DEPLOYED_APPS);
        for (String fn : functions()) {
            String app = app(fn);
            if (app == null) {
                problems.add("[template] " + fn + " has no literal CodeUri '<app>/...'; cannot tell which application"
                        + " it runs (CodeUri: " + properties(fn).get("CodeUri") + ")");
                continue;
            }
            apps.add(app);
            Map<String, CodeFacts.Handler> named = code.handlers(app);
            Object set = environment(fn).get("QUARKUS_LAMBDA_HANDLER");
            if (set != null && !(set instanceof String)) {
                problems.add("[template] " + fn + " sets QUARKUS_LAMBDA_HANDLER to " + set
                        + "; it must be a literal @Named handler name");
                continue;
            }
            if (set != null && !named.containsKey(set)) {
                problems.add("[template → code] " + fn + " sets QUARKUS_LAMBDA_HANDLER=" + set + ", but the " + app
                        + " app (CodeUri " + properties(fn).get("CodeUri") + ") has no @Named(\"" + set + "\") handler"
                        + (named.isEmpty() ? " (it has none)" : " (it has " + named.keySet() + ")"));
                continue;
            }
            String effective = set != null ? (String) set : code.appProperties(app).get("quarkus.lambda.handler");
            if (effective == null && !named.isEmpty()) {
                problems.add("[code → template] " + fn + " runs the " + app + " app, which has @Named handlers "
                        + named.keySet() + ", but selects none (no QUARKUS_LAMBDA_HANDLER, no quarkus.lambda.handler in "
                        + app + "/src/main/resources/application.properties)");
            }
            if (effective != null) {
                selected.computeIfAbsent(app, a -> new TreeSet<>()).add(effective);
            }
        }
        for (String app : apps) {
            for (CodeFacts.Handler handler : code.handlers(app).values()) {
                if (handler.requestHandler() && !selected.getOrDefault(app, Set.of()).contains(handler.name())) {
                    problems.add("[code → template] @Named(\"" + handler.name() + "\") " + handler.className() + " in the "
                            + app + " app implements RequestHandler, but no function in template.yaml runs it"
                            + " (a function with CodeUri " + app + "/... and QUARKUS_LAMBDA_HANDLER=" + handler.name() + ")");
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ 2. environment ↔ config keys

    /** Every variable the template sets is a key the code declares (or explicitly allowed). */
    List<String> environmentVariablesAreConfigKeys() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (String fn : functions()) {
            for (String variable : environment(fn).keySet()) {
                if (!ALLOWED_NON_MAPPED.containsKey(variable) && code.keyForEnv(variable) == null) {
                    unknown.computeIfAbsent(variable, v -> new TreeSet<>()).add(fn);
                }
                if (SECRET_KEYS.stream().anyMatch(k -> CodeFacts.envName(k).equals(variable))) {
                    problems.add("[template] " + fn + " sets the secret " + variable + " as a plain environment variable"
                            + " (visible in the Lambda console); set " + variable + "_PARAMETER to the name of an SSM"
                            + " SecureString parameter instead");
                }
            }
        }
        unknown.forEach((variable, fns) -> problems.add("[template → code] " + String.join(", ", fns) + " set"
                + (fns.size() == 1 ? "s " : " ") + variable + ", which maps to no config key the code declares"
                + " (no @ConfigMapping or @ConfigProperty key becomes " + variable + ")" + suggestion(variable)));
        return problems;
    }

    private String suggestion(String variable) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CodeFacts.ConfigKey key : code.keys().values()) {
            int d = distance(variable, key.envName());
            if (d < bestDistance) {
                bestDistance = d;
                best = key.envName() + " (" + key.key() + ")";
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best + "?" : "";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * Keys each function must get from the template: every key without a default, and the table
     * names (their defaults are the dev stage's tables).
     */
    Map<String, String> requiredKeys() {
        Map<String, String> required = new TreeMap<>();
        code.keys().values().forEach(k -> {
            if (k.required()) {
                required.put(k.key(), "required, no default; declared by " + k.declaredBy());
            } else if (k.key().startsWith("sync.tables.")) {
                required.put(k.key(), "its default '" + k.defaultValue() + "' is the dev stage's table");
            }
        });
        return required;
    }

    /** The other way: every key a function needs is set for it. */
    List<String> requiredKeysAreSet() {
        List<String> problems = new ArrayList<>();
        Map<String, String> required = requiredKeys();
        for (String fn : functions()) {
            Map<String, Object> env = environment(fn);
            String app = app(fn);
            required.forEach((key, why) -> {
                String variable = CodeFacts.envName(key);
                boolean secret = SECRET_KEYS.contains(key);
                String parameterVariable = CodeFacts.envName(SecretParameters.parameterKey(key));
                Object value = env.get(variable);
                if (value == null && secret) {
                    value = env.get(parameterVariable);
                }
                if (value == null && app != null) {
                    value = code.appProperties(app).get(key);
                }
                if (value == null || "".equals(value)) {
                    problems.add("[code → template] " + fn + " does not set " + (secret ? parameterVariable + " (the SSM"
                            + " parameter holding " + key + ")" : variable + " (" + key + ")") + ": " + why);
                }
            });
        }
        return problems;
    }

    // ------------------------------------------------------------------ 3. secrets from SSM

    private static final Pattern PARAMETER_ARN = Pattern.compile(":parameter\\$\\{(\\w+)}");

    /** Each {@code *_PARAMETER} variable names template parameters its function's role may read and decrypt. */
    List<String> secretParametersAreReadable() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> parameters = map(template.get("Parameters"));
        for (String fn : functions()) {
            Map<String, Object> env = environment(fn);
            for (String key : SECRET_KEYS) {
                String variable = CodeFacts.envName(SecretParameters.parameterKey(key));
                if (!env.containsKey(variable)) {
                    continue;
                }
                List<String> named = CfnYaml.refs(env.get(variable)).stream().filter(parameters::containsKey).toList();
                if (named.isEmpty()) {
                    problems.add("[template] " + fn + " sets " + variable + " to " + env.get(variable)
                            + "; it must !Ref a template parameter holding the SSM parameter name");
                    continue;
                }
                String role = getAtt(properties(fn).get("Role"), "Arn");
                if (role == null) {
                    problems.add("[template] " + fn + " has no Role: !GetAtt <role>.Arn, so its SSM access cannot be checked");
                    continue;
                }
                List<Map<String, Object>> statements = statements(role);
                Set<String> readable = new TreeSet<>();
                boolean decrypt = false;
                for (Map<String, Object> statement : statements) {
                    List<Object> actions = list(statement.get("Action"));
                    if (actions.contains("ssm:GetParameter")) {
                        for (String s : CfnYaml.strings(statement.get("Resource"))) {
                            Matcher m = PARAMETER_ARN.matcher(s);
                            while (m.find()) {
                                readable.add(m.group(1));
                            }
                        }
                    }
                    if (actions.contains("kms:Decrypt") && CfnYaml.strings(statement.get("Condition")).stream()
                            .anyMatch(s -> s.contains("ssm.${AWS::Region}.amazonaws.com"))) {
                        decrypt = true;
                    }
                }
                for (String parameter : named) {
                    if (!readable.contains(parameter)) {
                        problems.add("[template] " + fn + " reads " + key + " from the SSM parameter named by " + parameter
                                + " (" + variable + "), but its role " + role + " allows no ssm:GetParameter on"
                                + " arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${" + parameter + "}");
                    }
                }
                if (!decrypt) {
                    problems.add("[template] " + fn + " reads SecureString " + key + ", but its role " + role
                            + " allows no kms:Decrypt via ssm.${AWS::Region}.amazonaws.com (kms:ViaService)");
                }
            }
        }
        return problems;
    }

    /** Globals.HttpApi.RouteSettings: per-route throttling and metrics, by route key ({@code GET /path}). */
    Map<String, Object> httpApiRouteSettings() {
        return map(path(template, "Globals", "HttpApi", "RouteSettings"));
    }

    List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object policy : list(properties(role).get("Policies"))) {
            for (Object statement : list(path(policy, "PolicyDocument", "Statement"))) {
                out.add(map(statement));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ 4. tables

    List<String> tablesHaveTheKeySchemaTheCodeExpects() {
        List<String> problems = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        for (String fn : functions()) {
            Map<String, Object> env = environment(fn);
            for (CodeFacts.ConfigKey key : code.keys().values()) {
                if (!key.key().startsWith("sync.tables.") || !env.containsKey(key.envName())) {
                    continue;
                }
                String table = ref(env.get(key.envName()));
                if (table == null || !"AWS::DynamoDB::Table".equals(type(table))) {
                    problems.add("[template] " + fn + " sets " + key.envName() + " (" + key.key() + ") to "
                            + env.get(key.envName()) + ", which is not !Ref of an AWS::DynamoDB::Table resource");
                    continue;
                }
                if (checked.add(table)) {
                    problems.addAll(tableSchema(table));
                }
            }
        }
        return problems;
    }

    private List<String> tableSchema(String table) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> p = properties(table);
        Map<String, String> keyTypes = new TreeMap<>();
        list(p.get("KeySchema")).forEach(k -> keyTypes.put(String.valueOf(map(k).get("AttributeName")),
                String.valueOf(map(k).get("KeyType"))));
        Map<String, String> attributeTypes = new TreeMap<>();
        list(p.get("AttributeDefinitions")).forEach(a -> attributeTypes.put(String.valueOf(map(a).get("AttributeName")),
                String.valueOf(map(a).get("AttributeType"))));
        Map<String, String> expectedKeys = Map.of(Tables.PK, "HASH", Tables.SK, "RANGE");
        if (!keyTypes.equals(new TreeMap<>(expectedKeys))) {
            problems.add("[template → code] table " + table + " has KeySchema " + keyTypes + "; the code"
                    + " (dev.clickupsync.store.Tables) reads and writes " + Tables.PK + " (HASH) + " + Tables.SK + " (RANGE)");
        }
        for (String attribute : List.of(Tables.PK, Tables.SK)) {
            if (!"S".equals(attributeTypes.get(attribute))) {
                problems.add("[template → code] table " + table + " defines " + attribute + " as "
                        + attributeTypes.get(attribute) + "; the code (dev.clickupsync.store.Tables) uses strings (S)");
            }
        }
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        if (!Tables.TTL.equals(ttl.get("AttributeName")) || !Boolean.TRUE.equals(ttl.get("Enabled"))) {
            problems.add("[template → code] table " + table + " has TimeToLiveSpecification " + ttl + "; the code"
                    + " (dev.clickupsync.store.Tables.TTL) expires items through " + Tables.TTL + ", enabled");
        }
        return problems;
    }

    // ------------------------------------------------------------------ 5. queues

    /** A queue the code sends to, re-sends deferred messages to and dead-letters from, by its variables. */
    private record QueueSetting(String what, String urlVariable, String deadLetterVariable, String maxReceiveKey,
                                String handler) {
    }

    private static final List<QueueSetting> QUEUES = List.of(
            new QueueSetting("events queue", "SYNC_QUEUE_URL", "SYNC_QUEUE_DEAD_LETTER_URL",
                    "sync.queue.max-receive-count", null),
            new QueueSetting("commands queue", "SYNC_COMMANDS_QUEUE_URL", "SYNC_COMMANDS_QUEUE_DEAD_LETTER_URL",
                    "sync.commands.queue.max-receive-count", "commands"));

    List<String> queuesAndDeadLetterQueue() {
        List<String> problems = new ArrayList<>();
        Set<String> queueKeys = new TreeSet<>();
        code.keys().keySet().stream().filter(k -> k.contains("queue") && k.endsWith("url")).forEach(queueKeys::add);
        for (String fn : functions()) {
            Map<String, Object> env = environment(fn);
            for (String key : queueKeys) {
                String variable = CodeFacts.envName(key);
                if (env.containsKey(variable) && !isQueue(ref(env.get(variable)))) {
                    problems.add("[template] " + fn + " sets " + variable + " (" + key + ") to " + env.get(variable)
                            + ", which is not !Ref of an AWS::SQS::Queue resource (!Ref of a queue is its URL)");
                }
            }
            for (QueueSetting setting : QUEUES) {
                redrive(fn, env, setting, problems);
            }
            String handler = String.valueOf(env.get("QUARKUS_LAMBDA_HANDLER"));
            QueueSetting consumer = QUEUES.stream().filter(q -> handler.equals(q.handler())).findFirst().orElse(QUEUES.get(0));
            String expected = ref(env.get(consumer.urlVariable()));
            if (!isQueue(expected)) {
                continue;
            }
            Map<String, Object> events_ = map(properties(fn).get("Events"));
            events_.forEach((name, event) -> {
                if ("SQS".equals(map(event).get("Type"))) {
                    String consumed = getAtt(path(event, "Properties", "Queue"), "Arn");
                    if (!expected.equals(consumed)) {
                        problems.add("[template] " + fn + "'s SQS event " + name + " consumes "
                                + path(event, "Properties", "Queue") + ", but its " + consumer.urlVariable() + " (where deferred"
                                + " " + (consumer.handler() == null ? "events" : "commands") + " are re-sent) is " + expected);
                    }
                }
            });
        }
        return problems;
    }

    /** The queue a function names for {@code setting} redrives to the DLQ the code dead-letters to, after as many receives. */
    private void redrive(String fn, Map<String, Object> env, QueueSetting setting, List<String> problems) {
        String queue = ref(env.get(setting.urlVariable()));
        if (!isQueue(queue)) {
            return;
        }
        Map<String, Object> redrive = map(properties(queue).get("RedrivePolicy"));
        String dlq = getAtt(redrive.get("deadLetterTargetArn"), "Arn");
        if (!isQueue(dlq)) {
            problems.add("[template → code] the " + setting.what() + " " + queue + " (" + fn + "'s " + setting.urlVariable()
                    + ") has no RedrivePolicy with deadLetterTargetArn: !GetAtt <dead-letter queue>.Arn; the drain relies on"
                    + " SQS's redrive as the backstop for crashes");
            return;
        }
        Object dlqSetting = env.get(setting.deadLetterVariable());
        if (dlqSetting != null && !dlq.equals(ref(dlqSetting))) {
            problems.add("[template] " + fn + " sets " + setting.deadLetterVariable() + " to " + dlqSetting + ", but the "
                    + setting.what() + " " + queue + " redrives to " + dlq);
        }
        if (dlqSetting == null && !Objects.equals(queueName(queue) + "-dlq", queueName(dlq))) {
            problems.add("[code → template] " + fn + " does not set " + setting.deadLetterVariable() + ", so the code uses the "
                    + setting.what() + "'s URL + '-dlq', but the DLQ " + dlq + " is named " + properties(dlq).get("QueueName"));
        }
        if (setting.handler() != null && !setting.handler().equals(env.get("QUARKUS_LAMBDA_HANDLER"))) {
            return; // only the function that consumes this queue dead-letters from it
        }
        Object maxReceive = value(fn, setting.maxReceiveKey());
        if (!Objects.equals(String.valueOf(maxReceive), String.valueOf(redrive.get("maxReceiveCount")))) {
            problems.add("[template] " + fn + " runs with " + setting.maxReceiveKey() + "=" + maxReceive + ", but the "
                    + setting.what() + " " + queue + " redrives after maxReceiveCount=" + redrive.get("maxReceiveCount")
                    + "; the drain dead-letters with a reason on the last receive only if the two agree");
        }
    }

    /** A queue's QueueName as written: a literal or the string of its !Sub. */
    private String queueName(String queue) {
        Object name = properties(queue).get("QueueName");
        return name instanceof String s ? s : String.valueOf(map(name).get("Fn::Sub"));
    }

    private boolean isQueue(String logicalId) {
        return logicalId != null && "AWS::SQS::Queue".equals(type(logicalId));
    }

    // ------------------------------------------------------------------ 6. metrics and alarms

    /**
     * Stacks of different stages emit to different namespaces: two stacks in one account and region
     * (dev and prod) writing one namespace would share every metric, so one stack's failures would fire
     * the other's alarms, show on its dashboard and count in its admin status.
     */
    List<String> namespaceIsPerStage() {
        List<String> stages = stages();
        if (stages.size() < 2) {
            return List.of();
        }
        Map<String, Set<String>> byNamespace = new TreeMap<>();
        for (String stage : stages) {
            namespaces(stage).forEach(ns -> byNamespace.computeIfAbsent(ns, k -> new TreeSet<>()).add(stage));
        }
        List<String> problems = new ArrayList<>();
        byNamespace.forEach((ns, shared) -> {
            if (shared.size() > 1) {
                problems.add("[template] the stacks of Stage " + shared + " all emit to namespace " + ns
                        + " (sync.metrics.namespace): stacks in one account would share their metrics, so one's"
                        + " failures fire the other's alarms; name the stage in it (!Sub ClickUpSync/${Stage})");
            }
        });
        return problems;
    }

    List<String> alarmsWatchMetricsTheCodeEmits() {
        List<String> problems = new ArrayList<>();
        Map<String, String> services = new TreeMap<>();
        for (String fn : functions()) {
            services.put(fn, String.valueOf(value(fn, "sync.metrics.service")));
        }
        resources().forEach((alarm, r) -> {
            if (!"AWS::CloudWatch::Alarm".equals(map(r).get("Type"))) {
                return;
            }
            List<Map<String, Object>> watched = new ArrayList<>();
            watched.add(properties(alarm));
            for (Object query : list(properties(alarm).get("Metrics"))) {
                Object metric = path(query, "MetricStat", "Metric");
                if (metric != null) {
                    watched.add(map(metric));
                }
            }
            for (Map<String, Object> metric : watched) {
                Object name = metric.get("MetricName");
                String ns = resolved(metric.get("Namespace"), null);
                if (ns == null || ns.startsWith("AWS/") || name == null) {
                    continue;
                }
                problems.addAll(namespaceWatched(n -> "alarm " + alarm + " watches namespace " + n, metric.get("Namespace")));
                if (!code.metrics().contains(String.valueOf(name))) {
                    problems.add("[template → code] alarm " + alarm + " watches " + ns + "/" + name + ", but no code in"
                            + " core/src/main/java emits it (Metrics.increment/record(\"" + name + "\" ...))"
                            + suggestMetric(String.valueOf(name)));
                }
                Map<String, Object> dimensions = new TreeMap<>();
                list(metric.get("Dimensions")).forEach(d -> dimensions.put(String.valueOf(map(d).get("Name")),
                        map(d).get("Value")));
                Object service = dimensions.get("Service");
                if (service == null) {
                    problems.add("[template → code] alarm " + alarm + " watches " + name + " without the Service dimension;"
                            + " every metric the code emits carries Service (the function's sync.metrics.service)");
                } else if (!services.containsValue(String.valueOf(service))) {
                    problems.add("[template → code] alarm " + alarm + " watches " + name + "{Service=" + service + "}, but"
                            + " no function emits Service=" + service + " (functions and their sync.metrics.service: "
                            + services + ")");
                }
            }
        });
        return problems;
    }

    /**
     * The problem, if any, with a namespace an alarm or dashboard reads ({@code what} says which): in
     * the stack of every stage it must be the one the functions emit to. Reported once, for the first
     * stage where it is not (an alarm on {@code ClickUpSync/prod} is wrong in the dev stack).
     * {@code what} describes the reader, given the namespace it reads in that stack.
     */
    List<String> namespaceWatched(UnaryOperator<String> what, Object namespace) {
        for (String stage : stagesOrNone()) {
            String ns = resolved(namespace, stage);
            Set<String> emitted = namespaces(stage);
            if (!emitted.contains(ns)) {
                return List.of("[template → code] " + what.apply(ns) + inStage(stage) + ", but the functions emit to "
                        + emitted + " (sync.metrics.namespace)");
            }
        }
        return List.of();
    }

    private String suggestMetric(String name) {
        return code.metrics().stream().filter(m -> distance(m, name) <= 3).findFirst()
                .map(m -> "; did you mean " + m + "?").orElse("");
    }

    // ------------------------------------------------------------------ 7. events/env.local.json, localstack

    /** {@code sam local} only overrides variables the template declares: the file must set exactly those. */
    List<String> localEnvironmentMatches(Map<String, Map<String, Object>> envLocal) {
        List<String> problems = new ArrayList<>();
        for (String fn : functions()) {
            Map<String, Object> local = envLocal.get(fn);
            if (local == null) {
                problems.add("[template → env.local.json] events/env.local.json has no entry for " + fn);
                continue;
            }
            Set<String> missing = new TreeSet<>(environment(fn).keySet());
            missing.removeAll(local.keySet());
            Set<String> extra = new TreeSet<>(local.keySet());
            extra.removeAll(environment(fn).keySet());
            if (!missing.isEmpty()) {
                problems.add("[template → env.local.json] events/env.local.json " + fn + " lacks " + missing
                        + ", which template.yaml sets (sam local would use the template's values)");
            }
            if (!extra.isEmpty()) {
                problems.add("[env.local.json → template] events/env.local.json " + fn + " sets " + extra
                        + ", which template.yaml does not declare for it (sam local ignores them)");
            }
        }
        envLocal.keySet().stream().filter(fn -> !functions().contains(fn)).forEach(fn -> problems.add(
                "[env.local.json → template] events/env.local.json has an entry for " + fn + ", which is no function in"
                        + " template.yaml"));
        return problems;
    }

    /** The parameters {@code env.local.json} names exist in LocalStack's init script, as SecureStrings. */
    static List<String> localParametersExist(Map<String, Map<String, Object>> envLocal, String initScript, String stage) {
        List<String> problems = new ArrayList<>();
        String script = initScript.replace("${STAGE}", stage);
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("put_secure_string\\s+\"([^\"]+)\"").matcher(script);
        while (m.find()) {
            created.add(m.group(1));
        }
        envLocal.forEach((fn, env) -> env.forEach((variable, value) -> {
            if (variable.endsWith("_PARAMETER") && value instanceof String name && !name.isBlank() && !created.contains(name)) {
                problems.add("[env.local.json → localstack] " + fn + " reads " + variable + "=" + name + ", but"
                        + " localstack/init/ready.d creates no SecureString of that name (it creates " + created + ")");
            }
        }));
        return problems;
    }
}
