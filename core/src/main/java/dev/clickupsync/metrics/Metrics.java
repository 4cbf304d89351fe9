package dev.clickupsync.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts outcomes and failure modes, once per occurrence, as CloudWatch EMF lines and in memory.
 *
 * <p>Each data point is one JSON line on stdout: Lambda ships stdout to CloudWatch Logs, which
 * extracts the metric without an API call (so metrics cost nothing on the hot path and cannot fail
 * a request). Dimensions are {@code Service} plus the pairs the caller gives, and, when there are
 * such pairs, {@code Service} alone as a second dimension set (the per-service total that the
 * template's alarms watch). Callers pass only low-cardinality values (reason codes, never ids or
 * payload text).
 */
public class Metrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String service;
    private final boolean emf;
    private final PrintStream out;
    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();

    /** A counter's identity: its name and dimensions (sorted by name). */
    private record Key(String name, Map<String, String> dims) {
        @Override
        public String toString() {
            return dims.isEmpty() ? name : name + dims.toString().replace(", ", ",");
        }
    }

    public Metrics(String namespace, String service, boolean emf, PrintStream out) {
        this.namespace = namespace;
        this.service = service;
        this.emf = emf;
        this.out = out;
    }

    /** In-memory only: for tests and tools that don't want EMF output. */
    public static Metrics inMemory() {
        return new Metrics("ClickUpSync", "test", false, System.out);
    }

    /** Adds one to {@code name}; {@code dimensions} are name/value pairs. */
    public void increment(String name, String... dimensions) {
        record(name, 1, "Count", dimensions);
    }

    /** Records a value (count, milliseconds, ...) with the given CloudWatch unit. */
    public void record(String name, double value, String unit, String... dimensions) {
        if (dimensions.length % 2 != 0) {
            throw new IllegalArgumentException("dimensions come in name/value pairs");
        }
        Map<String, String> dims = new TreeMap<>();
        for (int i = 0; i < dimensions.length; i += 2) {
            dims.put(dimensions[i], dimensions[i + 1]);
        }
        if ("Count".equals(unit)) {
            counters.computeIfAbsent(new Key(name, dims), k -> new LongAdder()).add((long) value);
        }
        if (emf) {
            out.println(emfLine(name, value, unit, dims));
        }
    }

    /** How many times {@code name} with exactly these dimensions was counted in this process. */
    public long count(String name, String... dimensions) {
        Map<String, String> dims = new TreeMap<>();
        for (int i = 0; i + 1 < dimensions.length; i += 2) {
            dims.put(dimensions[i], dimensions[i + 1]);
        }
        LongAdder adder = counters.get(new Key(name, dims));
        return adder == null ? 0 : adder.sum();
    }

    /** Every counter so far, keyed {@code Name{Dim=value,...}}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k.toString(), v.sum()));
        return copy;
    }

    /**
     * The counters that have {@code dimension}, summed per metric name and that dimension's value
     * over their other dimensions (e.g. every {@code Reason} of every failure counter); zeros left out.
     */
    public Map<String, Map<String, Long>> countsBy(String dimension) {
        Map<String, Map<String, Long>> sums = new TreeMap<>();
        counters.forEach((k, v) -> {
            String value = k.dims().get(dimension);
            long count = v.sum();
            if (value != null && count > 0) {
                sums.computeIfAbsent(k.name(), n -> new TreeMap<>()).merge(value, count, Long::sum);
            }
        });
        return sums;
    }

    private String emfLine(String name, double value, String unit, Map<String, String> dims) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ArrayNode dimensionSet = dimensionSets.addArray();
        dimensionSet.add("Service");
        dims.keySet().forEach(dimensionSet::add);
        if (!dims.isEmpty()) {
            // Also the total per service, which is what alarms watch (CloudWatch keeps one metric per dimension set).
            dimensionSets.addArray().add("Service");
        }
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit);
        root.put("Service", service);
        dims.forEach(root::put);
        root.put(name, value);
        return root.toString();
    }
}
