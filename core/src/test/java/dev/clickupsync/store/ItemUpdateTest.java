package dev.clickupsync.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request text an update builds (its writes through dynalite are covered by {@link LeaseTest}
 * and every store's tests): names escaped, placeholders bound once, nothing unused sent, since real
 * DynamoDB rejects an unused name or value.
 */
class ItemUpdateTest {
    private static final Instant NOW = Instant.parse("2026-12-05T20:00:00Z");

    @Test
    void escapesEveryNameAndSendsOnlyTheNamesAndValuesItUses() {
        UpdateItemRequest request = ItemUpdate.at(NOW).set("state", Item.s("DONE")).setNow("updated_at")
                .setIfAbsent("type", Item.s("comment")).add("attempts", 1).remove("reason")
                .onlyIf("#state = :queued", Map.of(":queued", Item.s("QUEUED")))
                .request("t-table", Item.key("a", "b"), "#state = :queued").build();

        assertThat(request.updateExpression()).isEqualTo("SET #state = :state, #updated_at = :now,"
                + " #type = if_not_exists(#type, :type) ADD #attempts :attempts REMOVE #reason");
        assertThat(request.expressionAttributeNames()).containsOnlyKeys("#state", "#updated_at", "#type", "#attempts", "#reason");
        assertThat(request.expressionAttributeValues()).containsOnlyKeys(":state", ":now", ":type", ":attempts", ":queued")
                .containsEntry(":now", Item.millis(NOW));
    }

    @Test
    void bindsNowOnlyWhereTheTextUsesIt() {
        UpdateItemRequest request = ItemUpdate.at(NOW).set("nowhere", Item.s("x")).request("t-table", Item.key("a", "b"), null).build();

        assertThat(request.expressionAttributeValues()).containsOnlyKeys(":nowhere");
        assertThat(request.conditionExpression()).isNull();
    }

    @Test
    void refusesOnePlaceholderForTwoValuesAndAnAttributeNameThatIsNoPlaceholder() {
        ItemUpdate update = ItemUpdate.at(NOW).set("state", Item.s("DONE"));

        assertThatThrownBy(() -> update.onlyIf("#state <> :state", Map.of(":state", Item.s("QUEUED"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> update.bindValue(":now", Item.n(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> update.set("a.b", Item.s("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyIsExtendedWithoutChangingTheOriginal() {
        ItemUpdate shared = ItemUpdate.at(NOW).set("state", Item.s("DONE"));

        shared.copy().remove("lock_until").onlyIf("#owner = :owner", Map.of(":owner", Item.s("me")));

        assertThat(shared.expression()).isEqualTo("SET #state = :state");
        assertThat(shared.condition()).isNull();
    }
}
