package dev.clickupsync.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The item codec through a real write and read on dynalite: what goes in comes back, absent stays absent. */
class ItemCodecTest {
    private static final String TABLE = "item-codec-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
    }

    @Test
    void everyTypedValueSurvivesAWriteAndAConsistentRead() {
        Instant at = Instant.parse("2026-12-05T10:15:30.123Z");
        Map<String, AttributeValue> key = Item.key("codec#1", "all");
        dynamo.putItem(b -> b.tableName(TABLE).item(Item.with(key)
                .text("name", "Ünïcode ✓").number("count", 42L).instant("at", at).flag("on", true)
                .expiresAt(at).build()));

        Item read = read(key);

        assertThat(read.exists()).isTrue();
        assertThat(read.text("name")).isEqualTo("Ünïcode ✓");
        assertThat(read.longOrNull("count")).isEqualTo(42L);
        assertThat(read.instant("at")).isEqualTo(at);
        assertThat(read.flag("on")).isTrue();
        assertThat(read.longOrNull(Tables.TTL)).as("TTL is epoch seconds, not millis").isEqualTo(at.getEpochSecond());
    }

    @Test
    void nullsAreNeverWrittenSoTheyReadAsAbsent() {
        Map<String, AttributeValue> key = Item.key("codec#2", "sparse");
        Map<String, AttributeValue> written = Item.with(key).text("name", null).number("count", null)
                .instant("at", null).expiresAt(null).build();
        assertThat(written).containsOnlyKeys(Tables.PK, Tables.SK);
        dynamo.putItem(b -> b.tableName(TABLE).item(written));

        Item read = read(key);

        assertThat(read.text("name")).isNull();
        assertThat(read.longOrNull("count")).isNull();
        assertThat(read.longOr("count", 7)).isEqualTo(7);
        assertThat(read.instant("at")).isNull();
        assertThat(read.flag("on")).isFalse();
    }

    @Test
    void anAttributeOfAnotherTypeReadsAsAbsentInsteadOfFailingTheScan() {
        Item odd = Item.of(Map.of("count", AttributeValue.fromS("forty-two"), "name", AttributeValue.fromN("1")));

        assertThat(odd.longOrNull("count")).isNull();
        assertThat(odd.text("name")).isNull();
    }

    @Test
    void aMissingItemIsTheEmptyItem() {
        assertThat(Item.of(null).exists()).isFalse();
        assertThat(read(Item.key("codec#none", "none")).exists()).isFalse();
    }

    private static Item read(Map<String, AttributeValue> key) {
        return Item.of(dynamo.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true)).item());
    }
}
