package dev.clickupsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reads section's task draws ({@link ReadBench#requestRandom}): every round's cell draws its tasks as chance
 * would, so no round's reads come from the answer cache more than another's and the median round measures reads
 * that miss the caches.
 */
class ReadDrawsTest {
    private static final int TASKS = 10_000;
    private static final int REQUESTS = 1000;

    @Test
    void everyRoundsCellRepeatsAboutAsManyTasksAsChanceWould() {
        // 1000 draws of 10,000 tasks repeat about 48 by chance (1000 - 10,000 x (1 - e^-0.1)), rarely over 75
        for (int readers : ReadBench.readers(BenchOptions.of("default", BenchOptions.DEFAULT_SEED, Path.of("target")))) {
            for (int round = 0; round < 5; round++) {
                long cellSeed = ReadBench.cellSeed(BenchOptions.DEFAULT_SEED, readers, round);
                Set<Integer> drawn = new HashSet<>();
                int repeats = 0;
                for (int i = 0; i < REQUESTS; i++) {
                    if (!drawn.add(ReadBench.requestRandom(cellSeed, i).nextInt(TASKS))) {
                        repeats++;
                    }
                }
                assertThat(repeats).as("repeated tasks, %d readers, round %d", readers, round + 1).isBetween(20, 80);
            }
        }
    }
}
