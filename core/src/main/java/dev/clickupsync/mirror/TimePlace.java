package dev.clickupsync.mirror;

import dev.clickupsync.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Where a live task's time entries are filed in the {@link TeamTimeIndex}: its workspace (the index
 * partition) and its space, folder and list (attributes of each index item, so a team-wide read
 * filtered by location drops other places' entries before it counts them against its bound). A
 * task that is not live has no place: its entries have no index items.
 */
public record TimePlace(String teamId, String spaceId, String folderId, String listId) {
    static final String PLACED = "placed";
    static final String SPACE = "place_space";
    static final String FOLDER = "place_folder";
    static final String LIST = "place_list";

    /** The task's place, or null when it is absent, a tombstone or has no workspace. */
    public static TimePlace of(TaskSnapshot task) {
        return task == null || task.deleted() || task.teamId() == null ? null // blanks as null: no re-filing for "" vs null
                : new TimePlace(task.teamId(), blankToNull(task.spaceId()), blankToNull(task.folderId()), blankToNull(task.listId()));
    }

    /** The workspace of a place, null for none. */
    static String team(TimePlace place) {
        return place == null ? null : place.teamId();
    }

    /** {@code item} with this place's location attributes. */
    Map<String, AttributeValue> on(Map<String, AttributeValue> item) {
        return Item.with(item).flag(PLACED, true).text(SPACE, spaceId).text(FOLDER, folderId).text(LIST, listId).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * A location a read asks for: each of space, folder and list either required (an id) or free
     * (null). An index item filed before items carried their place is admitted (its place is unknown
     * here; the reader checks the task itself).
     */
    public record Filter(String spaceId, String folderId, String listId) {
        /** Every place. */
        public static final Filter ANY = new Filter(null, null, null);

        boolean admits(Item item) {
            return !item.flag(PLACED) || matches(spaceId, item.text(SPACE)) && matches(folderId, item.text(FOLDER))
                    && matches(listId, item.text(LIST));
        }

        private static boolean matches(String wanted, String filed) {
            return wanted == null || wanted.equals(filed);
        }
    }
}
