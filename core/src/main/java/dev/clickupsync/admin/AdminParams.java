package dev.clickupsync.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The admin routes' query and path values, checked before anything uses them: ids and filter values
 * (ClickUp ids, event names, reason codes, workspace names) and instants. A value that fails is a
 * {@link BadRequest} (400 with a message naming the parameter, safe to return).
 */
final class AdminParams {
    /** Ids and filter values: ClickUp ids, event names, reason codes. Nothing else reaches SQS, ClickUp or the log. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private AdminParams() {
    }

    static String optional(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!SAFE_VALUE.matcher(value).matches()) {
            throw new BadRequest(name + " must be 1-128 characters of A-Z a-z 0-9 _ . : -");
        }
        return value;
    }

    static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadRequest(name + " is required.");
        }
        return optional(name, value);
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequest(name + " is required (ISO-8601, e.g. 2025-01-01T00:00:00Z).");
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                parsed = OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadRequest(name + " must be an ISO-8601 instant, e.g. 2025-01-01T00:00:00Z.");
            }
        }
        if (parsed.isAfter(Instant.now())) {
            throw new BadRequest(name + " is in the future.");
        }
        return parsed;
    }

    /** A request an admin route refuses as given (400); its message is safe to return. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
