package dev.clickupsync.comment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.infra.SyncConfig;
import dev.clickupsync.json.Json;
import dev.clickupsync.store.Item;
import dev.clickupsync.store.Tables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A task's comments in the mirror table, next to its entry: {@code pk = task#<taskId>},
 * {@code sk = comment#<commentId>}, one item per comment. Attributes: {@code comment_id},
 * {@code task_id}, {@code date} (epoch ms, the comment's posting date: the read order),
 * {@code version} (epoch ms, see below), {@code source} ({@code webhook} or {@code fetch}),
 * {@code deleted}, and on a live comment {@code comment_json}: the comment exactly as
 * {@code GET /task/{id}/comment} shows it (compact JSON, served unchanged).
 *
 * <p><b>Version guard.</b> Every write is a conditional put that lands only when there is no item or
 * the stored {@code version} is strictly older, so a duplicate delivery (same version) changes nothing
 * and an older event arriving after a newer one (reordered, redelivered) is refused: any order of the
 * same events ends in the same item. A webhook's version is its history item's {@code date} (when
 * ClickUp made the change, ClickUp's clock); a fetched comment's is the instant just before the
 * {@code GET} (this store's caller's clock), since that answer holds every change made before it.
 * Comparing the two clocks means an edit made within the clocks' skew of a fetch may be ordered
 * wrongly; the comment's next event or fetch repairs it.
 *
 * <p><b>Deletions</b> (only a fetch can see them: ClickUp sends no event for a deleted comment) are
 * tombstones under the same guard, so a late webhook of the comment cannot bring it back; a tombstone
 * expires (TTL) after {@link #TOMBSTONE_LIFE}, longer than any queued event can wait (SQS keeps a
 * message at most 14 days).
 */
@ApplicationScoped
public class CommentStore {
    static final String SK_PREFIX = "comment#";
    static final Duration TOMBSTONE_LIFE = Duration.ofDays(15);
    /** GET /task/{id}/comment's order: newest first by date, then by id (numeric ids by value). */
    public static final Comparator<StoredComment> NEWEST_FIRST = Comparator.comparing(StoredComment::date)
            .thenComparing(StoredComment::commentId, CommentStore::compareIds).reversed();

    /** Whether a write landed. */
    public enum Write { APPLIED, STALE }

    /** Where a comment's stored state came from. */
    public enum Source {
        WEBHOOK, FETCH;

        String code() {
            return name().toLowerCase();
        }
    }

    /** One stored comment: {@code json} null for a tombstone. */
    public record StoredComment(String commentId, Instant date, Instant version, boolean deleted, ObjectNode json) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public CommentStore(DynamoDbClient dynamo, SyncConfig config) {
        this(dynamo, config.tables().mirror());
    }

    public CommentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Stores {@code comment} (GET /task/{id}/comment's shape, with {@code id} and {@code date}) unless
     * the stored item is at {@code version} or newer.
     *
     * @throws IllegalArgumentException if the comment has no id or no numeric date
     */
    public Write put(String taskId, ObjectNode comment, Instant version, Source source) {
        String id = comment.path("id").asText("");
        Instant date = millis(comment.path("date").asText(""));
        if (id.isBlank() || date == null) {
            throw new IllegalArgumentException("comment of task " + taskId + " without id or numeric date");
        }
        return write(Item.with(key(taskId, id)).text("comment_id", id).text("task_id", taskId).instant("date", date)
                .instant("version", version).text("source", source.code()).flag("deleted", false)
                .text("comment_json", comment.toString()).build(), version);
    }

    /** Marks the comment deleted (ClickUp no longer lists it as of {@code version}), unless stored newer. */
    public Write tombstone(String taskId, StoredComment comment, Instant version) {
        return write(Item.with(key(taskId, comment.commentId())).text("comment_id", comment.commentId())
                .text("task_id", taskId).instant("date", comment.date()).instant("version", version)
                .text("source", Source.FETCH.code()).flag("deleted", true)
                .expiresAt(version.plus(TOMBSTONE_LIFE)).build(), version);
    }

    /** Every stored comment of the task, tombstones included, in {@link #NEWEST_FIRST} order (one {@code Query}). */
    public List<StoredComment> forTask(String taskId) {
        List<StoredComment> comments = new ArrayList<>();
        dynamo.queryPaginator(Tables.prefixQuery(table, pk(taskId), SK_PREFIX).build())
                .items().forEach(item -> comments.add(fromItem(Item.of(item))));
        comments.sort(NEWEST_FIRST);
        return List.copyOf(comments);
    }

    /** The task's live comments, newest first. */
    public List<StoredComment> live(String taskId) {
        return forTask(taskId).stream().filter(c -> !c.deleted()).toList();
    }

    private Write write(Map<String, AttributeValue> item, Instant version) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#sk) OR #version < :version")
                    .expressionAttributeNames(Map.of("#sk", Tables.SK, "#version", "version"))
                    .expressionAttributeValues(Map.of(":version", Item.millis(version))));
            return Write.APPLIED;
        } catch (ConditionalCheckFailedException newerStored) {
            return Write.STALE;
        }
    }

    private static StoredComment fromItem(Item item) {
        String json = item.text("comment_json");
        return new StoredComment(item.text("comment_id"), item.instant("date"), item.instant("version"),
                item.flag("deleted"), json == null ? null : parse(json, item.text(Tables.PK)));
    }

    private static ObjectNode parse(String json, String pk) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("unreadable comment in the mirror under " + pk, e);
        }
    }

    /** Epoch ms from a string of digits, or null. */
    static Instant millis(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.ofEpochMilli(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Numeric ids by value (a shorter one is smaller), others as text. */
    static int compareIds(String a, String b) {
        if (a.length() != b.length() && a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static Map<String, AttributeValue> key(String taskId, String commentId) {
        return Item.key(pk(taskId), SK_PREFIX + commentId);
    }

    private static String pk(String taskId) {
        return "task#" + taskId;
    }
}
