package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TimeEntryRecord;
import dev.clickupsync.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The check of one {@code GET /team/{id}/time_entries} element before anything is stored. */
class TeamEntryShapeTest {
    private final TeamEntryShape shape = new TeamEntryShape();

    @Test
    void clickUpsDocumentedExampleIsAcceptedAndMapped() {
        TeamEntryShape.Checked checked = shape.check(example());

        assertThat(checked.reason()).isNull();
        TimeEntryRecord e = checked.entry();
        assertThat(e.entryId()).isEqualTo("1963465985517105840");
        assertThat(e.taskId()).isEqualTo("1vwwavv");
        assertThat(e.userId()).isEqualTo(1L);
        assertThat(e.start()).isEqualTo(Instant.ofEpochMilli(1592841559129L));
        assertThat(e.end()).isEqualTo(Instant.ofEpochMilli(1592845899021L));
        assertThat(e.durationMs()).isEqualTo(4339892L);
        assertThat(e.running()).isFalse();
        assertThat(e.description()).isEqualTo("");
        assertThat(e.billable()).isFalse();
        assertThat(e.recordedAt()).isEqualTo(Instant.ofEpochMilli(1592845899021L));
    }

    @Test
    void aRunningTimerWithoutEndAndWithANegativeDurationIsAcceptedAsRunning() {
        TimeEntryRecord e = shape.check(changed(n -> n.remove("end")).put("duration", "-1592841559129")).entry();

        assertThat(e.running()).isTrue();
        assertThat(e.end()).isNull();
        assertThat(e.durationMs()).isEqualTo(-1592841559129L);
    }

    @Test
    void timesAsNumbersAndTagsAsObjectsAreAccepted() {
        ObjectNode node = changed(n -> n.put("start", 1592841559129L).put("end", 1592845899021L).put("duration", 4339892L));
        node.putArray("tags").addObject().put("name", "billable-ish").put("tag_bg", "#000000");

        TimeEntryRecord e = shape.check(node).entry();
        assertThat(e.durationMs()).isEqualTo(4339892L);
        assertThat(e.tags()).containsExactly("billable-ish");
        assertThat(shape.check(changed(n -> n.putArray("tags").add("meeting"))).entry().tags()).containsExactly("meeting");
    }

    @Test
    void malformedElementsAreRejectedWholeWithOneReason() {
        assertMalformed(changed(n -> n.remove("id")), null);
        assertMalformed(changed(n -> n.put("start", "yesterday")), "1963465985517105840");
        assertMalformed(changed(n -> n.put("duration", "soon")), "1963465985517105840");
        assertMalformed(changed(n -> ((ObjectNode) n.get("user")).remove("id")), "1963465985517105840");
        assertMalformed(changed(n -> ((ObjectNode) n.get("task")).remove("id")), "1963465985517105840");
        assertMalformed(changed(n -> n.put("end", "1592841559128")), "1963465985517105840");
        assertMalformed(changed(n -> n.put("id", "../../etc")), "../../etc");
        assertMalformed(changed(n -> n.putArray("tags").addObject().put("tag_bg", "#fff")), "1963465985517105840");
        assertMalformed(Json.MAPPER.getNodeFactory().textNode("entry"), null);
        assertMalformed(null, null);
    }

    @Test
    void anEntryOnNoTaskIsSkippedAsNoTask() {
        TeamEntryShape.Checked checked = shape.check(changed(n -> n.remove("task")));

        assertThat(checked.entry()).isNull();
        assertThat(checked.reason()).isEqualTo(TeamEntryShape.NO_TASK);
        assertThat(checked.id()).isEqualTo("1963465985517105840");
        assertThat(shape.check(changed(n -> n.putNull("task"))).reason()).isEqualTo(TeamEntryShape.NO_TASK);
    }

    private void assertMalformed(JsonNode element, String id) {
        TeamEntryShape.Checked checked = shape.check(element);
        assertThat(checked.entry()).as(String.valueOf(element)).isNull();
        assertThat(checked.reason()).isEqualTo(TeamEntryShape.MALFORMED);
        assertThat(checked.id()).isEqualTo(id);
        assertThat(checked.detail()).isNotBlank();
    }

    private static ObjectNode example() {
        return (ObjectNode) Fixtures.json("fixtures/rest_responses/get_team_time_entries.json").get("data").get(0);
    }

    private static ObjectNode changed(Consumer<ObjectNode> change) {
        ObjectNode node = example().deepCopy();
        change.accept(node);
        return node;
    }
}
