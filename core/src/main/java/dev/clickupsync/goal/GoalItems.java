package dev.clickupsync.goal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.json.GzipJson;
import dev.clickupsync.json.Json;
import dev.clickupsync.store.Item;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How goals are laid out in the mirror table (the package comment has the why).
 * <ul>
 *   <li><b>Object item</b> {@code pk = g#goal#<id>}, {@code sk = object}: {@code json} (the
 *       {@code goal} object of {@code GET /goal/{id}}, absent on a tombstone), {@code fetched_at}
 *       (epoch ms, the version the guards compare), {@code deleted}, {@code written_at}, {@code team_id}.</li>
 *   <li><b>Link item</b> {@code pk = g#team#<team>#goal}, {@code sk = <goal id>}: {@code json},
 *       {@code id} and {@code fetched_at} copied from the object; absent while the goal is deleted.</li>
 *   <li><b>Listing item</b> {@code pk = g#team#<team>#listing}, {@code sk = object}: {@code json_gz} (the
 *       whole answer of {@code GET /team/{id}/goal?include_completed=true}, gzip'd: {@link GzipJson}),
 *       {@code fetched_at}, {@code written_at}. A listing stored before it was compressed has the
 *       text attribute {@code json} instead, still read.</li>
 * </ul>
 */
final class GoalItems {
    static final String OBJECT = "object";
    static final String JSON = "json";
    static final String FETCHED_AT = "fetched_at";
    static final String TEAM_ID = "team_id";
    static final String JSON_GZ = "json_gz";
    /**
     * The largest compressed listing stored (bytes), under DynamoDB's 400 KB with room for the key and
     * the other attributes. A listing entry is about 1 KB of JSON and compresses several times, so
     * this holds a few thousand goals.
     */
    static final int MAX_LISTING_BYTES = 380_000;
    /** The guard of every write: nothing stored yet, or a strictly older version. */
    static final String NEWER = "attribute_not_exists(pk) OR fetched_at < :t";

    private GoalItems() {
    }

    static Map<String, AttributeValue> key(String goalId) {
        return Item.key("g#goal#" + goalId, OBJECT);
    }

    static String goalsOf(String teamId) {
        return "g#team#" + teamId + "#goal";
    }

    static Map<String, AttributeValue> linkKey(String teamId, String goalId) {
        return Item.key(goalsOf(teamId), goalId);
    }

    static Map<String, AttributeValue> listingKey(String teamId) {
        return Item.key("g#team#" + teamId + "#listing", OBJECT);
    }

    /**
     * The listing's item, or empty when even compressed it exceeds {@link #MAX_LISTING_BYTES}: an
     * item over DynamoDB's 400 KB would be refused whole.
     */
    static Optional<Map<String, AttributeValue>> listing(String teamId, JsonNode json, Instant fetchedAt,
                                                         Instant writtenAt) {
        return GzipJson.encode(json, MAX_LISTING_BYTES).map(gz -> Item.with(listingKey(teamId))
                .value(JSON_GZ, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(gz)))
                .instant(FETCHED_AT, fetchedAt)
                .instant("written_at", writtenAt)
                .build());
    }

    /** The listing JSON a listing item holds: compressed, or as text when stored before compression. */
    static JsonNode listingJson(Item item) {
        return item.raw(JSON_GZ).filter(v -> v.b() != null)
                .map(v -> GzipJson.decode(v.b().asInputStream(), "goal listing"))
                .orElseGet(() -> parse(item.text(JSON)));
    }

    static Map<String, AttributeValue> object(String id, JsonNode json, Instant fetchedAt, Instant writtenAt,
                                              String teamId) {
        return Item.with(key(id))
                .text(JSON, json == null ? null : json.toString())
                .instant(FETCHED_AT, fetchedAt)
                .flag("deleted", json == null)
                .instant("written_at", writtenAt)
                .text(TEAM_ID, teamId)
                .build();
    }

    static Map<String, AttributeValue> link(String teamId, String id, JsonNode json, Instant fetchedAt) {
        return Item.with(linkKey(teamId, id))
                .text(JSON, json.toString())
                .text("id", id)
                .instant(FETCHED_AT, fetchedAt)
                .build();
    }

    static StoredGoal read(String id, Item item) {
        return new StoredGoal(id, parse(item.text(JSON)), item.instant(FETCHED_AT), item.flag("deleted"),
                item.text(TEAM_ID), item.instant("written_at"));
    }

    static JsonNode parse(String json) {
        return Json.stored(json, "goal");
    }

    static String text(JsonNode node, String field) {
        return Json.textOrNull(node, field);
    }
}
