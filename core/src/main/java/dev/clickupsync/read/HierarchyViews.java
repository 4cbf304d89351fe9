package dev.clickupsync.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.hierarchy.HierarchyKind;
import dev.clickupsync.hierarchy.HierarchyObject;
import dev.clickupsync.hierarchy.HierarchyStore;
import dev.clickupsync.hierarchy.HierarchyStore.Partitions;
import dev.clickupsync.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Spaces, folders and lists rendered from the mirror as ClickUp renders them. Each object is stored
 * as ClickUp last answered it, but the names of its parents in it ({@code folder.name},
 * {@code space.name}) and a folder's {@code lists} change without the object being refetched (a
 * renamed folder sends {@code folderUpdated}, not {@code listUpdated}), so a view takes those from the
 * parents' and children's own stored items: what ClickUp would answer now, as far as the mirror knows.
 * Reads only: {@code GetItem} per object, {@code Query} per child listing.
 */
@ApplicationScoped
class HierarchyViews {
    /** A rendered answer and the least fresh fetch it was built from. */
    record View(JsonNode json, Instant fetchedAt, Instant writtenAt) {
    }

    @Inject
    HierarchyStore store;

    /** A live stored object, or the 404 to answer. */
    HierarchyObject live(HierarchyKind kind, String id) {
        return store.find(kind, id).filter(o -> !o.deleted())
                .orElseThrow(() -> new ReadRejection(ReadProblems.hierarchyNotMirrored(kind.code(), id)));
    }

    View space(String id) {
        HierarchyObject space = live(HierarchyKind.SPACE, id);
        return new View(space.json(), space.fetchedAt(), space.writtenAt());
    }

    View folder(String id) {
        HierarchyObject folder = live(HierarchyKind.FOLDER, id);
        Names names = new Names();
        List<Instant> times = new ArrayList<>(List.of(folder.fetchedAt()));
        return new View(folderJson(folder.json(), names, times), least(times), folder.writtenAt());
    }

    /** {@code GET /list/{id}/member}: the live list's members as last fetched, or the 404 to answer. */
    View members(String listId) {
        live(HierarchyKind.LIST, listId);
        HierarchyStore.Members members = store.members(listId)
                .orElseThrow(() -> new ReadRejection(ReadProblems.membersNotMirrored(listId)));
        return new View(members.json(), members.fetchedAt(), members.writtenAt());
    }

    View list(String id) {
        HierarchyObject list = live(HierarchyKind.LIST, id);
        return new View(listJson(list.json(), new Names()), list.fetchedAt(), list.writtenAt());
    }

    View spaces(String teamId) {
        return listing("spaces", store.children(Partitions.spacesOf(teamId)), null, (json, names, times) -> json);
    }

    View folders(String spaceId) {
        live(HierarchyKind.SPACE, spaceId);
        return listing("folders", store.children(Partitions.foldersOf(spaceId)), spaceId, this::folderJson);
    }

    View folderlessLists(String spaceId) {
        live(HierarchyKind.SPACE, spaceId);
        return listing("lists", store.children(Partitions.folderlessListsOf(spaceId)), spaceId,
                (json, names, times) -> listJson(json, names));
    }

    View folderLists(String folderId) {
        HierarchyObject folder = live(HierarchyKind.FOLDER, folderId);
        return listing("lists", store.children(Partitions.listsOf(folderId)), folder.id(),
                (json, names, times) -> listJson(json, names));
    }

    private interface Render {
        JsonNode render(JsonNode json, Names names, List<Instant> times);
    }

    private View listing(String member, List<HierarchyStore.Link> links, String parent, Render render) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray(member);
        Names names = new Names();
        List<Instant> times = new ArrayList<>();
        for (HierarchyStore.Link link : links) {
            times.add(link.fetchedAt());
            array.add(render.render(link.json(), names, times));
        }
        Instant least = least(times);
        return new View(body, least, least);
    }

    private JsonNode folderJson(JsonNode stored, Names names, List<Instant> times) {
        ObjectNode json = stored.deepCopy();
        renameRef(json, "space", names.of(HierarchyKind.SPACE, json.path("space").path("id").asText(null)));
        ArrayNode lists = Json.MAPPER.createArrayNode();
        for (HierarchyStore.Link link : store.children(Partitions.listsOf(json.path("id").asText()))) {
            times.add(link.fetchedAt());
            lists.add(listJson(link.json(), names));
        }
        if (json.has("lists")) {
            json.set("lists", lists);
        }
        return json;
    }

    private JsonNode listJson(JsonNode stored, Names names) {
        ObjectNode json = stored.deepCopy();
        if (!json.path("folder").path("hidden").asBoolean(false)) {
            renameRef(json, "folder", names.of(HierarchyKind.FOLDER, json.path("folder").path("id").asText(null)));
        }
        renameRef(json, "space", names.of(HierarchyKind.SPACE, json.path("space").path("id").asText(null)));
        return json;
    }

    private static void renameRef(ObjectNode json, String member, Optional<String> name) {
        if (json.get(member) instanceof ObjectNode ref && name.isPresent() && ref.has("name")) {
            ref.put("name", name.get());
        }
    }

    private static Instant least(List<Instant> times) {
        return times.stream().filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    /** Parent names, each read once per answer. */
    private final class Names {
        private final Map<String, Optional<String>> byKey = new HashMap<>();

        Optional<String> of(HierarchyKind kind, String id) {
            if (id == null) {
                return Optional.empty();
            }
            return byKey.computeIfAbsent(kind.code() + "#" + id, k -> store.find(kind, id).filter(o -> !o.deleted())
                    .map(o -> o.json().path("name").asText(null)));
        }
    }
}
