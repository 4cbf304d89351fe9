package dev.clickupsync.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared prefix query on dynalite: its key condition, and paging past LastEvaluatedKey. */
class TablesPrefixQueryTest {
    private static final String TABLE = "prefix-query-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        for (int i = 0; i < 7; i++) {
            put("P#1", "KEEP#" + i);
        }
        put("P#1", "OTHER#0");
        put("P#1", "KEE");
        put("P#2", "KEEP#0");
    }

    private static void put(String pk, String sk) {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(Tables.PK, AttributeValue.fromS(pk), Tables.SK, AttributeValue.fromS(sk))));
    }

    @Test
    void returnsEveryItemOfThePartitionWithThePrefixAcrossPages() {
        // Pages of 2 items: the paginator must follow LastEvaluatedKey through four pages.
        List<String> sks = dynamo.queryPaginator(Tables.prefixQuery(TABLE, "P#1", "KEEP#").limit(2).build())
                .items().stream().map(item -> item.get(Tables.SK).s()).toList();

        assertThat(sks).containsExactly("KEEP#0", "KEEP#1", "KEEP#2", "KEEP#3", "KEEP#4", "KEEP#5", "KEEP#6");
    }

    @Test
    void findsNothingForAnUnknownPartition() {
        assertThat(dynamo.queryPaginator(Tables.prefixQuery(TABLE, "P#9", "KEEP#").build()).items()).isEmpty();
    }
}
