package dev.clickupsync.goal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.metrics.StructuredLog;
import dev.clickupsync.store.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Goals with their key results in the mirror table ({@link GoalItems} has the layout).
 *
 * <p><b>Ordering.</b> A goal's version is the time its fetch <em>began</em> ({@link #beforeFetch()}),
 * a tombstone's the time the deletion was decided. Every write is conditional on the stored
 * {@code fetched_at} being strictly older: an older fetch never overwrites a newer one, and a fetch
 * begun before a deletion never resurrects the goal.
 *
 * <p><b>Link first.</b> A write puts the workspace link, then the object. When the object write
 * loses (a newer write or a tombstone is stored), the link just put is removed again if the stored
 * object is a tombstone, so a listing never shows a deleted goal; a newer live write has already put
 * a newer link, which the conditional put could not overwrite.
 */
@ApplicationScoped
public class GoalStore {
    private static final Logger LOG = Logger.getLogger(GoalStore.class);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public GoalStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror(), Clock.systemUTC());
    }

    public GoalStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The version to give what a request started now will answer; take it before the request. */
    public Instant beforeFetch() {
        return clock.instant();
    }

    /**
     * Stores the {@code goal} object of {@code GET /goal/{id}}, fetched at {@code fetchedAt}.
     *
     * @return false when the stored goal (or tombstone) is as new or newer: nothing changed
     * @throws IllegalArgumentException when the JSON names no id or no workspace ({@code team_id})
     */
    public boolean write(JsonNode goal, Instant fetchedAt) {
        String id = required(goal, "id");
        String team = required(goal, "team_id");
        Optional<StoredGoal> stored = find(id);
        if (stored.isPresent() && !stored.get().fetchedAt().isBefore(fetchedAt)) {
            return false;
        }
        putIfNewer(GoalItems.link(team, id, goal, fetchedAt), fetchedAt);
        boolean written = putIfNewer(GoalItems.object(id, goal, fetchedAt, clock.instant(), team), fetchedAt);
        if (!written && find(id).map(StoredGoal::deleted).orElse(false)) {
            removeLink(team, id, fetchedAt.plusMillis(1));
        }
        return written;
    }

    /**
     * Records the goal (and so its key results) as deleted as of {@code at} and removes its link. A
     * goal never stored gets a tombstone too, so a late fetch begun before {@code at} is refused.
     *
     * @return false when the stored goal is newer, or already a tombstone
     */
    public boolean tombstone(String id, Instant at) {
        Optional<StoredGoal> stored = find(id);
        if (stored.isPresent() && (stored.get().deleted() || !stored.get().fetchedAt().isBefore(at))) {
            return false;
        }
        String team = stored.map(StoredGoal::teamId).orElse(null);
        if (team != null) {
            // Link first: a Lambda that dies here is redone by the redelivered event, which still
            // finds a live object; the other order would leave a tombstone with a listed link.
            removeLink(team, id, at);
        }
        return putIfNewer(GoalItems.object(id, null, at, clock.instant(), team), at);
    }

    /** The stored goal or tombstone (one strongly consistent {@code GetItem}). */
    public Optional<StoredGoal> find(String id) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(GoalItems.key(id)).consistentRead(true)).item());
        return item.exists() ? Optional.of(GoalItems.read(id, item)) : Optional.empty();
    }

    /** A workspace's live goals, by id (one paged {@code Query} on its link partition). */
    public List<StoredGoal> goals(String teamId) {
        List<StoredGoal> goals = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.s(GoalItems.goalsOf(teamId))))).items().forEach(raw -> {
            Item item = Item.of(raw);
            goals.add(new StoredGoal(item.text("id"), GoalItems.parse(item.text(GoalItems.JSON)),
                    item.instant(GoalItems.FETCHED_AT), false, teamId, item.instant(GoalItems.FETCHED_AT)));
        });
        return goals;
    }

    /** What {@link #writeListing} did. */
    public enum ListingWrite {
        /** Stored: the listing is now this one. */
        WRITTEN,
        /** Not stored: the stored listing is as new or newer. */
        STALE,
        /**
         * Not stored: even compressed it would pass DynamoDB's item limit. The stored listing (older,
         * or none) stays; the goals themselves are stored one item each and are unaffected.
         */
        TOO_LARGE
    }

    /** {@link ListingWrite#TOO_LARGE}'s reason, the same in the metric and the log line. */
    public static final String LISTING_TOO_LARGE = "goal_listing_too_large";

    /**
     * Stores a workspace's goal listing ({@code GET /team/{id}/goal?include_completed=true}, as
     * answered) fetched at {@code fetchedAt}, under the same guard as a goal.
     *
     * @throws IllegalArgumentException when the answer has no {@code goals} or {@code folders} array
     */
    public ListingWrite writeListing(String teamId, JsonNode listing, Instant fetchedAt) {
        if (listing == null || !listing.path("goals").isArray() || !listing.path("folders").isArray()) {
            throw new IllegalArgumentException("goal listing without goals or folders");
        }
        return GoalItems.listing(teamId, listing, fetchedAt, clock.instant())
                .map(item -> putIfNewer(item, fetchedAt) ? ListingWrite.WRITTEN : ListingWrite.STALE)
                .orElse(ListingWrite.TOO_LARGE);
    }

    /**
     * Counts and logs a listing {@link ListingWrite#TOO_LARGE} ({@code GoalListingSkipped{Reason=goal_listing_too_large}},
     * alarmed in the template: the read API's goal listing of that workspace stops following ClickUp).
     * Nothing for the other outcomes. The one place both writers of listings report it.
     */
    public static void reportTooLarge(ListingWrite write, String teamId, int goals, Metrics metrics) {
        if (write == ListingWrite.TOO_LARGE) {
            metrics.increment("GoalListingSkipped", "Reason", LISTING_TOO_LARGE);
            StructuredLog.log(LOG, Logger.Level.WARN, "goal listing not stored", "reason", LISTING_TOO_LARGE,
                    "team", teamId, "goals", goals, "max_compressed_bytes", GoalItems.MAX_LISTING_BYTES);
        }
    }

    /** The workspace's stored goal listing, if any was stored (one strongly consistent {@code GetItem}). */
    public Optional<StoredListing> listing(String teamId) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(GoalItems.listingKey(teamId))
                .consistentRead(true)).item());
        return item.exists() ? Optional.of(new StoredListing(GoalItems.listingJson(item),
                item.instant(GoalItems.FETCHED_AT), item.instant("written_at"))) : Optional.empty();
    }

    /** A workspace's goal listing as ClickUp answered it, when it was fetched and when stored. */
    public record StoredListing(JsonNode json, Instant fetchedAt, Instant writtenAt) {
    }

    private static String required(JsonNode goal, String field) {
        String value = GoalItems.text(Objects.requireNonNull(goal, "goal JSON"), field);
        if (value == null) {
            throw new IllegalArgumentException("goal JSON without " + field);
        }
        return value;
    }

    private boolean putIfNewer(Map<String, AttributeValue> item, Instant version) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(GoalItems.NEWER)
                    .expressionAttributeValues(Map.of(":t", Item.millis(version))));
            return true;
        } catch (ConditionalCheckFailedException stale) {
            return false;
        }
    }

    /** Deletes the link if it was written before {@code version}; a newer one (or none) stays. */
    private void removeLink(String teamId, String id, Instant version) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(GoalItems.linkKey(teamId, id))
                    .conditionExpression("fetched_at < :t")
                    .expressionAttributeValues(Map.of(":t", Item.millis(version))));
        } catch (ConditionalCheckFailedException newerOrGone) {
            // nothing to remove
        }
    }
}
