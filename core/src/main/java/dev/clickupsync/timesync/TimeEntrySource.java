package dev.clickupsync.timesync;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * What {@link TimeWalk} reads from ClickUp, so the walk can be tested against the fake ClickUp without
 * a Quarkus application; production is {@link ClickUpTimeSource}. Failures are ClickUp's
 * ({@code clickup.ClickUpException} and its subclasses).
 */
public interface TimeEntrySource {

    /** The user ids of the workspace's members ({@code GET /team}). */
    List<Long> members(String teamId);

    /** {@code GET /team/{id}/time_entries?start_date&end_date&assignee}: the {@code data} elements, unchecked. */
    List<JsonNode> entries(String teamId, Instant from, Instant to, List<Long> assignees);
}
