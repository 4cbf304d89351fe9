package dev.clickupsync.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading ClickUp's {@code time_in_status} as entries into statuses and deriving the transitions the
 * mirror lacks; and which listed tasks the walk notes for that.
 */
class StatusEntriesTest {
    private static final long T = 1_760_000_000_000L;

    private static JsonNode answer(String json) throws Exception {
        return Json.MAPPER.readTree(json.replace('\'', '"'));
    }

    /** ClickUp's example shape: to do since T, review since T+10 min (dropped), complete (current) since T+30 min. */
    private static JsonNode threeStays() throws Exception {
        return answer("{'current_status': {'status': 'complete', 'color': '#0f0', 'total_time': {'by_minute': 30, 'since': '"
                + (T + 1_800_000) + "'}}, 'status_history': ["
                + "{'status': 'complete', 'type': 'closed', 'total_time': {'by_minute': 30, 'since': '" + (T + 1_800_002) + "'}, 'orderindex': 2},"
                + "{'status': 'to do', 'type': 'open', 'total_time': {'by_minute': 10, 'since': '" + T + "'}, 'orderindex': 0},"
                + "{'status': 'review', 'type': 'custom', 'total_time': {'by_minute': 20, 'since': '" + (T + 600_000) + "'}, 'orderindex': 1}]}");
    }

    @Test
    void theDroppedTransitionIsDerivedFromItsSinceWithTheStatusBeforeItByTime() throws Exception {
        StatusEntries entries = StatusEntries.read(threeStays()).orElseThrow();
        Transition created = new Transition("t1", "1", null, null, "to do", "open", Instant.ofEpochMilli(T), 5L);
        Transition closed = new Transition("t1", "3", "review", "custom", "complete", "closed", Instant.ofEpochMilli(T + 1_800_000), 5L);

        List<Transition> missing = entries.missing("t1", List.of(created, closed));

        assertThat(missing).singleElement().satisfies(t -> {
            assertThat(t.restored()).isTrue();
            assertThat(t.toStatus()).isEqualTo("review");
            assertThat(t.toType()).isEqualTo("custom");
            assertThat(t.at()).isEqualTo(Instant.ofEpochMilli(T + 600_000));
            assertThat(t.fromStatus()).isEqualTo("to do");
            assertThat(t.fromType()).isEqualTo("open");
            assertThat(t.byUserId()).isNull();
        });
        assertThat(entries.missing("t1", List.of(created, closed, missing.get(0)))).as("a re-run finds nothing").isEmpty();
    }

    @Test
    void withNothingStoredEveryEntryIsRestoredTheFirstAsTheCreation() throws Exception {
        List<Transition> missing = StatusEntries.read(threeStays()).orElseThrow().missing("t2", List.of());

        assertThat(missing).extracting(Transition::toStatus).containsExactly("to do", "review", "complete");
        assertThat(missing).extracting(Transition::fromStatus).containsExactly(null, "to do", "review");
    }

    @Test
    void theCurrentStatusEnteredAgainAddsItsLatestEntry() throws Exception {
        // to do (T) -> review (T+10 min) -> to do again (T+20 min): status_history shows one 'to do'.
        JsonNode json = answer("{'current_status': {'status': 'to do', 'total_time': {'by_minute': 5, 'since': '" + (T + 1_200_000)
                + "'}}, 'status_history': [{'status': 'to do', 'type': 'open', 'total_time': {'by_minute': 15, 'since': '" + T + "'}},"
                + "{'status': 'review', 'type': 'custom', 'total_time': {'by_minute': 10, 'since': '" + (T + 600_000) + "'}}]}");

        List<Transition> missing = StatusEntries.read(json).orElseThrow().missing("t3", List.of());

        assertThat(missing).extracting(Transition::toStatus).containsExactly("to do", "review", "to do");
        assertThat(missing.get(2).fromStatus()).isEqualTo("review");
        assertThat(missing.get(2).toType()).isEqualTo("open");
    }

    @Test
    void malformedAnswersAndEntriesAreNotUsed() throws Exception {
        assertThat(StatusEntries.read(answer("{'err': 'Task not found, deleted', 'ECODE': 'ITEM_013'}"))).isEmpty();
        assertThat(StatusEntries.read(null)).isEmpty();
        StatusEntries partial = StatusEntries.read(answer("{'status_history': [{'status': 'x', 'total_time': {'since': 'soon'}},"
                + "{'total_time': {'since': '1'}}, {'status': 'ok', 'total_time': {'since': " + T + "}}]}")).orElseThrow();
        assertThat(partial.entries()).extracting(StatusEntries.Entry::status).containsExactly("ok");
    }

