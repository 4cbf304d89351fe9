package dev.clickupsync.reconcile;

import dev.clickupsync.clickup.TaskQuery;
import dev.clickupsync.crypto.Sha256;

import java.time.Instant;
import java.util.List;

/**
 * One walk of reconcile: a workspace, optionally narrowed to spaces and lists, over either live or
 * archived tasks (ClickUp lists the two separately). Each scope has its own watermark, keyed by
 * {@link #key()}, so changing the configured scope starts a fresh backfill for the new one instead
 * of trusting a watermark that covered something else.
 */
public record Scope(String teamId, List<String> spaceIds, List<String> listIds, boolean archived) {
    /** Longest readable key; longer scopes (many ids) are keyed by a hash. */
    private static final int MAX_READABLE_KEY = 200;

    public Scope {
        if (teamId == null || teamId.isBlank()) {
            throw new IllegalArgumentException("teamId is required");
        }
        spaceIds = spaceIds == null ? List.of() : spaceIds.stream().distinct().sorted().toList();
        listIds = listIds == null ? List.of() : listIds.stream().distinct().sorted().toList();
    }

    /** The whole workspace, live tasks. */
    public static Scope workspace(String teamId) {
        return new Scope(teamId, List.of(), List.of(), false);
    }

    /** Some lists of a workspace, live tasks. */
    public static Scope lists(String teamId, String... listIds) {
        return new Scope(teamId, List.of(), List.of(listIds), false);
    }

    public Scope withArchived(boolean archived) {
        return new Scope(teamId, spaceIds, listIds, archived);
    }

    /** The watermark's sort key within the workspace, stable for the same scope. */
    public String key() {
        String readable = "spaces=" + String.join(",", spaceIds) + "|lists=" + String.join(",", listIds)
                + "|" + (archived ? "archived" : "live");
        if (readable.length() <= MAX_READABLE_KEY) {
            return readable;
        }
        return "sha256=" + Sha256.hex(readable).substring(0, 32)
                + "|" + (archived ? "archived" : "live");
    }

    /**
     * Every task of the scope updated after {@code gtMillis}, closed ones and subtasks included,
     * oldest update first: one keyset step.
     */
    TaskQuery query(long gtMillis) {
        return new TaskQuery(Instant.ofEpochMilli(gtMillis), null, true, true, archived ? Boolean.TRUE : null,
                "updated", true, spaceIds.isEmpty() ? null : spaceIds, listIds.isEmpty() ? null : listIds, null);
    }

    /** As {@link #query(long)}, but only tasks updated in exactly that millisecond. */
    TaskQuery queryMillisecond(long millis) {
        return new TaskQuery(Instant.ofEpochMilli(millis - 1), Instant.ofEpochMilli(millis + 1), true, true,
                archived ? Boolean.TRUE : null, "updated", true, spaceIds.isEmpty() ? null : spaceIds,
                listIds.isEmpty() ? null : listIds, null);
    }

    @Override
    public String toString() {
        return "team " + teamId + " " + key();
    }
}
