package dev.clickupsync.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of CloudWatch's {@code SEARCH(...)} expressions and dynamic labels that {@link CloudWatchStub}
 * answers, as CloudWatch documents them (search-expression-syntax, graph-dynamic-labels): a metric schema
 * {@code {Namespace,Dim1,Dim2}} matches the metrics of that namespace whose dimension names are
 * <em>exactly</em> those (a metric emitted with one more dimension is another metric, not found); each
 * further term must also hold: {@code Name="value"} an exact match of the metric name
 * ({@code MetricName}), the namespace or a dimension's value, a bare word a part of the metric name or
 * of a dimension value. Boolean operators and parentheses are refused (an {@link IllegalArgumentException}),
 * so a query the stub cannot judge fails the test instead of passing it.
 */
public final class CloudWatchSearch {
    private static final Pattern SEARCH = Pattern.compile("^SEARCH\\(\\s*'(.*)'\\s*,\\s*'([A-Za-z0-9.]+)'\\s*,\\s*(\\d+)\\s*\\)$");
    private static final Pattern SCHEMA = Pattern.compile("^\\{([^}]*)}");
    private static final Pattern DESIGNATOR = Pattern.compile("^([A-Za-z0-9_.:-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern WORD = Pattern.compile("^([A-Za-z0-9_.:/-]+)");
    private static final Pattern PROP = Pattern.compile("\\$\\{PROP\\('([A-Za-z0-9_.]+)'\\)}");

    /** A metric as CloudWatch keeps it: namespace, name and the exact dimensions it was emitted with. */
    public record Metric(String namespace, String name, Map<String, String> dimensions) {
    }

    private record Term(String designator, String value) {
    }

    private final String namespace;
    private final Set<String> schemaDimensions;
    private final List<Term> terms;
    private final String statistic;
    private final int period;

    private CloudWatchSearch(String namespace, Set<String> schemaDimensions, List<Term> terms, String statistic, int period) {
        this.namespace = namespace;
        this.schemaDimensions = schemaDimensions;
        this.terms = terms;
        this.statistic = statistic;
        this.period = period;
    }

    /** Parses {@code SEARCH('<schema> <terms>', '<statistic>', <period>)}. */
    public static CloudWatchSearch parse(String expression) {
        Matcher search = SEARCH.matcher(expression.strip());
        if (!search.matches()) {
            throw new IllegalArgumentException("not a SEARCH expression the stub understands: " + expression);
        }
        String query = search.group(1).strip();
        String namespace = null;
        Set<String> dimensions = null;
        Matcher schema = SCHEMA.matcher(query);
        if (schema.find()) {
            List<String> parts = new ArrayList<>();
            for (String part : schema.group(1).split(",")) {
                parts.add(unquote(part.strip()));
            }
            namespace = parts.get(0);
            dimensions = new TreeSet<>(parts.subList(1, parts.size()));
            query = query.substring(schema.end()).strip();
        }
        List<Term> terms = new ArrayList<>();
        while (!query.isEmpty()) {
            Matcher designator = DESIGNATOR.matcher(query);
            Matcher word = WORD.matcher(query);
            if (designator.find()) {
                terms.add(new Term(designator.group(1), designator.group(2)));
                query = query.substring(designator.end()).strip();
            } else if (word.find() && !Set.of("AND", "OR", "NOT").contains(word.group(1))) {
                terms.add(new Term(null, word.group(1)));
                query = query.substring(word.end()).strip();
            } else {
                throw new IllegalArgumentException("search term the stub does not support: " + query);
            }
        }
        return new CloudWatchSearch(namespace, dimensions, terms, search.group(2), Integer.parseInt(search.group(3)));
    }

    public String statistic() {
        return statistic;
    }

    public int period() {
        return period;
    }

    /** Whether CloudWatch would return {@code metric} for this search. */
    public boolean matches(Metric metric) {
        if (namespace != null && (!namespace.equals(metric.namespace())
                || !schemaDimensions.equals(new TreeSet<>(metric.dimensions().keySet())))) {
            return false;
        }
        for (Term term : terms) {
            boolean holds;
            if (term.designator() == null) {
                holds = metric.name().contains(term.value())
                        || metric.dimensions().values().stream().anyMatch(v -> v.contains(term.value()));
            } else if (term.designator().equals("MetricName")) {
                holds = metric.name().equals(term.value());
            } else if (term.designator().equals("Namespace")) {
                holds = metric.namespace().equals(term.value());
            } else {
                holds = term.value().equals(metric.dimensions().get(term.designator()));
            }
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** A dynamic label for one returned metric: {@code ${PROP('MetricName')}}, {@code ('Namespace')}, {@code ('Dim.<name>')}. */
    public static String label(String label, Metric metric) {
        if (label == null) {
            return metric.name();
        }
        Matcher prop = PROP.matcher(label);
        StringBuilder out = new StringBuilder();
        while (prop.find()) {
            String name = prop.group(1);
            String value = switch (name) {
                case "MetricName" -> metric.name();
                case "Namespace" -> metric.namespace();
                default -> name.startsWith("Dim.") ? metric.dimensions().getOrDefault(name.substring(4), "") : prop.group();
            };
            prop.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        prop.appendTail(out);
        return out.toString();
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
