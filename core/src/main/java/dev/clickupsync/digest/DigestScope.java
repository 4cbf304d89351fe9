package dev.clickupsync.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured digest: a list or a space, and the task its comment goes onto.
 *
 * @param kind          list or space
 * @param id            the list's or space's id
 * @param commentTaskId the task the summary is posted on as a comment
 */
public record DigestScope(Kind kind, String id, String commentTaskId) {
    // ids are ClickUp ids (digits, or letters and digits for tasks): also safe inside a command id
    private static final Pattern ENTRY = Pattern.compile("(list|space):([A-Za-z0-9_-]{1,64})=([A-Za-z0-9_-]{1,64})");

    /** What the id names. */
    public enum Kind { LIST, SPACE }

    /** {@code list-901200100}: the scope inside command ids, metrics-free logs and reports. */
    public String key() {
        return kind.name().toLowerCase(Locale.ROOT) + "-" + id;
    }

    /**
     * Parses {@code list:<id>=<task id>} / {@code space:<id>=<task id>} entries.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static List<DigestScope> parseAll(List<String> entries) {
        return parseAll(entries, "sync.digest.scopes");
    }

    /**
     * As {@link #parseAll(List)}, for the entries of the key {@code key} (named in the message).
     *
     * @throws IllegalArgumentException naming the key and the first malformed entry
     */
    public static List<DigestScope> parseAll(List<String> entries, String key) {
        List<DigestScope> scopes = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException(key + " entry '" + entry
                        + "' is not list:<list id>=<task id> or space:<space id>=<task id>");
            }
            scopes.add(new DigestScope(Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2), m.group(3)));
        }
        return List.copyOf(scopes);
    }
}
