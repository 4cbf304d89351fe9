package dev.clickupsync.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;
import static dev.clickupsync.testkit.template.CfnYaml.path;

/**
 * What a deploy with the template's defaults runs (issue #18): {@code ./mvnw package} builds the
 * JVM zip, so the default must be {@code java21} with SnapStart on published versions behind an
 * alias, on {@code arm64}; one parameter ({@code Runtime=native}) switches to {@code provided.al2023}
 * without SnapStart. And no {@code Tracing: Active} or X-Ray permission while the code has no
 * tracing instrumentation (docs/deploy.md, Tracing).
 *
 * <p>The Globals are evaluated the way CloudFormation would with given parameter values
 * ({@link #resolve}): {@code Ref} to a parameter, {@code Fn::If} on a condition, and the
 * {@code Fn::Equals}/{@code Fn::Not} conditions are built from; anything else stays as written.
 */
final class DeployDefaultsChecks {
    private final Map<String, Object> template;
    private final TemplateChecks checks;

    DeployDefaultsChecks(Map<String, Object> template, TemplateChecks checks) {
        this.template = template;
        this.checks = checks;
    }

    /** The parameters' defaults, overridden by {@code overrides}. */
    Map<String, Object> parameters(Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        map(template.get("Parameters")).forEach((name, p) -> values.put(name, map(p).get("Default")));
        values.putAll(overrides);
        return values;
    }

    /** {@code value} with its Refs to parameters and its Fn::Ifs evaluated under {@code parameters}. */
    Object resolve(Object value, Map<String, Object> parameters) {
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(resolve(v, parameters)));
            return out;
        }
        Map<String, Object> m = map(value);
        if (m.size() == 1 && m.get("Ref") instanceof String name && parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (m.size() == 1 && m.containsKey("Fn::If")) {
            List<Object> args = list(m.get("Fn::If"));
            boolean holds = condition(String.valueOf(args.get(0)), parameters);
            return resolve(args.get(holds ? 1 : 2), parameters);
        }
        return value;
    }

    private boolean condition(String name, Map<String, Object> parameters) {
        return evaluate(path(template, "Conditions", name), parameters);
    }

    private boolean evaluate(Object condition, Map<String, Object> parameters) {
        Map<String, Object> m = map(condition);
        if (m.containsKey("Fn::Equals")) {
            List<Object> args = list(m.get("Fn::Equals"));
            return Objects.equals(String.valueOf(resolve(args.get(0), parameters)),
                    String.valueOf(resolve(args.get(1), parameters)));
        }
        if (m.containsKey("Fn::Not")) {
            return !evaluate(list(m.get("Fn::Not")).get(0), parameters);
        }
        if (m.containsKey("Condition")) {
            return condition(String.valueOf(m.get("Condition")), parameters);
        }
        throw new IllegalArgumentException("condition not understood by this check: " + condition);
    }

    /** A Globals.Function property as a deploy with these parameter overrides gets it. */
    Object global(String property, Map<String, String> overrides) {
        return resolve(path(template, "Globals", "Function", property), parameters(overrides));
    }

    /** The defaults run the JVM build on arm64 with SnapStart behind an alias; Runtime=native switches both. */
    List<String> defaultsRunWhatMvnwPackageBuilds() {
        List<String> problems = new ArrayList<>();
        Map<String, String> defaults = Map.of();
        expect(problems, "Runtime (defaults)", global("Runtime", defaults), "java21",
                "./mvnw package builds the JVM zip, which runs on java21");
        expect(problems, "Architectures (defaults)", global("Architectures", defaults), List.of("arm64"),
                "arm64 is the default CPU (the JVM zip runs on either)");
        expect(problems, "SnapStart.ApplyOn (defaults)", snapStart(defaults), "PublishedVersions",
                "SnapStart on the JVM path (it applies to published versions only)");
        Object alias = global("AutoPublishAlias", defaults);
        if (!(alias instanceof String a) || a.isBlank()) {
            problems.add("[template] Globals.Function.AutoPublishAlias is " + alias + ": SnapStart only applies to"
                    + " published versions, and the events must invoke an alias that points at the latest one");
        }
        Map<String, String> nativeRun = Map.of("Runtime", "native");
        expect(problems, "Runtime (Runtime=native)", global("Runtime", nativeRun), "provided.al2023",
                "the native build's bootstrap runs on provided.al2023");
        expect(problems, "SnapStart.ApplyOn (Runtime=native)", snapStart(nativeRun), "None",
                "Lambda rejects SnapStart on provided.al2023");
        for (String fn : checks.functions()) {
            for (String property : List.of("Runtime", "Architectures", "SnapStart", "AutoPublishAlias")) {
                if (checks.properties(fn).containsKey(property)) {
                    problems.add("[template] " + fn + " sets its own " + property + "; the Runtime/Architecture"
                            + " parameters choose it for every function in Globals");
                }
            }
        }
        return problems;
    }

    private Object snapStart(Map<String, String> overrides) {
        return resolve(path(template, "Globals", "Function", "SnapStart", "ApplyOn"), parameters(overrides));
    }

    private static void expect(List<String> problems, String what, Object actual, Object expected, String why) {
        if (!Objects.equals(actual, expected)) {
            problems.add("[template] Globals.Function." + what + " is " + actual + ", expected " + expected + ": " + why);
        }
    }

    /** No tracing switched on, and no X-Ray permission, while no code records a span. */
    List<String> noTracingWithoutInstrumentation() {
        List<String> problems = new ArrayList<>();
        List<String> where = new ArrayList<>(List.of("Globals"));
        where.addAll(checks.functions());
        for (String at : where) {
            Object tracing = at.equals("Globals") ? path(template, "Globals", "Function", "Tracing")
                    : checks.properties(at).get("Tracing");
            if (tracing != null && !"PassThrough".equals(tracing)) {
                problems.add("[template → code] " + at + " sets Tracing: " + tracing + ", but no code records a span"
                        + " (no X-Ray or OpenTelemetry instrumentation): Lambda would trace only its own invocation");
            }
        }
        checks.resources().forEach((id, r) -> {
            if ("AWS::IAM::Role".equals(map(r).get("Type")) && checks.statements(id).stream()
                    .anyMatch(s -> list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("xray:")))) {
                problems.add("[template → code] role " + id + " allows xray: actions, but no function is traced");
            }
        });
        return problems;
    }
}
