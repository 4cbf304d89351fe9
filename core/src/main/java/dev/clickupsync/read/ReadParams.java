package dev.clickupsync.read;

import dev.clickupsync.clickup.ClickUpIds;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request's query parameters, checked before anything is read: a parameter the endpoint does
 * not know is a {@code 400} naming it (never silently ignored: a client relying on a filter must not
 * get an unfiltered answer), and so is a value the mirror cannot answer exactly. ClickUp's array
 * syntax ({@code name[]}) counts as {@code name}.
 */
final class ReadParams {
    private final MultivaluedMap<String, String> values;

    private ReadParams(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** The request's parameters, refused when one is not in {@code known}. */
    static ReadParams of(UriInfo uri, Set<String> known) {
        MultivaluedMap<String, String> values = uri.getQueryParameters();
        for (String name : new TreeSet<>(values.keySet())) {
            if (!known.contains(name)) {
                throw new ReadRejection(ReadProblems.unsupported(printable(name), "this endpoint does not serve it"));
            }
        }
        return new ReadParams(values);
    }

    String first(String name) {
        String value = values.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Every value of a repeatable parameter, comma-separated values split too. */
    List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** {@code true}/{@code false} (absent: false); anything else is a 400. */
    boolean flag(String name) {
        String value = first(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ReadRejection(ReadProblems.badParameter(name, "must be true or false"));
    }

    /** A parameter only its {@code false} value of which the mirror can serve. */
    void refuseTrue(String name, String why) {
        if (flag(name)) {
            throw new ReadRejection(ReadProblems.unsupported(name + "=true", why));
        }
    }

    /**
     * With {@code custom_task_ids=true}, the workspace the path's custom id is looked up in
     * ({@code team_id}, which ClickUp then requires: a 400 without it); null when ids are ClickUp's own.
     */
    String customIdTeam() {
        if (!flag("custom_task_ids")) {
            return null;
        }
        String team = first("team_id");
        if (team == null) {
            throw new ReadRejection(ReadProblems.badParameter("team_id", "is required when custom_task_ids is true"));
        }
        return id("team", team);
    }

    Long epochMillis(String name) {
        String value = first(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ReadRejection(ReadProblems.badParameter(name, "must be Unix time in milliseconds"));
        }
    }

    /** An id of ClickUp's alphabet ({@link ClickUpIds}), else a 400 naming its kind. */
    static String id(String kind, String value) {
        if (!ClickUpIds.isValid(value)) {
            throw new ReadRejection(ReadProblems.invalidId(kind));
        }
        return value;
    }

    static String printable(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return '"' + shown.replaceAll("[^A-Za-z0-9_\\[\\].-]", "?") + '"';
    }
}
