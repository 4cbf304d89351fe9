package dev.clickupsync.reconcile;

import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time slices each workspace's comment repair gets (issue #17): equal shares of what is left before
 * the deadline's safety margin, the last share ending at the deadline, and a slice's end stops the step
 * without counting a deadline stop.
 */
class StopPolicySliceTest {
    private static final Instant START = Instant.parse("2026-12-07T00:00:00Z");
    private static final Instant DEADLINE = START.plus(Duration.ofSeconds(70)); // 60 s usable, 10 s margin

    private final MutableClock clock = new MutableClock(START);
    private final Metrics metrics = Metrics.inMemory();
    private final StopPolicy stops = new StopPolicy(null, settings(), metrics, clock);

    @Test
    void threeWorkspacesShareTheTimeLeftAndTheLastSliceEndsAtTheDeadline() {
        Instant first = stops.slice(DEADLINE, 3);
        assertThatCode(() -> stops.checkSlice(first)).doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(20));
        assertThatCode(() -> stops.checkSlice(first)).as("a third of 60 s, to the millisecond").doesNotThrowAnyException();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> stops.checkSlice(first)).isInstanceOf(StopPolicy.Stopped.class)
                .satisfies(e -> assertThat(((StopPolicy.Stopped) e).stop).isEqualTo(ReconcileReport.Stop.DEADLINE));

        Instant second = stops.slice(DEADLINE, 2); // the first repair took its whole slice
        clock.advance(Duration.ofMillis(19_999));
        assertThatCode(() -> stops.checkSlice(second)).doesNotThrowAnyException();
        clock.advance(Duration.ofMillis(2));
        assertThatThrownBy(() -> stops.checkSlice(second)).isInstanceOf(StopPolicy.Stopped.class);

        assertThat(stops.slice(DEADLINE, 1)).isEqualTo(DEADLINE);
        assertThat(metrics.count("ReconcileDeadlineStop")).as("a slice's end is no deadline stop").isZero();
    }

    @Test
    void aRepairThatEndsEarlyLeavesItsTimeToTheNext() {
        Instant first = stops.slice(DEADLINE, 2);
        assertThat(first).isEqualTo(START.plus(Duration.ofSeconds(40))); // 30 s of work, then the margin
        clock.advance(Duration.ofSeconds(5)); // the first repair had little to do
        assertThat(stops.slice(DEADLINE, 1)).as("the last takes all that is left").isEqualTo(DEADLINE);
    }

    @Test
    void pastTheMarginEverySliceIsTheDeadlineAndStopsAtOnce() {
        clock.advance(Duration.ofSeconds(65));
        assertThat(stops.slice(DEADLINE, 4)).isEqualTo(DEADLINE);
        assertThatThrownBy(() -> stops.checkSlice(stops.slice(DEADLINE, 4))).isInstanceOf(StopPolicy.Stopped.class);
    }

    private static ReconcileSettings settings() {
        return new ReconcileSettings(List.of(), List.of(), List.of(), Duration.ofMinutes(5), 90, 0.3,
                Duration.ofSeconds(5), Duration.ofSeconds(10), false, false, Duration.ofHours(24));
    }
}
