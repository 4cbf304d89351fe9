package dev.clickupsync.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.store.BackfillRuns;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stored backfill run reads in {@code GET /admin/status}: rate, window progress, and no invented totals. */
class BackfillRunViewTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant REQUESTED = Instant.parse("2026-01-11T00:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-01-11T00:01:00Z");

    private static BackfillRuns.Run run(String state, Instant updated, Instant finished, long seen, Long cursor) {
        return new BackfillRuns.Run("r1", "t1", "spaces=|lists=|live", state, FROM, REQUESTED, STARTED, updated, finished,
                3, seen, seen, cursor, null);
    }

    @Test
    void aRunningRunReportsItsRateAndHowFarThroughTheWindowItsCursorIsButNoPercentOrEta() {
        Instant cursor = Instant.parse("2026-01-06T00:00:00Z"); // half of [from, requested]
        ObjectNode view = ReconcileStatus.run(run("running", STARTED.plusSeconds(120), null, 300, cursor.toEpochMilli()),
                STARTED.plusSeconds(130));

        assertThat(view.get("rate_per_minute").asDouble()).isEqualTo(150.0);
        assertThat(view.get("window_percent").asDouble()).isEqualTo(50.0);
        assertThat(view.get("expected_total").isNull()).isTrue();
        assertThat(view.get("percent").isNull()).isTrue();
        assertThat(view.get("eta").isNull()).isTrue();
        assertThat(view.get("cursor").asText()).isEqualTo(cursor.toString());
    }

    @Test
    void aRunWithoutAPageHasNoRateAndADoneRunIsAtTheEndOfItsWindow() {
        BackfillRuns.Run requested = new BackfillRuns.Run("r1", "t1", "s", "requested", FROM, REQUESTED, null, REQUESTED,
                null, 0, 0, 0, FROM.toEpochMilli(), null);
        assertThat(ReconcileStatus.ratePerMinute(requested)).isNull();
        assertThat(ReconcileStatus.windowPercent(requested)).isEqualTo(0.0);
        BackfillRuns.Run done = run("done", STARTED.plusSeconds(60), STARTED.plusSeconds(60), 90, FROM.toEpochMilli());
        assertThat(ReconcileStatus.windowPercent(done)).isEqualTo(100.0);
        assertThat(ReconcileStatus.ratePerMinute(done)).isEqualTo(90.0);
    }
}
