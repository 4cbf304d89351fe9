package dev.clickupsync.goal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A stored goal: ClickUp's JSON for it with its key results (null on a tombstone), the fetch time
 * that versions it, its workspace (null for a tombstone of a goal never stored), and when the
 * mirror wrote it (for a link item, which has no write time of its own, its fetch time).
 */
public record StoredGoal(String id, JsonNode json, Instant fetchedAt, boolean deleted, String teamId, Instant writtenAt) {
}
