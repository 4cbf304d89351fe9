package dev.clickupsync.query;

import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/**
 * Finds a task by its custom id within a workspace: one consistent {@code GetItem} of the lookup item
 * {@link TaskIndex} keeps ({@link IndexKeys#customId}), never a scan. The item only points: the
 * caller must read the task's entry and check it still has this custom id in this workspace, since
 * a lookup item can outlive its entry's custom id by the moments between an entry write and its
 * index write (or after a crash between them, until the task's next write or a reindex).
 */
@ApplicationScoped
public class CustomTaskIds {
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public CustomTaskIds(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public CustomTaskIds(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The id of the task the lookup item of {@code customId} in {@code teamId} points at, if there is one. */
    public Optional<String> find(String teamId, String customId) {
        IndexKeys key = IndexKeys.customId(teamId, customId);
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(key.key()).consistentRead(true)).item());
        return Optional.ofNullable(item.text("tid"));
    }
}
