package dev.clickupsync.mirror;

import dev.clickupsync.mirror.MirrorStore.Deletion;
import dev.clickupsync.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * {@link MirrorStore}'s ordering rules (numbered as in its class comment) as the DynamoDB conditions
 * its conditional puts carry, each with the values it compares. A condition is evaluated by DynamoDB
 * against the stored item ({@link MirrorItems}' layout), so a rule holds against concurrent writers
 * without a read. Instants are compared as the epoch milliseconds the item stores.
 *
 * @param expression a {@code ConditionExpression}
 * @param values     its {@code ExpressionAttributeValues} (empty when it has none)
 */
record MirrorConditions(String expression, Map<String, AttributeValue> values) {
    private static final AttributeValue NO = AttributeValue.fromBool(false);
    private static final AttributeValue YES = AttributeValue.fromBool(true);
    private static final AttributeValue BY_EVENT = Item.s(Deletion.EVENT.code());
    /** Rules 1 to 3, and a tombstone's own write: a strictly newer version. */
    private static final String NEWER_ONLY = "attribute_not_exists(pk) OR date_updated < :du";
    /** Rules 1 and 3 for a live snapshot: newer, over anything but a 404's tombstone (rule 5 decides those). */
    private static final String LIVE_NEWER =
            "attribute_not_exists(pk) OR (date_updated < :du AND (deleted = :no OR deleted_by = :event))";
    /** {@link #LIVE_NEWER}, or the same live version only verified through an older one. */
    private static final String NEWER_OR_BETTER_VERIFIED =
            LIVE_NEWER + " OR (date_updated = :du AND verified_through < :du AND deleted = :no)";
    /** Rule 5: a 404's tombstone (or one from before {@code deleted_by}) written before the fetch began. */
    private static final String HEALABLE = "(deleted = :yes AND (deleted_by = :not_found"
            + " OR attribute_not_exists(deleted_by)) AND written_at < :fetched)";
    /** The same live version, stored without {@code markdown_description} ({@link MirrorItems#HAS_MARKDOWN}). */
    private static final String SAME_WITHOUT_MARKDOWN =
            "(date_updated = :du AND deleted = :no AND attribute_not_exists(" + MirrorItems.HAS_MARKDOWN + "))";
    /** Rule 7 and deltas: the exact live entry the delta was derived from. */
    private static final String DELTA_BASE = "date_updated = :du AND verified_through = :vt AND deleted = :no";
    /** The exact entry that was read: nothing was written in between. */
    private static final String UNCHANGED = "date_updated = :du AND written_at = :written";

    /** No entry yet. */
    static MirrorConditions absent() {
        return new MirrorConditions("attribute_not_exists(pk)", Map.of());
    }

    /** A version strictly newer than the stored one, whatever the stored entry is (a tombstone's write). */
    static MirrorConditions newerThanStored(Instant version) {
        return new MirrorConditions(NEWER_ONLY, Map.of(":du", Item.millis(version)));
    }

    /** A live snapshot that is no fetch: strictly newer, and never over a 404's tombstone. */
    static MirrorConditions liveNewer(Instant version) {
        return new MirrorConditions(LIVE_NEWER, Map.of(":du", Item.millis(version), ":no", NO, ":event", BY_EVENT));
    }

    /** A fetched snapshot: {@link #liveNewer}, or better verified at the same version, or healing a 404 (rule 5). */
    static MirrorConditions fetched(Instant version, Instant fetchedAt) {
        return fetched(version, fetchedAt, false);
    }

    /**
     * {@link #fetched(Instant, Instant)}; with {@code withMarkdown} (the fetched JSON has
     * {@code markdown_description}) also the same live version stored without it: an entry written before
     * fetches asked for it, or reduced, so {@code include_markdown_description=true} can be served.
     */
    static MirrorConditions fetched(Instant version, Instant fetchedAt, boolean withMarkdown) {
        String expression = NEWER_OR_BETTER_VERIFIED + " OR " + HEALABLE
                + (withMarkdown ? " OR " + SAME_WITHOUT_MARKDOWN : "");
        return new MirrorConditions(expression, Map.of(":du", Item.millis(version),
                ":no", NO, ":yes", YES, ":event", BY_EVENT, ":not_found", Item.s(Deletion.NOT_FOUND.code()),
                ":fetched", Item.millis(fetchedAt)));
    }

    /** A delta's compare-and-set: the stored entry is still the live one of this version and verification. */
    static MirrorConditions deltaBase(Instant baseVersion, Instant verifiedThrough) {
        return new MirrorConditions(DELTA_BASE, Map.of(":du", Item.millis(baseVersion),
                ":vt", Item.millis(verifiedThrough), ":no", NO));
    }

    /** The stored entry is exactly the one read (same version, same {@code written_at}). */
    static MirrorConditions unchanged(Instant version, Instant writtenAt) {
        return new MirrorConditions(UNCHANGED, Map.of(":du", Item.millis(version), ":written", Item.millis(writtenAt)));
    }
}
