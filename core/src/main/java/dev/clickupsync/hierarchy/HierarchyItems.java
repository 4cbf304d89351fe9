package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * How spaces, folders and lists are laid out in the mirror table (the package comment has the why).
 * <ul>
 *   <li><b>Object item</b> {@code pk = h#<kind>#<id>}, {@code sk = object}: {@code json} (ClickUp's
 *       JSON, absent on a tombstone), {@code fetched_at} (epoch ms, the version the guards compare),
 *       {@code deleted}, {@code written_at}, {@code link_pk}/{@code link_sk} (its link item, if any)
 *       and, for a space, {@code team_id}.</li>
 *   <li><b>Link item</b>, one per live object under its parent, so a parent's children are one
 *       {@code Query}: {@code pk} = {@link #spacesOf}, {@link #foldersOf}, {@link #listsOf} or
 *       {@link #folderlessListsOf}; {@code sk = <orderindex, 10 digits>#<id>} (ClickUp's order);
 *       {@code json} and {@code fetched_at} copied from the object.</li>
 *   <li><b>Members item</b> of a list, {@code pk = h#list#<id>}, {@code sk = members}: {@code json}
 *       (ClickUp's {@code GET /list/{id}/member} answer), {@code fetched_at}, {@code written_at}; read
 *       only while the list object is live.</li>
 * </ul>
 */
final class HierarchyItems {
    static final String OBJECT = "object";
    static final String JSON = "json";
    static final String FETCHED_AT = "fetched_at";
    static final String LINK_PK = "link_pk";
    static final String LINK_SK = "link_sk";
    static final String NEWER = "attribute_not_exists(pk) OR fetched_at < :t";

    private HierarchyItems() {
    }

    static Map<String, AttributeValue> membersKey(String listId) {
        return Item.key("h#" + HierarchyKind.LIST.code() + "#" + listId, "members");
    }

    static String spacesOf(String teamId) {
        return "h#team#" + teamId + "#space";
    }

    static String foldersOf(String spaceId) {
        return "h#space#" + spaceId + "#folder";
    }

    static String folderlessListsOf(String spaceId) {
        return "h#space#" + spaceId + "#list";
    }

    static String listsOf(String folderId) {
        return "h#folder#" + folderId + "#list";
    }

    static Map<String, AttributeValue> key(HierarchyKind kind, String id) {
        return Item.key("h#" + kind.code() + "#" + id, OBJECT);
    }

    /**
     * The partition of the object's link: a space under its workspace, a visible folder under its
     * space, a list under its folder, or under its space when its folder is hidden (ClickUp's
     * folderless lists). Null when there is none (a hidden folder; a space of an unknown workspace).
     */
    static String linkPartition(HierarchyKind kind, JsonNode json, String teamId) {
        return switch (kind) {
            case SPACE -> teamId == null ? null : spacesOf(teamId);
            case FOLDER -> json.path("hidden").asBoolean(false) || text(json.path("space"), "id") == null
                    ? null : foldersOf(text(json.path("space"), "id"));
            case LIST -> json.path("folder").path("hidden").asBoolean(false)
                    ? (text(json.path("space"), "id") == null ? null : folderlessListsOf(text(json.path("space"), "id")))
                    : (text(json.path("folder"), "id") == null ? null : listsOf(text(json.path("folder"), "id")));
        };
    }

    static String linkSort(JsonNode json) {
        long order = Math.max(0, json.path("orderindex").asLong(0));
        return String.format("%010d#%s", order, text(json, "id"));
    }

    static Map<String, AttributeValue> object(HierarchyKind kind, String id, JsonNode json, Instant fetchedAt,
                                              Instant writtenAt, String linkPk, String linkSk, String teamId) {
        return Item.with(key(kind, id))
                .text(JSON, json == null ? null : json.toString())
                .instant(FETCHED_AT, fetchedAt)
                .flag("deleted", json == null)
                .instant("written_at", writtenAt)
                .text(LINK_PK, json == null ? null : linkPk)
                .text(LINK_SK, json == null ? null : linkSk)
                .text("team_id", teamId)
                .build();
    }

    static Map<String, AttributeValue> link(String linkPk, String linkSk, JsonNode json, Instant fetchedAt) {
        return Item.with(Item.key(linkPk, linkSk))
                .text(JSON, json.toString())
                .text("id", text(json, "id"))
                .instant(FETCHED_AT, fetchedAt)
                .build();
    }

    static HierarchyObject read(HierarchyKind kind, String id, Item item) {
        return new HierarchyObject(kind, id, parse(item.text(JSON)), item.instant(FETCHED_AT),
                item.instant("written_at"), item.flag("deleted"), item.text(LINK_PK), item.text(LINK_SK),
                item.text("team_id"));
    }

    static JsonNode parse(String json) {
        return Json.stored(json, "hierarchy");
    }

    static String text(JsonNode node, String field) {
        return Json.textOrNull(node, field);
    }

    static String pk(Map<String, AttributeValue> key) {
        return key.get(Tables.PK).s();
    }
}
