package dev.clickupsync.goal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A stored goal: ClickUp's JSON for it with its key results (null on a tombstone), the fetch time
 * that versions it, and its workspace (null for a tombstone of a goal never stored).
 */
public record StoredGoal(String id, JsonNode json, Instant fetchedAt, boolean deleted, String teamId) {
}
