package dev.clickupsync.testkit.iam;

import dev.clickupsync.testkit.template.CfnYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.clickupsync.testkit.template.CfnYaml.getAtt;
import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;
import static dev.clickupsync.testkit.template.CfnYaml.path;

/**
 * Holds recorded AWS calls ({@link AwsCallRecorder}) against the roles {@code template.yaml} gives
 * the functions that made them. A call is allowed when a statement of its function's role allows
 * its action on its resource under the statement's condition, and no statement denies it (IAM's
 * rule, for what our roles use: see {@link Statement}). The result names each call no statement
 * allows, and each statement that no recorded call needed (least privilege: reported, not failed,
 * since some calls only happen on AWS, e.g. logs and SSM).
 */
public final class IamCheck {
    private final Map<String, String> roleOfFunction = new LinkedHashMap<>();
    private final Map<String, List<Statement>> statementsOfRole = new LinkedHashMap<>();
    private final ArnPatterns arns;

    private IamCheck(Map<String, Object> template) {
        this.arns = new ArnPatterns(template);
        map(template.get("Resources")).forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                String role = getAtt(path(resource, "Properties", "Role"), "Arn");
                if (role != null) {
                    roleOfFunction.put(id, role);
                }
            } else if ("AWS::IAM::Role".equals(resource.get("Type"))) {
                List<Statement> statements = new ArrayList<>();
                for (Object policy : list(path(resource, "Properties", "Policies"))) {
                    for (Object statement : list(path(policy, "PolicyDocument", "Statement"))) {
                        statements.add(Statement.of(id, map(statement), arns));
                    }
                }
                statementsOfRole.put(id, statements);
            }
        });
    }

    public static IamCheck of(String templateText) {
        return new IamCheck(CfnYaml.parse(templateText));
    }

    public static IamCheck of(Path template) {
        try {
            return of(Files.readString(template));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
    }

    /** The verdict on these calls (unattributed ones, with an empty function, are counted only). */
    public Result check(List<AwsCall> calls) {
        Set<String> denied = new TreeSet<>();
        Set<Statement> used = new LinkedHashSet<>();
        Map<String, Integer> callsPerFunction = new java.util.TreeMap<>();
        Set<String> unattributed = new TreeSet<>();
        for (AwsCall call : new LinkedHashSet<>(calls)) {
            if (call.function().isEmpty()) {
                unattributed.add(call.action() + " from " + call.entry());
                continue;
            }
            callsPerFunction.merge(call.function(), 1, Integer::sum);
            String role = roleOfFunction.get(call.function());
            if (role == null) {
                denied.add(call.function() + " is not a function of the template with a role (call " + call + ")");
                continue;
            }
            List<Statement> statements = statementsOfRole.getOrDefault(role, List.of());
            List<Statement> allowing = statements.stream().filter(s -> s.allow() && s.matches(call)).toList();
            boolean deny = statements.stream().anyMatch(s -> !s.allow() && s.matches(call));
            if (allowing.isEmpty() || deny) {
                denied.add(denial(call, role, statements, deny));
            }
            used.addAll(allowing);
        }
        List<String> unused = new ArrayList<>();
        for (String role : new TreeSet<>(roleOfFunction.values())) {
            boolean exercised = roleOfFunction.entrySet().stream()
                    .anyMatch(e -> e.getValue().equals(role) && callsPerFunction.containsKey(e.getKey()));
            for (Statement s : statementsOfRole.getOrDefault(role, List.of())) {
                if (exercised && s.allow() && !used.contains(s)) {
                    unused.add(s + " " + s.actions() + " on " + s.resources());
                }
            }
        }
        return new Result(List.copyOf(denied), unused, callsPerFunction, unattributed);
    }

    private String denial(AwsCall call, String role, List<Statement> statements, boolean deny) {
        String resource = arns.logicalIdOf(call.arn());
        String why = deny ? "a Deny statement matches" : statements.stream()
                .filter(s -> s.allow() && s.coversAction(call.action())).findAny()
                .map(s -> "statements with " + call.action() + " (" + statements.stream()
                        .filter(t -> t.allow() && t.coversAction(call.action())).map(Statement::sid).toList()
                        + ") do not cover this resource or these keys")
                .orElse("no statement of " + role + " has " + call.action());
        return call.function() + " (role " + role + ", entered at " + call.entry() + ") calls " + call.action()
                + " on " + (resource == null ? call.arn() + " (no resource of the template)" : resource)
                + (call.leadingKeys().isEmpty() ? "" : " with leading keys " + new TreeSet<>(call.leadingKeys()))
                + ": " + why + ". Missing: {Effect: Allow, Action: " + call.action() + ", Resource: "
                + (resource == null ? call.arn() : "!GetAtt " + resource + ".Arn")
                + (call.leadingKeys().isEmpty() ? "" : ", Condition: {ForAllValues:StringLike: {dynamodb:LeadingKeys: "
                + prefixes(call.leadingKeys()) + "}}") + "}";
    }

    private static Set<String> prefixes(Set<String> keys) {
        Set<String> out = new TreeSet<>();
        for (String key : keys) {
            int hash = key.indexOf('#');
            out.add(hash < 0 ? key : key.substring(0, hash + 1) + "*");
        }
        return out;
    }

    /**
     * @param denied            one line per call no statement allows (naming function, call, missing statement)
     * @param unused            statements of exercised roles that no recorded call needed
     * @param callsPerFunction  distinct calls checked, per function
     * @param unattributed      calls from production code no entry point claimed (not checked): action and innermost class
     */
    public record Result(List<String> denied, List<String> unused, Map<String, Integer> callsPerFunction, Set<String> unattributed) {
        public String report() {
            StringBuilder out = new StringBuilder("# IAM check: recorded AWS calls against template.yaml's roles\n\n");
            out.append("Distinct calls checked per function: ").append(callsPerFunction)
                    .append("\n\n## Not allowed\n\n");
            (denied.isEmpty() ? List.of("none") : denied).forEach(d -> out.append("- ").append(d).append('\n'));
            out.append("\n## Statements no recorded call needed (least privilege: check each is needed on AWS)\n\n");
            (unused.isEmpty() ? List.of("none") : unused).forEach(u -> out.append("- ").append(u).append('\n'));
            out.append("\n## Calls no entry point claimed (not checked: production code run by a test directly)\n\n");
            (unattributed.isEmpty() ? Set.of("none") : unattributed).forEach(u -> out.append("- ").append(u).append('\n'));
            return out.toString();
        }
    }
}
