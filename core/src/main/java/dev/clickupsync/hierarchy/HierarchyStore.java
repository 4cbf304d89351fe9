package dev.clickupsync.hierarchy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Spaces, folders and lists in the mirror table ({@link HierarchyItems} has the layout).
 *
 * <p><b>Ordering.</b> ClickUp's hierarchy objects carry no {@code date_updated}, so an object's
 * version is the time its fetch <em>began</em> ({@link #beforeFetch()}), and a tombstone's the time
 * the deletion was decided. Every write (object, link, tombstone) is conditional on the stored
 * {@code fetched_at} being strictly older, so a fetch answered before another cannot overwrite it,
 * and a fetch begun before a deletion was recorded never resurrects the object; one begun after it
 * (a restore from the trash) does.
 *
 * <p><b>Moves.</b> A write puts the new link first, removes the old one (when the parent or the order
 * changed), and writes the object last: a Lambda that dies in between is redone from the object,
 * which still names the old link. A write that loses the race to a newer one removes the link it put
 * (when that is no longer the object's); whatever still dangles (a crash right there) is removed by
 * reconcile's pass, which checks each link against its object.
 */
@ApplicationScoped
public class HierarchyStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    @Inject
    public HierarchyStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror(), Clock.systemUTC());
    }

    public HierarchyStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The version to give what a request started now will answer; take it before the request. */
    public Instant beforeFetch() {
        return clock.instant();
    }

    /**
     * Stores ClickUp's JSON of one object, fetched at {@code fetchedAt}. {@code teamId} matters for
     * spaces only (their JSON does not name the workspace); null keeps the stored one.
     *
     * @return false when the stored object is as new or newer (nothing changed)
     */
    public boolean write(HierarchyKind kind, JsonNode json, String teamId, Instant fetchedAt) {
        String id = Objects.requireNonNull(HierarchyItems.text(json, "id"), "hierarchy JSON without id");
        Optional<HierarchyObject> stored = find(kind, id);
        if (stored.isPresent() && !stored.get().fetchedAt().isBefore(fetchedAt)) {
            return false;
        }
        String team = teamId != null ? teamId : stored.map(HierarchyObject::teamId).orElse(null);
        String linkPk = HierarchyItems.linkPartition(kind, json, team);
        String linkSk = linkPk == null ? null : HierarchyItems.linkSort(json);
        if (linkPk != null) {
            putIfNewer(HierarchyItems.link(linkPk, linkSk, json, fetchedAt), fetchedAt);
        }
        stored.filter(s -> s.linkPk() != null && !(s.linkPk().equals(linkPk) && s.linkSk().equals(linkSk)))
                .ifPresent(s -> removeLink(s.linkPk(), s.linkSk(), fetchedAt));
        boolean written = putIfNewer(HierarchyItems.object(kind, id, json, fetchedAt, clock.instant(), linkPk, linkSk,
                team), fetchedAt);
        if (!written && linkPk != null) {
            // A newer write won: the link we put is stale unless it is that write's link too.
            find(kind, id).filter(now -> !(linkPk.equals(now.linkPk()) && linkSk.equals(now.linkSk())))
                    .ifPresent(now -> removeLink(linkPk, linkSk, fetchedAt.plusMillis(1)));
        }
        return written;
    }

    /**
     * Records the object as deleted as of {@code at} and removes its link. Children are not touched
     * here ({@link HierarchyCascade} deletes them first).
     *
     * @return false when the stored object is newer, or already a tombstone
     */
    public boolean tombstone(HierarchyKind kind, String id, Instant at) {
        Optional<HierarchyObject> stored = find(kind, id);
        if (stored.isPresent() && (stored.get().deleted() || !stored.get().fetchedAt().isBefore(at))) {
            return false;
        }
        stored.filter(s -> s.linkPk() != null).ifPresent(s -> removeLink(s.linkPk(), s.linkSk(), at));
        return putIfNewer(HierarchyItems.object(kind, id, null, at, clock.instant(), null, null,
                stored.map(HierarchyObject::teamId).orElse(null)), at);
    }

    /** The stored object or tombstone (one strongly consistent {@code GetItem}). */
    public Optional<HierarchyObject> find(HierarchyKind kind, String id) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(HierarchyItems.key(kind, id))
                .consistentRead(true)).item());
        return item.exists() ? Optional.of(HierarchyItems.read(kind, id, item)) : Optional.empty();
    }

    /**
     * Stores a list's members ({@code GET /list/{id}/member}'s answer) fetched at {@code fetchedAt},
     * unless a fetch as new or newer is stored. ClickUp sends no webhook when a list is shared, so
     * reconcile's hierarchy pass keeps these; a {@code listCreated} stores the first.
     */
    public boolean writeMembers(String listId, JsonNode members, Instant fetchedAt) {
        return putIfNewer(Item.with(HierarchyItems.membersKey(listId))
                .text(HierarchyItems.JSON, members.toString())
                .instant(HierarchyItems.FETCHED_AT, fetchedAt)
                .instant("written_at", clock.instant())
                .build(), fetchedAt);
    }

    /** A list's stored members: the answer, when it was fetched and written; empty when never fetched. */
    public Optional<Members> members(String listId) {
        Item item = Item.of(dynamo.getItem(b -> b.tableName(table).key(HierarchyItems.membersKey(listId))
                .consistentRead(true)).item());
        return item.exists() ? Optional.of(new Members(HierarchyItems.parse(item.text(HierarchyItems.JSON)),
                item.instant(HierarchyItems.FETCHED_AT), item.instant("written_at"))) : Optional.empty();
    }

    /** A list's members as {@code GET /list/{id}/member} answered them. */
    public record Members(JsonNode json, Instant fetchedAt, Instant writtenAt) {
    }

    /** A parent's live children in ClickUp's order (one paged {@code Query}); partitions from {@link Partitions}. */
    public List<Link> children(String linkPk) {
        List<Link> links = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Item.s(linkPk)))).items().forEach(raw -> {
            Item item = Item.of(raw);
            links.add(new Link(linkPk, item.text(Tables.SK), item.text("id"), HierarchyItems.parse(item.text(HierarchyItems.JSON)),
                    item.instant(HierarchyItems.FETCHED_AT)));
        });
        return links;
    }

    /** Removes a link item that no object names any more (reconcile's repair of a write cut short). */
    public void removeDangling(Link link) {
        removeLink(link.pk(), link.sk(), link.fetchedAt().plusMillis(1));
    }

    /** One child under a parent: its JSON as last written with its object. */
    public record Link(String pk, String sk, String id, JsonNode json, Instant fetchedAt) {
    }

    /** The link partitions the read endpoints and the cascade query. */
    public static final class Partitions {
        private Partitions() {
        }

        public static String spacesOf(String teamId) {
            return HierarchyItems.spacesOf(teamId);
        }

        public static String foldersOf(String spaceId) {
            return HierarchyItems.foldersOf(spaceId);
        }

        public static String folderlessListsOf(String spaceId) {
            return HierarchyItems.folderlessListsOf(spaceId);
        }

        public static String listsOf(String folderId) {
            return HierarchyItems.listsOf(folderId);
        }
    }

    private boolean putIfNewer(Map<String, AttributeValue> item, Instant version) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(HierarchyItems.NEWER)
                    .expressionAttributeValues(Map.of(":t", Item.millis(version))));
            return true;
        } catch (ConditionalCheckFailedException stale) {
            return false;
        }
    }

    /** Deletes a link item written before {@code version}; a newer one (or none) stays as it is. */
    private void removeLink(String pk, String sk, Instant version) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Item.key(pk, sk)).conditionExpression("fetched_at < :t")
                    .expressionAttributeValues(Map.of(":t", Item.millis(version))));
        } catch (ConditionalCheckFailedException newerOrGone) {
            // nothing to remove
        }
    }
}
