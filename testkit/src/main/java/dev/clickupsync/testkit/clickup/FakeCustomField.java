package dev.clickupsync.testkit.clickup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A custom field definition on a list. The type decides how a value is rendered in GET /task
 * (see {@link CustomFieldValues}); drop_down and labels fields carry their options.
 */
public record FakeCustomField(String id, String name, String type, List<Option> options, long dateCreated) {

    /** Types this fake supports, spelled as ClickUp spells them. */
    public static final Set<String> TYPES = Set.of("short_text", "text", "number", "drop_down", "labels", "date", "users");

    /** Default creation date of fields built by the factories (2024-01-01T00:00:00Z), fixed for stable output. */
    public static final long DEFAULT_DATE_CREATED = 1704067200000L;

    /** A drop_down or labels option; labels render {@code name} as {@code label}, as ClickUp does. */
    public record Option(String id, String name, String color, int orderindex) {
        public Option {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    public FakeCustomField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unsupported custom field type " + type + "; use one of " + TYPES);
        }
        options = List.copyOf(options);
        if (!options.isEmpty() && !hasOptions(type)) {
            throw new IllegalArgumentException(type + " fields have no options");
        }
    }

    public static FakeCustomField shortText(String id, String name) {
        return new FakeCustomField(id, name, "short_text", List.of(), DEFAULT_DATE_CREATED);
    }

    public static FakeCustomField text(String id, String name) {
        return new FakeCustomField(id, name, "text", List.of(), DEFAULT_DATE_CREATED);
    }

    public static FakeCustomField number(String id, String name) {
        return new FakeCustomField(id, name, "number", List.of(), DEFAULT_DATE_CREATED);
    }

    public static FakeCustomField dropDown(String id, String name, Option... options) {
        return new FakeCustomField(id, name, "drop_down", List.of(options), DEFAULT_DATE_CREATED);
    }

    public static FakeCustomField labels(String id, String name, Option... options) {
        return new FakeCustomField(id, name, "labels", List.of(options), DEFAULT_DATE_CREATED);
    }

    public static FakeCustomField date(String id, String name) {
        return new FakeCustomField(id, name, "date", List.of(), DEFAULT_DATE_CREATED);
    }

    public static FakeCustomField users(String id, String name) {
        return new FakeCustomField(id, name, "users", List.of(), DEFAULT_DATE_CREATED);
    }

    /** Finds an option by id or, failing that, by name (case-insensitive). */
    public Optional<Option> option(String idOrName) {
        return options.stream().filter(o -> o.id().equals(idOrName)).findFirst()
                .or(() -> options.stream().filter(o -> o.name().equalsIgnoreCase(idOrName)).findFirst());
    }

    private static boolean hasOptions(String type) {
        return type.equals("drop_down") || type.equals("labels");
    }
}
