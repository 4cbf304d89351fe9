package dev.clickupsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One bench run's sizes. Two named sizes: {@code default} (the committed report, minutes on two
 * cores) and {@code smoke} (the CI run inside {@code ./mvnw verify}, seconds). Everything random is
 * derived from {@link #seed()}, so a run can be repeated.
 *
 * @param budgets        the budget kinds compared in the pacing bench (the first is the production one)
 * @param pacingLimit    the fake ClickUp's per-token limit during the pacing bench (time-scaled ClickUp)
 * @param pacingWindow   the window that limit applies to (ClickUp: 100 per 60 s; here 60 per 2 s)
 * @param pacingDuration how long each (budget kind, concurrency) cell keeps its drainers busy
 * @param stormTasks     tasks in the storm's list
 * @param stormRounds    rounds of changes, each drained before the next (a live stream with bursts)
 * @param stormChanges   changes per round
 * @param jmhWarmup      JMH warm-up iterations (each {@code jmhIteration} long)
 * @param jmhMeasure     JMH measurement iterations
 * @param backfillLimit  the fake's per-token limit during the backfill bench
 * @param backfillWindow the window of that limit: ClickUp's 100 requests in 10 s instead of 60 s, a
 *                       gentler time scale than pacing's, so that a budget slot stays longer than a
 *                       page's own mirror work, as at ClickUp's real limit (see {@link BackfillBench})
 * @param only           the one section to run ({@code reads}, {@code chaos}, {@code storm} or {@code ack}), or empty for all: a section's numbers at
 *                       the default size without the full run's ten minutes ({@link ReadReport#splice})
 */
public record BenchOptions(String size, long seed, List<Integer> concurrencies, List<PacingBench.Kind> budgets, int pacingLimit, Duration pacingWindow,
                           Duration pacingDuration, int stormTasks, int stormRounds, int stormChanges,
                           int jmhWarmup, int jmhMeasure, Duration jmhIteration, int backfillLimit,
                           Duration backfillWindow, Path output, String only) {

    /** The sections {@code --only=} can select. */
    public static final java.util.Set<String> SECTIONS = java.util.Set.of("reads", "chaos", "storm", "ack");

    public static final long DEFAULT_SEED = 20260707L;

    public static BenchOptions of(String size, long seed, Path output) {
        return of(size, seed, output, "");
    }

    public static BenchOptions of(String size, long seed, Path output, String only) {
        if (!only.isEmpty() && !SECTIONS.contains(only)) {
            throw new IllegalArgumentException("unknown section '" + only + "' (" + String.join(", ", SECTIONS) + ")");
        }
        return switch (size) {
            case "default" -> new BenchOptions("default", seed, List.of(1, 2, 4, 8), List.of(PacingBench.Kind.values()),
                    60, Duration.ofSeconds(2), Duration.ofSeconds(10), 100, 30, 60, 3, 3, Duration.ofSeconds(1),
                    100, Duration.ofSeconds(10), output, only);
            case "smoke" -> new BenchOptions("smoke", seed, List.of(1, 4), List.of(PacingBench.Kind.SHARED, PacingBench.Kind.LOCAL),
                    60, Duration.ofSeconds(2), Duration.ofSeconds(3), 20, 3, 20, 1, 2, Duration.ofMillis(100),
                    100, Duration.ofSeconds(10), output, only);
            default -> throw new IllegalArgumentException("unknown size '" + size + "' (default, smoke)");
        };
    }

    /** Parses {@code --size=}, {@code --seed=}, {@code --out=} and {@code --only=}; unknown arguments are refused. */
    public static BenchOptions parse(String... args) {
        String size = "default";
        long seed = DEFAULT_SEED;
        Path output = Path.of("bench");
        String only = "";
        for (String arg : args) {
            if (arg.startsWith("--size=")) {
                size = arg.substring("--size=".length());
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring("--seed=".length()));
            } else if (arg.startsWith("--out=")) {
                output = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--only=")) {
                only = arg.substring("--only=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg
                        + "' (--size=default|smoke, --seed=N, --out=DIR, --only=reads|chaos|storm|ack)");
            }
        }
        return of(size, seed, output, only);
    }
}
