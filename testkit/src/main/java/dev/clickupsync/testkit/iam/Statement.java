package dev.clickupsync.testkit.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;

/**
 * One {@code Allow} or {@code Deny} statement of a role, evaluated the way IAM evaluates it for the
 * conditions this project uses: {@code ForAllValues:StringLike} / {@code ForAllValues:StringEquals} on
 * {@code dynamodb:LeadingKeys} (every key the request touches must match; a request that touches no
 * key, such as a Scan, satisfies it vacuously, exactly as in IAM). A statement with any other
 * condition never matches a recorded call (the tests cannot know e.g. {@code kms:ViaService}), so
 * a call can only be allowed by a statement we fully understand.
 */
record Statement(String role, String sid, boolean allow, List<String> actions, List<String> resources,
                 Map<String, Object> condition) {

    static Statement of(String role, Map<String, Object> raw, ArnPatterns arns) {
        return new Statement(role, String.valueOf(raw.getOrDefault("Sid", "(no Sid)")),
                "Allow".equals(raw.get("Effect")),
                list(raw.get("Action")).stream().map(String::valueOf).toList(),
                arns.of(raw.get("Resource")),
                map(raw.get("Condition")));
    }

    boolean matches(AwsCall call) {
        return actions.stream().anyMatch(a -> Glob.matchesAction(a, call.action()))
                && resources.stream().anyMatch(r -> Glob.matches(r, call.arn()))
                && conditionHolds(call.leadingKeys());
    }

    /** Whether the statement names the action at all (for "which statement is missing"). */
    boolean coversAction(String action) {
        return actions.stream().anyMatch(a -> Glob.matchesAction(a, action));
    }

    private boolean conditionHolds(Set<String> leadingKeys) {
        for (Map.Entry<String, Object> operator : condition.entrySet()) {
            boolean like = operator.getKey().equals("ForAllValues:StringLike");
            if (!like && !operator.getKey().equals("ForAllValues:StringEquals")) {
                return false;
            }
            for (Map.Entry<String, Object> key : map(operator.getValue()).entrySet()) {
                if (!key.getKey().equals("dynamodb:LeadingKeys")) {
                    return false;
                }
                List<String> allowed = list(key.getValue()).stream().map(String::valueOf).toList();
                boolean all = leadingKeys.stream().allMatch(k ->
                        allowed.stream().anyMatch(p -> like ? Glob.matches(p, k) : p.equals(k)));
                if (!all) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return role + "/" + sid;
    }
}
