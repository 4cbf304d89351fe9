package dev.clickupsync.query;

import java.util.Set;

/**
 * Where a task query looks: one list ({@code GET /list/{id}/task}) or one workspace
 * ({@code GET /team/{id}/task}), the latter narrowed by {@code space_ids[]}, {@code project_ids[]}
 * (folders) and {@code list_ids[]} (each empty: no narrowing).
 */
public record Scope(Kind kind, String id, Set<String> spaceIds, Set<String> folderIds, Set<String> listIds) {
    public enum Kind { LIST, TEAM }

    public Scope {
        spaceIds = Set.copyOf(spaceIds);
        folderIds = Set.copyOf(folderIds);
        listIds = Set.copyOf(listIds);
    }

    public static Scope list(String listId) {
        return new Scope(Kind.LIST, listId, Set.of(), Set.of(), Set.of());
    }

    public static Scope team(String teamId) {
        return new Scope(Kind.TEAM, teamId, Set.of(), Set.of(), Set.of());
    }

    Scope narrowed(Set<String> spaces, Set<String> folders, Set<String> lists) {
        return new Scope(kind, id, spaces, folders, lists);
    }

    /** Whether the narrowing sets admit a task in this space, folder and list. */
    boolean admits(String spaceId, String folderId, String listId) {
        return (spaceIds.isEmpty() || spaceIds.contains(spaceId))
                && (folderIds.isEmpty() || folderIds.contains(folderId))
                && (listIds.isEmpty() || listIds.contains(listId));
    }
}
