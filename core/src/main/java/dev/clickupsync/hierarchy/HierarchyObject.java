package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A stored space, folder or list: ClickUp's JSON for it (null on a tombstone), the fetch time that
 * versions it, and where its parent link lives ({@code linkPk}/{@code linkSk}, null when it has none:
 * a hidden folder, a space whose workspace is not known yet).
 */
public record HierarchyObject(HierarchyKind kind, String id, JsonNode json, Instant fetchedAt, Instant writtenAt,
                              boolean deleted, String linkPk, String linkSk, String teamId) {
}
