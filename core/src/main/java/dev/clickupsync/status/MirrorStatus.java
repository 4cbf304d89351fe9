package dev.clickupsync.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The {@code mirror} section: the mirror table's size from one {@code DescribeTable} (free: no
 * capacity consumed). DynamoDB refreshes {@code ItemCount} and {@code TableSizeBytes} about every six
 * hours, so they are approximate and lag; and the table holds more than tasks (snapshots, history,
 * list membership, index items), so the count is items, not tasks. No counter is kept on the write
 * path: an exact count would cost a write on every create and tombstone.
 */
@ApplicationScoped
public class MirrorStatus {
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public MirrorStatus(DynamoDbClient dynamo, SyncConfig sync) {
        this.dynamo = dynamo;
        this.table = sync.tables().mirror();
    }

    JsonNode report() {
        TableDescription description = dynamo.describeTable(b -> b.tableName(table)).table();
        ObjectNode section = Json.MAPPER.createObjectNode();
        section.put("table", table);
        if (description.itemCount() == null) {
            section.putNull("items_approximate");
        } else {
            section.put("items_approximate", description.itemCount());
        }
        if (description.tableSizeBytes() == null) {
            section.putNull("size_bytes_approximate");
        } else {
            section.put("size_bytes_approximate", description.tableSizeBytes());
        }
        section.put("refreshed", "about every 6 hours on AWS");
        return section;
    }
}
