package dev.clickupsync.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the code emits and the dimension sets each is emitted with, read from the calls to
 * {@code Metrics.increment(name, dim, value, ...)} and {@code Metrics.record(name, value, unit, dim,
 * value, ...)} in the sources. A name or dimension name may be a string literal or a
 * {@code static final String} constant of any scanned file.
 *
 * <p>The sets mirror what {@code dev.clickupsync.metrics.Metrics} writes to EMF: every call emits
 * {@code {Service} ∪ its dimension names}, and, when it has dimensions, {@code {Service}} alone as
 * well (the per-service total). CloudWatch stores one metric per exact dimension set, so a dashboard
 * or alarm must name one of these sets exactly to show data. A dimension name the scan cannot read
 * (neither literal nor constant) is recorded as {@code ?}, which matches no template.
 */
final class EmittedMetrics {
    static final String SERVICE = "Service";

    private static final Pattern CALL = Pattern.compile(
            "\\b(increment|record)\\(\\s*(\"[A-Z][A-Za-z0-9]*\"|[A-Z_][A-Z0-9_]*)\\s*[,)]");
    private static final Pattern STRING_CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+([A-Z_][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*;");

    private final Map<String, Set<Set<String>>> dimensionSets;

    private EmittedMetrics(Map<String, Set<Set<String>>> dimensionSets) {
        this.dimensionSets = dimensionSets;
    }

    static EmittedMetrics scan(List<Path> sourceDirs) {
        Map<String, String> constants = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (Path dir : sourceDirs) {
            for (Path source : CodeFacts.javaSources(dir)) {
                String text = CodeFacts.read(source);
                texts.add(text);
                Matcher c = STRING_CONSTANT.matcher(text);
                while (c.find()) {
                    constants.put(c.group(1), c.group(2));
                }
            }
        }
        Map<String, Set<Set<String>>> sets = new TreeMap<>();
        for (String text : texts) {
            Matcher call = CALL.matcher(text);
            while (call.find()) {
                String name = value(call.group(2), constants);
                if (name == null) {
                    continue; // a constant that is no metric name (or not a String)
                }
                List<String> args = arguments(text, text.indexOf('(', call.start()) + 1);
                int firstDimension = call.group(1).equals("increment") ? 1 : 3;
                Set<String> dimensions = new TreeSet<>(Set.of(SERVICE));
                for (int i = firstDimension; i < args.size(); i += 2) {
                    String dimension = value(args.get(i), constants);
                    dimensions.add(dimension == null ? "?" : dimension);
                }
                Set<Set<String>> forName = sets.computeIfAbsent(name, n -> new TreeSet<>(EmittedMetrics::compare));
                forName.add(dimensions);
                forName.add(Set.of(SERVICE));
            }
        }
        return new EmittedMetrics(sets);
    }

    /** A literal's text or a constant's value; null for anything else. */
    private static String value(String expression, Map<String, String> constants) {
        String e = expression.strip();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") && e.indexOf('"', 1) == e.length() - 1) {
            return e.substring(1, e.length() - 1);
        }
        return constants.get(e);
    }

    /** The top-level, comma-separated arguments of the call whose text starts at {@code from}. */
    static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                current.append(ch);
                if (ch == '\\') {
                    current.append(text.charAt(++i));
                } else if (ch == '"') {
                    quoted = false;
                }
                continue;
            }
            if (ch == '"') {
                quoted = true;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                depth--;
            } else if (ch == ')' || (ch == ',' && depth == 0)) {
                args.add(current.toString().strip());
                current.setLength(0);
                if (ch == ')') {
                    return args;
                }
                continue;
            }
            current.append(ch);
        }
        throw new IllegalStateException("unbalanced call at offset " + from);
    }

    private static int compare(Set<String> a, Set<String> b) {
        return String.join(",", new TreeSet<>(a)).compareTo(String.join(",", new TreeSet<>(b)));
    }

    Set<String> names() {
        return dimensionSets.keySet();
    }

    /** The dimension-name sets {@code name} is emitted with; empty when no code emits it. */
    Set<Set<String>> dimensionSets(String name) {
        return dimensionSets.getOrDefault(name, Set.of());
    }
}
