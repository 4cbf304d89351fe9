package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.clickup.model.ClickUpUser;
import dev.clickupsync.clickup.model.TaskTime;
import dev.clickupsync.clickup.model.TimeEntry;
import dev.clickupsync.event.WebhookPayload;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.Fixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClickUp's two shapes of tracked time, normalised to one record. */
class TimeEntriesTest {
    private static final long START = 1_760_000_000_000L;

    // ---------------------------------------------------------------- ClickUp's examples

    @Test
    void teamTimeEntriesExampleNormalises() {
        List<TimeEntryRecord> records = TimeEntries.fromTeamEntries(
                read("fixtures/rest_responses/get_team_time_entries.json", TimeEntry.Page.class).data());

        assertThat(records).containsExactly(new TimeEntryRecord("1963465985517105840", "1vwwavv", 1L,
                "first_name last_name", Instant.ofEpochMilli(1592841559129L), Instant.ofEpochMilli(1592845899021L),
                4_339_892L, false, false, "", "clickup", Instant.ofEpochMilli(1592845899021L), List.of()));
    }

    @Test
    void legacyTaskTimeExampleKeepsAnIntervalWithoutStartOrEnd() {
        List<TimeEntryRecord> records = TimeEntries.fromTaskTime("9hv",
                read("fixtures/rest_responses/get_task_time_legacy.json", TaskTime.class));

        assertThat(records).containsExactly(new TimeEntryRecord("318", "9hv", 1L, "John Doe", null, null,
                1_000_000L, false, null, null, "chrome", Instant.ofEpochMilli(1569983937761L)));
    }

    @Test
    void timeTrackedWebhookIntervalHasTheLegacyShape() throws IOException {
        WebhookPayload payload = Json.MAPPER.readValue(
                Fixtures.bytes("fixtures/webhook_payloads/taskTimeTrackedUpdated.json"), WebhookPayload.class);
        WebhookPayload.HistoryItem item = payload.historyItems().get(0);
        TaskTime.Interval interval = Json.MAPPER.treeToValue(item.after(), TaskTime.Interval.class);
        ClickUpUser user = Json.MAPPER.treeToValue(item.user(), ClickUpUser.class);

        List<TimeEntryRecord> records = TimeEntries.fromTaskTime(payload.taskId(),
                new TaskTime(List.of(new TaskTime.ByUser(user, 900_000L, List.of(interval)))));

        assertThat(records).containsExactly(new TimeEntryRecord("2800809188061119507", "1vj38vv", 183L, "John",
                Instant.ofEpochMilli(1642736476215L), Instant.ofEpochMilli(1642737376215L), 900_000L, false, null,
                null, "clickup", Instant.ofEpochMilli(1642737376354L)));
    }

    // ---------------------------------------------------------------- one fact set, two shapes

    @Test
    void sameEntryInBothShapesGivesEqualRecordsExceptWhatTheLegacyShapeLacks() {
        String team = """
                {"data": [{"id": "4100000000000000001", "task": {"id": "86c0aa001", "name": "Demo"}, "wid": "9012345",
                  "user": {"id": 2772463, "username": "Alex Johnson", "email": "alex@example.com"},
                  "billable": true, "start": "%d", "end": "%d", "duration": "3600000", "description": "pairing",
                  "source": "clickup", "at": "%d", "tags": []}]}
                """.formatted(START, START + 3_600_000, START + 3_600_123);
        String legacy = """
                {"data": [{"user": {"id": 2772463, "username": "Alex Johnson", "email": "alex@example.com"},
                  "time": 3600000,
                  "intervals": [{"id": "4100000000000000001", "start": "%d", "end": "%d", "time": "3600000",
                                 "source": "clickup", "date_added": "%d"}]}]}
                """.formatted(START, START + 3_600_000, START + 3_600_123);

        TimeEntryRecord fromTeam = single(TimeEntries.fromTeamEntries(parse(team, TimeEntry.Page.class).data()));
        TimeEntryRecord fromLegacy = single(TimeEntries.fromTaskTime("86c0aa001", parse(legacy, TaskTime.class)));

        assertThat(fromLegacy).isEqualTo(withoutTeamOnlyFacts(fromTeam));
        assertThat(fromTeam).isEqualTo(new TimeEntryRecord("4100000000000000001", "86c0aa001", 2772463L,
                "Alex Johnson", Instant.ofEpochMilli(START), Instant.ofEpochMilli(START + 3_600_000), 3_600_000L,
                false, true, "pairing", "clickup", Instant.ofEpochMilli(START + 3_600_123), List.of()));
        assertThat(fromLegacy.billable()).as("the legacy shape has no billable flag").isNull();
        assertThat(fromLegacy.description()).as("the legacy shape has no description").isNull();
        assertThat(fromLegacy.filledFrom(fromTeam)).isEqualTo(fromTeam);
    }

