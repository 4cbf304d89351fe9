package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FleetBreaker}: the fleet's breaker state from each function's per-minute transitions. */
class FleetBreakerTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant FROM = NOW.minusSeconds(3600);

    private static JsonNode report(FleetMetrics.Transition... transitions) {
        return FleetBreaker.report(new FleetMetrics.Fleet(null, FROM, NOW, Map.of(), List.of(transitions)), NOW);
    }

    private static FleetMetrics.Transition t(String function, String state, int minutesAgo) {
        return new FleetMetrics.Transition(function, state, NOW.minusSeconds(60L * minutesAgo));
    }

    @Test
    void noTransitionInTheWindowIsClosedSinceNull() {
        JsonNode breaker = report();

        assertThat(breaker.get("state").asText()).isEqualTo("closed");
        assertThat(breaker.get("since").isNull()).isTrue();
        assertThat(breaker.get("scope").asText()).isEqualTo("fleet");
        assertThat(breaker.get("window_minutes").asLong()).isEqualTo(60);
        assertThat(breaker.get("functions").size()).isZero();
    }

    @Test
    void openedInTheLastFiveMinutesIsOpenEvenIfItClosedSince() {
        JsonNode breaker = report(t("drain", "open", 4), t("drain", "half_open", 3), t("drain", "closed", 2),
                t("reconcile", "closed", 1));

        assertThat(breaker.get("state").asText()).isEqualTo("open");
        assertThat(breaker.get("since").asText()).isEqualTo(NOW.minusSeconds(240).toString());
        assertThat(breaker.at("/functions/drain/state").asText()).isEqualTo("open");
        assertThat(breaker.at("/functions/reconcile/state").asText()).isEqualTo("closed");
    }

    @Test
    void aBreakerStillOpenFromLongAgoIsOpenAndOneThatClosedIsClosed() {
        assertThat(report(t("drain", "open", 40)).get("state").asText()).as("no call half-opened it since").isEqualTo("open");
        assertThat(report(t("drain", "open", 40), t("drain", "half_open", 31), t("drain", "closed", 30))
                .get("state").asText()).isEqualTo("closed");
    }

    @Test
    void halfOpenAnywhereWithoutOpenIsHalfOpenAndInOneMinuteTheMoreAlarmingStateIsLast() {
        assertThat(report(t("drain", "open", 20), t("drain", "half_open", 10), t("commands", "closed", 1))
                .get("state").asText()).isEqualTo("half_open");
        assertThat(report(t("drain", "closed", 30), t("drain", "open", 30)).get("state").asText()).isEqualTo("open");
    }

    @Test
    void anUnknownStateIsShownNotHidden() {
        assertThat(report(t("drain", "forced_open", 30), t("reconcile", "half_open", 1)).get("state").asText())
                .isEqualTo("forced_open");
    }
}
