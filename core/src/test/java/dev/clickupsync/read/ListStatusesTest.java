package dev.clickupsync.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A list's statuses kept for the answer cache's bound: one read of the list per bound, never an older one. */
class ListStatusesTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final List<String> reads = new ArrayList<>();
    private final Map<String, JsonNode> lists = new java.util.HashMap<>(Map.of("L1", statuses("to do")));

    @Test
    void aListIsReadOnceWithinTheBoundAndAgainAfterIt() {
        ListStatuses statuses = new ListStatuses(this::read, Duration.ofSeconds(1), nanos::get);

        statuses.of("L1");
        statuses.of("L1");
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(statuses.of("L1")).contains(statuses("to do"));
        assertThat(reads).containsExactly("L1");

        lists.put("L1", statuses("done"));
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(statuses.of("L1")).as("never older than the bound").contains(statuses("done"));
        assertThat(reads).containsExactly("L1", "L1");
    }

    @Test
    void aListNotMirroredIsRememberedAsAbsentForTheBoundToo() {
        ListStatuses statuses = new ListStatuses(this::read, Duration.ofSeconds(1), nanos::get);

        assertThat(statuses.of("L9")).isEmpty();
        assertThat(statuses.of("L9")).isEmpty();
        assertThat(reads).containsExactly("L9");

        lists.put("L9", statuses("new"));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(statuses.of("L9")).contains(statuses("new"));
    }

    @Test
    void aZeroBoundReadsTheListEveryTime() {
        ListStatuses statuses = new ListStatuses(this::read, Duration.ZERO, nanos::get);

        statuses.of("L1");
        statuses.of("L1");

        assertThat(reads).containsExactly("L1", "L1");
    }

    private Optional<JsonNode> read(String listId) {
        reads.add(listId);
        return Optional.ofNullable(lists.get(listId));
    }

    private static JsonNode statuses(String name) {
        return Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("status", name).put("color", "#fff"));
    }
}
