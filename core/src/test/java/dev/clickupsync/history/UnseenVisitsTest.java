package dev.clickupsync.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Second visits that {@code time_in_status} does not show, found from a heard webhook's {@code before}
 * and placed within the minute ClickUp's {@code by_minute} allows (pure: timelines built here).
 */
class UnseenVisitsTest {
    private static final Instant T = Instant.ofEpochMilli(1_760_000_000_000L);

    private static Transition heard(String id, String from, String to, Instant at) {
        return new Transition("t", id, from, from == null ? null : "custom", to, "custom", at, 7L);
    }

    @Test
    void aHeardBeforeThatIsNotWhereTheTimelineStoodTellsAVisitPlacedBetweenItsNeighbours() {
        List<Transition> timeline = List.of(heard("1", null, "to do", T),
                heard("2", "to do", "in progress", T.plusSeconds(10)),
                heard("3", "in progress", "review", T.plusSeconds(20)),
                // Back to "in progress" at T+40s, dropped; the next heard one left "in progress".
                heard("4", "in progress", "complete", T.plusSeconds(50)));

        UnseenVisits.Found found = UnseenVisits.find("t", timeline, Map.of("in progress", 0L), T.plusSeconds(60));

        assertThat(found.unplaced()).isZero();
        assertThat(found.visits()).singleElement().satisfies(v -> {
            assertThat(v.restored()).isTrue();
            assertThat(v.approximate()).isTrue();
            assertThat(v.fromStatus()).isEqualTo("review");
            assertThat(v.toStatus()).isEqualTo("in progress");
            assertThat(v.toType()).as("the heard webhook's before type").isEqualTo("custom");
            assertThat(v.window().holds(T.plusSeconds(40), Duration.ZERO)).isTrue();
            assertThat(v.window().earliest()).isAfter(T.plusSeconds(20));
            assertThat(v.window().latest()).isBefore(T.plusSeconds(50));
        });
    }

    @Test
    void clickUpsMinutesNarrowTheWindowToOneMinuteAndItsMiddleGivesTheSameMinutes() {
        // First stay in "in progress" 90 s, the unseen return 150 s: ClickUp counts floor(240 s) = 4 minutes.
        List<Transition> timeline = List.of(heard("1", "to do", "in progress", T),
                heard("2", "in progress", "review", T.plusSeconds(90)),
                heard("3", "in progress", "complete", T.plusSeconds(390)));

        Transition visit = UnseenVisits.find("t", timeline, Map.of("in progress", 4L), T.plusSeconds(400))
                .visits().get(0);

        assertThat(visit.window().earliest()).isEqualTo(T.plusSeconds(390 - 210).plusMillis(1));
        assertThat(visit.window().latest()).isEqualTo(T.plusSeconds(390 - 150));
        assertThat(visit.window().holds(T.plusSeconds(240), Duration.ZERO)).isTrue();
        List<Transition> restored = new java.util.ArrayList<>(timeline);
        restored.add(visit);
        assertThat(TransitionStore.timeInStatus(restored, T.plusSeconds(400)).get("in progress").toMinutes())
                .as("the replica's by_minute equals ClickUp's").isEqualTo(4);
    }

    @Test
    void minutesThatDoNotFitPlaceAShortGapWholeAndLeaveALongOneUnplaced() {
        // The stays the mirror knows already exceed the minute ClickUp counts: another visit is unseen too.
        List<Transition> shortGap = List.of(heard("1", "to do", "in progress", T),
                heard("2", "in progress", "review", T.plusSeconds(120)),
                heard("3", "in progress", "complete", T.plusSeconds(150)));
        List<Transition> longGap = List.of(heard("1", "to do", "in progress", T),
                heard("2", "in progress", "review", T.plusSeconds(120)),
                heard("3", "in progress", "complete", T.plusSeconds(600)));

        Transition whole = UnseenVisits.find("t", shortGap, Map.of("in progress", 0L), T).visits().get(0);
        UnseenVisits.Found unplaced = UnseenVisits.find("t", longGap, Map.of("in progress", 0L), T);

        assertThat(whole.window().earliest()).isEqualTo(T.plusSeconds(120).plusMillis(1));
        assertThat(whole.window().latest()).isEqualTo(T.plusSeconds(150).minusMillis(1));
        assertThat(unplaced.visits()).isEmpty();
        assertThat(unplaced.unplaced()).isEqualTo(1);
        assertThat(UnseenVisits.find("t", longGap, Map.of(), T).unplaced())
                .as("no minutes for the status: nothing to place it with").isEqualTo(1);
    }

    @Test
    void aTimelineThatExplainsItselfARestoredNeighbourOrTheUnknownPastTellNothing() {
        List<Transition> consistent = List.of(heard("1", null, "to do", T), heard("2", "to do", "review", T.plusSeconds(5)));
        List<Transition> afterRestored = List.of(heard("1", null, "to do", T),
                Transition.restored("t", "review", null, "complete", null, T.plusSeconds(5)));
        List<Transition> firstKnown = List.of(heard("1", "in progress", "review", T));
        List<Transition> tooClose = List.of(heard("1", "to do", "review", T), heard("2", "in progress", "complete", T.plusMillis(2)));
        Map<String, Long> minutes = Map.of("in progress", 0L, "review", 0L, "to do", 0L);

        assertThat(UnseenVisits.find("t", consistent, minutes, T.plusSeconds(9)).visits()).isEmpty();
        assertThat(UnseenVisits.find("t", afterRestored, minutes, T.plusSeconds(9)).visits()).isEmpty();
        assertThat(UnseenVisits.find("t", firstKnown, minutes, T.plusSeconds(9)).visits()).isEmpty();
        assertThat(UnseenVisits.find("t", tooClose, minutes, T.plusSeconds(9)).unplaced())
                .as("nothing fits strictly between transitions 2 ms apart").isEqualTo(1);
    }

    @Test
    void statusNamesAreComparedAsClickUpDoesIgnoringCase() {
        List<Transition> timeline = List.of(heard("1", "to do", "In Progress", T),
                heard("2", "in progress", "review", T.plusSeconds(30)));

        assertThat(UnseenVisits.find("t", timeline, Map.of("in progress", 0L), T.plusSeconds(40)).visits()).isEmpty();
    }
}
