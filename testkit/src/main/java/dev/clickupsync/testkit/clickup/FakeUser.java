package dev.clickupsync.testkit.clickup;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A workspace member as ClickUp shows it (in assignees, watchers, history items, GET /user).
 * Ids are numbers in ClickUp, unlike task and list ids, which are strings.
 */
public record FakeUser(long id, String username, String email, String color, String initials) {

    public FakeUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(initials, "initials");
    }

    /** A user whose initials are derived from the username, as ClickUp does ("Ada Lovelace" gives "AL"). */
    public static FakeUser of(long id, String username, String email, String color) {
        String initials = Arrays.stream(username.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .limit(2)
                .map(word -> word.substring(0, 1).toUpperCase())
                .collect(Collectors.joining());
        return new FakeUser(id, username, email, color, initials);
    }
}
