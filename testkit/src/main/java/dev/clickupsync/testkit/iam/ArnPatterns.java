package dev.clickupsync.testkit.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.clickupsync.testkit.template.CfnYaml.list;
import static dev.clickupsync.testkit.template.CfnYaml.map;

/**
 * A policy statement's {@code Resource} as IAM glob patterns, resolved against the template: a
 * table's or queue's {@code !GetAtt X.Arn} becomes its ARN with the name the template gives it
 * ({@code !Sub clickup-sync-${Stage}-mirror} → {@code clickup-sync-*-mirror}: any stage), {@code !Sub}
 * strings have every {@code ${...}} they do not resolve replaced by {@code *}, {@code !If} gives both
 * branches. Only what this project's template uses is understood; anything else resolves to nothing,
 * so it can never allow a call by accident.
 */
final class ArnPatterns {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Object> resources;

    ArnPatterns(Map<String, Object> template) {
        this.resources = map(template.get("Resources"));
    }

    List<String> of(Object resource) {
        List<String> out = new ArrayList<>();
        collect(resource, out);
        return out;
    }

    private void collect(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        } else if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object args = m.values().iterator().next();
            switch ((String) m.keySet().iterator().next()) {
                case "Fn::GetAtt" -> {
                    List<Object> parts = list(args);
                    if (parts.size() == 2 && "Arn".equals(parts.get(1))) {
                        String arn = arnOf((String) parts.get(0));
                        if (arn != null) {
                            out.add(arn);
                        }
                    }
                }
                case "Fn::Sub" -> out.add(sub(args instanceof List<?> l ? (String) l.get(0) : (String) args));
                case "Fn::If" -> list(args).stream().skip(1).forEach(v -> collect(v, out));
                default -> { } // Ref AWS::NoValue and anything unknown: nothing
            }
        }
    }

    /** The ARN pattern of a resource of the template, by logical id (null when not a kind we know). */
    String arnOf(String logicalId) {
        Map<String, Object> resource = map(resources.get(logicalId));
        Map<String, Object> props = map(resource.get("Properties"));
        String type = String.valueOf(resource.get("Type"));
        return switch (type) {
            case "AWS::DynamoDB::Table" -> "arn:*:dynamodb:*:*:table/" + name(props.get("TableName"));
            case "AWS::SQS::Queue" -> "arn:*:sqs:*:*:" + name(props.get("QueueName"));
            case "AWS::Logs::LogGroup" -> "arn:*:logs:*:*:log-group:" + name(props.get("LogGroupName")) + ":*";
            default -> null;
        };
    }

    /** The logical id whose ARN pattern matches {@code arn}, for messages; null when none. */
    String logicalIdOf(String arn) {
        for (String id : resources.keySet()) {
            String pattern = arnOf(id);
            if (pattern != null && Glob.matches(pattern, arn)) {
                return id;
            }
        }
        return null;
    }

    private String name(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Object sub = map(value).get("Fn::Sub");
        return sub instanceof String s ? sub(s) : "*";
    }

    private String sub(String text) {
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = "*";
            if (variable.endsWith(".Arn")) {
                String arn = arnOf(variable.substring(0, variable.length() - ".Arn".length()));
                replacement = arn == null ? "*" : arn;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