    @Test
    void runningTimerHasNegativeDurationAndNoEnd() {
        String team = """
                {"data": [{"id": "4100000000000000002", "task": {"id": "86c0aa002"}, "user": {"id": 183, "username": "John"},
                  "billable": false, "start": "%d", "duration": "-%d", "description": "", "source": "clickup",
                  "at": "%d"}]}
                """.formatted(START, START, START);
        String legacy = """
                {"data": [{"user": {"id": 183, "username": "John"}, "time": 0,
                  "intervals": [{"id": "4100000000000000002", "start": "%d", "end": null, "time": "-%d",
                                 "source": "clickup", "date_added": "%d"}]}]}
                """.formatted(START, START, START);

        TimeEntryRecord fromTeam = single(TimeEntries.fromTeamEntries(parse(team, TimeEntry.Page.class).data()));
        TimeEntryRecord fromLegacy = single(TimeEntries.fromTaskTime("86c0aa002", parse(legacy, TaskTime.class)));

        assertThat(fromTeam.running()).isTrue();
        assertThat(fromTeam.end()).isNull();
        assertThat(fromTeam.durationMs()).isEqualTo(-START);
        assertThat(fromTeam.start()).isEqualTo(Instant.ofEpochMilli(START));
        assertThat(fromLegacy).isEqualTo(withoutTeamOnlyFacts(fromTeam));
    }

    @Test
    void startWithoutEndOrDurationIsARunningTimerAtMinusStart() {
        TaskTime legacy = new TaskTime(List.of(new TaskTime.ByUser(user(183), null, List.of(
                new TaskTime.Interval("i-run", Instant.ofEpochMilli(START), null, null, "clickup", null)))));
        TimeEntry team = new TimeEntry("i-run", new TimeEntry.TaskRef("t1", null, null), null, user(183), false,
                Instant.ofEpochMilli(START), null, null, null, "clickup", null, List.of());

        for (TimeEntryRecord r : List.of(single(TimeEntries.fromTaskTime("t1", legacy)),
                single(TimeEntries.fromTeamEntries(List.of(team))))) {
            assertThat(r.running()).isTrue();
            assertThat(r.end()).isNull();
            assertThat(r.durationMs()).isEqualTo(-START);
        }
    }

    @Test
    void stoppedEntryWithoutReportedDurationIsEndMinusStart() {
        TimeEntry team = new TimeEntry("e1", new TimeEntry.TaskRef("t1", null, null), null, user(1), false,
                Instant.ofEpochMilli(START), Instant.ofEpochMilli(START + 1_500), null, "x", "api", null, List.of());

        TimeEntryRecord r = single(TimeEntries.fromTeamEntries(List.of(team)));

        assertThat(r.durationMs()).isEqualTo(1_500);
        assertThat(r.running()).isFalse();
        assertThat(r.end()).isEqualTo(Instant.ofEpochMilli(START + 1_500));
    }

    // ---------------------------------------------------------------- what is skipped

