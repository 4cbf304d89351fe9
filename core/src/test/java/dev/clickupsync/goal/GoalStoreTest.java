package dev.clickupsync.goal;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import dev.clickupsync.metrics.Metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Goals in the mirror table against dynalite: the fetch-time guard, tombstones and the workspace listing. */
class GoalStoreTest {
    private static final String TABLE = "goal-store-test";
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);

    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);

    private static GoalStore store;

    @BeforeAll
    static void start() {
        store = new GoalStore(DYNALITE.dynamo(), TABLE, Clock.systemUTC());
    }

    /** A goal as {@code GET /goal/{id}} answers it, with one key result. */
    static ObjectNode goal(String id, String team, String name) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", name).put("team_id", team)
                .put("date_created", "1568044355026").put("percent_completed", 0).put("archived", false);
        json.putArray("key_results").addObject().put("id", "kr-" + id).put("name", "KR").put("goal_id", id);
        return json;
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    @Test
    void storesTheGoalWithItsKeyResultsAndListsItUnderItsWorkspace() {
        String team = fresh();
        String id = fresh();

        assertThat(store.write(goal(id, team, "Ship it"), T1)).isTrue();

        StoredGoal stored = store.find(id).orElseThrow();
        assertThat(stored.json()).isEqualTo(goal(id, team, "Ship it"));
        assertThat(stored.json().path("key_results").get(0).path("id").asText()).isEqualTo("kr-" + id);
        assertThat(stored.fetchedAt()).isEqualTo(T1);
        assertThat(stored.deleted()).isFalse();
        assertThat(stored.teamId()).isEqualTo(team);
        assertThat(store.goals(team)).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo(id);
            assertThat(g.json()).isEqualTo(goal(id, team, "Ship it"));
        });
    }

    @Test
    void anOlderFetchNeverOverwritesANewerOne() {
        String team = fresh();
        String id = fresh();
        store.write(goal(id, team, "New name"), T2);

        assertThat(store.write(goal(id, team, "Old name"), T1)).as("answered later, begun earlier").isFalse();
        assertThat(store.write(goal(id, team, "Same time"), T2)).as("same version: the first stays").isFalse();

        assertThat(store.find(id).orElseThrow().json().path("name").asText()).isEqualTo("New name");
        assertThat(store.goals(team)).singleElement()
                .satisfies(g -> assertThat(g.json().path("name").asText()).isEqualTo("New name"));
    }

    @Test
    void aDeletedGoalStaysDeletedAgainstALateUpdateAndHealsOnALaterFetch() {
        String team = fresh();
        String id = fresh();
        store.write(goal(id, team, "G"), T1);

        assertThat(store.tombstone(id, T2)).isTrue();
        assertThat(store.tombstone(id, T3)).as("already a tombstone").isFalse();
        assertThat(store.goals(team)).as("its link (and key results) go with it").isEmpty();

        assertThat(store.write(goal(id, team, "Late update"), T1.plusSeconds(30)))
                .as("a fetch begun before the deletion was recorded").isFalse();
        assertThat(store.find(id).orElseThrow().deleted()).isTrue();
        assertThat(store.find(id).orElseThrow().json()).isNull();
        assertThat(store.goals(team)).as("the losing write removed the link it put").isEmpty();

        assertThat(store.write(goal(id, team, "Restored"), T3)).as("a fetch begun after it").isTrue();
        assertThat(store.find(id).orElseThrow().deleted()).isFalse();
        assertThat(store.goals(team)).extracting(StoredGoal::id).containsExactly(id);
    }

    @Test
    void aTombstoneOfAGoalNeverStoredRefusesAnOlderFetch() {
        String team = fresh();
        String id = fresh();

        assertThat(store.tombstone(id, T2)).isTrue();
        assertThat(store.find(id).orElseThrow().teamId()).isNull();

        assertThat(store.write(goal(id, team, "Reordered create"), T1)).isFalse();
        assertThat(store.goals(team)).as("no link left behind").isEmpty();
    }

    @Test
    void aTombstoneOlderThanTheStoredFetchIsRefused() {
        String team = fresh();
        String id = fresh();
        store.write(goal(id, team, "Recreated"), T3);

        assertThat(store.tombstone(id, T2)).isFalse();

        assertThat(store.find(id).orElseThrow().deleted()).isFalse();
        assertThat(store.goals(team)).extracting(StoredGoal::id).containsExactly(id);
    }

    @Test
    void aGoalWithoutIdOrWorkspaceIsRejectedAndNothingIsStored() {
        String id = fresh();
        ObjectNode noTeam = goal(id, "t", "G");
        noTeam.remove("team_id");

        assertThatThrownBy(() -> store.write(noTeam, T1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("team_id");
        assertThatThrownBy(() -> store.write(Json.MAPPER.createObjectNode().put("team_id", "t"), T1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void listsEveryGoalOfAWorkspaceAndNoneOfAnother() {
        String team = fresh();
        String other = fresh();
        String a = fresh();
        String b = fresh();
        store.write(goal(a, team, "A"), T1);
        store.write(goal(b, team, "B"), T1);
        store.write(goal(fresh(), other, "Elsewhere"), T1);

        assertThat(store.goals(team)).extracting(StoredGoal::id).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void storesTheWorkspaceListingAsAnsweredAndKeepsTheNewerOne() {
        String team = fresh();
        ObjectNode older = Json.MAPPER.createObjectNode();
        older.putArray("goals").addObject().put("id", "a").put("percent_completed", 0);
        older.putArray("folders");
        ObjectNode newer = older.deepCopy();
        ((ObjectNode) newer.get("goals").get(0)).put("percent_completed", 50);

        assertThat(store.listing(team)).isEmpty();
        assertThat(store.writeListing(team, newer, T2)).isEqualTo(GoalStore.ListingWrite.WRITTEN);
        assertThat(store.writeListing(team, older, T1)).as("a slower fetch loses").isEqualTo(GoalStore.ListingWrite.STALE);
        assertThat(store.writeListing(team, older, T2)).as("equal versions: the first stays")
                .isEqualTo(GoalStore.ListingWrite.STALE);
        GoalStore.StoredListing stored = store.listing(team).orElseThrow();
        assertThat(stored.json()).isEqualTo(newer);
        assertThat(stored.fetchedAt()).isEqualTo(T2);
        assertThat(store.writeListing(team, older, T3)).isEqualTo(GoalStore.ListingWrite.WRITTEN);
        assertThat(store.listing(team).orElseThrow().json()).isEqualTo(older);
    }

    @Test
    void aListingOfThousandsOfGoalsIsStoredCompressedUnderTheItemLimit() {
        String team = fresh();
        ObjectNode listing = listing(3_000, i -> "Goal " + i + ": ship the quarterly objective for team " + (i % 40));
        assertThat(listing.toString().length()).as("over DynamoDB's 400 KB as text").isGreaterThan(400_000);

        assertThat(store.writeListing(team, listing, T1)).isEqualTo(GoalStore.ListingWrite.WRITTEN);

        assertThat(store.listing(team).orElseThrow().json()).isEqualTo(listing);
        Map<String, AttributeValue> item = rawListing(team);
        assertThat(item).containsKey(GoalItems.JSON_GZ).doesNotContainKey(GoalItems.JSON);
    }

    @Test
    void aListingTooLargeEvenCompressedIsNotStoredAndTheStoredOneStays() {
        String team = fresh();
        ObjectNode small = listing(1, i -> "only");
        store.writeListing(team, small, T1);
        java.util.Random random = new java.util.Random(7);
        ObjectNode huge = listing(600, i -> random.ints(1_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());

        assertThat(store.writeListing(team, huge, T2)).isEqualTo(GoalStore.ListingWrite.TOO_LARGE);

        assertThat(store.listing(team).orElseThrow().json()).as("the older listing stays").isEqualTo(small);
        Metrics metrics = Metrics.inMemory();
        GoalStore.reportTooLarge(GoalStore.ListingWrite.TOO_LARGE, team, 600, metrics);
        GoalStore.reportTooLarge(GoalStore.ListingWrite.STALE, team, 600, metrics);
        assertThat(metrics.count("GoalListingSkipped", "Reason", GoalStore.LISTING_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void aListingStoredAsTextBeforeCompressionIsStillRead() {
        String team = fresh();
        ObjectNode listing = listing(2, i -> "legacy " + i);
        DYNALITE.dynamo().putItem(b -> b.tableName(TABLE).item(dev.clickupsync.store.Item.with(GoalItems.listingKey(team))
                .text(GoalItems.JSON, listing.toString()).instant(GoalItems.FETCHED_AT, T1).instant("written_at", T1).build()));

        assertThat(store.listing(team).orElseThrow().json()).isEqualTo(listing);
        assertThat(store.writeListing(team, listing(1, i -> "new"), T2)).isEqualTo(GoalStore.ListingWrite.WRITTEN);
        assertThat(store.listing(team).orElseThrow().json()).isEqualTo(listing(1, i -> "new"));
    }

    private static ObjectNode listing(int goals, java.util.function.IntFunction<String> name) {
        ObjectNode listing = Json.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode entries = listing.putArray("goals");
        for (int i = 0; i < goals; i++) {
            entries.addObject().put("id", "g-" + i).put("name", name.apply(i)).put("percent_completed", i % 100)
                    .put("date_updated", Long.toString(1_760_000_000_000L + i)).put("key_result_count", 3);
        }
        listing.putArray("folders");
        return listing;
    }

    private static Map<String, AttributeValue> rawListing(String team) {
        return DYNALITE.dynamo().getItem(b -> b.tableName(TABLE).key(GoalItems.listingKey(team)).consistentRead(true)).item();
    }

    @Test
    void refusesAListingWithoutGoalsOrFolders() {
        assertThatThrownBy(() -> store.writeListing(fresh(), Json.MAPPER.createObjectNode().putArray("goals"), T1))
                .isInstanceOf(IllegalArgumentException.class);
        ObjectNode noFolders = Json.MAPPER.createObjectNode();
        noFolders.putArray("goals");
        assertThatThrownBy(() -> store.writeListing(fresh(), noFolders, T1)).isInstanceOf(IllegalArgumentException.class);
    }
}
