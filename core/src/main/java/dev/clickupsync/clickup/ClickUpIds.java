package dev.clickupsync.clickup;

import java.util.regex.Pattern;

/**
 * Checks an id before it becomes a segment of a ClickUp URL. The REST client percent-encodes path
 * parameters, but a segment such as {@code ..} stays {@code ..} and servers normalise it away
 * ({@code /task/../team/1/webhook} is another endpoint), and {@code %}, {@code ?} or {@code #} have no
 * business in an id. ClickUp issues decimal ids (teams, spaces, folders, lists, users), short
 * alphanumerics (tasks: {@code 86c0aa001}), custom task ids ({@code DEV-42}) and UUIDs (webhooks,
 * custom fields): all within letters, digits, {@code -} and {@code _}, starting with a letter or
 * digit, at most 64. That alphabet is what is checked, the same for every kind (stricter per-kind
 * shapes would add nothing against injection and would refuse the symbolic list ids the test
 * fixtures use).
 */
public final class ClickUpIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private ClickUpIds() {
    }

    /** True when {@code id} may be sent to ClickUp as an id. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id}, or {@link InvalidClickUpIdException} naming its kind ("task", "list", ...). */
    public static String require(String kind, String id) {
        if (!isValid(id)) {
            throw new InvalidClickUpIdException(kind, id);
        }
        return id;
    }

    /** An id that is not of ClickUp's shape; never sent. Reason {@code invalid_id}. */
    public static final class InvalidClickUpIdException extends IllegalArgumentException {
        public static final String REASON = "invalid_id";

        InvalidClickUpIdException(String kind, String id) {
            super("not a ClickUp " + kind + " id: " + printable(id));
        }

        private static String printable(String id) {
            if (id == null) {
                return "null";
            }
            String shown = id.length() > 80 ? id.substring(0, 80) + "..." : id;
            return '"' + shown.replaceAll("[^\\x20-\\x7E]", "?") + '"';
        }
    }
}