    @Test
    void entriesTrackedOnNoTaskAreSkipped() {
        String team = """
                {"data": [
                  {"id": "no-task-field", "user": {"id": 1}, "start": "%1$d", "end": "%2$d", "duration": "1000"},
                  {"id": "null-task", "task": null, "user": {"id": 1}, "start": "%1$d", "end": "%2$d", "duration": "1000"},
                  {"id": "blank-task", "task": {"id": ""}, "user": {"id": 1}, "start": "%1$d", "end": "%2$d", "duration": "1000"},
                  {"id": "on-a-task", "task": {"id": "t1"}, "user": {"id": 1}, "start": "%1$d", "end": "%2$d", "duration": "1000"}
                ]}
                """.formatted(START, START + 1_000);

        List<TimeEntryRecord> records = TimeEntries.fromTeamEntries(parse(team, TimeEntry.Page.class).data());

        assertThat(records).extracting(TimeEntryRecord::entryId).containsExactly("on-a-task");
    }

    @Test
    void everyUsersIntervalsAreKeptInOrder() {
        TaskTime legacy = new TaskTime(List.of(
                new TaskTime.ByUser(user(1), 3_000L, List.of(interval("a", 0, 1_000), interval("b", 5_000, 7_000))),
                new TaskTime.ByUser(user(2), 500L, List.of(interval("c", 2_000, 2_500)))));

        List<TimeEntryRecord> records = TimeEntries.fromTaskTime("t1", legacy);

        assertThat(records).extracting(TimeEntryRecord::entryId).containsExactly("a", "b", "c");
        assertThat(records).extracting(TimeEntryRecord::userId).containsExactly(1L, 1L, 2L);
        assertThat(records).extracting(TimeEntryRecord::durationMs).containsExactly(1_000L, 2_000L, 500L);
        assertThat(records).allSatisfy(r -> assertThat(r.taskId()).isEqualTo("t1"));
    }

    @Test
    void emptyAndMissingInputsGiveNoRecords() {
        assertThat(TimeEntries.fromTeamEntries(null)).isEmpty();
        assertThat(TimeEntries.fromTeamEntries(List.of())).isEmpty();
        assertThat(TimeEntries.fromTaskTime("t1", null)).isEmpty();
        assertThat(TimeEntries.fromTaskTime("t1", parse("{\"data\": []}", TaskTime.class))).isEmpty();
        assertThatThrownBy(() -> TimeEntries.fromTaskTime(" ", new TaskTime(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordSerialisesSnakeCaseWithIsoInstants() throws IOException {
        TimeEntryRecord r = new TimeEntryRecord("e1", "t1", 7L, "x", Instant.ofEpochMilli(START), null, -START, true,
                null, null, "clickup", Instant.ofEpochMilli(START));

        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(r));

        assertThat(json.get("entry_id").asText()).isEqualTo("e1");
        assertThat(json.get("duration_ms").asLong()).isEqualTo(-START);
        assertThat(json.get("recorded_at").asText()).isEqualTo("2025-10-09T08:53:20Z");
        assertThat(Json.MAPPER.treeToValue(json, TimeEntryRecord.class)).isEqualTo(r);
    }

    // ---------------------------------------------------------------- helpers

    /** What only the team endpoint tells: the legacy shape carries neither billable, description nor tags. */
    static TimeEntryRecord withoutTeamOnlyFacts(TimeEntryRecord r) {
        return new TimeEntryRecord(r.entryId(), r.taskId(), r.userId(), r.username(), r.start(), r.end(), r.durationMs(),
                r.running(), null, null, r.source(), r.recordedAt());
    }

    private static TimeEntryRecord single(List<TimeEntryRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static ClickUpUser user(long id) {
        return new ClickUpUser(id, "user " + id, null, null, null);
    }

    private static TaskTime.Interval interval(String id, long from, long to) {
        return new TaskTime.Interval(id, Instant.ofEpochMilli(START + from), Instant.ofEpochMilli(START + to), to - from,
                "clickup", Instant.ofEpochMilli(START + to));
    }

    private static <T> T read(String resource, Class<T> type) {
        try {
            return Json.MAPPER.readValue(Fixtures.bytes(resource), type);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
