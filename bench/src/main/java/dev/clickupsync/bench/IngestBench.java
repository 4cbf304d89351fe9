package dev.clickupsync.bench;

import org.jboss.logging.Logger;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ingest micro-cost with JMH, in this JVM ({@code forks(0)}: the bench is one process, and JMH's
 * forked JVMs would need a plain classpath that Quarkus's launcher does not give). If JMH cannot run
 * here, a warmed-up {@link System#nanoTime()} loop measures the same two operations instead, and the
 * report says which one ran.
 */
final class IngestBench {
    private static final Logger LOG = Logger.getLogger(IngestBench.class);
    static final int[] SIZES = {1024, 2048, 16384};

    /** Microseconds per op, by body size. */
    record Result(int bodyBytes, int actualBytes, double ingestMicros, double ingestError, double hmacMicros,
                  Map<String, Double> parts) {
        double ratio() {
            return ingestMicros / hmacMicros;
        }
    }

    record Outcome(String method, List<Result> results) {
    }

    private final BenchOptions options;

    IngestBench(BenchOptions options) {
        this.options = options;
    }

    Outcome run() {
        try {
            return new Outcome("JMH 1.37, in-process (forks=0), 1 thread, average time; warm-up "
                    + options.jmhWarmup() + " x " + options.jmhIteration().toMillis() + " ms, measurement "
                    + options.jmhMeasure() + " x " + options.jmhIteration().toMillis() + " ms", jmh());
        } catch (Exception | LinkageError e) {
            LOG.warnf(e, "JMH could not run in this process; falling back to a System.nanoTime loop");
            return new Outcome("System.nanoTime loop (JMH failed here: " + e.getClass().getSimpleName()
                    + "), " + options.jmhWarmup() + " warm-up + " + options.jmhMeasure() + " measured rounds of "
                    + options.jmhIteration().toMillis() + " ms", loop());
        }
    }

    private List<Result> jmh() throws Exception {
        TimeValue iteration = TimeValue.milliseconds(options.jmhIteration().toMillis());
        Options opts = new OptionsBuilder()
                .include(IngestBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .forks(0)
                .threads(1)
                .warmupIterations(options.jmhWarmup())
                .warmupTime(iteration)
                .measurementIterations(options.jmhMeasure())
                .measurementTime(iteration)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(opts).run();
        Map<Integer, Map<String, double[]>> bySize = new TreeMap<>();
        for (RunResult run : runs) {
            int size = Integer.parseInt(run.getParams().getParam("bodyBytes"));
            String benchmark = run.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            double error = run.getPrimaryResult().getScoreError();
            bySize.computeIfAbsent(size, s -> new LinkedHashMap<>())
                    .put(method, new double[]{run.getPrimaryResult().getScore(), Double.isNaN(error) ? 0 : error});
        }
        if (bySize.size() != SIZES.length) {
            throw new IllegalStateException("JMH returned " + runs.size() + " results");
        }
        List<Result> results = new ArrayList<>();
        bySize.forEach((size, m) -> results.add(new Result(size, IngestFixture.signedTaskUpdate(size).length,
                m.get("ingest")[0], m.get("ingest")[1], m.get("hmacOnly")[0], parts(name -> m.get(name)[0]))));
        return results;
    }

    private List<Result> loop() {
        List<Result> results = new ArrayList<>();
        for (int size : SIZES) {
            IngestFixture fixture = new IngestFixture(size);
            double ingest = measure(() -> fixture.ingest() != null);
            double hmac = measure(() -> fixture.hmacOnly().length == 32);
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("verify", measure(fixture::verifyOnly));
            parts.put("parse", measure(() -> fixture.parseOnly() != null));
            parts.put("validate", measure(() -> fixture.validateOnly().isEmpty()));
            parts.put("envelope", measure(() -> fixture.envelopeOnly() != null));
            results.add(new Result(size, fixture.body.length, ingest, 0, hmac, parts));
        }
        return results;
    }

    static final List<String> PARTS = List.of("verify", "parse", "validate", "envelope");

    private static Map<String, Double> parts(java.util.function.ToDoubleFunction<String> score) {
        Map<String, Double> parts = new LinkedHashMap<>();
        for (String part : PARTS) {
            parts.put(part, score.applyAsDouble(part));
        }
        return parts;
    }

    /** Best measured round's microseconds per op after the warm-up rounds. */
    private double measure(java.util.function.BooleanSupplier op) {
        long roundNanos = options.jmhIteration().toNanos();
        double best = Double.MAX_VALUE;
        int sink = 0;
        for (int round = 0; round < options.jmhWarmup() + options.jmhMeasure(); round++) {
            long start = System.nanoTime();
            long ops = 0;
            while (System.nanoTime() - start < roundNanos) {
                for (int i = 0; i < 64; i++) {
                    sink += op.getAsBoolean() ? 1 : 0;
                }
                ops += 64;
            }
            double micros = (System.nanoTime() - start) / 1e3 / ops;
            if (round >= options.jmhWarmup()) {
                best = Math.min(best, micros);
            }
        }
        if (sink == 42) {
            LOG.debug("sink");
        }
        return best;
    }
}
