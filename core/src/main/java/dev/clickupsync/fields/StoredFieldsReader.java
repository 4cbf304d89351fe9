package dev.clickupsync.fields;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/**
 * The field cache's stored definitions of a list, read-only: one strongly consistent {@code GetItem}
 * of the list's item ({@link StoredFields}), never a discovery, so a reader (the read API) never
 * calls ClickUp, takes no lease and writes nothing, and needs neither the ClickUp client nor its
 * budget. A copy is served however old it is (its {@code fetchedAt} says how old); expiry only
 * steers {@link FieldCache}'s rediscovery.
 */
@ApplicationScoped
public class StoredFieldsReader {
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public StoredFieldsReader(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().fieldCache());
    }

    public StoredFieldsReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The list's stored definitions, or empty when none are stored (or the item is unreadable). */
    public Optional<FieldDefinitions> stored(String listId) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(StoredFields.key(listId)).consistentRead(true)).item());
        return Optional.ofNullable(StoredFields.parse(listId, item).definitions());
    }
}
