package dev.clickupsync.hierarchy;

import java.util.Optional;

/** The three containers of a workspace, by the name ClickUp's paths and events use for them. */
public enum HierarchyKind {
    SPACE("space"),
    FOLDER("folder"),
    LIST("list");

    private final String code;

    HierarchyKind(String code) {
        this.code = code;
    }

    /** The name in paths ({@code /space/{id}}), events ({@code spaceCreated}) and item keys. */
    public String code() {
        return code;
    }

    /** The kind an event names by its prefix ({@code listUpdated} is a list's), if it is a hierarchy event. */
    public static Optional<HierarchyKind> ofEvent(String event) {
        if (event != null) {
            for (HierarchyKind kind : values()) {
                if (event.startsWith(kind.code) && event.length() > kind.code.length()
                        && Character.isUpperCase(event.charAt(kind.code.length()))) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }
}
