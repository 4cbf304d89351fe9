package dev.clickupsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.support.Fixtures;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventFilterTest {
    /** Lists named by the examples: {@code 162641062} and {@code 162641285}; space {@code 7002367}. */
    private static final String LIST_A = "162641062";
    private static final String LIST_B = "162641285";

    static java.util.stream.Stream<String> examplePayloads() {
        return Fixtures.webhookPayloadNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplePayloads")
    void emptyConfigurationPassesEveryExample(String fileName) {
        EventFilter none = new EventFilter(Optional.empty(), Optional.empty(), Optional.empty());
        ObjectNode payload = Fixtures.webhookPayload(fileName);

        assertThat(none.rejectReason(payload.get("event").asText(), payload)).isNull();
    }

    @Test
    void emptySetsAreTheSameAsUnset() {
        EventFilter empty = new EventFilter(Optional.of(Set.of()), Optional.of(Set.of()), Optional.of(Set.of()));
        ObjectNode payload = Fixtures.webhookPayload("listCreated.json");

        assertThat(empty.rejectReason("listCreated", payload)).isNull();
    }

    @Test
    void eventsOutsideTheAllowListAreFiltered() {
        EventFilter filter = events("taskCreated", "taskUpdated");

        assertThat(filter.rejectReason("taskCreated", Fixtures.webhookPayload("taskCreated.json"))).isNull();
        assertThat(filter.rejectReason("taskUpdated", Fixtures.webhookPayload("taskUpdated_content.json"))).isNull();
        assertThat(filter.rejectReason("taskDeleted", Fixtures.webhookPayload("taskDeleted.json")))
                .isEqualTo("event_filtered");
        assertThat(filter.rejectReason("TASKCREATED", Fixtures.webhookPayload("taskCreated.json")))
                .as("event names are case-sensitive").isEqualTo("event_filtered");
    }

    @Test
    void listRuleMatchesTopLevelListId() {
        ObjectNode listCreated = Fixtures.webhookPayload("listCreated.json"); // list_id 162641234

        assertThat(lists("162641234").rejectReason("listCreated", listCreated)).isNull();
        assertThat(lists(LIST_A).rejectReason("listCreated", listCreated)).isEqualTo("list_filtered");
    }

    @Test
    void listRuleMatchesHistoryItemParentId() {
        ObjectNode statusUpdated = Fixtures.webhookPayload("taskStatusUpdated.json"); // parent_id LIST_A

        assertThat(lists(LIST_A).rejectReason("taskStatusUpdated", statusUpdated)).isNull();
        assertThat(lists(LIST_B).rejectReason("taskStatusUpdated", statusUpdated)).isEqualTo("list_filtered");
        assertThat(lists(LIST_B, LIST_A).rejectReason("taskStatusUpdated", statusUpdated)).isNull();
    }

    @Test
    void listRulePassesWhenAnyHistoryItemNamesAnAllowedList() {
        ObjectNode payload = Fixtures.webhookPayload("taskStatusUpdated.json");
        ObjectNode second = payload.withArray("history_items").addObject();
        second.put("parent_id", "999");
        ObjectNode first = (ObjectNode) payload.get("history_items").get(0);
        first.put("parent_id", "888");

        assertThat(lists("999").rejectReason("taskStatusUpdated", payload)).isNull();
        assertThat(lists("888").rejectReason("taskStatusUpdated", payload)).isNull();
        assertThat(lists(LIST_A).rejectReason("taskStatusUpdated", payload)).isEqualTo("list_filtered");
    }

    @Test
    void payloadsNamingNoListPassAListRule() {
        EventFilter filter = lists("some-other-list");

        assertThat(filter.rejectReason("taskDeleted", Fixtures.webhookPayload("taskDeleted.json"))).isNull();
        assertThat(filter.rejectReason("folderCreated", Fixtures.webhookPayload("folderCreated.json"))).isNull();
        assertThat(filter.rejectReason("spaceUpdated", Fixtures.webhookPayload("spaceUpdated.json"))).isNull();
        assertThat(filter.rejectReason("goalCreated", Fixtures.webhookPayload("goalCreated.json"))).isNull();
    }

    @Test
    void nonTextualListIdsDoNotCountAsNamingAList() {
        ObjectNode payload = Fixtures.webhookPayload("taskDeleted.json");
        payload.put("list_id", 162641062);
        payload.putArray("history_items").addObject().putNull("parent_id");

        assertThat(lists("some-other-list").rejectReason("taskDeleted", payload)).isNull();
    }

    @Test
    void spaceRuleMatchesSpaceId() {
        ObjectNode spaceUpdated = Fixtures.webhookPayload("spaceUpdated.json"); // space_id 7002367

        assertThat(spaces("7002367").rejectReason("spaceUpdated", spaceUpdated)).isNull();
        assertThat(spaces("54650507").rejectReason("spaceUpdated", spaceUpdated)).isEqualTo("space_filtered");
    }

    @Test
    void spaceRuleIgnoresHistoryItemParentIds() {
        // parent_id is a list id, never a space id: the space rule must not read it.
        ObjectNode statusUpdated = Fixtures.webhookPayload("taskStatusUpdated.json");

        assertThat(spaces("7002367").rejectReason("taskStatusUpdated", statusUpdated)).isNull();
        assertThat(spaces(LIST_A).rejectReason("taskStatusUpdated", statusUpdated)).isNull();
    }

    @Test
    void rulesCombineAndReportTheFirstThatDrops() {
        EventFilter filter = new EventFilter(Optional.of(Set.of("taskStatusUpdated", "spaceUpdated")),
                Optional.of(Set.of(LIST_A)), Optional.of(Set.of("7002367")));

        assertThat(filter.rejectReason("taskStatusUpdated", Fixtures.webhookPayload("taskStatusUpdated.json"))).isNull();
        assertThat(filter.rejectReason("spaceUpdated", Fixtures.webhookPayload("spaceUpdated.json"))).isNull();
        assertThat(filter.rejectReason("taskMoved", Fixtures.webhookPayload("taskMoved.json")))
                .isEqualTo("event_filtered");
        ObjectNode otherList = Fixtures.webhookPayload("taskStatusUpdated.json");
        ((ObjectNode) otherList.get("history_items").get(0)).put("parent_id", LIST_B);
        assertThat(filter.rejectReason("taskStatusUpdated", otherList)).isEqualTo("list_filtered");
        ObjectNode otherSpace = Fixtures.webhookPayload("spaceUpdated.json");
        otherSpace.put("space_id", "1");
        assertThat(filter.rejectReason("spaceUpdated", otherSpace)).isEqualTo("space_filtered");
    }

    @Test
    void configuredSetsAreCopied() {
        Set<String> events = new HashSet<>(Set.of("taskCreated"));
        EventFilter filter = new EventFilter(Optional.of(events), Optional.empty(), Optional.empty());
        events.add("taskDeleted");

        assertThat(filter.rejectReason("taskDeleted", Fixtures.webhookPayload("taskDeleted.json")))
                .isEqualTo("event_filtered");
    }

    private static EventFilter events(String... names) {
        return new EventFilter(Optional.of(Set.of(names)), Optional.empty(), Optional.empty());
    }

    private static EventFilter lists(String... ids) {
        return new EventFilter(Optional.empty(), Optional.of(Set.of(ids)), Optional.empty());
    }

    private static EventFilter spaces(String... ids) {
        return new EventFilter(Optional.empty(), Optional.empty(), Optional.of(Set.of(ids)));
    }
}
