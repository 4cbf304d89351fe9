package dev.clickupsync.bench;

import dev.clickupsync.webhook.IngestOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** JMH: one ingest (verify + parse + validate + filter + envelope) per op, and the HMAC-only baseline. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IngestBenchmark {

    @Param({"1024", "2048", "16384"})
    public int bodyBytes;

    private IngestFixture fixture;

    @Setup
    public void setUp() {
        fixture = new IngestFixture(bodyBytes);
    }

    @Benchmark
    public IngestOutcome ingest() {
        return fixture.ingest();
    }

    @Benchmark
    public boolean verify() {
        return fixture.verifyOnly();
    }

    @Benchmark
    public Object parse() {
        return fixture.parseOnly();
    }

    @Benchmark
    public Object validate() {
        return fixture.validateOnly();
    }

    @Benchmark
    public Object envelope() {
        return fixture.envelopeOnly();
    }

    @Benchmark
    public byte[] hmacOnly() {
        return fixture.hmacOnly();
    }
}
