package dev.clickupsync.fields;

import dev.clickupsync.clickup.model.ListFields;

/**
 * Where {@link FieldCache} discovers a list's custom fields: {@code GET /list/{id}/field}. Production
 * uses {@code ClickUpClient::listFields} (so every discovery goes through the shared rate budget);
 * tests pass a source of their own. A failure is an unchecked exception, passed on to the caller
 * unless the cache can answer with a stale copy.
 */
@FunctionalInterface
public interface FieldSource {

    /** The list's current field definitions; never null. */
    ListFields fetch(String listId);
}
