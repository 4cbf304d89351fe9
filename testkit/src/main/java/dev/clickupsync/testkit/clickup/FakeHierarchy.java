package dev.clickupsync.testkit.clickup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The containers of a ClickUp workspace (space, folder, list), as plain values. Lists carry their
 * statuses because ClickUp resolves a task's status against its list.
 */
public final class FakeHierarchy {

    private FakeHierarchy() {
    }

    public record Space(String id, String name) {
        public Space {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** ClickUp calls folders "categories" in some payloads (taskMoved) and "project" in GET /task. */
    public record Folder(String id, String name, String spaceId, boolean hidden) {
        public Folder {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spaceId, "spaceId");
        }
    }

    public record TaskList(String id, String name, String folderId, List<FakeStatus> statuses) {
        public TaskList {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(folderId, "folderId");
            statuses = List.copyOf(statuses);
            if (statuses.isEmpty()) {
                throw new IllegalArgumentException("a list needs at least one status");
            }
        }

        public Optional<FakeStatus> status(String name) {
            return statuses.stream().filter(s -> s.status().equalsIgnoreCase(name.trim())).findFirst();
        }

        /** New tasks start in the first status (ClickUp's "open" one). */
        public FakeStatus firstStatus() {
            return statuses.get(0);
        }
    }
}
