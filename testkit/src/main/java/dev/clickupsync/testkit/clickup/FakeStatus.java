package dev.clickupsync.testkit.clickup;

import java.util.Locale;
import java.util.Objects;

/**
 * One status of a list. ClickUp statuses are lower case; {@code type} is {@code open} (the first),
 * {@code custom}, {@code done} or {@code closed} (the last), and decides date_done / date_closed.
 */
public record FakeStatus(String status, String color, int orderindex, String type) {

    public FakeStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(color, "color");
        status = status.toLowerCase(Locale.ROOT);
        if (!type.equals("open") && !type.equals("custom") && !type.equals("done") && !type.equals("closed")) {
            throw new IllegalArgumentException("status type must be open, custom, done or closed: " + type);
        }
    }

    public boolean isClosed() {
        return type.equals("closed");
    }

    /** Done and closed statuses both stamp date_done. */
    public boolean isDone() {
        return type.equals("done") || type.equals("closed");
    }
}
