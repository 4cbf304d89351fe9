package dev.clickupsync.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load: {@code workers} threads, each with its own HTTP/1.1 client, take request
 * numbers 0..requests-1 from a shared counter and time each call. The acknowledgement and the
 * read sections both measure this way, so their latencies and rates compare.
 */
final class ClosedLoop {

    /** One call: request number {@code i} on the worker's client; true when it succeeded. */
    @FunctionalInterface
    interface Call {
        boolean call(HttpClient http, int i) throws Exception;
    }

    /** What a run measured: every call's nanoseconds (sorted), the successes and the wall time. */
    record Run(long[] sortedNanos, int ok, Duration elapsed) {
        double p50Millis() {
            return percentile(sortedNanos, 0.50);
        }

        double p99Millis() {
            return percentile(sortedNanos, 0.99);
        }

        double maxMillis() {
            return sortedNanos[sortedNanos.length - 1] / 1e6;
        }
    }

    private ClosedLoop() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    static Run run(int workers, int requests, Call call) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                HttpClient http = client();
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        boolean succeeded = call.call(http, i);
                        nanos[i] = System.nanoTime() - t0;
                        if (succeeded) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Arrays.sort(nanos);
        return new Run(nanos, ok.get(), elapsed);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