    @Test
    void eachStatusesMinutesAreReadAsANumberOrItsStringAndAnUnusableCountIsLeftOut() throws Exception {
        StatusEntries entries = StatusEntries.read(answer("{'status_history': ["
                + "{'status': 'To Do', 'total_time': {'by_minute': 4, 'since': '" + T + "'}},"
                + "{'status': 'review', 'total_time': {'by_minute': '7', 'since': '" + (T + 1) + "'}},"
                + "{'status': 'done', 'total_time': {'by_minute': 'soon', 'since': '" + (T + 2) + "'}},"
                + "{'status': 'blocked', 'total_time': {'by_minute': -3, 'since': '" + (T + 3) + "'}},"
                + "{'status': 'qa', 'total_time': {'since': '" + (T + 4) + "'}}]}")).orElseThrow();

        assertThat(entries.entries()).hasSize(5);
        assertThat(entries.minutes()).as("keys lower-cased; garbage, negative and absent counts left out")
                .containsOnly(java.util.Map.entry("to do", 4L), java.util.Map.entry("review", 7L));
    }

    @Test
    void aTaskIsNotedOnlyWhenItsStoredHistoryDoesNotExplainItsStatus() {
        MirrorStore.Entry inReview = new MirrorStore.Entry(snapshot("review"), null, null, null);
        Transition created = new Transition("t", "1", null, null, "to do", "open", Instant.ofEpochMilli(T), 5L);
        Transition toReview = new Transition("t", "2", "to do", "open", "review", "custom", Instant.ofEpochMilli(T + 1), 5L);
        Transition reviewToComplete = new Transition("t", "3", "review", "custom", "complete", "closed", Instant.ofEpochMilli(T + 2), 5L);

        assertThat(RestoreCandidates.unexplained("review", inReview, List.of(created, toReview))).isFalse();
        assertThat(RestoreCandidates.unexplained("Review", inReview, List.of(toReview, created))).as("any order, any case").isFalse();
        assertThat(RestoreCandidates.unexplained("complete", inReview, List.of(created, toReview)))
                .as("the last change was not heard").isTrue();
        assertThat(RestoreCandidates.unexplained("complete", inReview, List.of(created, reviewToComplete)))
                .as("a gap: into review was not heard").isTrue();
        assertThat(RestoreCandidates.unexplained("review", inReview, List.of())).as("no history, snapshot agrees").isFalse();
        assertThat(RestoreCandidates.unexplained("complete", inReview, List.of())).isTrue();
    }

    @Test
    void aTaskIsNotedWhenClickUpListsANewerVersionThanTheMirrorHeardEvenWithItsStatusExplained() throws Exception {
        MirrorStore.Entry inReview = new MirrorStore.Entry(snapshot("review"), null, null, null); // date_updated T + 5
        ClickUpTask same = listed(T + 5);
        ClickUpTask newer = listed(T + 6);

        assertThat(RestoreCandidates.unheard(same, inReview)).isFalse();
        assertThat(RestoreCandidates.unheard(listed(T + 4), inReview)).as("an older listing").isFalse();
        assertThat(RestoreCandidates.unheard(newer, inReview)).as("review -> complete -> review, both unheard").isTrue();
        MirrorStore.Entry deleted = new MirrorStore.Entry(snapshot("review").deletedAt(Instant.ofEpochMilli(T + 5)), null,
                null, null);
        assertThat(RestoreCandidates.unheard(newer, deleted)).as("a tombstone is the restore's to skip").isFalse();
    }

    private static ClickUpTask listed(long dateUpdated) throws Exception {
        return Json.MAPPER.readValue("{\"id\": \"t\", \"status\": {\"status\": \"review\"},"
                + " \"date_updated\": \"" + dateUpdated + "\"}", ClickUpTask.class);
    }

    private static TaskSnapshot snapshot(String status) {
        return new TaskSnapshot("t", null, "n", status, "custom", null, null, List.of(), List.of(), "list-1", "f", "s",
                "team-1", null, Instant.ofEpochMilli(T), Instant.ofEpochMilli(T + 5), null, null, null,
                null, null, null, null, List.of(), false, false, null);
    }
}
