package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Time in status from stored transitions: totals, order, and the edges the docs name. */
class TimeInStatusViewTest {
    private static final Instant CREATED = Instant.ofEpochMilli(1_760_000_000_000L);

    @Test
    void eachStatusAccruesUntilTheNextTransitionAndTheLastUntilNow() {
        List<Transition> transitions = List.of(
                t("h3", "in progress", "custom", CREATED.plus(Duration.ofMinutes(130)), "review", "custom"),
                t("h1", null, null, CREATED, "to do", "open"),
                t("h2", "to do", "open", CREATED.plus(Duration.ofMinutes(10)), "in progress", "custom"),
                t("h4", "review", "custom", CREATED.plus(Duration.ofMinutes(140)), "in progress", "custom"));
        Instant now = CREATED.plus(Duration.ofMinutes(200)).plusSeconds(59);

        JsonNode body = TimeInStatusView.render(task("in progress", "custom", CREATED), transitions, now, StatusLooks.none());

        assertThat(body.at("/current_status/status").asText()).isEqualTo("in progress");
        assertThat(body.at("/current_status/total_time/since").asText())
                .isEqualTo(Long.toString(CREATED.plus(Duration.ofMinutes(140)).toEpochMilli()));
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isEqualTo(60);
        assertThat(body.at("/status_history")).hasSize(3);
        assertThat(body.at("/status_history/0/status").asText()).isEqualTo("to do");
        assertThat(body.at("/status_history/0/total_time/by_minute").asLong()).isEqualTo(10);
        assertThat(body.at("/status_history/1/status").asText()).isEqualTo("in progress");
        assertThat(body.at("/status_history/1/total_time/by_minute").asLong()).isEqualTo(120 + 60);
        assertThat(body.at("/status_history/1/total_time/since").asText())
                .isEqualTo(Long.toString(CREATED.plus(Duration.ofMinutes(10)).toEpochMilli()));
        assertThat(body.at("/status_history/2/total_time/by_minute").asLong()).isEqualTo(10);
        assertThat(body.at("/status_history/2/color").isNull()).isTrue();
    }

    @Test
    void withoutTransitionsTheStatusHeldSinceCreation() {
        Instant now = CREATED.plus(Duration.ofHours(2));

        JsonNode body = TimeInStatusView.render(task("to do", "open", CREATED), List.of(), now, StatusLooks.none());

        assertThat(body.at("/current_status/total_time/since").asText()).isEqualTo(Long.toString(CREATED.toEpochMilli()));
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isEqualTo(120);
        assertThat(body.at("/status_history")).hasSize(1);
        assertThat(body.at("/status_history/0/type").asText()).isEqualTo("open");
    }

    @Test
    void aMissedTransitionCountsTheCurrentStatusFromTheSnapshotsVersion() {
        Instant updated = CREATED.plus(Duration.ofMinutes(50));
        TaskSnapshot snapshot = task("complete", "closed", CREATED);
        snapshot = new TaskSnapshot(snapshot.id(), null, snapshot.name(), "complete", "closed", null, null, List.of(),
                List.of(), "l1", null, null, "t1", null, CREATED, updated, null, null, null, null, null, null, null,
                List.of(), false, false, null);

        JsonNode body = TimeInStatusView.render(snapshot,
                List.of(t("h1", null, null, CREATED, "to do", "open")), updated.plus(Duration.ofMinutes(5)), StatusLooks.none());

        assertThat(body.at("/current_status/status").asText()).isEqualTo("complete");
        assertThat(body.at("/current_status/total_time/since").asText()).isEqualTo(Long.toString(updated.toEpochMilli()));
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isEqualTo(5);
    }

    @Test
    void colorsAndOrderComeFromTheListAndTheTasksOwnStatus() throws Exception {
        JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"statuses": [{"status": "to do", "orderindex": 0, "color": "#d3d3d3", "type": "open"},
                              {"status": "In Progress", "orderindex": 1, "color": "#4194f6", "type": "custom"}]}""");
        Instant now = CREATED.plus(Duration.ofMinutes(30));

        JsonNode body = TimeInStatusView.render(task("in progress", "custom", CREATED), List.of(
                t("h1", null, null, CREATED, "to do", "open"),
                t("h2", "to do", "open", CREATED.plusSeconds(600), "in progress", "custom"),
                t("h3", "in progress", "custom", CREATED.plusSeconds(900), "gone", "custom"),
                t("h4", "gone", "custom", CREATED.plusSeconds(960), "in progress", "custom")), now,
                StatusLooks.of(list.path("statuses"), task("in progress", "custom", CREATED)));

        assertThat(body.at("/current_status/color").asText()).isEqualTo("#4194f6");
        assertThat(body.at("/status_history/0/color").asText()).isEqualTo("#d3d3d3");
        assertThat(body.at("/status_history/0/orderindex").asInt()).isZero();
        assertThat(body.at("/status_history/1/orderindex").asInt()).as("names match in any case").isEqualTo(1);
        assertThat(body.at("/status_history/2/color").isNull()).as("a status the list no longer has").isTrue();
        assertThat(body.at("/status_history/2/orderindex").isNull()).isTrue();
    }

    @Test
    void aRestoredTransitionCountsLikeOneAWebhookTold() {
        Instant now = CREATED.plus(Duration.ofMinutes(60));
        Transition restored = Transition.restored("task1", "to do", "open", "in progress", "custom",
                CREATED.plus(Duration.ofMinutes(10)));
        List<Transition> withRestored = List.of(t("h1", null, null, CREATED, "to do", "open"), restored,
                t("h3", "in progress", "custom", CREATED.plus(Duration.ofMinutes(40)), "review", "custom"));
        List<Transition> heard = List.of(t("h1", null, null, CREATED, "to do", "open"),
                t("h2", "to do", "open", CREATED.plus(Duration.ofMinutes(10)), "in progress", "custom"),
                t("h3", "in progress", "custom", CREATED.plus(Duration.ofMinutes(40)), "review", "custom"));

        JsonNode body = TimeInStatusView.render(task("review", "custom", CREATED), withRestored, now, StatusLooks.none());

        assertThat(body).isEqualTo(TimeInStatusView.render(task("review", "custom", CREATED), heard, now, StatusLooks.none()));
        assertThat(body.at("/status_history/1/status").asText()).isEqualTo("in progress");
        assertThat(body.at("/status_history/1/total_time/by_minute").asLong()).isEqualTo(30);
        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isEqualTo(20);
    }

    @Test
    void aClockBehindTheLastTransitionAccruesNothing() {
        JsonNode body = TimeInStatusView.render(task("to do", "open", CREATED),
                List.of(t("h1", null, null, CREATED, "to do", "open")), CREATED.minusSeconds(30), StatusLooks.none());

        assertThat(body.at("/current_status/total_time/by_minute").asLong()).isZero();
        assertThat(body.at("/status_history/0/total_time/by_minute").asLong()).isZero();
    }

    private static Transition t(String id, String from, String fromType, Instant at, String to, String toType) {
        return new Transition("task1", id, from, fromType, to, toType, at, null);
    }

    private static TaskSnapshot task(String status, String type, Instant created) {
        return new TaskSnapshot("task1", null, "A task", status, type, null, null, List.of(), List.of(), "l1", null,
                null, "t1", null, created, created, null, null, null, null, null, null, null, List.of(), false, false, null);
    }
}
